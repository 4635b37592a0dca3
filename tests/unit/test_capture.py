"""Quick capture into a real SQLite file: the conversation, its messages and its timers."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import ValidationError
from csdesk.models import Conversation, Customer, CustomerIdentity, Message, User
from csdesk.services import capture, conversations, settings
from csdesk.services.conversations_list import ConversationListSource
from csdesk.services.listing import ListQuery
from csdesk.services.manual_orders import CustomerDraft

# Saturday 8 March 2025 16.55 WIB; the default hours: Mon–Sat 08.00–17.00, Sunday closed.
SATURDAY_1655 = dt.datetime(2025, 3, 8, 9, 55)
MONDAY_0810 = dt.datetime(2025, 3, 10, 1, 10)


@pytest.fixture
def siti(db: object) -> Customer:
    return Customer.create(name="Siti Rahma", nickname="Kak Siti")


def fresh(conv_id: int) -> Conversation:
    return Conversation.get_by_id(conv_id)


def bodies(conv_id: int) -> list[tuple[str, str]]:
    query = Message.select().where(Message.conversation == conv_id)
    return [(m.direction, m.body) for m in query.order_by(Message.sent_at, Message.id)]


def test_saturday_evening_message_is_due_monday_morning(siti: Customer) -> None:
    got = capture.capture(
        "instagram",
        "  Kak, kerudung pashmina warna mocca ready?  ",
        customer_id=siti.id,
        at=SATURDAY_1655,
        now=SATURDAY_1655,
    )
    conv = fresh(got.conversation_id)
    assert (got.added, got.conversation_created, got.customer_created) == (1, True, False)
    assert (conv.channel, conv.customer_id, conv.status) == ("instagram", siti.id, "open")
    assert conv.waiting_since == SATURDAY_1655
    # 5 minutes on Saturday, Sunday off, the other 10 minutes on Monday from 08.00.
    assert conv.first_response_due == MONDAY_0810
    assert conv.last_message_preview == "Kak, kerudung pashmina warna mocca ready?"
    assert conv.message_count == 1
    assert bodies(conv.id) == [("in", "Kak, kerudung pashmina warna mocca ready?")]
    message = Message.get(Message.conversation == conv.id)
    assert message.author == "Siti Rahma"


def test_holiday_monday_moves_the_due_time_to_tuesday(siti: Customer) -> None:
    shop = settings.load()
    shop.holidays = [dt.date(2025, 3, 10)]
    settings.save(shop)
    got = capture.capture("whatsapp", "Halo kak", customer_id=siti.id, at=SATURDAY_1655)
    assert fresh(got.conversation_id).first_response_due == MONDAY_0810 + dt.timedelta(days=1)


def test_second_message_keeps_the_oldest_wait_and_a_reply_stops_it(siti: Customer) -> None:
    first = capture.capture("whatsapp", "Halo kak", customer_id=siti.id, at=SATURDAY_1655)
    later = SATURDAY_1655 + dt.timedelta(minutes=3)
    second = capture.capture("whatsapp", "Ada yang ukuran L?", customer_id=siti.id, at=later)
    assert second.conversation_id == first.conversation_id
    assert not second.conversation_created
    conv = fresh(first.conversation_id)
    assert conv.waiting_since == SATURDAY_1655
    assert conv.message_count == 2
    assert conv.last_message_preview == "Ada yang ukuran L?"
    conversations.log_reply(conv.id, "Ada kak", "Ayu")
    assert fresh(conv.id).waiting_since is None


def test_closed_conversation_opens_again(siti: Customer) -> None:
    first = capture.capture("shopee", "Paket sudah sampai", customer_id=siti.id)
    conversations.set_status(first.conversation_id, "closed", author="Ayu", expected_version=2)
    again = capture.capture("shopee", "Kak, barangnya cacat", customer_id=siti.id)
    assert again.conversation_id == first.conversation_id
    conv = fresh(first.conversation_id)
    assert conv.status == "open"
    assert conv.waiting_since is not None


def test_each_channel_has_its_own_conversation(siti: Customer) -> None:
    wa = capture.capture("whatsapp", "Halo", customer_id=siti.id)
    phone = capture.capture("phone", "Telepon: tanya ongkir ke Bandung", customer_id=siti.id)
    assert wa.conversation_id != phone.conversation_id
    assert fresh(phone.conversation_id).channel == "phone"


def test_new_customer_with_phone(db: object) -> None:
    got = capture.capture(
        "tiktok",
        "Kak ini bisa COD?",
        new_customer=CustomerDraft(name=" Dewi Lestari ", phone="0812-3456-7890"),
    )
    assert got.customer_created
    conv = fresh(got.conversation_id)
    assert conv.customer.name == "Dewi Lestari"
    assert conv.title == "Dewi Lestari"
    identity = CustomerIdentity.get(CustomerIdentity.customer == conv.customer_id)
    assert identity.normalized == "+6281234567890"


def test_whatsapp_snippet_is_split_shop_lines_are_replies(siti: Customer) -> None:
    User.create(name="Ayu")
    snippet = (
        "[08/03/25 16.40.01] Siti Rahma: Kak, rekening BCA berapa?\n"
        "[08/03/25 16.41.10] Ayu: BCA 1234567890 a.n. Toko Berkah kak\n"
        "[08/03/25 16.55.00] Siti Rahma: Sudah transfer ya kak\n"
        "ini buktinya\n"
    )
    got = capture.capture("whatsapp", snippet, customer_id=siti.id, now=SATURDAY_1655)
    assert got.added == 3
    assert bodies(got.conversation_id) == [
        ("in", "Kak, rekening BCA berapa?"),
        ("out", "BCA 1234567890 a.n. Toko Berkah kak"),
        ("in", "Sudah transfer ya kak\nini buktinya"),
    ]
    conv = fresh(got.conversation_id)
    # Waiting since the customer's message after the shop's reply, not since the first one.
    assert conv.waiting_since == SATURDAY_1655
    assert conv.first_response_due == MONDAY_0810
    again = capture.capture("whatsapp", snippet, customer_id=siti.id, now=SATURDAY_1655)
    assert (again.added, again.skipped) == (0, 3)
    assert fresh(got.conversation_id).message_count == 3


def test_android_snippet_and_shop_name_from_settings(siti: Customer) -> None:
    shop = settings.load()
    shop.whatsapp_names = ["Toko Berkah"]
    settings.save(shop)
    snippet = "08/03/25 16.50 - Siti Rahma: Halo\n08/03/25 16.52 - Toko Berkah: Halo kak Siti"
    got = capture.capture("whatsapp", snippet, customer_id=siti.id, now=SATURDAY_1655)
    assert bodies(got.conversation_id) == [("in", "Halo"), ("out", "Halo kak Siti")]
    assert fresh(got.conversation_id).waiting_since is None


def test_captured_chat_is_in_the_late_view_after_its_due_time(siti: Customer) -> None:
    got = capture.capture("whatsapp", "Halo", customer_id=siti.id, at=SATURDAY_1655)
    late = ListQuery(filters={"view": "late"})
    assert ConversationListSource(now=lambda: MONDAY_0810).ids(late) == []
    after = MONDAY_0810 + dt.timedelta(minutes=1)
    assert ConversationListSource(now=lambda: after).ids(late) == [got.conversation_id]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"channel": "whatsapp", "text": "   "}, "kosong"),
        ({"channel": "fax", "text": "Halo"}, "Kanal tidak dikenal"),
        (
            {"channel": "whatsapp", "text": "Halo", "at": SATURDAY_1655 + dt.timedelta(hours=1)},
            "belum terjadi",
        ),
    ],
)
def test_refused_input_writes_nothing(
    siti: Customer, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        capture.capture(customer_id=siti.id, now=SATURDAY_1655, **kwargs)  # type: ignore[arg-type]
    assert Conversation.select().count() == 0
    assert Message.select().count() == 0


def test_no_customer_or_a_taken_phone_is_refused(siti: Customer) -> None:
    with pytest.raises(ValidationError, match="Pilih pelanggan"):
        capture.capture("whatsapp", "Halo")
    CustomerIdentity.create(
        customer=siti, kind="phone", value="0812-1111-2222", normalized="+6281211112222"
    )
    with pytest.raises(ValidationError, match="Siti Rahma"):
        capture.capture(
            "whatsapp", "Halo", new_customer=CustomerDraft(name="Siti", phone="081211112222")
        )
    assert Customer.select().count() == 1
    assert Conversation.select().count() == 0
