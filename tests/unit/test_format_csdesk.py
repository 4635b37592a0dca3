"""csdesk's own export read back: the reader gives the database's orders field by field, and
the full round trip (export → import into an empty database, or into the same one) reproduces
the orders, items, totals, statuses and customers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from list_factories import customer, order

from csdesk.models import Customer, Order, OrderItem, schema
from csdesk.models import db as dbmod
from csdesk.services import settings, stats
from csdesk.services.demo import generate_demo
from csdesk.services.exporting.orders_xlsx import export_orders
from csdesk.services.importing.read import read_orders
from csdesk.services.importing.records import ImportFormatError, ItemRecord, OrderRecord
from csdesk.services.importing.run import import_files

# What only a marketplace file carries, or only the reader knows (where in the file).
NOT_EXPORTED = {"source_rows", "first_row", "buyer_phone", "linked_order_no"}
NOW = dt.datetime(2025, 3, 20, 5, 0)


def whole(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(microsecond=0) if value else None


def stored_records() -> list[OrderRecord]:
    """The database's orders as a reader should give them (times to the second)."""
    records = []
    for o in Order.select().order_by(Order.ordered_at, Order.id):
        items = [
            ItemRecord(i.product, i.sku, i.variant, i.quantity, i.unit_price, i.subtotal)
            for i in OrderItem.select().where(OrderItem.order == o.id).order_by(OrderItem.id)
        ]
        fields = {
            f.name: getattr(o, f.name)
            for f in dataclasses.fields(OrderRecord)
            if f.name not in NOT_EXPORTED and hasattr(Order, f.name)
        }
        fields.update({k: whole(v) for k, v in fields.items() if isinstance(v, dt.datetime)})
        fields.update(
            items=items,
            customer_id=o.customer_id,
            customer_name=o.customer.name if o.customer_id else "",
        )
        records.append(OrderRecord(**fields))
    return records


def comparable(records: list[OrderRecord]) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in dataclasses.asdict(r).items() if k not in NOT_EXPORTED} for r in records
    ]


@pytest.fixture
def demo_shop(db: object) -> None:
    generate_demo(80, now=NOW)


def test_the_reader_gives_back_the_databases_orders(demo_shop: None, tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    result = export_orders(out)
    parsed = read_orders(out)  # detected from the headers
    assert parsed.file_format == "csdesk"
    assert parsed.rows == result.rows and parsed.warnings == []
    assert comparable(parsed.orders) == comparable(stored_records())
    assert len({r.marketplace for r in parsed.orders}) == 5


def test_formula_text_exact_text_and_same_number_on_two_marketplaces(
    db: object, tmp_path: Path
) -> None:
    siti = customer("Siti")
    for marketplace in ("shopee", "lazada"):
        order(
            "12345",
            marketplace=marketplace,
            ordered_at=dt.datetime(2025, 3, 1, 3, 4, 5),
            customer=siti,
            seller_note="-",  # a marketplace file's "empty"; here the seller's own text
            buyer_note='=HYPERLINK("http://evil.example")',
            address="  Jl. Melati 5  ",
        )
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    parsed = read_orders(out, file_format="csdesk")
    assert [(r.marketplace, r.order_no) for r in parsed.orders] == [
        ("shopee", "12345"),
        ("lazada", "12345"),
    ]
    assert comparable(parsed.orders) == comparable(stored_records())


def test_times_come_back_in_utc_from_the_zone_the_header_names(db: object, tmp_path: Path) -> None:
    order("A1", ordered_at=dt.datetime(2025, 3, 4, 17, 30), paid_at=dt.datetime(2025, 3, 4, 18))
    wit = settings.load()
    wit.zone = "WIT"
    settings.save(wit)
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    # A WIB shop importing a WIT shop's file still gets the same instants.
    (record,) = read_orders(out, zone="WIB").orders
    assert record.ordered_at == dt.datetime(2025, 3, 4, 17, 30)
    assert record.paid_at == dt.datetime(2025, 3, 4, 18)


def edit(path: Path, cell: str, value: object) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook["Pesanan"][cell] = value
    workbook.save(path)


def test_unknown_status_imports_as_other_with_a_warning(db: object, tmp_path: Path) -> None:
    order("A1", ordered_at=dt.datetime(2025, 3, 4), status="to_ship", raw_status="Perlu Dikirim")
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    edit(out, "C2", "Ditahan Gudang")
    parsed = read_orders(out, file_format="csdesk")
    assert parsed.orders[0].status == "other"
    assert parsed.orders[0].raw_status == "Perlu Dikirim"
    (warning,) = parsed.warnings
    assert (warning.row, warning.column) == (2, "Status")


@pytest.mark.parametrize(
    ("cell", "value", "column"),
    [
        ("A2", "Bukalapak", "Marketplace"),
        ("E2", "kemarin sore", "Waktu Pesanan (WIB)"),
        ("E2", None, "Waktu Pesanan (WIB)"),
        ("Z2", "seratus ribu", "Total Pesanan"),
    ],
)
def test_a_value_that_cannot_be_read_names_file_row_and_column(
    db: object, tmp_path: Path, cell: str, value: object, column: str
) -> None:
    order("A1", ordered_at=dt.datetime(2025, 3, 4), total=100000)
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    edit(out, cell, value)
    with pytest.raises(ImportFormatError) as raised:
        read_orders(out, file_format="csdesk")
    assert (raised.value.file, raised.value.row, raised.value.column) == (out.name, 2, column)


def snapshot() -> dict[str, Any]:
    """What a round trip must keep: every order with its items and its customer's name, the
    grouping of orders by customer, and the counts `stats` reports."""
    orders = {}
    groups: dict[int, set[str]] = {}
    for record in stored_records():
        key = f"{record.marketplace}:{record.order_no}"
        data = dataclasses.asdict(record)
        customer_id = data.pop("customer_id")
        orders[key] = {k: v for k, v in data.items() if k not in NOT_EXPORTED}
        if customer_id is not None:
            groups.setdefault(customer_id, set()).add(key)
    counts = stats.collect()
    return {
        "orders": orders,
        "customers_by_orders": sorted(sorted(keys) for keys in groups.values()),
        "stats": {k: counts[k] for k in ("orders", "order_items", "revenue_idr")}
        | {
            "by_status": counts["orders_by_status"],
            "by_marketplace": counts["orders_by_marketplace"],
        },
        "lifetime": sorted(
            (c.name, c.order_count, c.lifetime_value)
            for c in Customer.select().where(Customer.order_count > 0)
        ),
    }


def test_round_trip_into_an_empty_database_and_into_the_same_one(
    demo_shop: None, tmp_path: Path
) -> None:
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    before = snapshot()

    (same,) = import_files([out], file_format="csdesk")
    assert (same.orders_new, same.orders_updated) == (0, 0)
    assert same.orders_unchanged == len(before["orders"])
    assert snapshot() == before

    empty = dbmod.connect(str(tmp_path / "kosong.sqlite"))
    schema.migrate(empty)
    try:
        (fresh,) = import_files([out])  # detected as csdesk
        assert fresh.format == "csdesk"
        assert fresh.orders_new == len(before["orders"]) and fresh.errors == []
        assert snapshot() == before
        (again,) = import_files([out])
        assert again.orders_unchanged == len(before["orders"])
    finally:
        empty.close()
