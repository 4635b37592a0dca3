"""Opening a complaint against a real SQLite file: its code, its deadline, its first log line,
and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import ValidationError
from csdesk.models import Complaint, ComplaintEvent, Conversation, Customer, Order
from csdesk.services import complaints, segments, settings

# 31 Dec 2026 18.00 UTC is already 1 Jan 2027 01.00 in Jakarta.
NEW_YEAR_EVE_UTC = dt.datetime(2026, 12, 31, 18, 0)
NOW = dt.datetime(2026, 11, 25, 3, 0)


@pytest.fixture
def dewi(db: object) -> Customer:
    return Customer.create(name="Dewi Anggraini")


def order_for(customer: Customer | None, marketplace: str = "shopee", no: str = "A1") -> Order:
    return Order.create(
        marketplace=marketplace,
        order_no=no,
        customer=customer,
        status="completed",
        ordered_at=dt.datetime(2026, 11, 18, 3, 0),
        total=150_000,
    )


def test_a_complaint_opens_new_with_the_next_code_and_a_created_line(dewi: Customer) -> None:
    order = order_for(dewi)
    chat = Conversation.create(channel="shopee", customer=dewi)
    Complaint.create(code="KL-2026-0012", customer=dewi, category="late")
    Complaint.create(code="KL-2025-0400", customer=dewi, category="late")

    cid = complaints.create_complaint(
        customer_id=dewi.id,
        category="damaged",
        description="  Kemeja sobek di jahitan, ada video unboxing.  ",
        order_id=order.id,
        conversation_id=chat.id,
        priority="high",
        channel="shopee",
        author="Ayu",
        now=NOW,
    )

    saved = Complaint.get_by_id(cid)
    assert saved.code == "KL-2026-0013"
    assert (saved.status, saved.priority, saved.channel) == ("new", "high", "shopee")
    assert saved.description == "Kemeja sobek di jahitan, ada video unboxing."
    assert (saved.order_id, saved.conversation_id, saved.customer_id) == (
        order.id,
        chat.id,
        dewi.id,
    )
    assert saved.created_at == NOW
    log = ComplaintEvent.select().where(ComplaintEvent.complaint == cid)
    assert [(e.kind, e.author, e.detail) for e in log] == [
        ("created", "Ayu", "Keluhan dibuat: Rusak")
    ]


def test_codes_number_per_shop_local_year(dewi: Customer) -> None:
    Complaint.create(code="KL-2026-0099", customer=dewi, category="late")
    assert complaints.next_complaint_code(NEW_YEAR_EVE_UTC) == "KL-2027-0001"
    half_past_ten_wib = dt.datetime(2026, 12, 31, 15, 30)
    assert complaints.next_complaint_code(half_past_ten_wib) == "KL-2026-0100"
    shop = settings.load()
    shop.zone = "WIT"  # already 00.30 on 1 Jan in Jayapura
    settings.save(shop)
    assert complaints.next_complaint_code(half_past_ten_wib) == "KL-2027-0001"


def test_codes_past_9999_keep_counting(dewi: Customer) -> None:
    Complaint.create(code="KL-2026-9999", customer=dewi, category="late")
    Complaint.create(code="KL-2026-10000", customer=dewi, category="late")
    assert complaints.next_complaint_code(NOW) == "KL-2026-10001"


def test_due_date_is_the_marketplace_window_after_opening(dewi: Customer) -> None:
    shop = settings.load()
    shop.complaint_window_days = {**shop.complaint_window_days, "tokopedia": 4, "manual": 6}
    settings.save(shop)
    tokopedia = order_for(dewi, "tokopedia", "T1")

    with_order = complaints.create_complaint(
        customer_id=dewi.id, category="late", description="Belum dikirim", order_id=tokopedia.id,
        now=NOW,
    )  # fmt: skip
    by_hand = complaints.create_complaint(
        customer_id=dewi.id, category="other", description="Minta nota", now=NOW
    )

    assert Complaint.get_by_id(with_order).due_at == NOW + dt.timedelta(days=4)
    assert Complaint.get_by_id(by_hand).due_at == NOW + dt.timedelta(days=6)
    assert complaints.complaint_due_at(None, NOW) == NOW + dt.timedelta(days=6)


def test_the_customer_counts_as_having_complained_at_once(dewi: Customer) -> None:
    other = Customer.create(name="Budi")
    complaints.create_complaint(customer_id=dewi.id, category="quality", description="Tipis")
    complained = {c.customer_id for c in segments.complained_customers()}
    assert dewi.id in complained
    assert other.id not in complained


def test_a_merged_customer_complains_as_the_one_they_became(dewi: Customer) -> None:
    old = Customer.create(name="Dewi A.", merged_into=dewi)
    cid = complaints.create_complaint(customer_id=old.id, category="late", description="Lama")
    assert Complaint.get_by_id(cid).customer_id == dewi.id


def test_customer_orders_come_newest_first(dewi: Customer) -> None:
    older = order_for(dewi, no="OLD")
    newer = Order.create(
        marketplace="tiktok", order_no="NEW", customer=dewi, status="shipped",
        ordered_at=dt.datetime(2026, 11, 20, 3, 0),
    )  # fmt: skip
    order_for(Customer.create(name="Budi"), no="BUDI")
    assert [o.id for o in complaints.customer_orders(dewi.id)] == [newer.id, older.id]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"category": "rude"}, "Kategori keluhan tidak dikenal"),
        ({"priority": "asap"}, "Prioritas tidak dikenal"),
        ({"description": "  \n "}, "Tulis dulu keluhan pelanggan"),
        ({"customer_id": None}, "Pilih pelanggan"),
        ({"customer_id": 999}, "Pelanggan #999 tidak ditemukan"),
        ({"order_id": 999}, "Pesanan #999 tidak ditemukan"),
        ({"conversation_id": 999}, "Percakapan #999 tidak ditemukan"),
    ],
)
def test_refused_complaints_write_nothing(
    dewi: Customer, fields: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "customer_id": dewi.id,
        "category": "damaged",
        "description": "Sobek",
        **fields,
    }
    with pytest.raises(ValidationError, match=message):
        complaints.create_complaint(**args)  # type: ignore[arg-type]
    assert Complaint.select().count() == 0
    assert ComplaintEvent.select().count() == 0


def test_another_customers_order_is_refused(dewi: Customer) -> None:
    budi_order = order_for(Customer.create(name="Budi"), no="B1")
    with pytest.raises(ValidationError, match="B1 milik pelanggan lain"):
        complaints.create_complaint(
            customer_id=dewi.id, category="late", description="x", order_id=budi_order.id
        )
    assert Complaint.select().count() == 0
