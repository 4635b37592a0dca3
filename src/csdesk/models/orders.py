"""Orders from the marketplaces and manual (WhatsApp/Instagram) sales, their items and history."""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import BaseModel, VersionedModel, utcnow
from csdesk.models.people import Customer, User

MARKETPLACES = ("shopee", "tiktok", "tokopedia", "lazada", "manual")
ORDER_STATUSES = (
    "unpaid",
    "to_ship",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "returned",
    "other",
)
# Orders with these statuses do not count towards revenue or lifetime value.
NON_REVENUE_STATUSES = ("unpaid", "cancelled", "returned")


class ImportBatch(BaseModel):
    """One imported file: what it was, what it did, and whether it was undone."""

    kind = pw.CharField(default="orders")  # orders | chats
    file_name = pw.CharField()
    file_format = pw.CharField(default="")
    started_at = pw.DateTimeField(default=utcnow)
    finished_at = pw.DateTimeField(null=True)
    rows = pw.IntegerField(default=0)
    created = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    unchanged = pw.IntegerField(default=0)
    warnings = pw.TextField(default="[]")  # JSON list of {row, column, message}
    author = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    undone_at = pw.DateTimeField(null=True)


class Order(VersionedModel):
    """An order, unique by (marketplace, order number). Money is integer rupiah; times UTC."""

    marketplace = pw.CharField()
    order_no = pw.CharField()
    # Both are served by the composite indexes below (their leading column).
    customer = pw.ForeignKeyField(
        Customer, null=True, backref="orders", on_delete="SET NULL", index=False
    )
    status = pw.CharField()
    raw_status = pw.CharField(default="")
    ordered_at = pw.DateTimeField(index=True)
    paid_at = pw.DateTimeField(null=True)
    ship_by = pw.DateTimeField(null=True)
    shipped_at = pw.DateTimeField(null=True)
    completed_at = pw.DateTimeField(null=True)
    buyer_name = pw.CharField(default="")
    buyer_username = pw.CharField(default="")
    courier = pw.CharField(default="")
    service = pw.CharField(default="")
    tracking_no = pw.CharField(default="", index=True)
    recipient = pw.CharField(default="")
    phone = pw.CharField(default="")
    address = pw.TextField(default="")
    city = pw.CharField(default="")
    province = pw.CharField(default="")
    buyer_note = pw.TextField(default="")
    seller_note = pw.TextField(default="")
    payment_method = pw.CharField(default="")
    shipping_fee = pw.BigIntegerField(default=0)
    total = pw.BigIntegerField(default=0)
    printed_at = pw.DateTimeField(null=True)
    source_rows = pw.TextField(default="")  # the file's row(s) as JSON
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "orders"  # `order` is reserved in SQL
        indexes = (
            (("marketplace", "order_no"), True),
            (("status", "ordered_at"), False),
            (("status", "ship_by"), False),  # late / due-today lists and the Dasbor
            (("customer", "ordered_at"), False),
        )


class OrderItem(BaseModel):
    order = pw.ForeignKeyField(Order, backref="items", on_delete="CASCADE")
    sku = pw.CharField(default="")
    product = pw.CharField()
    variant = pw.CharField(default="")
    quantity = pw.IntegerField(default=1)
    unit_price = pw.BigIntegerField(default=0)
    subtotal = pw.BigIntegerField(default=0)


class OrderEvent(BaseModel):
    """The order's history: imported, updated (by which batch), printed, edited, noted."""

    order = pw.ForeignKeyField(Order, backref="events", on_delete="CASCADE")
    at = pw.DateTimeField(default=utcnow)
    kind = pw.CharField()
    author = pw.CharField(default="")
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    detail = pw.TextField(default="")


class Payment(BaseModel):
    """A transfer the shop confirmed for an order (manual orders paid by bank transfer).

    `bank`, `account_number` and `holder` copy the shop's account as it was at confirmation, so
    editing the accounts in Pengaturan later does not rewrite history. `proof_path` is relative
    to the app's attachment folder ("" when no proof image was attached).
    """

    order = pw.ForeignKeyField(Order, backref="payments", on_delete="CASCADE")
    bank = pw.CharField(default="")
    account_number = pw.CharField(default="")
    holder = pw.CharField(default="")
    amount = pw.BigIntegerField(default=0)
    transferred_at = pw.DateTimeField(null=True)
    proof_path = pw.CharField(default="")
    note = pw.TextField(default="")
    author = pw.CharField(default="")
    confirmed_at = pw.DateTimeField(default=utcnow)
