"""The complaint desk on PostgreSQL: evidence, a replacement order and the month's report
give the same rows and numbers as on SQLite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee as pw
import pytest

from csdesk.models import Complaint, Customer, Order, OrderItem, Product, utcnow
from csdesk.services import complaint_evidence, complaint_resolution, complaints
from csdesk.services.complaints_report import month_report
from csdesk.services.database import open_database


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def test_complaint_to_replacement_and_report(pg_db: pw.Database, tmp_path: Path) -> None:
    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari")
    order = Order.create(
        customer=sari, marketplace="shopee", order_no="2611SARI01", status="completed",
        ordered_at=utcnow() - dt.timedelta(days=2), total=189_000, address="Jl. Melati 5",
    )  # fmt: skip
    gamis = OrderItem.create(order=order, product="Gamis Aisyah", sku="GA-NV-L", quantity=1,
                             unit_price=189_000, subtotal=189_000)  # fmt: skip
    Product.create(sku="GA-NV-L", name="Gamis Aisyah", price=189_000, stock=2)
    cid = complaints.create_complaint(
        customer_id=sari.id, category="damaged", description="sobek", order_id=order.id,
        items=[(gamis.id, 1)],
    )  # fmt: skip
    video = tmp_path / "unboxing.mp4"
    video.write_bytes(b"\0\0\0\x18ftypmp42" + b"\0" * 100)
    complaint_evidence.add_evidence(cid, video, author="Rina")
    assert [i.done for i in complaint_evidence.checklist(cid)] == [True, False, False]

    made = complaint_resolution.create_replacement_order(
        cid, author="Rina", expected_version=1, shipping_cost=10_000
    )
    assert Product.get(Product.sku == "GA-NV-L").stock == 1
    complaints.change_status(cid, "resolved", author="Rina", expected_version=made.version)
    report = month_report()
    assert [(r.key, r.count) for r in report.by_category] == [("damaged", 1)]
    assert (report.replacements, report.total_cost, report.settled_in_month) == (1, 199_000, 1)
    assert report.by_product[0].label == "GA-NV-L · Gamis Aisyah"
    assert Complaint.get_by_id(cid).replacement_order_id == made.order_id
