"""Folding item rows into orders, shared by the marketplace formats.

Every export has one row per item (Lazada: per unit) with the order-level fields repeated on
each: an order is started from its first row — order-level values taken once, never summed —
and each row then adds its item. Field names are OrderRecord's and ItemRecord's attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from csdesk.services.importing import statuses
from csdesk.services.importing.records import ItemRecord, OrderRecord, Problem
from csdesk.services.importing.table import Row

ORDER_TEXTS = (
    "buyer_name", "buyer_username", "recipient", "address", "city", "province", "courier",
    "service", "payment_method", "buyer_note", "seller_note",
)  # fmt: skip
# Kept exactly as written: long digit strings, masked phones (`(+62)812******32`).
ORDER_IDS = ("buyer_phone", "phone", "tracking_no", "linked_order_no")
ORDER_TIMES = ("ordered_at", "paid_at", "ship_by", "shipped_at", "completed_at")


def status_of(marketplace: str, row: Row, warnings: list[Problem]) -> str:
    """The normalized status of a row; an unknown text imports as `other`, with a warning."""
    raw = row.text("status")
    status = statuses.normalize(marketplace, raw)
    if status is None:
        warnings.append(
            row.problem("status", f"status '{raw}' tidak dikenal; diimpor sebagai 'lainnya'")
        )
        return "other"
    return status


def start_order(marketplace: str, row: Row, warnings: list[Problem]) -> OrderRecord:
    """An order from its first row: every order-level field the format maps."""
    order = OrderRecord(
        marketplace=marketplace,
        order_no=row.identifier("order_no"),
        status=status_of(marketplace, row, warnings),
        raw_status=row.text("status"),
        first_row=row.number,
    )
    for name in ORDER_TEXTS:
        if row.has(name):
            setattr(order, name, row.text(name))
    for name in ORDER_IDS:
        if row.has(name):
            setattr(order, name, row.identifier(name))
    for name in ORDER_TIMES:
        if row.has(name):
            setattr(order, name, row.time(name))
    order.ordered_at = row.required_time("ordered_at")
    order.shipping_fee = row.money("shipping_fee") or 0
    order.total = row.money("total") or 0
    return order


def item_of(row: Row) -> ItemRecord:
    quantity = row.count("quantity")
    unit_price = row.money("unit_price") or 0
    subtotal = row.money("subtotal")
    quantity = 1 if quantity is None else quantity
    return ItemRecord(
        product=row.text("product"),
        sku=row.text("sku"),
        variant=row.text("variant"),
        quantity=quantity,
        unit_price=unit_price,
        subtotal=unit_price * quantity if subtotal is None else subtotal,
    )


def fold(
    rows: Iterator[Row],
    warnings: list[Problem],
    start: Callable[[Row], OrderRecord],
    add: Callable[[OrderRecord, Row], None],
) -> list[OrderRecord]:
    """Rows → orders in first-seen order; rows of one order need not be adjacent."""
    orders: dict[str, OrderRecord] = {}
    for row in rows:
        source = row.source_json()
        order_no = row.identifier("order_no")
        if not order_no:
            warnings.append(row.problem("order_no", "baris tanpa nomor pesanan dilewati"))
            continue
        order = orders.get(order_no)
        if order is None:
            order = orders[order_no] = start(row)
        add(order, row)
        order.source_rows.append(source)
    return list(orders.values())
