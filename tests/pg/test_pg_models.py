"""The models on PostgreSQL: what is written comes back the same, constraints hold."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from csdesk.errors import ConflictError
from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    Message,
    Order,
    OrderItem,
    Setting,
    User,
)
from csdesk.services import complaints as complaint_service
from csdesk.services import conversations as conversation_service
from csdesk.services import settings as shop_settings
from csdesk.services.database import open_database

psycopg2 = pytest.importorskip("psycopg2", reason="psycopg2 (driver PostgreSQL) tidak terpasang")

ORDERED = dt.datetime(2026, 3, 5, 2, 15, 7, 123456)  # 09.15 WIB, naive UTC


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def make_order(customer: Customer | None = None, **fields: object) -> Order:
    values: dict[str, object] = {
        "marketplace": "shopee",
        "order_no": "2603050ABCDEF",
        "status": "to_ship",
        "ordered_at": ORDERED,
        "customer": customer,
    }
    values.update(fields)
    return Order.create(**values)


def test_customer_with_identities_round_trips(pg_db: pw.Database) -> None:
    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari", tags="loyal,reseller")
    CustomerIdentity.create(
        customer=sari, kind="phone", value="0812-3456-7890", normalized="+6281234567890"
    )
    CustomerIdentity.create(
        customer=sari, kind="marketplace", marketplace="shopee", value="sari.w", normalized="sari.w"
    )
    CustomerIdentity.create(
        customer=sari, kind="phone", value="(+62)812******32", normalized="", masked=True
    )

    again = Customer.get_by_id(sari.id)
    assert (again.name, again.nickname, again.tags) == (
        "Sari Wulandari",
        "Kak Sari",
        "loyal,reseller",
    )
    kinds = sorted((i.kind, i.value, i.masked) for i in again.identities)
    assert kinds == [
        ("marketplace", "sari.w", False),
        ("phone", "(+62)812******32", True),
        ("phone", "0812-3456-7890", False),
    ]
    assert again.version == 1
    assert again.merged_into is None


def test_order_with_items_and_big_money_round_trips(pg_db: pw.Database) -> None:
    buyer = Customer.create(name="Budi")
    big = 3_500_000_000  # beyond a 32-bit integer: a month of a busy shop's revenue
    order = make_order(buyer, total=big, shipping_fee=18_000, recipient="Budi Santoso")
    OrderItem.create(
        order=order,
        sku="HJB-PSM-HTM",
        product="Pashmina Ceruty",
        variant="Hitam",
        quantity=2,
        unit_price=big // 2,
        subtotal=big,
    )
    OrderItem.create(
        order=order, product="Bros Mutiara", quantity=1, unit_price=15_000, subtotal=15_000
    )

    again = Order.get(Order.marketplace == "shopee", Order.order_no == "2603050ABCDEF")
    assert again.total == big
    assert isinstance(again.total, int)
    assert again.customer.name == "Budi"
    assert again.ordered_at == ORDERED
    assert again.ordered_at.tzinfo is None
    assert again.paid_at is None
    items = sorted((i.product, i.quantity, i.subtotal) for i in again.items)
    assert items == [("Bros Mutiara", 1, 15_000), ("Pashmina Ceruty", 2, big)]
    summed = OrderItem.select(pw.fn.SUM(OrderItem.subtotal)).scalar()
    assert int(summed) == big + 15_000


def test_order_number_is_unique_per_marketplace(pg_db: pw.Database) -> None:
    make_order()
    make_order(marketplace="tokopedia")  # the same number on another marketplace is another order
    with pytest.raises(pw.IntegrityError), pg_db.atomic():
        make_order()
    # The failed insert did not poison the connection: the desk carries on.
    assert Order.select().count() == 2


def test_datetimes_come_back_naive_utc_and_compare(pg_db: pw.Database) -> None:
    make_order(order_no="A", ordered_at=ORDERED, ship_by=ORDERED + dt.timedelta(days=2))
    make_order(order_no="B", ordered_at=ORDERED + dt.timedelta(microseconds=1))
    first = Order.select().where(Order.ordered_at <= ORDERED).get()
    assert first.order_no == "A"
    assert first.ship_by == dt.datetime(2026, 3, 7, 2, 15, 7, 123456)
    assert Order.select(pw.fn.MAX(Order.ordered_at)).scalar() == ORDERED + dt.timedelta(
        microseconds=1
    )


def test_setting_text_key_and_message_dedup(pg_db: pw.Database) -> None:
    Setting.create(key="shop_name", value='"Toko Hijab Aisyah"')
    assert Setting.get_by_id("shop_name").value == '"Toko Hijab Aisyah"'

    conv = Conversation.create(title="Sari", customer=Customer.create(name="Sari"))
    at = dt.datetime(2026, 3, 5, 3, 0)
    Message.create(
        conversation=conv, direction="in", sent_at=at, body="Kak, ready?", source_key="k1"
    )
    # Messages typed in the app have no source key; any number of them may exist.
    Message.create(conversation=conv, direction="out", sent_at=at, body="Ready kak")
    Message.create(conversation=conv, direction="note", sent_at=at, body="cek stok")
    with pytest.raises(pw.IntegrityError), pg_db.atomic():
        Message.create(conversation=conv, direction="in", sent_at=at, body="dup", source_key="k1")
    assert Message.select().count() == 3


def test_shop_settings_save_and_load(pg_db: pw.Database) -> None:
    current = shop_settings.load()
    current.shop_name = "Toko Hijab Aisyah"
    shop_settings.save(current)
    assert shop_settings.load().shop_name == "Toko Hijab Aisyah"


def test_two_admins_cannot_overwrite_each_other(pg_db: pw.Database) -> None:
    User.create(name="Rina", role="owner")
    conv = Conversation.create(title="Budi", customer=Customer.create(name="Budi"))
    version = conversation_service.set_status(conv.id, "pending", expected_version=1, author="Rina")
    assert version == 2
    with pytest.raises(ConflictError):
        conversation_service.set_status(conv.id, "closed", expected_version=1, author="Dewi")
    assert Conversation.get_by_id(conv.id).status == "pending"

    complaint = Complaint.create(code="KL-2026-0001", category="damaged")
    complaint_service.change_status(
        complaint.id, "waiting_courier", expected_version=1, author="Rina"
    )
    with pytest.raises(ConflictError):
        complaint_service.change_status(complaint.id, "rejected", expected_version=1, author="Dewi")
    assert Complaint.get_by_id(complaint.id).status == "waiting_courier"


def test_an_edit_from_another_desk_is_not_overwritten(pg_db: pw.Database, pg_url: str) -> None:
    complaint = Complaint.create(code="KL-2026-0002", category="late")
    # The second desk is another process with its own connection to the server.
    other = psycopg2.connect(pg_url)
    try:
        with other, other.cursor() as cur:
            cur.execute(
                "UPDATE complaint SET status = 'waiting_customer', version = version + 1 "
                "WHERE id = %s AND version = 1",
                (complaint.id,),
            )
    finally:
        other.close()
    with pytest.raises(ConflictError):
        complaint_service.change_status(complaint.id, "rejected", expected_version=1, author="Rina")
    assert Complaint.get_by_id(complaint.id).status == "waiting_customer"


def test_any_text_round_trips_and_is_found(pg_db: pw.Database) -> None:
    from csdesk.services.search import global_search

    conv = Conversation.create(title="Ibu Siti", customer=Customer.create(name="Siti Nurhaliza"))
    body = "Makasih kak 🙏😊 — pesanan Ṣāliḥ ke Kota Bāru, 100% amanah"
    Message.create(conversation=conv, direction="in", sent_at=ORDERED, body=body)
    assert Message.get().body == body
    for term in ("🙏", "100%", "Ṣāliḥ", "MAKASIH"):
        assert [(hit.kind, hit.id) for hit in global_search(term)] == [("conversation", conv.id)]
    assert global_search("10_%") == []
