"""`csdesk print-confirmations` as a user runs it: a real process over a real database file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_cli import digest, run
from test_label_pdf import page_sizes_mm, text_of


@pytest.fixture(scope="module")
def demo_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shop") / "toko.sqlite"
    demo = run("--db", str(path), "demo", "--orders", "80")
    assert demo.returncode == 0, demo.stderr
    return path


@pytest.fixture
def shop(demo_shop: Path, tmp_path: Path) -> Path:
    """A private copy of the demo shop: these tests mark orders printed."""
    copy = tmp_path / "toko.sqlite"
    shutil.copy(demo_shop, copy)
    return copy


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cetak"
    folder.mkdir()
    return folder


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_status_prints_every_order_and_marks_them(shop: Path, out_dir: Path) -> None:
    rows = query(shop, "SELECT id, order_no, recipient FROM orders WHERE status = 'to_ship'")
    assert rows
    printed_before = query(shop, "SELECT count(*) FROM order_event WHERE kind = 'printed'")
    out = out_dir / "label.pdf"
    result = run("--db", str(shop), "print-confirmations", "--status", "Perlu Dikirim",
                 "--pdf", str(out), "--size", "A4")  # fmt: skip
    assert result.returncode == 0, result.stderr
    pages = -(-len(rows) // 4)
    assert result.stdout.strip() == f"{len(rows)} label, {pages} halaman → {out}"
    assert len(page_sizes_mm(out)) == pages
    text = " ".join(text_of(out).split())
    for _, order_no, recipient in rows:
        assert str(order_no) in text and str(recipient) in text
    unprinted = query(
        shop, "SELECT count(*) FROM orders WHERE status = 'to_ship' AND printed_at IS NULL"
    )
    assert unprinted == [(0,)]
    events = query(shop, "SELECT count(*) FROM order_event WHERE kind = 'printed'")
    assert events[0][0] - printed_before[0][0] == len(rows)


def test_printing_again_warns_on_one_line_and_still_prints(shop: Path, out_dir: Path) -> None:
    numbers = [row[0] for row in query(shop, "SELECT order_no FROM orders LIMIT 7")]
    first = run("--db", str(shop), "print-confirmations", numbers[0], "--pdf",
                str(out_dir / "satu.pdf"), "--json")  # fmt: skip
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["labels"] == 1 and data["pages"] == 1
    con = sqlite3.connect(shop)
    with con:
        con.execute("UPDATE orders SET printed_at = '2025-03-05 05:00:00'")
    con.close()
    again = run("--db", str(shop), "print-confirmations", *numbers, "--pdf",
                str(out_dir / "lagi.pdf"), "--size", "58mm")  # fmt: skip
    assert again.returncode == 0, again.stderr
    lines = again.stderr.strip().splitlines()
    assert len(lines) == 1 and "7 pesanan sudah pernah dicetak" in lines[0]
    assert all(no in lines[0] for no in numbers[:5]) and numbers[5] not in lines[0]
    assert "dan 2 lainnya" in lines[0]
    assert {w for w, _ in page_sizes_mm(out_dir / "lagi.pdf")} == {58}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NOPE-123"], "Nomor pesanan tidak ditemukan: NOPE-123"),
        (["--status", "other"], "Tidak ada pesanan berstatus Lainnya"),
        (["--status", "kirim"], "Status tidak dikenal: 'kirim'"),
        ([], "Sebutkan nomor pesanan atau --status"),
        (["X", "--status", "to_ship"], "Sebutkan nomor pesanan atau --status"),
        (["--status", "to_ship", "--size", "a5"], "invalid choice: 'a5'"),
        (["--status", "to_ship", "--pdf-name"], "unrecognized arguments"),
    ],
)
def test_errors_exit_2_one_line_no_file_database_unchanged(
    shop: Path, out_dir: Path, args: list[str], message: str
) -> None:
    before = digest(shop)
    result = run("--db", str(shop), "print-confirmations", *args, "--pdf",
                 str(out_dir / "label.pdf"))  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert result.stdout == ""
    assert list(out_dir.iterdir()) == []
    assert digest(shop) == before


@pytest.mark.parametrize(
    ("target", "message"),
    [("label.txt", "harus berakhiran .pdf"), ("tidak-ada/label.pdf", "tidak ada")],
)
def test_bad_target_exit_2(shop: Path, out_dir: Path, target: str, message: str) -> None:
    before = digest(shop)
    result = run("--db", str(shop), "print-confirmations", "--status", "to_ship", "--pdf",
                 str(out_dir / target))  # fmt: skip
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(out_dir.iterdir()) == []
    assert digest(shop) == before
