"""The Produk list: SKU, name, variant, price, stock and whether the product is on sale.

Search looks for every word in the SKU, name or variant with LIKE: a shop has at most a few
thousand products, so no search index is needed. Filters: Stok (Habis: none left or below
zero; Menipis: 1 to LOW_STOCK left) and Aktif.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from csdesk.models import Product
from csdesk.services import text_match
from csdesk.services.list_sql import (
    ALL,
    chunked,
    count_rows,
    fetch_dicts,
    fetch_ids,
    order_by,
    useful_limit,
    where_all,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

LOW_STOCK = 5
ACTIVE_LABELS = {True: "Aktif", False: "Nonaktif"}


class ProductListSource:
    columns = (
        # Stock right after what the product is: the column a seller checks most.
        Column("sku", "SKU", width=100),
        Column("name", "Nama produk", width=190),
        Column("variant", "Varian", width=100),
        Column("stock", "Stok", "int", width=56),
        Column("price", "Harga", "money", width=96),
        Column("active", "Status", "badge", width=76),
    )
    filters = (
        Filter(
            "stock",
            "Stok",
            (ALL, Choice("out", "Habis"), Choice("low", f"Menipis (≤ {LOW_STOCK})")),
        ),
        Filter("active", "Aktif", (ALL, Choice("yes", "Aktif"), Choice("no", "Nonaktif"))),
    )

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "sku": Product.sku,
            "name": pw.fn.LOWER(Product.name),
            "variant": pw.fn.LOWER(Product.variant),
            "price": Product.price,
            "stock": Product.stock,
            "active": Product.active,
        }
        natural = [pw.fn.LOWER(Product.name), pw.fn.LOWER(Product.variant), Product.id]
        ordered = self._select(query).order_by(*order_by(query, sortable, natural, Product.id))
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        return count_rows(self._select(query))

    def _select(self, query: ListQuery) -> pw.Select:
        conditions = text_match.every_word(
            [Product.sku, Product.name, Product.variant], query.search
        )
        stock = query.filters.get("stock")
        if stock == "out":
            conditions.append(Product.stock <= 0)
        elif stock == "low":
            conditions.append((Product.stock > 0) & (Product.stock <= LOW_STOCK))
        active = query.filters.get("active")
        if active in ("yes", "no"):
            conditions.append(Product.active == (active == "yes"))
        return where_all(Product.select(Product.id), conditions)

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            for row in fetch_dicts(Product.select().where(Product.id.in_(chunk))):
                result[row["id"]] = {
                    "sku": row["sku"],
                    "name": row["name"],
                    "variant": row["variant"],
                    "price": row["price"],
                    "stock": row["stock"],
                    "active": ACTIVE_LABELS[bool(row["active"])],
                }
        return result
