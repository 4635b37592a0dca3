"""Lazada Seller Center export, camelCase or (older) Title Case headers.

One row per UNIT: rows of one order with the same SKU, name, variant and price fold into one
item whose quantity counts them (expected.json's `items_folded`). No order total: it is the
sum of the rows' `paidPrice` plus the sum of their `shippingFee`. Units may disagree on the
status: the order takes the furthest (statuses.furthest). The buyer is `customerName` + the
shipping phone.
"""

from __future__ import annotations

from collections.abc import Iterator

from csdesk.services.importing import statuses
from csdesk.services.importing.formats import common
from csdesk.services.importing.records import ItemRecord, OrderRecord, Problem
from csdesk.services.importing.registry import Format, register
from csdesk.services.importing.table import Row

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("orderNumber", "Order Number"),
    "status": ("status", "Status"),
    "ordered_at": ("createTime", "Created at"),
    "ship_by": ("promisedShippingTime", "Promised shipping time"),
    "sku": ("sellerSku", "Seller SKU"),
    "product": ("itemName", "Item Name"),
    "variant": ("variation", "Variation"),
    "unit_price": ("unitPrice", "Unit Price"),
    "paid": ("paidPrice", "Paid Price"),
    "shipping_fee": ("shippingFee", "Shipping Fee"),
    "buyer_name": ("customerName", "Customer Name"),
    "recipient": ("shippingName", "Shipping Name"),
    "address": ("shippingAddress", "Shipping Address"),
    "address2": ("shippingAddress2", "Shipping Address2"),
    "address3": ("shippingAddress3", "Shipping Address3"),
    "address4": ("shippingAddress4", "Shipping Address4"),
    "address5": ("shippingAddress5", "Shipping Address5"),
    "phone": ("shippingPhone", "Shipping Phone Number"),
    "city": ("shippingCity", "Shipping City"),
    "province": ("shippingRegion", "Shipping Region"),
    "payment_method": ("payMethod", "Payment Method"),
    "courier": ("shippingProvider", "Shipping Provider"),
    "service": ("shipmentTypeName", "Shipment Type Name"),
    "tracking_no": ("trackingCode", "Tracking Code"),
    "seller_note": ("sellerNote", "Seller Note"),
}
_ADDRESS_LINES = ("address2", "address3", "address4", "address5")


def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
    def start(row: Row) -> OrderRecord:
        order = common.start_order("lazada", row, warnings)
        lines = (order.address, *(row.text(name) for name in _ADDRESS_LINES))
        order.address = ", ".join(line for line in lines if line)
        order.shipping_fee = 0  # add() counts every row's fee, the first one's included
        return order

    def add(order: OrderRecord, row: Row) -> None:
        paid = row.money("paid")
        unit_price = row.money("unit_price")
        fee = row.money("shipping_fee") or 0
        if paid is None:
            paid = unit_price or 0
        order.shipping_fee += fee
        order.total += paid + fee
        if row.number != order.first_row:
            status = common.status_of("lazada", row, warnings)
            if statuses.furthest(order.status, status) != order.status:
                order.status, order.raw_status = status, row.text("status")
        _add_unit(order, row, paid, unit_price)

    return common.fold(rows, warnings, start, add)


def _add_unit(order: OrderRecord, row: Row, paid: int, unit_price: int | None) -> None:
    sku, product, variant = row.text("sku"), row.text("product"), row.text("variant")
    price = paid if unit_price is None else unit_price
    for item in order.items:
        if (item.sku, item.product, item.variant, item.unit_price) == (
            sku,
            product,
            variant,
            price,
        ):
            item.quantity += 1
            item.subtotal += paid
            return
    order.items.append(ItemRecord(product, sku, variant, 1, price, paid))


LAZADA = register(
    Format(
        name="lazada",
        fields=FIELDS,
        required=("order_no", "status", "ordered_at", "product", "paid"),
        build=build,
    )
)
