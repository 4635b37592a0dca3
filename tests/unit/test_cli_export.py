"""`csdesk export-orders` as a user runs it: a real process over a real database file."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from test_cli import digest, run


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo shop, filled once for the module (no test here writes to it)."""
    path = tmp_path_factory.mktemp("shop") / "toko.sqlite"
    demo = run("--db", str(path), "demo", "--orders", "120")
    assert demo.returncode == 0, demo.stderr
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder holding only what the command writes (tmp_path also has the data folder)."""
    folder = tmp_path / "ekspor"
    folder.mkdir()
    return folder


def cells_of(path: Path) -> list[tuple[object, ...]]:
    # Not read_only: openpyxl's read-only sheets leave a member of the zip open after close().
    workbook = openpyxl.load_workbook(path)
    try:
        return list(workbook["Pesanan"].iter_rows(values_only=True))
    finally:
        workbook.close()


def stats(db: Path) -> dict[str, object]:
    result = run("--db", str(db), "stats", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_summary_line_and_the_file(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    result = run("--db", str(shop), "export-orders", str(out))
    assert result.returncode == 0, result.stderr
    rows = len(cells_of(out)) - 1
    data = stats(shop)
    rows_text, orders_text = (f"{n:,}".replace(",", ".") for n in (rows, data["orders"]))
    assert result.stdout.strip() == f"{rows_text} baris, {orders_text} pesanan → {out}"
    assert rows == data["order_items"]  # every demo order has items


def test_json_and_filters(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "selesai.xlsx"
    result = run(
        "--db", str(shop), "export-orders", str(out), "--status", "completed",
        "--marketplace", "shopee", "--since", "2000-01-01", "--until", "2100-12-31", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"file", "rows", "orders"} and data["file"] == str(out)
    cells = [row[:3] for row in cells_of(out)[1:]]
    assert len(cells) == data["rows"] and data["orders"] > 0
    assert {(c[0], c[2]) for c in cells} == {("Shopee", "Selesai")}
    assert len({c[1] for c in cells}) == data["orders"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "05-03-2025"], "--since harus tanggal YYYY-MM-DD"),
        (["--until", "2025-02-30"], "--until harus tanggal YYYY-MM-DD"),
        (["--status", "selesai"], "Status tidak dikenal"),
        (["--marketplace", "bukalapak"], "Marketplace tidak dikenal"),
    ],
)
def test_bad_options_are_one_line_exit_2(
    shop: Path, out_dir: Path, args: list[str], message: str
) -> None:
    before = digest(shop)
    result = run("--db", str(shop), "export-orders", str(out_dir / "p.xlsx"), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert list(out_dir.iterdir()) == []
    assert digest(shop) == before


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("tidak-ada/pesanan.xlsx", "tidak ada"),
        ("pesanan.csv", "harus berakhiran .xlsx"),
        ("blocker/pesanan.xlsx", "tidak bisa"),
    ],
)
def test_unwritable_targets_exit_2_without_a_partial_file(
    shop: Path, out_dir: Path, target: str, message: str
) -> None:
    (out_dir / "blocker").write_text("sebuah file, bukan folder")
    result = run("--db", str(shop), "export-orders", str(out_dir / target))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["blocker"]


def test_reimport_with_format_csdesk_reproduces_the_shop(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "pesanan.xlsx"
    assert run("--db", str(shop), "export-orders", str(out)).returncode == 0
    empty = tmp_path / "kosong.sqlite"
    imported = run("--db", str(empty), "import-orders", str(out), "--format", "csdesk", "--json")
    assert imported.returncode == 0, imported.stderr
    (summary,) = json.loads(imported.stdout)["files"]
    original, copy = stats(shop), stats(empty)
    assert summary["orders_new"] == original["orders"]
    keys = ("orders", "order_items", "revenue_idr", "orders_by_status", "orders_by_marketplace")
    assert {k: copy[k] for k in keys} == {k: original[k] for k in keys}
    # The demo's customers without orders are not in an order export.
    assert copy["customers"] <= original["customers"]
