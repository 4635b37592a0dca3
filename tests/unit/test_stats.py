"""`stats --json` counts: what the seller would count by hand."""

from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from csdesk.models import Complaint, Conversation, Customer, Message, Order, OrderItem
from csdesk.services import stats


def test_an_empty_shop_counts_zero_with_every_key(db: pw.Database) -> None:
    data = stats.collect()
    assert data["orders"] == 0 and data["revenue_idr"] == 0
    assert data["orders_by_marketplace"] == {
        "shopee": 0,
        "tiktok": 0,
        "tokopedia": 0,
        "lazada": 0,
        "manual": 0,
    }
    assert set(data["orders_by_status"]) >= {"unpaid", "to_ship", "completed", "returned"}
    assert json.loads(json.dumps(data)) == data


def test_counts_and_revenue(db: pw.Database) -> None:
    ayu = Customer.create(name="Ayu")
    budi = Customer.create(name="Budi")
    Customer.create(name="Ayu (duplikat)", merged_into=ayu)
    when = dt.datetime(2025, 3, 5, 2, 0)
    orders = [
        ("shopee", "S1", "completed", 150_000),
        ("shopee", "S2", "cancelled", 90_000),
        ("tokopedia", "T1", "shipped", 200_000),
        ("tiktok", "K1", "unpaid", 75_000),
        ("lazada", "L1", "returned", 60_000),
        ("manual", "M1", "to_ship", 35_000),
    ]
    for marketplace, no, status, total in orders:
        made = Order.create(
            marketplace=marketplace,
            order_no=no,
            customer=budi,
            status=status,
            ordered_at=when,
            total=total,
        )
        OrderItem.create(order=made, product="Gamis Syari", quantity=1, subtotal=total)
    OrderItem.create(order=Order.get(Order.order_no == "S1"), product="Hijab Pashmina")
    chat = Conversation.create(customer=budi)
    for body in ("Kak, ready?", "Ready kak", "Ongkir ke Bekasi berapa?"):
        Message.create(conversation=chat, direction="in", sent_at=when, body=body)
    Complaint.create(code="KL-2025-0001", customer=budi, category="damaged")
    Complaint.create(code="KL-2025-0002", customer=budi, category="late", status="resolved")
    Complaint.create(code="KL-2025-0003", customer=budi, category="damaged", status="rejected")

    data = stats.collect()

    assert data["customers"] == 2
    assert data["orders"] == 6 and data["order_items"] == 7
    assert data["conversations"] == 1 and data["messages"] == 3
    assert data["complaints"] == 3 and data["complaints_open"] == 1
    assert data["complaints_by_category"]["damaged"] == 2
    assert data["complaints_by_category"]["late"] == 1
    assert data["orders_by_marketplace"] == {
        "shopee": 2,
        "tiktok": 1,
        "tokopedia": 1,
        "lazada": 1,
        "manual": 1,
    }
    assert data["orders_by_status"]["cancelled"] == 1
    assert data["orders_by_status"]["delivered"] == 0
    # completed 150.000 + shipped 200.000 + to_ship 35.000; unpaid/cancelled/returned left out.
    assert data["revenue_idr"] == 385_000
    assert all(type(v) is int for k, v in data.items() if not isinstance(v, dict))
