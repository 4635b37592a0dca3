"""`csdesk --self-test --screenshots DIR` also pictures the shipping labels for the README:
`label.png` (one A6 label) and `label-a4.png` (an A4 sheet of four), from the app's own PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from csdesk.models import Order
from csdesk.selftest import run_self_test
from csdesk.services.demo import generate_demo


def ink(image: QImage) -> float:
    """The share of dark pixels (text and barcodes), sampled on a grid."""
    dark = total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 128
    return dark / total


def printed() -> dict[int, object]:
    return {o.id: o.printed_at for o in Order.select().where(Order.printed_at.is_null(False))}


def label_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "label" in line.lower()]


def test_screenshots_include_an_a6_label_and_an_a4_sheet(
    qtbot, db, db_path: Path, tmp_path: Path, capsys
) -> None:
    generate_demo(120, seed=3)
    assert Order.select().where(Order.status == "to_ship").count() >= 4
    printed_before = printed()
    shots = tmp_path / "shots"
    assert run_self_test(str(db_path), shots) == 0
    lines = label_lines(capsys.readouterr().out)
    assert lines[0].startswith("ok Label A6: label.png, 1 label, "), lines
    assert lines[1].startswith("ok Label A4: label-a4.png, 4 label, "), lines

    label = QImage(str(shots / "label.png"))
    assert (label.width(), label.height()) == (420, 592)  # 105 × 148 mm at 4 px/mm
    sheet = QImage(str(shots / "label-a4.png"))
    assert (sheet.width(), sheet.height()) == (525, 743)  # 210 × 297 mm at 2.5 px/mm
    assert 0.02 < ink(label) < 0.5
    # Four labels: ink in every quarter of the sheet.
    half_w, half_h = sheet.width() // 2, sheet.height() // 2
    for x in (0, half_w):
        for y in (0, half_h):
            assert ink(sheet.copy(x, y, half_w, half_h)) > 0.01, (x, y)
    # Picturing is not printing.
    assert printed() == printed_before


def test_without_orders_to_ship_the_first_orders_are_pictured(
    qtbot, db, db_path: Path, tmp_path: Path, capsys
) -> None:
    generate_demo(30, seed=5)
    Order.update(status="delivered").execute()
    shots = tmp_path / "shots"
    assert run_self_test(str(db_path), shots) == 0
    lines = label_lines(capsys.readouterr().out)
    assert lines[0].startswith("ok Label A6: label.png, 1 label, "), lines
    assert ink(QImage(str(shots / "label.png"))) > 0.02


def test_an_empty_database_skips_the_labels_and_still_passes(
    qtbot, db, db_path: Path, tmp_path: Path, capsys
) -> None:
    shots = tmp_path / "shots"
    assert run_self_test(str(db_path), shots) == 0
    out = capsys.readouterr().out
    assert "lewati label: belum ada pesanan" in out.splitlines()
    assert not (shots / "label.png").exists()
    assert not (shots / "label-a4.png").exists()
    assert out.splitlines()[-1].startswith("selesai: ")
