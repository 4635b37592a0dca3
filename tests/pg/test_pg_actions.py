"""What admins do at the desk, on PostgreSQL: quick replies, notes, replies, assignment,
complaint resolutions; and a refused write that leaves the connection usable."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from csdesk.errors import ValidationError
from csdesk.models import (
    Complaint,
    ComplaintEvent,
    Conversation,
    Customer,
    Message,
    Order,
    Template,
    User,
)
from csdesk.services import complaints, conversations, templates
from csdesk.services.database import open_database
from csdesk.services.templates_default import install_default_templates

AT = dt.datetime(2026, 3, 5, 2, 0)


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def test_quick_replies(pg_db: pw.Database) -> None:
    installed = install_default_templates()
    assert installed > 0
    assert install_default_templates() == 0  # idempotent on a server too
    saved = templates.save_template(
        None, title="Cek resi", shortcut="/Cek_Resi", body="Resi kakak: {resi}"
    )
    assert templates.find_by_shortcut("/cek_resi") is not None
    with pytest.raises(ValidationError, match="sudah dipakai"):
        templates.save_template(None, title="Lagi", shortcut="/cek_resi", body="x")
    assert [t.id for t in templates.list_templates("RESI KAKAK")] == [saved.id]
    templates.delete_template(saved.id)
    assert Template.select().count() == installed


def test_a_refused_insert_leaves_the_connection_usable(pg_db: pw.Database) -> None:
    """PostgreSQL aborts a transaction on an error; outside `atomic()` each statement is its
    own, so the next one works (save_template relies on it when two desks race)."""
    Template.create(title="Rekening", shortcut="/rek", body="BCA 123")
    with pytest.raises(pw.IntegrityError):
        Template.create(title="Rekening 2", shortcut="/rek", body="BRI 456")
    assert Template.select().count() == 1
    with pg_db.atomic():
        with pytest.raises(pw.IntegrityError), pg_db.atomic():  # a savepoint
            Template.create(title="Rekening 3", shortcut="/rek", body="BNI 789")
        Template.create(title="Ongkir", shortcut="/ongkir", body="Cek ongkir")
    assert Template.select().count() == 2


def test_conversation_actions(pg_db: pw.Database) -> None:
    rina = User.create(name="Rina", role="owner")
    conv = Conversation.create(
        customer=Customer.create(name="Sari"),
        waiting_since=AT,
        first_response_due=AT + dt.timedelta(minutes=15),
    )
    version = conversations.assign(conv.id, rina.id, expected_version=1, author="Rina")
    conversations.add_note(conv.id, "Cek stok dulu", "Rina")
    conversations.log_reply(conv.id, "Ready kak, silakan checkout", "Rina")
    again = Conversation.get_by_id(conv.id)
    assert again.assignee_id == rina.id
    assert again.waiting_since is None
    assert again.version > version
    bodies = [(m.direction, m.body) for m in Message.select().order_by(Message.id)]
    assert bodies == [
        ("note", "Ditugaskan ke Rina"),
        ("note", "Cek stok dulu"),
        ("out", "Ready kak, silakan checkout"),
    ]
    assert again.message_count == 3
    assert conversations.current_author() == "Rina"


def test_complaint_resolution(pg_db: pw.Database) -> None:
    order = Order.create(
        marketplace="shopee", order_no="X1", status="completed", ordered_at=AT, total=250_000
    )
    complaint = Complaint.create(code="KL-2026-0007", category="damaged", order=order)
    with pytest.raises(ValidationError, match="melebihi total"):
        complaints.set_resolution(
            complaint.id, "refund", 300_000, 0, author="Rina", expected_version=1
        )
    version = complaints.set_resolution(
        complaint.id, "partial_refund", 50_000, 12_000, author="Rina", expected_version=1
    )
    complaints.change_status(complaint.id, "resolved", author="Rina", expected_version=version)
    complaints.add_note(complaint.id, "Pembeli puas", "Rina")
    again = Complaint.get_by_id(complaint.id)
    assert (again.resolution, again.refund_amount, again.cost) == ("partial_refund", 50_000, 12_000)
    assert again.status == "resolved"
    assert again.resolved_at is not None
    kinds = [e.kind for e in ComplaintEvent.select().order_by(ComplaintEvent.id)]
    assert kinds == ["resolution", "status", "note"]
