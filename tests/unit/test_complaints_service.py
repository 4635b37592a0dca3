"""Complaint actions against a real SQLite file: status, resolution, notes, locking."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import Complaint, ComplaintEvent, Customer, Order
from csdesk.services import complaints


@pytest.fixture
def complaint(db: object) -> Complaint:
    customer = Customer.create(name="Dewi Anggraini")
    order = Order.create(
        marketplace="shopee",
        order_no="2603021ABCD",
        customer=customer,
        status="delivered",
        ordered_at=dt.datetime(2026, 3, 1, 3, 0),
        total=150_000,
    )
    return Complaint.create(code="KL-2026-0001", customer=customer, order=order, category="damaged")


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.get_by_id(complaint.id)


def events(complaint: Complaint) -> list[tuple[str, str, str]]:
    query = ComplaintEvent.select().where(ComplaintEvent.complaint == complaint.id)
    return [(e.kind, e.author, e.detail) for e in query.order_by(ComplaintEvent.id)]


def test_resolving_stamps_resolved_at_and_logs_the_move(complaint: Complaint) -> None:
    version = complaints.change_status(
        complaint.id, "waiting_courier", author="Ayu", expected_version=1
    )
    assert fresh(complaint).resolved_at is None
    complaints.change_status(
        complaint.id, "resolved", author="Ayu", expected_version=version, note="Barang diganti"
    )
    saved = fresh(complaint)
    assert saved.status == "resolved"
    assert saved.resolved_at is not None
    assert saved.version == 3
    assert events(complaint) == [
        ("status", "Ayu", "Status: Baru → Menunggu Kurir"),
        ("status", "Ayu", "Status: Menunggu Kurir → Selesai\nBarang diganti"),
    ]


def test_reopening_clears_resolved_at(complaint: Complaint) -> None:
    version = complaints.change_status(complaint.id, "rejected", author="Ayu", expected_version=1)
    assert fresh(complaint).resolved_at is not None
    complaints.change_status(complaint.id, "new", author="Ayu", expected_version=version)
    assert fresh(complaint).resolved_at is None


def test_stale_version_is_refused(complaint: Complaint) -> None:
    complaints.change_status(complaint.id, "resolved", author="Ayu", expected_version=1)
    with pytest.raises(ConflictError, match="Komplain ini baru saja diubah oleh admin lain"):
        complaints.change_status(complaint.id, "rejected", author="Budi", expected_version=1)
    with pytest.raises(ConflictError):
        complaints.set_resolution(
            complaint.id, "refund", 50_000, 0, author="Budi", expected_version=1
        )
    saved = fresh(complaint)
    assert (saved.status, saved.resolution, saved.refund_amount) == ("resolved", "", 0)
    assert [e[1] for e in events(complaint)] == ["Ayu"]


def test_set_resolution_records_amounts(complaint: Complaint) -> None:
    complaints.set_resolution(
        complaint.id, "partial_refund", 50_000, 12_000, author="Ayu", expected_version=1
    )
    saved = fresh(complaint)
    assert (saved.resolution, saved.refund_amount, saved.cost) == ("partial_refund", 50_000, 12_000)
    assert events(complaint) == [
        ("resolution", "Ayu", "Refund sebagian, refund Rp50.000, biaya Rp12.000")
    ]


@pytest.mark.parametrize(
    ("resolution", "refund", "cost", "message"),
    [
        ("", 0, 0, "Pilih penyelesaian"),
        ("refund", 0, 0, "Isi nominal refund"),
        ("replacement", 10_000, 0, "hanya untuk refund"),
        ("refund", 200_000, 0, "melebihi total pesanan Rp150.000"),
        ("compensation", 0, -5, "tidak boleh negatif"),
    ],
)
def test_set_resolution_refuses_nonsense(
    complaint: Complaint, resolution: str, refund: int, cost: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        complaints.set_resolution(
            complaint.id, resolution, refund, cost, author="Ayu", expected_version=1
        )
    assert fresh(complaint).version == 1
    assert events(complaint) == []


def test_notes_append_without_a_version(complaint: Complaint) -> None:
    complaints.add_note(complaint.id, "  Pembeli kirim video unboxing  ", "Ayu")
    assert events(complaint) == [("note", "Ayu", "Pembeli kirim video unboxing")]
    assert fresh(complaint).version == 1
    with pytest.raises(ValidationError):
        complaints.add_note(complaint.id, " ", "Ayu")


def test_unknown_complaint_or_status(complaint: Complaint) -> None:
    with pytest.raises(NotFoundError, match="#99"):
        complaints.change_status(99, "resolved", author="Ayu", expected_version=1)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        complaints.change_status(complaint.id, "done", author="Ayu", expected_version=1)
