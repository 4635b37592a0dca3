"""Orders → Excel: the cells a seller (and the csdesk reader) sees in the exported workbook,
read back with openpyxl from a real file written from a real SQLite database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from list_factories import customer, order

from csdesk.errors import CsdeskError, ValidationError
from csdesk.models import Order, OrderItem
from csdesk.services import settings
from csdesk.services.exporting.csdesk_columns import COLUMNS, MONEY_FORMAT
from csdesk.services.exporting.orders_xlsx import (
    ExportCancelled,
    ExportError,
    export_orders,
)
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource

HEADERS = [c.header + (" (WIB)" if c.kind == "time" else "") for c in COLUMNS]
FORMULAS = {
    "buyer_note": '=HYPERLINK("http://evil.example","Klik")',
    "seller_note": "+62 812 telepon dulu",
    "recipient": "@SUM(1+1)",
    "address": "-2+3, Jl. Melati",
}


def item(o: Order, product: str, **fields: Any) -> OrderItem:
    return OrderItem.create(order=o, product=product, **fields)


@pytest.fixture
def shop(db: object) -> dict[str, Order]:
    """Two customers, three orders: one with two items and formula-like text, one with an
    18-digit TikTok number, one without items."""
    siti = customer("Siti Rahma")
    budi = customer("Budi Santoso")
    a = order(
        "250305ABCD12",
        ordered_at=dt.datetime(2025, 3, 5, 2, 15, 30),  # 09.15.30 WIB
        paid_at=dt.datetime(2025, 3, 5, 2, 20, 0, 654321),  # fraction dropped, not rounded
        customer=siti,
        status="to_ship",
        raw_status="Perlu Dikirim",
        buyer_name="Siti R.",
        buyer_username="sitirahma",
        phone="081234567890",
        tracking_no="",
        shipping_fee=12000,
        total=187000,
        **FORMULAS,
    )
    item(a, "Gamis Katun", sku="GK-01", variant="L", quantity=2, unit_price=75000, subtotal=150000)
    item(a, "Pashmina", sku="=cmd|' /C calc'!A0", quantity=1, unit_price=25000, subtotal=25000)
    b = order(
        "578700825422693312",
        marketplace="tiktok",
        ordered_at=dt.datetime(2025, 3, 6, 3, 0),
        customer=budi,
        tracking_no="000737046064",
        total=1_250_000,
    )
    item(b, "Bergo Maryam", quantity=1, unit_price=1_250_000, subtotal=1_250_000)
    c = order("WA-0001", marketplace="manual", ordered_at=dt.datetime(2025, 3, 7, 1, 0))
    return {"a": a, "b": b, "c": c}


def many_orders(count: int) -> None:
    start = dt.datetime(2025, 1, 1)
    rows = [
        {"marketplace": "shopee", "order_no": f"ORD{n:05d}", "status": "completed",
         "ordered_at": start + dt.timedelta(minutes=n)}
        for n in range(count)
    ]  # fmt: skip
    Order.insert_many(rows).execute()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder holding only what the export writes (tmp_path also has the database)."""
    folder = tmp_path / "ekspor"
    folder.mkdir()
    return folder


def sheet_of(path: Path) -> Any:
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Pesanan"]
    return workbook["Pesanan"]


def rows_of(path: Path) -> list[dict[str, Any]]:
    """Data rows as header → cell."""
    sheet = sheet_of(path)
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_headers_frozen_pane_autofilter_and_widths(shop: dict[str, Order], tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    result = export_orders(out)
    sheet = sheet_of(out)
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:AF{result.rows + 1}"
    assert sheet.column_dimensions["P"].width > sheet.column_dimensions["AD"].width  # Alamat
    assert "Waktu Pesanan (WIB)" in HEADERS


def test_one_row_per_item_and_an_order_without_items_still_has_its_row(
    shop: dict[str, Order], tmp_path: Path
) -> None:
    out = tmp_path / "pesanan.xlsx"
    result = export_orders(out)
    assert (result.rows, result.orders) == (4, 3)
    rows = rows_of(out)
    assert [(r["No. Pesanan"].value, r["Produk"].value) for r in rows] == [
        ("250305ABCD12", "Gamis Katun"),
        ("250305ABCD12", "Pashmina"),
        ("578700825422693312", "Bergo Maryam"),
        ("WA-0001", None),
    ]
    first = rows[0]
    assert first["Marketplace"].value == "Shopee"
    assert first["Status"].value == "Perlu Dikirim"
    assert first["Nama Pelanggan"].value == "Siti Rahma"
    assert first["ID Pelanggan"].value == shop["a"].customer_id
    # Order-level values repeat on every item row.
    assert rows[1]["Total Pesanan"].value == 187000
    assert rows[1]["Varian"].value is None


def test_money_is_a_number_in_rupiah_format(shop: dict[str, Order], tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    first, _, tiktok, _ = rows_of(out)
    for header, expected in [
        ("Ongkir", 12000),
        ("Total Pesanan", 187000),
        ("Harga Satuan", 75000),
        ("Subtotal", 150000),
    ]:
        cell = first[header]
        assert (cell.value, cell.data_type, cell.number_format) == (expected, "n", MONEY_FORMAT)
    assert tiktok["Total Pesanan"].value == 1_250_000
    assert first["Jumlah"].value == 2 and first["Jumlah"].data_type == "n"


def test_times_are_excel_datetimes_in_the_shops_zone(
    shop: dict[str, Order], tmp_path: Path
) -> None:
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    first = rows_of(out)[0]
    ordered = first["Waktu Pesanan (WIB)"]
    assert ordered.is_date and ordered.value == dt.datetime(2025, 3, 5, 9, 15, 30)
    assert first["Waktu Bayar (WIB)"].value == dt.datetime(2025, 3, 5, 9, 20, 0)
    assert first["Waktu Selesai (WIB)"].value is None


def test_a_wita_shop_exports_wita_times_and_says_so(shop: dict[str, Order], tmp_path: Path) -> None:
    wita = settings.load()
    wita.zone = "WITA"
    settings.save(wita)
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    first = rows_of(out)[0]
    assert first["Waktu Pesanan (WITA)"].value == dt.datetime(2025, 3, 5, 10, 15, 30)


def test_formula_like_text_stays_text(shop: dict[str, Order], tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    first, second, _, _ = rows_of(out)
    headers = {c.key: c.header for c in COLUMNS}
    cells = [first[headers[key]] for key in FORMULAS] + [second["SKU"]]
    expected = [*FORMULAS.values(), "=cmd|' /C calc'!A0"]
    assert [cell.value for cell in cells] == expected
    assert {cell.data_type for cell in cells} == {"s"}
    # Excel's hidden apostrophe: editing the cell in Excel keeps it text.
    assert all(cell.quotePrefix for cell in cells)
    assert not first["Produk"].quotePrefix


def test_long_ids_and_phones_are_text(shop: dict[str, Order], tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    export_orders(out)
    first, _, tiktok, _ = rows_of(out)
    for cell, value in [
        (tiktok["No. Pesanan"], "578700825422693312"),
        (tiktok["No. Resi"], "000737046064"),
        (first["Telepon"], "081234567890"),
    ]:
        assert (cell.value, cell.data_type) == (value, "s")


def test_status_and_marketplace_filters(shop: dict[str, Order], tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    assert export_orders(out, status="completed").orders == 2
    assert {r["No. Pesanan"].value for r in rows_of(out)} == {"578700825422693312", "WA-0001"}
    assert export_orders(out, marketplace="tiktok").rows == 1
    assert export_orders(out, status="to_ship", marketplace="tiktok").rows == 0
    assert [c.value for c in sheet_of(out)[1]] == HEADERS  # an empty export still has headers


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"status": "selesai"}, "Status tidak dikenal"),
        ({"marketplace": "bukalapak"}, "Marketplace tidak dikenal"),
        ({"since": dt.date(2025, 3, 6), "until": dt.date(2025, 3, 5)}, "setelah"),
    ],
)
def test_impossible_filters_are_refused_before_any_file(
    shop: dict[str, Order], out_dir: Path, filters: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        export_orders(out_dir / "pesanan.xlsx", **filters)
    assert list(out_dir.iterdir()) == []


def test_since_until_are_shop_days_both_included(db: object, tmp_path: Path) -> None:
    # WIB is UTC+7: 5 March WIB runs from 4 March 17.00 UTC to 5 March 17.00 UTC.
    edges = {
        "4 Mar 23.59 WIB": dt.datetime(2025, 3, 4, 16, 59, 59),
        "5 Mar 00.00 WIB": dt.datetime(2025, 3, 4, 17, 0),
        "5 Mar 23.59 WIB": dt.datetime(2025, 3, 5, 16, 59, 59, 999999),
        "6 Mar 00.00 WIB": dt.datetime(2025, 3, 5, 17, 0),
    }
    for name, at in edges.items():
        order(name, ordered_at=at)
    out = tmp_path / "pesanan.xlsx"

    def exported(**days: dt.date) -> list[str]:
        export_orders(out, **days)
        return [r["No. Pesanan"].value for r in rows_of(out)]

    day = dt.date(2025, 3, 5)
    assert exported(since=day, until=day) == ["5 Mar 00.00 WIB", "5 Mar 23.59 WIB"]
    assert exported(since=day) == ["5 Mar 00.00 WIB", "5 Mar 23.59 WIB", "6 Mar 00.00 WIB"]
    assert exported(until=day) == ["4 Mar 23.59 WIB", "5 Mar 00.00 WIB", "5 Mar 23.59 WIB"]


def test_the_orders_panels_current_list_is_exported_in_its_order(
    shop: dict[str, Order], tmp_path: Path
) -> None:
    ids = OrderListSource().ids(
        ListQuery(filters={"status": "completed"}, sort="order_no", descending=False)
    )
    out = tmp_path / "pesanan.xlsx"
    result = export_orders(out, order_ids=ids)
    assert result.orders == 2
    assert [r["No. Pesanan"].value for r in rows_of(out)] == ["578700825422693312", "WA-0001"]
    export_orders(out, order_ids=list(reversed(ids)))
    assert [r["No. Pesanan"].value for r in rows_of(out)] == ["WA-0001", "578700825422693312"]


def test_progress_reaches_the_total(db: object, tmp_path: Path) -> None:
    many_orders(2000)
    seen: list[tuple[int, int]] = []
    result = export_orders(tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert result.orders == 2000
    assert len(seen) > 1 and seen[-1] == (2000, 2000)


def test_cancel_leaves_no_file_and_keeps_an_older_one(db: object, out_dir: Path) -> None:
    many_orders(2000)
    out = out_dir / "pesanan.xlsx"
    out.write_bytes(b"laporan kemarin")
    asked: list[int] = []

    def cancel_on_second_chunk() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(ExportCancelled) as raised:
        export_orders(out, is_cancelled=cancel_on_second_chunk)
    assert isinstance(raised.value, CsdeskError)
    assert out.read_bytes() == b"laporan kemarin"
    assert sorted(p.name for p in out_dir.iterdir()) == ["pesanan.xlsx"]


def test_unwritable_targets_are_clear_errors_without_leftovers(
    shop: dict[str, Order], out_dir: Path
) -> None:
    with pytest.raises(ExportError, match="tidak ada"):
        export_orders(out_dir / "tidak-ada" / "pesanan.xlsx")
    with pytest.raises(ExportError, match="folder"):
        export_orders(out_dir)
    blocker = out_dir / "bukan-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        export_orders(blocker / "pesanan.xlsx")
    assert sorted(p.name for p in out_dir.iterdir()) == ["bukan-folder"]
