"""Stock around manual orders: when an order takes, holds and gives back pieces of stock.

Stock rule: stock is taken when an order becomes confirmed (transfer confirmed, or created as
COD), given back when a confirmed manual order is cancelled, and adjusted by the difference when
a confirmed order's items are edited; each change is logged as an OrderEvent of kind "stock"
naming the SKU and its stock before → after (services/products.move_stock). Items whose SKU is
no product don't touch stock. Marketplace orders never touch stock here (the marketplaces keep
their own). An order holds stock when it is confirmed through csdesk: it has a confirmed
Payment, or it is COD, and it is neither unpaid nor cancelled. Manual orders from the demo or
an import carry no such record, so cancelling them gives nothing back. Unpaid orders reserve
nothing: two unpaid orders may count on the same last piece, and the one confirmed first gets
it (the second is warned before its payment is saved).

The order flows themselves (create, edit, cancel) live in manual_orders, which re-exports the
public names here; payments confirms transfers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from csdesk.models import Order, OrderItem, Payment
from csdesk.services.products import StockChange, move_stock, stock_by_sku

# Defined here rather than in manual_orders because the stock rule needs them and
# manual_orders builds on this module.
MARKETPLACE = "manual"
COD = "COD"
# A replacement sent for a complaint: nothing to pay, confirmed at once, its stock taken.
REPLACEMENT = "Pengganti (gratis)"


class StockLine(Protocol):
    """An order line as far as stock cares (an ItemDraft or an OrderItem)."""

    @property
    def product(self) -> str: ...

    @property
    def sku(self) -> str: ...

    @property
    def quantity(self) -> int: ...


@dataclass(frozen=True)
class Shortfall:
    sku: str
    product: str
    wanted: int
    in_stock: int


def holds_stock(order: Order) -> bool:
    """Has this order taken stock (see the module's rule)?"""
    if order.marketplace != MARKETPLACE or order.status in ("unpaid", "cancelled"):
        return False
    if order.payment_method in (COD, REPLACEMENT):
        return True
    return bool(Payment.select().where(Payment.order == order.id).exists())


def sku_quantities(items: Iterable[StockLine]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in items:
        if item.sku.strip():
            counts[item.sku.strip()] += item.quantity
    return counts


def held_stock(order: Order) -> Counter[str]:
    """What the order's items hold of each SKU (empty when it holds no stock)."""
    if not holds_stock(order):
        return Counter()
    return sku_quantities(OrderItem.select().where(OrderItem.order == order.id))


def shortfalls(items: Iterable[StockLine], held: Mapping[str, int]) -> list[Shortfall]:
    """Items (grouped by SKU) wanting more than is in stock plus what the order already
    `held`. Only SKUs that are products count."""
    items = list(items)
    wanted = sku_quantities(items)
    if not wanted:
        return []
    names: dict[str, str] = {}
    for item in items:
        names.setdefault(item.sku.strip(), item.product)
    stock = stock_by_sku(list(wanted))
    available = {sku: count + held.get(sku, 0) for sku, count in stock.items()}
    return [
        Shortfall(sku, names[sku], count, available[sku])
        for sku, count in wanted.items()
        if sku in available and count > available[sku]
    ]


def take_for_cod(
    order_id: int, items: Iterable[StockLine], *, author: str, at: dt.datetime
) -> list[StockChange]:
    """A COD order is confirmed as soon as it is made (or switched to COD): take its pieces."""
    return move_stock(
        order_id, sku_quantities(items), author=author, at=at, reason="Stok diambil (COD)"
    )


def adjust_after_edit(
    order_id: int,
    held_before: Counter[str],
    items: Iterable[StockLine],
    *,
    author: str,
    at: dt.datetime,
) -> list[StockChange]:
    """Move the difference between what the order held and what its edited items want; an
    order that held nothing takes nothing."""
    if not held_before:
        return []
    delta = sku_quantities(items)
    delta.subtract(held_before)
    return move_stock(order_id, delta, author=author, at=at, reason="Stok disesuaikan (edit)")


def give_back(
    order_id: int, held: Mapping[str, int], *, author: str, at: dt.datetime
) -> list[StockChange]:
    """Return what a cancelled order held."""
    return move_stock(
        order_id,
        {sku: -count for sku, count in held.items()},
        author=author,
        at=at,
        reason="Stok dikembalikan (batal)",
    )
