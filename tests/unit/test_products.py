"""Products: saving with its refusals, the picker's search, deleting, and stock moves."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Order, OrderEvent, OrderItem, Product
from csdesk.services import products

NOW = dt.datetime(2026, 3, 5, 2, 0)


def add(sku: str, name: str, variant: str = "", stock: int = 10, active: bool = True) -> int:
    return products.save_product(
        None, sku=sku, name=name, variant=variant, price=185_000, stock=stock, active=active
    )


def test_save_creates_and_updates(db: object) -> None:
    pid = products.save_product(
        None, sku=" GKA-NVY-L ", name="Gamis Aisyah", variant="Navy, L", price=185_000, stock=4
    )
    info = products.get_product(pid)
    assert (info.sku, info.stock, info.active) == ("GKA-NVY-L", 4, True)
    assert info.label == "Gamis Aisyah — Navy, L"
    products.save_product(pid, sku="GKA-NVY-L", name="Gamis Aisyah", price=190_000, stock=3)
    row = Product.get_by_id(pid)
    assert (row.price, row.stock, row.variant) == (190_000, 3, "")
    assert products.get_product(pid).label == "Gamis Aisyah"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sku": " ", "name": "Gamis"}, "SKU produk wajib diisi"),
        ({"sku": "X1", "name": ""}, "Nama produk wajib diisi"),
        ({"sku": "X1", "name": "Gamis", "price": -1}, "Harga tidak boleh negatif"),
        ({"sku": "X1", "name": "Gamis", "stock": -2}, "Stok tidak boleh negatif"),
    ],
)
def test_refusals_save_nothing(db: object, fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        products.save_product(None, **fields)  # type: ignore[arg-type]
    assert Product.select().count() == 0


def test_duplicate_sku_names_the_owner(db: object) -> None:
    first = add("PCB-DPK", "Pashmina Ceruty", "Dusty Pink")
    other = add("PCB-MCA", "Pashmina Ceruty", "Mocca")
    with pytest.raises(
        ValidationError, match="SKU PCB-DPK sudah dipakai oleh Pashmina Ceruty — Dusty Pink"
    ):
        products.save_product(other, sku="PCB-DPK", name="Pashmina Ceruty", variant="Mocca")
    assert Product.get_by_id(other).sku == "PCB-MCA"
    # Saving a product under its own SKU is no clash.
    products.save_product(first, sku="PCB-DPK", name="Pashmina Ceruty Babydoll")
    assert Product.get_by_id(first).name == "Pashmina Ceruty Babydoll"


def test_update_of_a_missing_product(db: object) -> None:
    with pytest.raises(NotFoundError, match="Produk #99 tidak ditemukan"):
        products.save_product(99, sku="A", name="B")
    with pytest.raises(NotFoundError):
        products.get_product(99)


def test_picker_search_words_and_active_only(db: object) -> None:
    add("GKA-NVY-L", "Gamis Aisyah", "Navy, L")
    add("GKA-HTM-M", "Gamis Aisyah", "Hitam, M")
    add("PCB-DPK", "Pashmina Ceruty", "Dusty Pink")
    add("OLD-1", "Gamis Lama", active=False)
    labels = [p.label for p in products.list_products()]
    assert labels == [
        "Gamis Aisyah — Hitam, M",
        "Gamis Aisyah — Navy, L",
        "Pashmina Ceruty — Dusty Pink",
    ]
    assert [p.sku for p in products.list_products("gamis navy")] == ["GKA-NVY-L"]
    assert [p.sku for p in products.list_products("pcb")] == ["PCB-DPK"]
    assert [p.sku for p in products.list_products("gamis", active_only=False)] == [
        "GKA-HTM-M",
        "GKA-NVY-L",
        "OLD-1",
    ]
    assert len(products.list_products(limit=2)) == 2


def test_delete_removes_an_unsold_product_and_deactivates_a_sold_one(db: object) -> None:
    unsold = add("NEW-1", "Tunik Baru")
    sold = add("GKA-NVY-L", "Gamis Aisyah", "Navy, L")
    order = Order.create(
        marketplace="manual", order_no="WA-2026-0001", status="unpaid", ordered_at=NOW
    )
    OrderItem.create(order=order, sku="GKA-NVY-L", product="Gamis Aisyah", quantity=1)
    products.delete_product(unsold)
    products.delete_product(sold)
    assert Product.get_or_none(Product.id == unsold) is None
    assert Product.get_by_id(sold).active is False
    assert products.list_products() == []
    with pytest.raises(NotFoundError):
        products.delete_product(unsold)


def test_move_stock_logs_before_and_after(db: object) -> None:
    add("GKA-NVY-L", "Gamis Aisyah", "Navy, L", stock=2)
    add("PCB-DPK", "Pashmina", stock=5)
    order = Order.create(
        marketplace="manual", order_no="WA-2026-0001", status="to_ship", ordered_at=NOW
    )
    changes = products.move_stock(
        order.id,
        {"GKA-NVY-L": 3, "PCB-DPK": -1, "NOT-A-PRODUCT": 4, "ZERO": 0},
        author="Rina",
        at=NOW,
        reason="Stok diambil",
    )
    assert changes == [("GKA-NVY-L", 2, -1), ("PCB-DPK", 5, 6)]
    assert products.stock_by_sku(["GKA-NVY-L", "PCB-DPK", "NOT-A-PRODUCT"]) == {
        "GKA-NVY-L": -1,
        "PCB-DPK": 6,
    }
    event = OrderEvent.get(OrderEvent.order == order.id)
    assert (event.kind, event.author) == ("stock", "Rina")
    assert event.detail == "Stok diambil\nGKA-NVY-L: 2 → -1\nPCB-DPK: 5 → 6"


def test_move_stock_without_products_logs_nothing(db: object) -> None:
    order = Order.create(
        marketplace="manual", order_no="WA-2026-0001", status="to_ship", ordered_at=NOW
    )
    assert products.move_stock(order.id, {"X": 1}, author="", at=NOW, reason="r") == []
    assert OrderEvent.select().count() == 0
