"""Laporan: the month's figures, the Pareto chart's bars and cumulative line, the tables, an
empty month, opening a repeat complainer, and the export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog

from csdesk.models import Complaint, Customer, Order, utcnow
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.ui.panels.reports import ReportsPanel, hours_text, months, two_lines


@pytest.fixture
def panel(qtbot, db):
    sari = Customer.create(name="Sari Wulandari")
    order = Order.create(marketplace="shopee", order_no="S1", status="completed",
                         ordered_at=utcnow(), courier="JNE", customer=sari)  # fmt: skip
    now = utcnow()
    for n, category in enumerate(["damaged", "damaged", "late"], start=1):
        Complaint.create(
            code=f"KL-2026-{n:04d}", category=category, created_at=now - dt.timedelta(minutes=n),
            customer=sari, order=order, status="resolved", resolution="refund",
            refund_amount=10_000, cost=10_000, resolved_at=now,
        )  # fmt: skip
    widget = ReportsPanel()
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.refresh()
    qtbot.waitUntil(lambda: not widget.is_loading(), timeout=10_000)
    QThreadPool.globalInstance().waitForDone(5_000)
    return widget


def test_the_month_shows_its_figures_and_pareto(panel: ReportsPanel) -> None:
    zone = shop_settings.load().zone
    today = fmt.to_local(utcnow(), zone).date()
    assert panel.month.currentText() == f"{fmt.MONTHS_LONG[today.month - 1]} {today.year}"
    assert panel.stack.currentWidget() is panel.content
    assert panel.kpis["total"].value.text() == "3"
    assert panel.kpis["total"].detail.text() == "terbanyak: Rusak"
    assert panel.kpis["cost"].value.text() == "Rp30.000"
    bars = next(s for s in panel.pareto.series() if isinstance(s, QBarSeries))
    assert [bars.barSets()[0].at(i) for i in range(2)] == [2.0, 1.0]
    line = next(s for s in panel.pareto.series() if isinstance(s, QLineSeries))
    assert [round(p.y()) for p in line.points()] == [67, 100]
    # The order has no items: the three count as "Tanpa barang".
    assert (panel.products.item(0, 0).text(), panel.products.item(0, 1).text()) == (
        "Tanpa barang",
        "3",
    )
    assert panel.repeaters.item(0, 0).text() == "Sari Wulandari"
    assert panel.repeaters.item(0, 1).text() == "3"


def test_an_empty_month_says_so(qtbot, panel: ReportsPanel) -> None:
    panel.step(1)  # last month
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty, timeout=10_000)
    assert panel.empty.label.text().startswith("Belum ada keluhan di ")


def test_a_repeat_complainer_opens(qtbot, panel: ReportsPanel) -> None:
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.repeaters.cellDoubleClicked.emit(0, 0)
    assert opened.args == ["customer", Customer.get().id]


def test_export_writes_the_months_workbook(
    qtbot, panel: ReportsPanel, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "laporan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    panel.export()
    qtbot.waitUntil(lambda: panel.exporter.message is not None, timeout=10_000)
    assert "3 keluhan" in panel.exporter.message.text()
    book = openpyxl.load_workbook(target)
    assert [r[0] for r in book["Kategori"].iter_rows(min_row=2, values_only=True)] == [
        "Rusak",
        "Terlambat",
    ]
    panel.exporter.message.close()


def test_words_for_times_and_the_month_list() -> None:
    assert (hours_text(None), hours_text(26), hours_text(60)) == ("—", "26 jam", "2,5 hari")
    listed = months(dt.date(2026, 2, 14), back=3)
    assert listed == [dt.date(2026, 2, 1), dt.date(2026, 1, 1), dt.date(2025, 12, 1)]


def test_long_category_names_take_two_lines_on_the_axis() -> None:
    assert two_lines("Kualitas tidak sesuai") == "Kualitas<br>tidak sesuai"
    assert two_lines("Pelayanan tidak ramah") == "Pelayanan<br>tidak ramah"
    assert two_lines("Rusak") == "Rusak"
