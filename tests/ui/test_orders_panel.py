"""The Pesanan panel as a seller uses it: tabs with counts, the Tanggal filter, late marks,
several orders selected at once, and internal notes in the detail pane."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from csdesk.models import Order, OrderEvent, OrderItem, utcnow
from csdesk.services import fmt
from csdesk.services.orders_list import OrderListSource
from csdesk.ui.panels.orders import OrdersPanel
from csdesk.ui.widgets.delegates import DeadlineDelegate


def shop_day(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    """A naive UTC time at `hour` WIB, `days_ago` shop days before today."""
    today = fmt.to_local(utcnow(), "WIB").date()
    local = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour, minute))
    return fmt.to_utc(local, "WIB")


@pytest.fixture
def orders(db: object) -> dict[str, int]:
    made = {
        "late": Order.create(marketplace="shopee", order_no="SHP-LATE", status="to_ship",
                             ordered_at=shop_day(4, 9), ship_by=shop_day(2, 12),
                             recipient="Ani", total=50_000),
        "due": Order.create(marketplace="tiktok", order_no="TT-DUE", status="to_ship",
                            ordered_at=shop_day(3, 9), ship_by=shop_day(0, 23, 59),
                            recipient="Budi", total=75_000),
        "later": Order.create(marketplace="shopee", order_no="SHP-LATER", status="to_ship",
                              ordered_at=shop_day(1, 9), ship_by=shop_day(-3, 12),
                              recipient="Citra", total=20_000),
        "sent": Order.create(marketplace="lazada", order_no="LZ-SENT", status="shipped",
                             ordered_at=shop_day(2, 23, 30), ship_by=shop_day(5, 12),
                             tracking_no="JX123", recipient="Dewi", total=99_000),
        "done": Order.create(marketplace="shopee", order_no="SHP-DONE", status="completed",
                             ordered_at=shop_day(40, 10), tracking_no="SPX777",
                             recipient="Eko", total=10_000),
    }  # fmt: skip
    OrderItem.create(order=made["done"], product="Gamis Syari Wolfis", sku="GMS-1", variant="Navy")
    return {key: o.id for key, o in made.items()}


def open_panel(qtbot: QtBot) -> OrdersPanel:
    panel = OrdersPanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 720)
    panel.show()
    panel.ensure_loaded()
    return panel


def order_numbers(panel: OrdersPanel) -> list[str]:
    model = panel.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def captions(panel: OrdersPanel) -> list[str]:
    tabs = panel.filter_bar.tabs
    assert tabs is not None
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def test_tab_counts_arrive_once_and_switching_tabs_does_not_recount(
    qtbot: QtBot, orders: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    count_by_status = OrderListSource.count_by_status

    def counted(self: OrderListSource, query: object) -> dict[str, int]:
        calls.append(query)
        return count_by_status(self, query)  # type: ignore[arg-type]

    monkeypatch.setattr(OrderListSource, "count_by_status", counted)
    panel = open_panel(qtbot)
    expected = ["Semua (5)", "Perlu Dikirim (3)", "Dikirim (1)", "Selesai (1)"]
    qtbot.waitUntil(lambda: captions(panel) == expected)
    tabs = panel.filter_bar.tabs
    assert tabs is not None
    for index in (2, 3, 5, 0):
        tabs.setCurrentIndex(index)
        assert captions(panel) == expected
    assert len(calls) == 1
    assert panel.row_count() == 5
    panel.refresh()  # new imports may have changed the counts
    qtbot.waitUntil(lambda: len(calls) == 2)
    qtbot.waitUntil(lambda: captions(panel) == expected)


def test_perlu_dikirim_lists_the_earliest_deadline_first_and_marks_late_ones(
    qtbot: QtBot, orders: dict[str, int]
) -> None:
    panel = open_panel(qtbot)
    assert order_numbers(panel)[0] == "SHP-LATER"  # newest first on Semua
    panel.apply_filter(status="to_ship")
    assert order_numbers(panel) == ["SHP-LATE", "TT-DUE", "SHP-LATER"]
    header = panel.table.horizontalHeader()
    assert header.sortIndicatorSection() == panel.model.column_of("ship_by")
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    column = panel.model.column_of("ship_by")
    assert column is not None
    cells = [panel.model.index(row, column) for row in range(3)]
    assert [DeadlineDelegate.flag(cell) for cell in cells] == [
        ("late", "Terlambat 2 hari"),
        ("due_today", "Kirim hari ini, sebelum 23.59 WIB"),
        ("", ""),
    ]
    delegate = panel.table.itemDelegateForColumn(column)
    assert isinstance(delegate, DeadlineDelegate)
    from PySide6.QtWidgets import QStyleOptionViewItem

    late, plain = QStyleOptionViewItem(), QStyleOptionViewItem()
    delegate.initStyleOption(late, cells[0])
    delegate.initStyleOption(plain, cells[2])
    assert not late.icon.isNull() and plain.icon.isNull()  # a sign, not only a colour

    panel.filter_bar.set_filters(status="")  # back to Semua: newest first again
    assert order_numbers(panel)[0] == "SHP-LATER"
    assert header.sortIndicatorSection() == -1


def test_tanggal_filter_presets_and_a_chosen_range(qtbot: QtBot, orders: dict[str, int]) -> None:
    panel = open_panel(qtbot)
    dates = panel.filter_bar.date_ranges["ordered"]
    dates.setCurrentIndex(dates.findText("7 hari terakhir"))
    dates.activated.emit(dates.currentIndex())
    assert sorted(order_numbers(panel)) == ["LZ-SENT", "SHP-LATE", "SHP-LATER", "TT-DUE"]
    assert panel.model.query.filters["ordered"] == "last7"
    # LZ-SENT was ordered at 23.30 WIB two days ago: that day, not the next (UTC) one.
    two_days_ago = fmt.to_local(utcnow(), "WIB").date() - dt.timedelta(days=2)
    dates.set_range(two_days_ago, two_days_ago)
    assert order_numbers(panel) == ["LZ-SENT"]
    assert (
        dates.currentText()
        == f"{two_days_ago.day:02d} {fmt.MONTHS[two_days_ago.month - 1]} {two_days_ago.year}"
    )
    assert "Pilih tanggal…" in [dates.itemText(i) for i in range(dates.count())]
    panel.filter_bar.clear()
    assert panel.row_count() == 5 and dates.currentText() == "Semua"


def test_search_finds_an_order_by_its_product(qtbot: QtBot, orders: dict[str, int]) -> None:
    panel = open_panel(qtbot)
    panel.filter_bar.search.setText("wolfis navy")
    panel.filter_bar.flush()
    assert order_numbers(panel) == ["SHP-DONE"]


def select_rows(panel: OrdersPanel, rows: list[int]) -> None:
    selection = panel.table.selectionModel()
    panel.table.select_row(rows[0])
    for row in rows[1:]:
        selection.select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_several_orders_selected_copy_their_numbers(qtbot: QtBot, orders: dict[str, int]) -> None:
    panel = open_panel(qtbot)
    shown = order_numbers(panel)
    select_rows(panel, [4, 0, 1])
    assert panel.selected_ids() == [
        orders[key] for key in ("later", "sent", "done")
    ]  # view order, not click order
    assert [shown[0], shown[1], shown[4]] == ["SHP-LATER", "LZ-SENT", "SHP-DONE"]
    assert panel.selection_label.text() == "3 pesanan dipilih"
    assert panel.selection_label.isVisible()
    assert panel.detail.current_id == orders["done"]  # the detail pane follows the current row

    menu = panel.batch.build_menu()
    actions = {action.text(): action for action in menu.actions()}
    assert list(actions) == [
        "Salin nomor pesanan",
        "Salin nomor resi",
        "Ekspor yang dipilih ke Excel…",
        "Cetak label…",
    ]
    actions["Salin nomor pesanan"].trigger()
    assert QGuiApplication.clipboard().text() == "SHP-LATER\nLZ-SENT\nSHP-DONE"
    actions["Salin nomor resi"].trigger()
    assert QGuiApplication.clipboard().text() == "JX123\nSPX777"
    assert panel.selection_label.text() == "2 nomor resi disalin ✓"

    panel.table.selectAll()  # Ctrl+A
    assert len(panel.selected_ids()) == 5
    panel.table.clearSelection()
    assert not panel.selection_label.isVisible()
    assert not actions["Salin nomor pesanan"].isEnabled()


def test_other_features_add_batch_actions_to_the_menu_and_title_row(
    qtbot: QtBot, orders: dict[str, int]
) -> None:
    panel = open_panel(qtbot)
    received: list[list[int]] = []
    panel.add_batch_action("Cetak label…", "fa6s.print", received.append, "Ctrl+P")
    button = panel.batch.buttons[-1]
    assert button.text() == "Cetak label…" and not button.isEnabled()
    select_rows(panel, [1, 2])
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert received == [panel.selected_ids()]
    assert "Cetak label…" in [a.text() for a in panel.batch.build_menu().actions()]


def test_internal_notes_are_saved_under_the_admin_and_shown(
    qtbot: QtBot, orders: dict[str, int]
) -> None:
    panel = open_panel(qtbot)
    panel.open_record(orders["due"])
    detail = panel.detail
    detail.author = "Rina"
    detail.note_edit.setPlainText("   ")
    detail.add_note()
    assert detail.error_banner.text() == "Catatan internal masih kosong"
    detail.note_edit.setFocus()
    detail.note_edit.setPlainText("Pembeli minta kirim sore")
    qtbot.keyClick(detail.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert detail.note_edit.toPlainText() == ""
    assert detail.internal_notes.lines == ["Pembeli minta kirim sore"]
    assert "Pembeli minta kirim sore" in detail.history.lines
    note = OrderEvent.get(OrderEvent.kind == "note")
    assert (note.author, note.detail, note.order_id) == (
        "Rina",
        "Pembeli minta kirim sore",
        orders["due"],
    )
