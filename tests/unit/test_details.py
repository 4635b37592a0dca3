"""Detail panes: what an admin sees for one order, customer, conversation or complaint."""

from __future__ import annotations

import pytest
from list_factories import (
    NOW,
    at,
    complaint,
    conversation,
    customer,
    identity,
    message,
    order,
    user,
)

from csdesk.errors import NotFoundError
from csdesk.models import ComplaintEvent, ComplaintEvidence, OrderEvent, OrderItem
from csdesk.services import details


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    budi = customer(
        "Budi Santoso",
        nickname="Mas Budi",
        order_count=3,
        lifetime_value=450_000,
        tags="vip, reseller",
        notes="Suka packing rapi",
    )
    identity(budi, "phone", "081234567890")
    identity(budi, "marketplace", "budi.s", marketplace="shopee")
    parcel = order(
        "2503010001AAA",
        ordered_at=at(3, 1),
        customer=budi,
        status="shipped",
        courier="J&T",
        tracking_no="JX1",
        total=150_000,
        shipping_fee=10_000,
    )
    OrderItem.create(
        order=parcel,
        product="Kaos",
        variant="Hitam, L",
        quantity=2,
        unit_price=70_000,
        subtotal=140_000,
    )
    OrderEvent.create(order=parcel, kind="imported", at=at(3, 1, 1), detail="Shopee.xlsx")
    OrderEvent.create(order=parcel, kind="printed", at=at(3, 2))
    for n in range(25):
        order(f"OLD-{n:02d}", ordered_at=at(1, 1 + n), customer=budi)
    rina = user("Rina")
    chat = conversation(customer=budi, assignee=rina, waiting_since=at(3, 4))
    for n in range(5):
        message(chat, f"pesan {n}", sent_at=at(3, 4, n))
    case = complaint(
        "KL-2025-0001", customer=budi, order=parcel, conversation=chat, refund_amount=20_000
    )
    ComplaintEvent.create(complaint=case, kind="created", at=at(3, 4), detail="Dibuat")
    ComplaintEvent.create(complaint=case, kind="status", at=at(3, 5), detail="Menunggu kurir")
    ComplaintEvidence.create(complaint=case, path="kl/1.jpg")
    complaint("KL-2025-0002", customer=budi, status="resolved")
    return {"budi": budi.id, "parcel": parcel.id, "chat": chat.id, "case": case.id}


def test_order_detail(shop: dict[str, int]) -> None:
    found = details.order_detail(shop["parcel"], now=NOW)
    assert (found.order_no, found.status_label, found.marketplace_label) == (
        "2503010001AAA",
        "Dikirim",
        "Shopee",
    )
    assert (found.total, found.shipping_fee, found.tracking_no) == (150_000, 10_000, "JX1")
    assert found.items == [details.ItemLine("", "Kaos", "Hitam, L", 2, 70_000, 140_000)]
    assert [e.kind for e in found.events] == ["printed", "imported"]
    assert found.customer is not None
    assert (found.customer.name, found.customer.open_complaints) == ("Budi Santoso", 1)
    assert found.customer.segment == "loyal"
    assert [c.code for c in found.complaints] == ["KL-2025-0001"]


def test_customer_detail(shop: dict[str, int]) -> None:
    found = details.customer_detail(shop["budi"], now=NOW)
    assert found.tags == ["vip", "reseller"]
    assert found.phones == ["081234567890"]
    assert [(i.kind, i.marketplace, i.value) for i in found.identities][1] == (
        "marketplace",
        "shopee",
        "budi.s",
    )
    assert len(found.recent_orders) == 20
    assert found.recent_orders[0].order_no == "2503010001AAA"
    assert found.recent_orders[0].status_label == "Dikirim"
    assert [c.id for c in found.conversations] == [shop["chat"]]
    assert {c.code: c.is_open for c in found.complaints} == {
        "KL-2025-0001": True,
        "KL-2025-0002": False,
    }
    assert (found.segment_label, found.open_complaints) == ("Loyal", 1)


def test_conversation_detail_keeps_the_last_messages_oldest_first(shop: dict[str, int]) -> None:
    found = details.conversation_detail(shop["chat"], limit=3, now=NOW)
    assert [m.body for m in found.messages] == ["pesan 2", "pesan 3", "pesan 4"]
    assert found.earlier_messages == 2
    assert (found.assignee_name, found.display_name, found.channel_label) == (
        "Rina",
        "Budi Santoso",
        "WhatsApp",
    )
    assert [o.order_no for o in found.recent_orders][0] == "2503010001AAA"
    assert len(found.recent_orders) == 5
    assert [c.code for c in found.open_complaints] == ["KL-2025-0001"]


def test_complaint_detail(shop: dict[str, int]) -> None:
    found = details.complaint_detail(shop["case"], now=NOW)
    assert (found.code, found.category_label, found.status_label) == (
        "KL-2025-0001",
        "Rusak",
        "Baru",
    )
    assert found.refund_amount == 20_000
    assert found.order is not None and found.order.order_no == "2503010001AAA"
    assert found.customer is not None and found.customer.name == "Budi Santoso"
    assert found.conversation_id == shop["chat"]
    assert [e.detail for e in found.events] == ["Dibuat", "Menunggu kurir"]
    assert [e.path for e in found.evidence] == ["kl/1.jpg"]


@pytest.mark.parametrize(
    ("read", "message"),
    [
        (details.order_detail, "Pesanan #999 tidak ditemukan"),
        (details.customer_detail, "Pelanggan #999 tidak ditemukan"),
        (details.conversation_detail, "Percakapan #999 tidak ditemukan"),
        (details.complaint_detail, "Komplain #999 tidak ditemukan"),
    ],
)
def test_unknown_ids(shop: dict[str, int], read: object, message: str) -> None:
    with pytest.raises(NotFoundError, match=message):
        read(999)  # type: ignore[operator]


def test_conversation_detail_knows_where_a_reply_can_go(db: object) -> None:
    """WhatsApp needs a real phone and email a real address: masked marketplace phones never
    count; without a phone of the customer's own, a real phone on the linked order does."""
    siti = customer("Siti Rahma")
    identity(siti, "phone", "(+62)812******32", masked=True)
    identity(siti, "email", "siti@example.com")
    parcel = order("WA-2026-0001", ordered_at=at(3, 1), customer=siti, phone="0812-3456-7890")
    chat = conversation(customer=siti)
    assert (
        details.conversation_detail(chat.id).phone,
        details.conversation_detail(chat.id).email,
    ) == ("", "siti@example.com")
    chat.order = parcel
    chat.save()
    assert details.conversation_detail(chat.id).phone == "0812-3456-7890"
    identity(siti, "phone", "081399998888")
    assert details.conversation_detail(chat.id).phone == "081399998888"
