"""Counts and customer figures computed by PostgreSQL: the same numbers SQLite gives."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    Message,
    Order,
    OrderItem,
    Setting,
    User,
)
from csdesk.services import customer_stats, stats
from csdesk.services.database import open_database

DAY = dt.datetime(2026, 3, 1, 3, 0)


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def order(no: str, customer: Customer | None, status: str, total: int, days: int = 0) -> Order:
    return Order.create(
        marketplace="tiktok" if no.startswith("T") else "shopee",
        order_no=no,
        customer=customer,
        status=status,
        ordered_at=DAY + dt.timedelta(days=days),
        total=total,
    )


def test_stats_of_an_empty_database_are_zeros(pg_db: pw.Database) -> None:
    data = stats.collect()
    assert data["orders"] == data["customers"] == data["messages"] == 0
    assert data["revenue_idr"] == 0
    assert set(data["orders_by_status"].values()) == {0}
    assert set(data["orders_by_marketplace"].values()) == {0}


def test_stats_count_and_sum(pg_db: pw.Database) -> None:
    sari, budi = Customer.create(name="Sari"), Customer.create(name="Budi")
    Customer.create(name="Sari (lama)", merged_into=sari)
    o1 = order("S1", sari, "completed", 2_500_000_000)
    order("S2", sari, "shipped", 2_000_000_000)
    order("T1", budi, "cancelled", 99_000)
    order("T2", None, "unpaid", 45_000)
    OrderItem.create(order=o1, product="Gamis Syari", quantity=2, unit_price=1, subtotal=2)
    conv = Conversation.create(customer=budi)
    Message.create(conversation=conv, direction="in", sent_at=DAY, body="Kak, paket belum sampai")
    Complaint.create(code="KL-2026-0001", category="late", status="new")
    Complaint.create(code="KL-2026-0002", category="late", status="resolved")

    data = stats.collect()
    assert data["customers"] == 2  # the merged one is not counted
    assert (data["orders"], data["order_items"], data["conversations"], data["messages"]) == (
        4,
        1,
        1,
        1,
    )
    assert (data["complaints"], data["complaints_open"]) == (2, 1)
    assert data["complaints_by_category"]["late"] == 2
    assert data["orders_by_marketplace"] == {
        "shopee": 2,
        "tiktok": 2,
        "tokopedia": 0,
        "lazada": 0,
        "manual": 0,
    }
    assert data["orders_by_status"]["completed"] == 1
    assert data["orders_by_status"]["unpaid"] == 1
    # Beyond 32 bits, and a plain int for JSON (PostgreSQL's SUM of bigint is numeric).
    assert data["revenue_idr"] == 4_500_000_000
    assert type(data["revenue_idr"]) is int


def test_refresh_customers_on_postgresql(pg_db: pw.Database) -> None:
    sari, budi, nobody = (Customer.create(name=n) for n in ("Sari", "Budi", "Tanpa Pesanan"))
    order("S1", sari, "completed", 150_000, days=0)
    order("S2", sari, "delivered", 250_000, days=3)
    order("S3", sari, "cancelled", 999_000, days=5)
    order("T1", budi, "unpaid", 80_000, days=1)
    Customer.update(order_count=7, lifetime_value=1).where(Customer.id == nobody.id).execute()

    assert customer_stats.refresh_customers([sari.id, budi.id]) == 2
    sari = Customer.get_by_id(sari.id)
    assert (sari.order_count, sari.lifetime_value) == (3, 400_000)
    assert (sari.first_order_at, sari.last_order_at) == (DAY, DAY + dt.timedelta(days=5))
    budi = Customer.get_by_id(budi.id)
    assert (budi.order_count, budi.lifetime_value) == (1, 0)
    assert Customer.get_by_id(nobody.id).order_count == 7  # not asked for, not touched

    assert customer_stats.refresh_customers() == 3
    nobody = Customer.get_by_id(nobody.id)
    assert (nobody.order_count, nobody.lifetime_value, nobody.last_order_at) == (0, 0, None)


def test_refresh_many_customers_in_chunks(pg_db: pw.Database) -> None:
    with pg_db.atomic():
        ids = [Customer.create(name=f"Pelanggan {i}").id for i in range(1_000)]
        Order.insert_many(
            [
                {
                    "marketplace": "shopee",
                    "order_no": f"N{i}",
                    "customer": cid,
                    "status": "completed",
                    "ordered_at": DAY,
                    "total": 10_000,
                }
                for i, cid in enumerate(ids)
            ]
        ).execute()
    assert customer_stats.refresh_customers(ids) == 1_000
    assert Customer.select(pw.fn.SUM(Customer.lifetime_value)).scalar() == 10_000_000


def test_a_cancelled_demo_leaves_nothing(pg_db: pw.Database) -> None:
    from csdesk.services.demo import DemoCancelled, generate_demo

    asked = 0

    def cancel_late() -> bool:
        nonlocal asked
        asked += 1
        return asked > 4  # after customers and orders were written

    with pytest.raises(DemoCancelled):
        generate_demo(orders=300, is_cancelled=cancel_late)
    assert asked > 4
    data = stats.collect()
    assert (data["customers"], data["orders"], data["order_items"]) == (0, 0, 0)
    # The shop settings and admins were the first rows written; they went too.
    assert Setting.select().count() == User.select().count() == 0
