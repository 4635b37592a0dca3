"""The Produk list: natural order, search over SKU/name/variant, stock and active filters."""

from __future__ import annotations

import pytest

from csdesk.services import products
from csdesk.services.listing import CountingListSource, ListQuery
from csdesk.services.products_list import ProductListSource


@pytest.fixture
def catalog(db: object) -> dict[str, int]:
    rows = {
        "navy": ("GKA-NVY-L", "Gamis Aisyah", "Navy, L", 185_000, 12, True),
        "hitam": ("GKA-HTM-M", "Gamis Aisyah", "Hitam, M", 185_000, 5, True),
        "pink": ("PCB-DPK", "Pashmina Ceruty", "Dusty Pink", 45_000, 0, True),
        "lama": ("TLN-KRM", "tunik Linen", "", 145_000, 1, False),
    }
    return {
        key: products.save_product(
            None, sku=sku, name=name, variant=variant, price=price, stock=stock, active=active
        )
        for key, (sku, name, variant, price, stock, active) in rows.items()
    }


def names(catalog: dict[str, int], ids: list[int]) -> list[str]:
    by_id = {value: key for key, value in catalog.items()}
    return [by_id[i] for i in ids]


def test_natural_order_and_sorting(catalog: dict[str, int]) -> None:
    source = ProductListSource()
    assert isinstance(source, CountingListSource)
    assert names(catalog, source.ids(ListQuery())) == ["hitam", "navy", "pink", "lama"]
    by_stock = source.ids(ListQuery(sort="stock", descending=False))
    assert names(catalog, by_stock) == ["pink", "lama", "hitam", "navy"]
    assert names(catalog, source.ids(ListQuery(), limit=2)) == ["hitam", "navy"]
    assert source.count(ListQuery()) == 4


def test_search_every_word_in_sku_name_or_variant(catalog: dict[str, int]) -> None:
    source = ProductListSource()
    assert names(catalog, source.ids(ListQuery(search="gamis navy"))) == ["navy"]
    assert names(catalog, source.ids(ListQuery(search="pcb-"))) == ["pink"]
    assert names(catalog, source.ids(ListQuery(search="TUNIK"))) == ["lama"]
    assert names(catalog, source.ids(ListQuery(search="50%"))) == []
    assert source.count(ListQuery(search="gka")) == 2


def test_stock_and_active_filters(catalog: dict[str, int]) -> None:
    source = ProductListSource()
    assert [f.key for f in source.filters] == ["stock", "active"]
    assert [c.label for c in source.filters[0].choices] == ["Semua", "Habis", "Menipis (≤ 5)"]
    assert names(catalog, source.ids(ListQuery(filters={"stock": "out"}))) == ["pink"]
    assert names(catalog, source.ids(ListQuery(filters={"stock": "low"}))) == ["hitam", "lama"]
    assert names(catalog, source.ids(ListQuery(filters={"active": "no"}))) == ["lama"]
    both = ListQuery(filters={"stock": "low", "active": "yes"})
    assert names(catalog, source.ids(both)) == ["hitam"]
    products.save_product(
        catalog["navy"], sku="GKA-NVY-L", name="Gamis Aisyah", variant="Navy, L", stock=0
    )
    assert names(catalog, source.ids(ListQuery(filters={"stock": "out"}))) == ["navy", "pink"]


def test_rows(catalog: dict[str, int]) -> None:
    rows = ProductListSource().rows([catalog["navy"], catalog["lama"]])
    assert rows[catalog["navy"]] == {
        "sku": "GKA-NVY-L",
        "name": "Gamis Aisyah",
        "variant": "Navy, L",
        "price": 185_000,
        "stock": 12,
        "active": "Aktif",
    }
    assert rows[catalog["lama"]]["active"] == "Nonaktif"
    assert [c.key for c in ProductListSource.columns] == [
        "sku",
        "name",
        "variant",
        "stock",
        "price",
        "active",
    ]
