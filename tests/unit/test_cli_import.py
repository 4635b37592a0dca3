"""`csdesk import-orders` as a user runs it: a real process, the sample exports, --json."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
from import_factories import dump
from test_cli import run

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
ORDER_FILES = (
    "shopee_pesanan.xlsx",
    "tiktok_OrderSKUList.xlsx",
    "tokopedia_laporan_penjualan.xlsx",
    "lazada_orders.xlsx",
)
FILE_KEYS = {"file", "format", "rows", "orders_new", "orders_updated", "orders_unchanged",
             "items", "errors"}  # fmt: skip


def import_json(db_path: Path, *files: Path) -> list[dict[str, object]]:
    result = run("--db", str(db_path), "import-orders", *map(str, files), "--json")
    assert result.returncode == 0, result.stderr
    files_out: list[dict[str, object]] = json.loads(result.stdout)["files"]
    return files_out


def test_each_sample_imports_to_its_expected_counts_and_again_unchanged(tmp_path: Path) -> None:
    for name in ORDER_FILES:
        expected = EXPECTED[name]
        db_path = tmp_path / f"{name}.sqlite"
        (first,) = import_json(db_path, SAMPLES / name)
        assert first.keys() == FILE_KEYS
        assert (first["format"], first["orders_new"]) == (
            expected["marketplace"],
            expected["orders"],
        )
        con = sqlite3.connect(db_path)
        stats = con.execute(
            "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM order_item),"
            " (SELECT coalesce(sum(total), 0) FROM orders"
            "  WHERE status NOT IN ('unpaid', 'cancelled', 'returned'))"
        ).fetchone()
        by_status = dict(con.execute("SELECT status, count(*) FROM orders GROUP BY status"))
        con.close()
        items = expected.get("items_folded", expected["items"])
        assert stats == (expected["customers"], items, expected["revenue_idr"]), name
        assert by_status == expected["by_status"], name
        before = dump(db_path)
        (again,) = import_json(db_path, SAMPLES / name)
        assert (again["orders_new"], again["orders_updated"]) == (0, 0)
        assert again["orders_unchanged"] == expected["orders"]
        assert dump(db_path) == before


def test_a_newer_export_updates_status_and_tracking(tmp_path: Path, db_path: Path) -> None:
    import_json(db_path, SAMPLES / "shopee_pesanan.xlsx")
    newer = tmp_path / "shopee_baru.xlsx"
    book = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    sheet = book["orders"]
    header = [cell.value for cell in sheet[1]]
    no, status, resi = (header.index(h) for h in ("No. Pesanan", "Status Pesanan", "No. Resi"))
    changed = set()
    for row in sheet.iter_rows(min_row=2):
        if row[status].value == "Perlu Dikirim" and len(changed) < 3:
            changed.add(row[no].value)
        if row[no].value in changed:
            row[status].value = "Dikirim"
            row[resi].value = f"SPXID9{row[no].value[-6:]}"
        elif row[status].value == "Selesai":
            row[status].value = "Dikirim"  # an older state: must be ignored
    book.save(newer)
    (result,) = import_json(db_path, newer)
    assert result["orders_updated"] == 3
    assert result["orders_new"] == 0
    backwards = [e for e in result["errors"] if "status mundur" in e["message"]]  # type: ignore[union-attr]
    assert len(backwards) == EXPECTED["shopee_pesanan.xlsx"]["by_status"]["completed"]
    con = sqlite3.connect(db_path)
    updated = con.execute(
        "SELECT count(*) FROM order_event WHERE kind = 'updated' AND batch_id = 2"
    ).fetchone()[0]
    shipped = con.execute("SELECT count(*) FROM orders WHERE tracking_no LIKE 'SPXID9%'")
    assert (updated, shipped.fetchone()[0]) == (3, 3)


def test_text_summary_per_file(db_path: Path) -> None:
    result = run("--db", str(db_path), "import-orders", str(SAMPLES / "lazada_orders.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "15 pesanan baru" in result.stdout and "lazada" in result.stdout


def test_a_refused_file_means_nothing_is_imported(tmp_path: Path, db_path: Path) -> None:
    assert run("--db", str(db_path), "stats").returncode == 0
    before = dump(db_path, ("orders", "customer", "import_batch"))
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("ini bukan file Excel", encoding="utf-8")
    good = tmp_path / "shopee.xlsx"
    shutil.copy(SAMPLES / "shopee_pesanan.xlsx", good)
    result = run("--db", str(db_path), "import-orders", str(good), str(bad), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("csdesk: ") and "rusak.xlsx" in lines[0]
    assert dump(db_path, ("orders", "customer", "import_batch")) == before
