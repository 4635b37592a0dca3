"""TikTok Shop `OrderSKUList` export (Tokopedia orders after the merge included).

A description row sits under the header. `Order Amount` and `Shipping Fee After Discount`
are order-level, repeated per SKU row. A completed order with a Cancelation/Return Type is a
returned order. `Tokopedia Invoice Number` links the order to its Tokopedia legacy twin.
"""

from __future__ import annotations

from collections.abc import Iterator

from csdesk.services.importing.formats import common
from csdesk.services.importing.records import OrderRecord, Problem
from csdesk.services.importing.registry import Format, register
from csdesk.services.importing.table import Row

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("Order ID",),
    "status": ("Order Status",),
    "return_type": ("Cancelation/Return Type", "Cancellation/Return Type"),
    "sku": ("Seller SKU", "SKU ID"),
    "product": ("Product Name",),
    "variant": ("Variation",),
    "quantity": ("Quantity",),
    "unit_price": ("SKU Unit Original Price",),
    "subtotal": ("SKU Subtotal After Discount",),
    "shipping_fee": ("Shipping Fee After Discount",),
    "total": ("Order Amount",),
    "ordered_at": ("Created Time",),
    "paid_at": ("Paid Time",),
    "shipped_at": ("Shipped Time",),
    "tracking_no": ("Tracking ID",),
    "service": ("Delivery Option",),
    "courier": ("Shipping Provider Name",),
    "buyer_note": ("Buyer Message",),
    "buyer_username": ("Buyer Username",),
    "recipient": ("Recipient",),
    "phone": ("Phone #", "Phone"),
    "province": ("Province",),
    "city": ("Regency and City",),
    "district": ("Districts",),
    "village": ("Villages",),
    "address": ("Detail Address",),
    "address_extra": ("Additional address information",),
    "payment_method": ("Payment Method",),
    "seller_note": ("Seller Note",),
    "linked_order_no": ("Tokopedia Invoice Number",),
}


def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
    def start(row: Row) -> OrderRecord:
        order = common.start_order("tiktok", row, warnings)
        if order.status == "completed" and row.text("return_type"):
            order.status = "returned"
        # The street line alone does not find the house: add what the export splits off.
        parts = (order.address, row.text("address_extra"), row.text("village"))
        order.address = ", ".join(part for part in (*parts, row.text("district")) if part)
        return order

    def add(order: OrderRecord, row: Row) -> None:
        order.items.append(common.item_of(row))

    return common.fold(rows, warnings, start, add)


TIKTOK = register(
    Format(
        name="tiktok",
        fields=FIELDS,
        required=("order_no", "status", "ordered_at", "product", "quantity", "total"),
        build=build,
        sheet_names=("OrderSKUList",),
        description_row=True,
    )
)
