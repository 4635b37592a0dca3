"""Customer order figures: count, lifetime value (revenue statuses only), first/last order."""

from __future__ import annotations

import datetime as dt
import time

import peewee as pw

from csdesk.models import Customer, Order
from csdesk.services.customer_stats import refresh_customers


def order(customer: Customer | None, no: str, status: str, day: int, total: int) -> Order:
    return Order.create(
        marketplace="shopee",
        order_no=no,
        customer=customer,
        status=status,
        ordered_at=dt.datetime(2025, 3, day, 3, 0),
        total=total,
    )


def test_figures_follow_the_orders(db: pw.Database) -> None:
    ayu = Customer.create(name="Ayu")
    budi = Customer.create(name="Budi")
    order(ayu, "A1", "completed", 2, 150_000)
    order(ayu, "A2", "shipped", 9, 250_000)
    order(ayu, "A3", "cancelled", 12, 999_000)
    order(ayu, "A4", "unpaid", 14, 50_000)
    order(ayu, "A5", "returned", 15, 70_000)
    order(None, "X1", "completed", 1, 10_000)

    assert refresh_customers() == 2

    ayu = Customer.get_by_id(ayu.id)
    assert ayu.order_count == 5
    assert ayu.lifetime_value == 400_000
    assert ayu.first_order_at == dt.datetime(2025, 3, 2, 3, 0)
    assert ayu.last_order_at == dt.datetime(2025, 3, 15, 3, 0)
    budi = Customer.get_by_id(budi.id)
    assert (budi.order_count, budi.lifetime_value, budi.first_order_at, budi.last_order_at) == (
        0,
        0,
        None,
        None,
    )


def test_only_the_named_customers_are_refreshed(db: pw.Database) -> None:
    ayu = Customer.create(name="Ayu")
    budi = Customer.create(name="Budi")
    order(ayu, "A1", "completed", 2, 150_000)
    order(budi, "B1", "completed", 3, 80_000)

    assert refresh_customers([budi.id, budi.id]) == 1

    assert Customer.get_by_id(ayu.id).order_count == 0
    assert Customer.get_by_id(budi.id).lifetime_value == 80_000


def test_an_order_moved_away_updates_both_customers(db: pw.Database) -> None:
    ayu = Customer.create(name="Ayu")
    budi = Customer.create(name="Budi")
    moved = order(ayu, "A1", "completed", 2, 150_000)
    refresh_customers()
    Order.update(customer=budi).where(Order.id == moved.id).execute()
    refresh_customers([ayu.id, budi.id])
    assert Customer.get_by_id(ayu.id).lifetime_value == 0
    assert Customer.get_by_id(budi.id).lifetime_value == 150_000


def test_100k_customers_refresh_in_seconds(db: pw.Database) -> None:
    with db.atomic():
        db.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
            "INSERT INTO customer (name, nickname, tags, notes, preferences, city, order_count,"
            " lifetime_value, version, created_at, updated_at) "
            "SELECT 'Pelanggan ' || i, '', '', '', '', '', 0, 0, 1, '2025-01-01', '2025-01-01'"
            " FROM n"
        )
        db.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
            "INSERT INTO orders (marketplace, order_no, customer_id, status, raw_status,"
            " ordered_at, buyer_name, buyer_username, courier, service, tracking_no, recipient,"
            " phone, address, city, province, buyer_note, seller_note, payment_method,"
            " shipping_fee, total, source_rows, version, created_at, updated_at) "
            "SELECT 'shopee', 'NO' || i, (i % 100000) + 1,"
            " CASE i % 4 WHEN 0 THEN 'cancelled' ELSE 'completed' END, '',"
            " '2025-01-01 00:00:00', '', '', '', '', '', '', '', '', '', '', '', '', '', 0,"
            " 10000, '', 1, '2025-01-01', '2025-01-01' FROM n"
        )
    started = time.perf_counter()
    assert refresh_customers() == 100_000
    assert time.perf_counter() - started < 5
    # Customer 1 has orders 100000 (cancelled: 100000 % 4 == 0) and 200000 (cancelled).
    first = Customer.get_by_id(1)
    assert (first.order_count, first.lifetime_value) == (2, 0)
    second = Customer.get_by_id(2)
    assert (second.order_count, second.lifetime_value) == (2, 20_000)
