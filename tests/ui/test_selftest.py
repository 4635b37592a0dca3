"""`csdesk --self-test` in-process: one line per panel and one screenshot per panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from csdesk.selftest import run_self_test
from csdesk.services.demo import generate_demo

PANELS = (
    "Dasbor", "Inbox", "Pelanggan", "Pesanan", "Keluhan", "Produk", "Template", "Laporan",
    "Pengaturan",
)  # fmt: skip


def test_self_test_visits_every_panel_and_saves_screenshots(
    qtbot, db, db_path: Path, tmp_path: Path, capsys
) -> None:
    generate_demo(120, seed=3)
    shots = tmp_path / "shots"
    assert run_self_test(str(db_path), shots) == 0
    lines = capsys.readouterr().out.splitlines()
    for title in PANELS:
        line = next(line for line in lines if title in line)
        assert line.startswith(f"ok {title}: "), lines
    assert any(line.startswith("ok Pesanan: 120 baris, ") for line in lines)
    pictures = {p.name for p in shots.glob("*.png")}
    assert pictures >= set(
        f"{key}.png"
        for key in (
            "dashboard",
            "inbox",
            "customers",
            "orders",
            "complaints",
            "products",
            "templates",
            "settings",
        )
    )
    image = QImage(str(shots / "orders.png"))
    assert (image.width(), image.height()) == (1280, 800)


def test_self_test_reports_a_database_it_cannot_open(tmp_path: Path, capsys) -> None:
    not_a_db = tmp_path / "catatan.sqlite"
    not_a_db.write_text("bukan database")
    assert run_self_test(str(not_a_db), None) == 2
    assert capsys.readouterr().out.startswith("GAGAL database: ")
    assert not_a_db.read_text() == "bukan database"
