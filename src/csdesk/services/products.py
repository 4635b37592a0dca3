"""The shop's products (SKU, variant, price, stock) and the stock moves of manual orders.

Rules:
- A SKU is unique, compared as typed after trimming spaces (`GKA-NVY-L`); name is required;
  price, stock and weight are never negative when saved by hand (stock may go below zero
  only through orders confirmed while short, see below).
- Order items copy the product's name, variant and price, so past orders never depend on a
  product row. Deleting a product that no order mentions removes it; a product some order
  mentions (by SKU) is deactivated instead: it leaves the item picker but keeps taking and
  giving back stock for the orders that hold it.
- Stock moves (`move_stock`) are relative updates in the database (`stock = stock - n`), so
  two desks confirming orders at once never lose a decrement. Each move is logged on the
  order as an OrderEvent of kind "stock" naming each SKU and its stock before → after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import OrderEvent, OrderItem, Product, database_proxy
from csdesk.services import text_match

StockChange = tuple[str, int, int]  # (sku, before, after)


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    name: str
    variant: str
    price: int
    stock: int
    weight_grams: int
    active: bool

    @property
    def label(self) -> str:
        """`Gamis Aisyah — Navy, L`: the name, and the variant when there is one."""
        return f"{self.name} — {self.variant}" if self.variant else self.name


def _info(p: Product) -> ProductInfo:
    return ProductInfo(
        id=p.id,
        sku=p.sku,
        name=p.name,
        variant=p.variant,
        price=p.price,
        stock=p.stock,
        weight_grams=p.weight_grams,
        active=p.active,
    )


def _missing(product_id: int) -> str:
    return f"Produk #{product_id} tidak ditemukan"


def list_products(search: str = "", active_only: bool = True, limit: int = 50) -> list[ProductInfo]:
    """Products for the item picker, by name and variant; every word of `search` must appear
    in the SKU, name or variant."""
    query = Product.select()
    terms = text_match.parse(search)
    if terms is not None:
        for word in terms.words:
            query = query.where(
                text_match.like_any([Product.sku, Product.name, Product.variant], word)
            )
    if active_only:
        query = query.where(Product.active == True)  # noqa: E712 (peewee expression)
    query = query.order_by(pw.fn.LOWER(Product.name), pw.fn.LOWER(Product.variant), Product.id)
    return [_info(p) for p in query.limit(limit)]


def get_product(product_id: int) -> ProductInfo:
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFoundError(_missing(product_id))
    return _info(product)


def find_by_sku(sku: str) -> ProductInfo | None:
    product = Product.get_or_none(Product.sku == sku.strip())
    return _info(product) if product else None


def save_product(
    product_id: int | None,
    *,
    sku: str,
    name: str,
    variant: str = "",
    price: int = 0,
    stock: int = 0,
    weight_grams: int = 0,
    active: bool = True,
) -> int:
    """Create (`product_id` None) or update a product; returns its id."""
    sku, name, variant = sku.strip(), name.strip(), variant.strip()
    if not sku:
        raise ValidationError("SKU produk wajib diisi")
    if not name:
        raise ValidationError("Nama produk wajib diisi")
    if price < 0:
        raise ValidationError("Harga tidak boleh negatif")
    if stock < 0:
        raise ValidationError("Stok tidak boleh negatif")
    if weight_grams < 0:
        raise ValidationError("Berat tidak boleh negatif")
    values = {
        "sku": sku,
        "name": name,
        "variant": variant,
        "price": price,
        "stock": stock,
        "weight_grams": weight_grams,
        "active": active,
    }
    with database_proxy.atomic():
        clash = Product.get_or_none(Product.sku == sku)
        if clash is not None and clash.id != product_id:
            label = _info(clash).label
            raise ValidationError(f"SKU {sku} sudah dipakai oleh {label}")
        try:
            if product_id is None:
                return int(Product.create(**values).id)
            if not Product.update(values).where(Product.id == product_id).execute():
                raise NotFoundError(_missing(product_id))
        except pw.IntegrityError as exc:  # another desk saved the same SKU a moment ago
            raise ValidationError(f"SKU {sku} sudah dipakai produk lain") from exc
    return product_id


def delete_product(product_id: int) -> None:
    """Remove a product no order mentions; deactivate one that some order does (see the
    module's rules), so the orders holding its stock can still give it back."""
    with database_proxy.atomic():
        product = Product.get_or_none(Product.id == product_id)
        if product is None:
            raise NotFoundError(_missing(product_id))
        if OrderItem.select().where(OrderItem.sku == product.sku).exists():
            Product.update(active=False).where(Product.id == product_id).execute()
        else:
            product.delete_instance()


def stock_by_sku(skus: list[str]) -> dict[str, int]:
    """The current stock of each of `skus` that is a product."""
    if not skus:
        return {}
    query = Product.select(Product.sku, Product.stock).where(Product.sku.in_(sorted(set(skus))))
    return {p.sku: p.stock for p in query}


def move_stock(
    order_id: int,
    taken: Mapping[str, int],
    *,
    author: str,
    at: datetime,
    reason: str,
) -> list[StockChange]:
    """Take `taken[sku]` pieces out of stock for this order (negative: give them back).

    SKUs that are no product, and zero moves, are skipped. Logs one "stock" event on the order
    (`reason` first, then `SKU: before → after` per line) and returns the changes. Runs in the
    caller's transaction.
    """
    changes: list[StockChange] = []
    for sku in sorted(taken):
        quantity = taken[sku]
        if not quantity:
            continue
        updated = Product.update(stock=Product.stock - quantity).where(Product.sku == sku).execute()
        if not updated:
            continue
        after = int(Product.select(Product.stock).where(Product.sku == sku).scalar())
        changes.append((sku, after + quantity, after))
    if changes:
        lines = [f"{sku}: {before} → {after}" for sku, before, after in changes]
        OrderEvent.create(
            order=order_id, at=at, kind="stock", author=author, detail="\n".join([reason, *lines])
        )
    return changes
