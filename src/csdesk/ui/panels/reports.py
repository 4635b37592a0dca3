"""The Laporan panel: a month of complaints to learn from (seed 004: "pelajari keluhan yang
sering muncul"). Figures for the month, a Pareto chart of the categories (bars: how many; line:
the cumulative share, so the few causes behind most complaints stand out), bars by courier and
by marketplace, the products complained about most, and the customers who complain again (a
double-click opens them). "Ekspor ke Excel…" writes the same report (services/exporting).

The report is read on a worker thread (services/complaints_report.py); the month picker offers
the last 24 months, ‹ and › step through them.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.services import fmt
from csdesk.services.complaints_report import ComplaintReport, ParetoRow, month_report, this_month
from csdesk.services.exporting.complaints_xlsx import export_complaints_report
from csdesk.ui import glyphs, theme
from csdesk.ui.widgets.empty_state import EmptyState
from csdesk.ui.widgets.list_export import ListExport
from csdesk.ui.workers import BackgroundOp, run_in_background

MONTHS_BACK = 24
BAR = QColor("#0f766e")
LINE = QColor("#b45309")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_HEIGHT = 300
TOP = 8  # bars and rows shown per table/chart

STYLE = f"""
QFrame#kpi {{ background: palette(base); border: 1px solid {theme.BORDER}; border-radius: 10px; }}
QLabel#kpiTitle {{ color: {theme.MUTED}; font-weight: 600; }}
QLabel#kpiValue {{ font-size: 20pt; font-weight: 700; }}
QLabel#kpiDetail {{ color: {theme.MUTED}; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; }}
"""


def hours_text(hours: float | None) -> str:
    if hours is None:
        return "—"
    if hours < 48:
        return f"{hours:.0f} jam".replace(".", ",")
    return f"{hours / 24:.1f} hari".replace(".", ",")


def months(today: dt.date, back: int = MONTHS_BACK) -> list[dt.date]:
    """This month and the `back - 1` before it, newest first."""
    result, month = [], today.replace(day=1)
    for _ in range(back):
        result.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return result


class Kpi(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi")
        self.title = QLabel(title, self)
        self.title.setObjectName("kpiTitle")
        self.value = QLabel("–", self)
        self.value.setObjectName("kpiValue")
        self.detail = QLabel("", self)
        self.detail.setObjectName("kpiDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        for widget in (self.title, self.value, self.detail):
            layout.addWidget(widget)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(8)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_HEIGHT)
    return chart, view


def count_axis(largest: int) -> QValueAxis:
    """0 to a whole number above `largest`, ticks on whole numbers (a "%d" label on a
    fractional tick would name the wrong height)."""
    step = max(1, math.ceil((largest + 1) / 5))
    axis = QValueAxis()
    axis.setRange(0, step * math.ceil((largest + 1) / step))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    return axis


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def fill_pareto(chart: QChart, rows: list[ParetoRow]) -> None:
    """Bars for the counts, a line for the cumulative share (right axis, 0–100 %)."""
    _clear(chart)
    rows = rows[:TOP]
    if not rows:
        return
    bars = QBarSet("Jumlah")
    bars.setColor(BAR)
    bars.append([float(r.count) for r in rows])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideEnd)
    line = QLineSeries()
    line.setName("Kumulatif")
    line.setPen(QPen(LINE, 2.5))
    line.setPointsVisible(True)
    for n, row in enumerate(rows):
        line.append(n, row.cumulative * 100)
    chart.addSeries(series)
    chart.addSeries(line)
    categories = QBarCategoryAxis()
    categories.append([two_lines(r.label) for r in rows])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    line.attachAxis(categories)
    counts = count_axis(max(r.count for r in rows))
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(counts)
    share = QValueAxis()
    share.setRange(0, 100)
    share.setTickCount(5)
    share.setLabelFormat("%d%%")
    chart.addAxis(share, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(share)


def fill_bars(chart: QChart, rows: list[ParetoRow]) -> None:
    """Horizontal bars, the largest on top."""
    _clear(chart)
    rows = list(reversed(rows[:TOP]))
    if not rows:
        return
    bars = QBarSet("Jumlah")
    bars.setColor(BAR)
    bars.append([float(r.count) for r in rows])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([r.label for r in rows])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    counts = count_axis(max(r.count for r in rows))
    chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(counts)


def two_lines(text: str, width: int = 14) -> str:
    """A long category name over two lines (split at the space nearest the middle), so the
    Pareto's axis shows it whole instead of "Kualitas tida…". Axis labels are rich text: this
    is only for csdesk's own category names, never for what a customer typed."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return f"{text[:cut]}<br>{text[cut + 1 :]}"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents
        )
    table.setMinimumHeight(220)
    return table


class ReportsPanel(QWidget):
    """`open_requested("customer", id)`: a repeat complainer was opened."""

    key = "reports"
    title = QCoreApplication.translate("Panels", "Laporan")
    refresh_on_show = True

    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.report: ComplaintReport | None = None
        self.loader: BackgroundOp | None = None
        self._loaded = False
        heading = QLabel(self.tr("Laporan keluhan"), self)
        heading.setObjectName("panelTitle")
        self.previous = QToolButton(self)
        self.previous.setIcon(glyphs.icon("fa6s.chevron-left", color=theme.MUTED))
        self.previous.setToolTip(self.tr("Bulan sebelumnya"))
        self.previous.clicked.connect(lambda: self.step(1))
        self.month = QComboBox(self)
        self.month.setObjectName("reportMonth")
        for month in months(this_month()):
            self.month.addItem(f"{fmt.MONTHS_LONG[month.month - 1]} {month.year}", month)
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.next = QToolButton(self)
        self.next.setIcon(glyphs.icon("fa6s.chevron-right", color=theme.MUTED))
        self.next.setToolTip(self.tr("Bulan berikutnya"))
        self.next.clicked.connect(lambda: self.step(-1))
        self.export_button = QPushButton(
            glyphs.icon("fa6s.file-excel", color=theme.ACCENT), self.tr("Ekspor ke Excel…"), self
        )
        self.export_button.setToolTip(self.tr("Simpan laporan bulan ini ke Excel"))
        self.export_button.clicked.connect(self.export)
        self.exporter: ListExport[int] = ListExport(
            self,
            title=self.tr("Ekspor laporan keluhan"),
            file_stem="laporan-keluhan",
            summary=lambda count, target: (
                self.tr("Laporan (%d keluhan) tersimpan di:\n%s") % (count, target)
            ),
        )
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.previous)
        top.addWidget(self.month)
        top.addWidget(self.next)
        top.addSpacing(12)
        top.addWidget(self.export_button)

        self.kpis = {
            "total": Kpi(self.tr("Keluhan masuk"), self),
            "settled": Kpi(self.tr("Selesai bulan ini"), self),
            "time": Kpi(self.tr("Median waktu penyelesaian"), self),
            "cost": Kpi(self.tr("Biaya keluhan"), self),
        }
        kpi_row = QHBoxLayout()
        for kpi in self.kpis.values():
            kpi_row.addWidget(kpi)

        self.pareto, pareto_view = _chart(self.tr("Kategori keluhan (Pareto)"))
        self.couriers, couriers_view = _chart(self.tr("Per kurir"))
        self.markets, markets_view = _chart(self.tr("Per marketplace"))
        self.products = _table([self.tr("Produk / SKU"), self.tr("Keluhan"), self.tr("Porsi")])
        self.repeaters = _table([self.tr("Pelanggan berulang (90 hari)"), self.tr("Keluhan")])
        self.repeaters.itemActivated.connect(self._open_customer)
        self.repeaters.cellDoubleClicked.connect(
            lambda row, _col: self._open_customer(self.repeaters.item(row, 0))
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(pareto_view, 0, 0, 1, 2)
        grid.addWidget(couriers_view, 1, 0)
        grid.addWidget(markets_view, 1, 1)
        grid.addWidget(self.products, 2, 0)
        grid.addWidget(self.repeaters, 2, 1)

        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)
        body.addLayout(kpi_row)
        body.addLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.empty = EmptyState(
            "fa6s.face-smile",
            self.tr("Belum ada keluhan di bulan ini."),
            "",
            self,
        )
        self.loading = EmptyState("fa6s.chart-column", self.tr("Menghitung laporan…"), "", self)
        self.stack = QStackedWidget(self)
        for widget in (self.loading, scroll, self.empty):
            self.stack.addWidget(widget)
        self.content = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    # --- what the main window calls -------------------------------------------------------

    def refresh(self) -> None:
        """Read the chosen month's report on a worker thread, then show it."""
        self._loaded = True
        month: dt.date = self.month.currentData()
        self.previous.setEnabled(self.month.currentIndex() < self.month.count() - 1)
        self.next.setEnabled(self.month.currentIndex() > 0)
        if self.report is None:
            self.stack.setCurrentWidget(self.loading)

        def work(_progress: Any, _cancelled: Any) -> ComplaintReport:
            return month_report(month)

        self.loader = run_in_background(self, work, self.show_report)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def apply_filter(self, **_filters: str) -> None:
        self.refresh()

    def open_record(self, _record_id: int) -> None:
        self.refresh()

    def is_loading(self) -> bool:
        return self.loader is not None and self.loader.running

    # --- actions --------------------------------------------------------------------------

    def step(self, months_back: int) -> None:
        index = self.month.currentIndex() + months_back
        if 0 <= index < self.month.count():
            self.month.setCurrentIndex(index)

    def export(self) -> None:
        month: dt.date = self.month.currentData()

        def write(target: Path, _progress: Any, _cancelled: Any) -> int:
            return export_complaints_report(target, month_report(month))

        self.exporter.file_stem = f"laporan-keluhan-{month:%Y-%m}"
        self.exporter.run(write)

    # --- showing --------------------------------------------------------------------------

    def show_report(self, report: ComplaintReport) -> None:
        if report.month != self.month.currentData():
            return  # an older month's answer arriving after the seller moved on
        self.report = report
        if not report.total and not report.settled_in_month:
            self.empty.set_text(
                self.tr("Belum ada keluhan di %s. %d keluhan masih terbuka.")
                % (report.month_label, report.open_at_end)
                if report.open_at_end
                else self.tr("Belum ada keluhan di %s.") % report.month_label
            )
            self.stack.setCurrentWidget(self.empty)
            return
        top = report.by_category[0] if report.by_category else None
        self.kpis["total"].set(
            str(report.total),
            self.tr("terbanyak: %s") % top.label if top else "",
        )
        self.kpis["settled"].set(
            str(report.settled_in_month),
            self.tr("%d masih terbuka, %d lewat tenggat")
            % (report.open_at_end, report.overdue_at_end),
        )
        self.kpis["time"].set(
            hours_text(report.overall_time.median_hours),
            self.tr("rata-rata %s") % hours_text(report.overall_time.mean_hours),
        )
        self.kpis["cost"].set(
            fmt.rupiah(report.total_cost),
            self.tr("refund %s · %d ganti barang")
            % (fmt.rupiah(report.refund_total), report.replacements),
        )
        fill_pareto(self.pareto, report.by_category)
        fill_bars(self.couriers, report.by_courier)
        fill_bars(self.markets, report.by_marketplace)
        self._fill_products(report)
        self._fill_repeaters(report)
        self.stack.setCurrentWidget(self.content)

    def _fill_products(self, report: ComplaintReport) -> None:
        rows = report.by_product[:TOP]
        self.products.setRowCount(len(rows))
        for n, row in enumerate(rows):
            self.products.setItem(n, 0, QTableWidgetItem(row.label))
            for col, text in ((1, str(row.count)), (2, f"{row.share * 100:.0f}%")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.products.setItem(n, col, item)

    def _fill_repeaters(self, report: ComplaintReport) -> None:
        rows = report.repeat_complainers
        self.repeaters.setRowCount(max(1, len(rows)))
        if not rows:
            empty = QTableWidgetItem(self.tr("Tidak ada pelanggan yang berulang mengeluh."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.repeaters.setItem(0, 0, empty)
            self.repeaters.setItem(0, 1, QTableWidgetItem(""))
            return
        for n, who in enumerate(rows):
            name = QTableWidgetItem(who.name)
            name.setData(ID_ROLE, who.customer_id)
            name.setToolTip(self.tr("Klik dua kali untuk membuka pelanggan"))
            self.repeaters.setItem(n, 0, name)
            count = QTableWidgetItem(str(who.complaints))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.repeaters.setItem(n, 1, count)

    def _open_customer(self, item: QTableWidgetItem | None) -> None:
        value = item.data(ID_ROLE) if item is not None else None
        if value is not None:
            self.open_requested.emit("customer", int(value))
