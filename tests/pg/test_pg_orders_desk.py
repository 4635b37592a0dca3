"""The orders desk on PostgreSQL: a manual order paid by transfer takes its stock, is found by
its product in the Pesanan search, prints its label and is marked printed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import peewee as pw
import pytest

from csdesk.models import Order, OrderEvent, Payment, Product
from csdesk.services import manual_orders, payments, products, settings
from csdesk.services.database import open_database
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource
from csdesk.services.printing.print_run import mark_printed, order_ids_for, render_labels_pdf


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def test_manual_order_paid_found_and_printed(pg_db: pw.Database, tmp_path: Path) -> None:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "7310246891", "Ayu Lestari")]
    settings.save(shop)
    products.save_product(
        None, sku="GKA-NVY-L", name="Gamis Aisyah", variant="Navy, L", price=185_000, stock=5
    )
    order_id = manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Siti Rahma", "0812-3456-7890"),
            recipient="Siti Rahma",
            phone="0812-3456-7890",
            address="Jl. Melati No. 5",
            city="Bandung",
            courier="JNE",
            shipping_fee=15_000,
            items=[manual_orders.ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 2, 185_000)],
        ),
        author="Ayu",
    )
    order = Order.get_by_id(order_id)
    payments.confirm_payment(
        order_id,
        payments.PaymentDraft(account_index=0, amount=385_000, transferred_at=order.ordered_at),
        author="Ayu",
    )
    assert Order.get_by_id(order_id).status == "to_ship"
    assert Payment.get(Payment.order == order_id).bank == "BCA"
    assert Product.get(Product.sku == "GKA-NVY-L").stock == 3

    source = OrderListSource()
    assert source.ids(ListQuery(search="aisyah navy")) == [order_id]  # by product, ILIKE
    assert source.ids(ListQuery(search="gka-nvy")) == [order_id]  # by SKU

    ids = order_ids_for(status="perlu dikirim")
    assert ids == [order_id]
    result = render_labels_pdf(ids, tmp_path / "label.pdf")
    text = subprocess.run(
        ["pdftotext", str(result.path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert order.order_no in text and "Siti Rahma" in text
    assert mark_printed(ids, "a6", author="Ayu") == 1
    assert Order.get_by_id(order_id).printed_at is not None
    assert OrderEvent.select().where(OrderEvent.kind == "printed").count() == 1
