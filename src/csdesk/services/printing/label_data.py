"""What one shipping label says, read from the database in batches.

`load_labels` reads a chunk of orders with one query and their items with a second, never one
query per order, so 500 labels cost a handful of queries. The text is ready to print: phones
in display form, marketplace by its name, the COD amount only for COD orders.

COD rule: an order is cash on delivery when its payment method mentions COD or says so in
words, case-insensitively ("COD", "cod - bayar di tempat", "Bayar di Tempat", "Cash on
Delivery"). The courier then collects the order total, so that is the amount on the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from csdesk.errors import NotFoundError
from csdesk.models import Order, OrderItem
from csdesk.models.base import database_proxy, run_sql
from csdesk.services import fmt
from csdesk.services.labels import MARKETPLACE_LABELS, label
from csdesk.services.list_sql import CHUNK

_COD = re.compile(r"\bcod\b|bayar di tempat|cash on delivery", re.IGNORECASE)


def is_cod(payment_method: str) -> bool:
    """Is this payment method cash on delivery? (the rule in the module doc)"""
    return bool(_COD.search(payment_method or ""))


@dataclass(frozen=True)
class LabelItem:
    product: str
    variant: str
    quantity: int


@dataclass(frozen=True)
class LabelData:
    order_id: int
    order_no: str
    marketplace: str  # its name for people: "Shopee", "Manual/WhatsApp"
    courier: str
    service: str
    tracking_no: str  # "" when the order has no tracking number yet
    recipient: str
    phone: str  # display form, or the masked text as it came
    address: str
    city: str
    province: str
    buyer_note: str
    cod_amount: int | None  # the order total when COD, else None
    items: tuple[LabelItem, ...]

    @property
    def pieces(self) -> int:
        """Number of pieces in the parcel (the sum of the item quantities)."""
        return sum(item.quantity for item in self.items)


_ORDER_COLUMNS = (
    Order.id,
    Order.order_no,
    Order.marketplace,
    Order.courier,
    Order.service,
    Order.tracking_no,
    Order.recipient,
    Order.phone,
    Order.address,
    Order.city,
    Order.province,
    Order.buyer_note,
    Order.payment_method,
    Order.total,
)


def _clean(text: Any) -> str:
    return str(text or "").strip()


def _label_of(row: tuple[Any, ...], items: tuple[LabelItem, ...]) -> LabelData:
    (order_id, order_no, marketplace, courier, service, tracking_no, recipient, phone,
     address, city, province, buyer_note, payment_method, total) = row  # fmt: skip
    return LabelData(
        order_id=int(order_id),
        order_no=_clean(order_no),
        marketplace=label(MARKETPLACE_LABELS, _clean(marketplace)),
        courier=_clean(courier),
        service=_clean(service),
        tracking_no=_clean(tracking_no),
        recipient=_clean(recipient),
        phone=fmt.phone_display(_clean(phone)),
        address=" ".join(_clean(address).split()),
        city=_clean(city),
        province=_clean(province),
        buyer_note=" ".join(_clean(buyer_note).split()),
        cod_amount=int(total or 0) if is_cod(_clean(payment_method)) else None,
        items=items,
    )


def _items_of(ids: list[int]) -> dict[int, list[LabelItem]]:
    query = (
        OrderItem.select(OrderItem.order, OrderItem.product, OrderItem.variant, OrderItem.quantity)
        .where(OrderItem.order.in_(ids))
        .order_by(OrderItem.order, OrderItem.id)
    )
    sql, params = query.sql()
    items: dict[int, list[LabelItem]] = {}
    for order_id, product, variant, quantity in run_sql(database_proxy.obj, sql, params):
        items.setdefault(order_id, []).append(
            LabelItem(_clean(product), _clean(variant), int(quantity or 0))
        )
    return items


def iter_labels(order_ids: Sequence[int]) -> Iterator[LabelData]:
    """The labels of `order_ids`, in that order, read a chunk at a time (two queries per chunk).

    Raises NotFoundError naming the first id that is not an order.
    """
    db = database_proxy.obj
    for start in range(0, len(order_ids), CHUNK):
        chunk = [int(i) for i in order_ids[start : start + CHUNK]]
        sql, params = Order.select(*_ORDER_COLUMNS).where(Order.id.in_(chunk)).sql()
        rows = {row[0]: row for row in run_sql(db, sql, params)}
        items = _items_of(chunk)
        for order_id in chunk:
            row = rows.get(order_id)
            if row is None:
                raise NotFoundError(f"Pesanan #{order_id} tidak ditemukan")
            yield _label_of(row, tuple(items.get(order_id, ())))


def load_labels(order_ids: Sequence[int]) -> list[LabelData]:
    """Every label of `order_ids` at once (see `iter_labels`)."""
    return list(iter_labels(order_ids))
