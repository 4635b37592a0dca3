"""Conversation actions against a real SQLite file: what the database holds afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import Conversation, Customer, Message, Order, User
from csdesk.services import conversations, details

T = dt.datetime(2026, 3, 2, 1, 0)


@pytest.fixture
def conv(db: object) -> Conversation:
    customer = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    waiting = dt.datetime(2026, 3, 2, 1, 0)
    conv = Conversation.create(
        customer=customer,
        channel="whatsapp",
        waiting_since=waiting,
        first_response_due=waiting + dt.timedelta(minutes=15),
        last_message_at=waiting,
        last_message_preview="Kak, paket saya kok belum sampai?",
        message_count=1,
    )
    Message.create(
        conversation=conv, direction="in", author="Siti", sent_at=waiting, body="Kak, paket?"
    )
    return conv


def fresh(conv: Conversation) -> Conversation:
    return Conversation.get_by_id(conv.id)


def test_close_then_reopen_bumps_version_and_logs_who(conv: Conversation) -> None:
    version = conversations.set_status(conv.id, "closed", author="Ayu", expected_version=1)
    assert version == 2
    assert fresh(conv).status == "closed"
    version = conversations.set_status(conv.id, "open", author="Ayu", expected_version=version)
    saved = fresh(conv)
    assert (saved.status, saved.version) == ("open", 3)
    events = [m.body for m in Message.select().where(Message.kind == "event")]
    assert events == ["Status: Selesai", "Status: Terbuka"]


def test_stale_version_is_refused_and_nothing_changes(conv: Conversation) -> None:
    conversations.set_status(conv.id, "closed", author="Ayu", expected_version=1)
    with pytest.raises(ConflictError, match="baru saja diubah oleh admin lain"):
        conversations.set_status(conv.id, "pending", author="Budi", expected_version=1)
    assert fresh(conv).status == "closed"
    assert Message.select().where(Message.author == "Budi").count() == 0


def test_snooze_needs_a_time_and_reopening_clears_it(conv: Conversation) -> None:
    with pytest.raises(ValidationError):
        conversations.set_status(conv.id, "snoozed", author="Ayu", expected_version=1)
    until = conversations.snooze_until_tomorrow(dt.datetime(2026, 3, 2, 20, 0))
    version = conversations.set_status(
        conv.id, "snoozed", author="Ayu", expected_version=1, snoozed_until=until
    )
    assert fresh(conv).snoozed_until == until
    conversations.set_status(conv.id, "open", author="Ayu", expected_version=version)
    assert fresh(conv).snoozed_until is None


def test_snooze_is_tomorrow_eight_in_the_shop_zone() -> None:
    # 20.00 UTC on 2 March is 03.00 WIB on 3 March: "tomorrow" is the 4th, 08.00 WIB = 01.00 UTC.
    assert conversations.snooze_until_tomorrow(dt.datetime(2026, 3, 2, 20, 0)) == dt.datetime(
        2026, 3, 4, 1, 0
    )
    assert conversations.snooze_until_tomorrow(dt.datetime(2026, 3, 2, 5, 0), "WIT") == dt.datetime(
        2026, 3, 2, 23, 0
    )


def test_unknown_status_is_refused(conv: Conversation) -> None:
    with pytest.raises(ValidationError, match="tidak dikenal"):
        conversations.set_status(conv.id, "archived", author="Ayu", expected_version=1)


def test_assign_and_unassign(conv: Conversation) -> None:
    budi = User.create(name="Budi")
    User.create(name="Lama", active=False)
    assert [u.name for u in conversations.list_users()] == ["Budi"]
    version = conversations.assign(conv.id, budi.id, expected_version=1, author="Ayu")
    assert fresh(conv).assignee.name == "Budi"
    conversations.assign(conv.id, None, expected_version=version)
    assert fresh(conv).assignee is None
    with pytest.raises(ConflictError):
        conversations.assign(conv.id, budi.id, expected_version=version)


def test_assign_to_unknown_admin_is_refused(conv: Conversation) -> None:
    with pytest.raises(NotFoundError):
        conversations.assign(conv.id, 999, expected_version=1)
    assert fresh(conv).version == 1


def test_reply_stops_the_waiting_clock(conv: Conversation) -> None:
    conversations.log_reply(conv.id, "  Halo kak Siti, paketnya sedang diantar kurir ya  ", "Ayu")
    saved = fresh(conv)
    assert saved.waiting_since is None
    assert saved.first_response_due is None
    assert saved.message_count == 2
    assert saved.last_message_preview == "Halo kak Siti, paketnya sedang diantar kurir ya"
    assert saved.version == 2
    reply = Message.get(Message.direction == "out")
    assert (reply.author, reply.body) == ("Ayu", "Halo kak Siti, paketnya sedang diantar kurir ya")
    assert saved.last_message_at == reply.sent_at


def test_note_is_internal_and_keeps_the_customer_waiting(conv: Conversation) -> None:
    conversations.add_note(conv.id, "Sudah cek ke J&T, paket tertahan di gudang", "Ayu")
    saved = fresh(conv)
    assert saved.waiting_since is not None
    assert saved.last_message_preview == "Kak, paket saya kok belum sampai?"
    assert saved.message_count == 2
    note = Message.get(Message.direction == "note")
    assert note.body == "Sudah cek ke J&T, paket tertahan di gudang"


def test_empty_reply_or_note_is_refused(conv: Conversation) -> None:
    with pytest.raises(ValidationError, match="Balasan masih kosong"):
        conversations.log_reply(conv.id, "   ", "Ayu")
    with pytest.raises(ValidationError, match="Catatan internal masih kosong"):
        conversations.add_note(conv.id, "", "Ayu")
    assert Message.select().count() == 1


def test_unknown_conversation(db: object) -> None:
    with pytest.raises(NotFoundError, match="#42"):
        conversations.log_reply(42, "Halo", "Ayu")
    with pytest.raises(NotFoundError):
        conversations.set_status(42, "closed", author="Ayu", expected_version=1)


def test_current_author_prefers_the_owner(db: object) -> None:
    assert conversations.current_author() == "Admin"
    User.create(name="Andi")
    User.create(name="Ayu", role="owner")
    assert conversations.current_author() == "Ayu"


def test_link_and_unlink_an_order(conv: Conversation) -> None:
    order = Order.create(
        order_no="INV/20260302/001", marketplace="manual", status="unpaid", ordered_at=T
    )
    version = conversations.link_order(conv.id, order.id, author="Ayu", expected_version=1)
    assert fresh(conv).order_id == order.id
    detail = details.conversation_detail(conv.id)
    assert detail.linked_order is not None
    assert detail.linked_order.order_no == "INV/20260302/001"
    assert detail.messages[-1].body == "Ditautkan ke pesanan INV/20260302/001"
    conversations.link_order(conv.id, None, author="Ayu", expected_version=version)
    assert fresh(conv).order_id is None
    assert details.conversation_detail(conv.id).linked_order is None
    last = Message.select().order_by(Message.id.desc()).first()
    assert (last.body, last.author) == ("Tautan ke pesanan INV/20260302/001 dilepas", "Ayu")


def test_link_refuses_a_stale_version_or_an_unknown_order(conv: Conversation) -> None:
    order = Order.create(order_no="INV-1", marketplace="manual", status="unpaid", ordered_at=T)
    with pytest.raises(NotFoundError, match="Pesanan #999"):
        conversations.link_order(conv.id, 999, author="Ayu", expected_version=1)
    conversations.set_status(conv.id, "pending", author="Budi", expected_version=1)
    with pytest.raises(ConflictError):
        conversations.link_order(conv.id, order.id, author="Ayu", expected_version=1)
    assert fresh(conv).order_id is None


def test_current_user_is_the_owner_else_the_first_admin(db: object) -> None:
    assert conversations.current_user() is None
    assert conversations.current_author() == "Admin"
    User.create(name="Rina")
    budi = User.create(name="Budi")
    assert conversations.current_author() == "Budi"
    ayu = User.create(name="Ayu", role="owner")
    assert conversations.current_user_id() == ayu.id
    User.update(active=False).where(User.id == ayu.id).execute()
    assert conversations.current_user_id() == budi.id
