"""List panels as a seller uses them: search, filters, tabs, selection and the detail pane."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from csdesk.models import Customer, Order
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row
from csdesk.ui.widgets.list_panel import ListPanel

CITIES = ("Bandung", "Surabaya", "Medan")


class CitySource:
    """Customers by city: a tiny real ListSource over SQLite, with tab counts per city."""

    columns = (Column("name", "Nama", width=200), Column("city", "Kota", kind="badge"))
    filters = (
        Filter("city", "Kota", (Choice("", "Semua"), *(Choice(c, c) for c in CITIES))),
        Filter("vip", "Jenis", (Choice("", "Semua jenis"), Choice("yes", "Pelanggan VIP"))),
    )

    def _select(self, query: ListQuery, *, with_city: bool = True):  # noqa: ANN202
        q = Customer.select(Customer.id, Customer.city)
        if query.search:
            q = q.where(Customer.name.contains(query.search))
        if with_city and query.filters.get("city"):
            q = q.where(Customer.city == query.filters["city"])
        if query.filters.get("vip"):
            q = q.where(Customer.tags == "vip")
        return q

    def ids(self, query: ListQuery) -> list[int]:
        return [c.id for c in self._select(query).order_by(Customer.name)]

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        return {c.id: c.__data__ for c in Customer.select().where(Customer.id.in_(list(ids)))}

    def count_by_city(self, query: ListQuery) -> dict[str, int]:
        counts = dict.fromkeys(CITIES, 0)
        for c in self._select(query, with_city=False):
            counts[c.city] += 1
        return counts

    def badge_label(self, _key: str, value: str) -> str:
        return value


class NameDetail(QWidget):
    """A detail pane that shows the chosen customer's name, as the real ones do."""

    open_record = Signal(str, int)
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel("Pilih pelanggan")
        QVBoxLayout(self).addWidget(self.label)

    def show_id(self, record_id: int | None) -> None:
        self.label.setText(Customer.get_by_id(record_id).name if record_id else "Pilih pelanggan")


class CityPanel(ListPanel):
    key = "customers"
    title = "Pelanggan"

    def __init__(self, tabs: bool) -> None:
        source = CitySource()
        super().__init__(
            source,
            NameDetail(),
            noun="pelanggan",
            empty_icon="fa6s.users",
            empty_text="Belum ada pelanggan.",
            empty_action="Isi data contoh",
            tab_filter="city" if tabs else None,
            tab_counts=source.count_by_city if tabs else None,
        )


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    people = {
        "Ani Lestari": "Bandung",
        "Budi Santoso": "Surabaya",
        "Citra Ayu": "Bandung",
        "Dewi Anggraini": "Medan",
        "Eko Prasetyo": "Surabaya",
    }
    return {
        name: Customer.create(name=name, city=city, tags="vip" if "a" in name[:2] else "").id
        for name, city in people.items()
    }


def shown_names(panel: ListPanel) -> list[str]:
    model = panel.table.model()
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_search_filters_after_typing_pause(qtbot, shop: dict[str, int]) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.ensure_loaded()
    assert panel.count_label.text() == "5 pelanggan"
    qtbot.keyClicks(panel.filter_bar.search, "an")
    assert len(shown_names(panel)) == 5  # debounced: nothing re-queried yet
    qtbot.waitUntil(lambda: panel.count_label.text() == "3 pelanggan")
    assert shown_names(panel) == ["Ani Lestari", "Budi Santoso", "Dewi Anggraini"]


def test_selecting_a_row_fills_the_detail_pane_and_refresh_keeps_it(
    qtbot, shop: dict[str, int]
) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.ensure_loaded()
    panel.table.select_row(2)
    assert panel.detail.label.text() == "Citra Ayu"
    Customer.create(name="Aaron Baru", city="Medan")
    panel.refresh()
    assert shown_names(panel)[0] == "Aaron Baru"
    assert panel.table.current_id() == shop["Citra Ayu"]
    assert panel.detail.label.text() == "Citra Ayu"


def test_open_record_clears_filters_that_hide_it(qtbot, shop: dict[str, int]) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.apply_filter(city="Medan")
    assert shown_names(panel) == ["Dewi Anggraini"]
    assert panel.filter_bar.combos["city"].currentText() == "Medan"
    panel.open_record(shop["Eko Prasetyo"])
    assert panel.filter_bar.combos["city"].currentText() == "Semua"
    assert panel.row_count() == 5
    assert panel.table.current_id() == shop["Eko Prasetyo"]
    assert panel.detail.label.text() == "Eko Prasetyo"


def test_no_match_shows_an_empty_state_that_clears_the_search(qtbot, shop: dict[str, int]) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.apply_filter(city="Medan", vip="yes")
    assert panel.row_count() == 0
    assert panel.empty.isVisible() and not panel.table.isVisible()
    assert "Tidak ada pelanggan yang cocok" in panel.empty.label.text()
    assert panel.empty.label.text() == "Tidak ada pelanggan yang cocok dengan pencarian/filter ini."
    assert panel.empty.button.text() == "Hapus filter"
    qtbot.mouseClick(panel.empty.button, Qt.MouseButton.LeftButton)
    assert panel.row_count() == 5
    assert panel.table.isVisible()


def test_empty_database_offers_the_panel_action(qtbot, db: object) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.ensure_loaded()
    assert panel.empty.label.text() == "Belum ada pelanggan."
    with qtbot.waitSignal(panel.empty_action_requested, timeout=1000):
        qtbot.mouseClick(panel.empty.button, Qt.MouseButton.LeftButton)


def test_empty_list_in_a_shop_with_data_does_not_offer_demo_data(qtbot, db: object) -> None:
    Order.create(
        marketplace="shopee",
        order_no="2603051K7QX9PT",
        status="to_ship",
        ordered_at=dt.datetime(2026, 3, 5, 2, 15),
    )
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.ensure_loaded()
    assert panel.row_count() == 0
    assert panel.empty.isVisible()
    assert panel.empty.button.isHidden()


def test_search_without_results_says_so_and_clears(qtbot, shop: dict[str, int]) -> None:
    panel = CityPanel(tabs=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.ensure_loaded()
    qtbot.keyClicks(panel.filter_bar.search, "zzzz")
    qtbot.waitUntil(lambda: panel.row_count() == 0)
    assert "cocok dengan pencarian/filter ini" in panel.empty.label.text()
    assert panel.empty.button.text() == "Hapus filter"
    qtbot.mouseClick(panel.empty.button, Qt.MouseButton.LeftButton)
    assert panel.filter_bar.search.text() == ""
    assert panel.row_count() == 5


def test_status_tabs_show_live_counts(qtbot, shop: dict[str, int]) -> None:
    panel = CityPanel(tabs=True)
    qtbot.addWidget(panel)
    panel.ensure_loaded()
    tabs = panel.filter_bar.tabs

    def captions() -> list[str]:
        return [tabs.tabText(i) for i in range(tabs.count())]

    # Counted on the thread pool: the captions fill in when the counts arrive.
    qtbot.waitUntil(lambda: captions() == ["Semua (5)", "Bandung (2)", "Surabaya (2)", "Medan (1)"])
    tabs.setCurrentIndex(2)
    assert shown_names(panel) == ["Budi Santoso", "Eko Prasetyo"]
    panel.filter_bar.search.setText("Eko")
    panel.filter_bar.flush()
    qtbot.waitUntil(lambda: captions() == ["Semua (1)", "Bandung (0)", "Surabaya (1)", "Medan (0)"])
    panel.apply_filter(city="Medan")
    assert tabs.currentIndex() == 3 and panel.filter_bar.search.text() == ""
