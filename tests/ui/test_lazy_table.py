"""The lazy table model over real SQLite rows: what a table view would show, page by page."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QModelIndex, Qt

from csdesk.models import Customer
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row
from csdesk.ui.widgets import lazy_table
from csdesk.ui.widgets.lazy_table import ID_ROLE, RAW_ROLE, LazyTableModel


class CustomerSource:
    """A small ListSource over the customer table, written here so the model is tested alone."""

    columns = (
        Column("name", "Nama", width=180),
        Column("notes", "Catatan", sortable=False),
        Column("order_count", "Pesanan", kind="int"),
        Column("lifetime_value", "Total Belanja", kind="money"),
        Column("last_order_at", "Terakhir (WIB)", kind="datetime"),
        Column("city", "Kota", kind="badge"),
    )
    filters = (Filter("city", "Kota", (Choice("", "Semua kota"), Choice("Bandung", "Bandung"))),)

    def __init__(self) -> None:
        self.rows_calls = 0

    def ids(self, query: ListQuery) -> list[int]:
        q = Customer.select(Customer.id)
        if query.search:
            q = q.where(Customer.name.contains(query.search))
        if query.filters.get("city"):
            q = q.where(Customer.city == query.filters["city"])
        field = getattr(Customer, query.sort) if query.sort else Customer.id
        q = q.order_by(field.desc() if query.descending else field.asc(), Customer.id)
        return [c.id for c in q]

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        self.rows_calls += 1
        return {c.id: c.__data__ for c in Customer.select().where(Customer.id.in_(list(ids)))}

    def badge_label(self, column_key: str, value: str) -> str:
        return value.upper()


@pytest.fixture
def customers(db: object) -> list[Customer]:
    made = []
    for n in range(250):
        made.append(
            Customer.create(
                name=f"Pelanggan {n:03d}",
                notes="Suka warna biru, minta bubble wrap tebal dan kirim pakai JNE YES"
                if n % 2
                else "",
                order_count=n,
                lifetime_value=n * 1_250_000,
                last_order_at=dt.datetime(2026, 3, 5, 2, 15) if n else None,
                city="Bandung" if n % 5 == 0 else "Surabaya",
            )
        )
    return made


def test_model_passes_qtmodeltester(qtmodeltester, customers: list[Customer]) -> None:
    model = LazyTableModel(CustomerSource())
    model.set_query(ListQuery())
    qtmodeltester.check(model, force_py=True)


def test_cells_show_formatted_values(customers: list[Customer]) -> None:
    model = LazyTableModel(CustomerSource())
    model.set_query(ListQuery(sort="order_count", descending=False))
    row = model.row_of(customers[1].id)
    assert row == 1

    def shown(column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert shown(0) == "Pelanggan 001"
    assert shown(3) == "Rp1.250.000"
    assert shown(4) == "05 Mar 2026 09.15"  # 02.15 UTC is 09.15 WIB
    assert shown(5) == "SURABAYA"
    assert shown(5, RAW_ROLE) == "Surabaya"
    assert shown(0, ID_ROLE) == customers[1].id
    assert shown(3, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert shown(0, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert shown(1, Qt.ItemDataRole.ToolTipRole).startswith("Suka warna biru")
    assert shown(0, Qt.ItemDataRole.ToolTipRole) == ""
    # A customer without orders: empty text, not "None".
    assert model.data(model.index(0, 4)) == ""
    assert model.data(model.index(0, 2)) == "0"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Total Belanja"


def test_rows_are_fetched_by_page_and_cache_is_bounded(
    customers: list[Customer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lazy_table, "MAX_PAGES", 2)
    source = CustomerSource()
    model = LazyTableModel(source)
    model.set_query(ListQuery())
    assert model.rowCount() == 250
    assert source.rows_calls == 0
    model.data(model.index(0, 0))
    model.data(model.index(99, 0))
    assert source.rows_calls == 1
    model.data(model.index(150, 0))
    model.data(model.index(249, 0))
    assert source.rows_calls == 3
    assert model.cached_pages() == 2
    model.data(model.index(0, 0))  # page 0 was evicted first
    assert source.rows_calls == 4


def test_sort_and_query_requery_ids(customers: list[Customer]) -> None:
    model = LazyTableModel(CustomerSource())
    model.set_query(ListQuery())
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Pelanggan 249"
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "Pelanggan 000"
    model.sort(1, Qt.SortOrder.DescendingOrder)  # notes cannot sort: order unchanged
    assert model.data(model.index(0, 0)) == "Pelanggan 000"

    model.set_query(ListQuery(search="Pelanggan 00", filters={"city": "Bandung"}))
    assert model.rowCount() == 2
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["Pelanggan 005", "Pelanggan 000"]
    assert model.id_at(2) is None
    assert model.row_of(customers[7].id) is None


def test_sort_keeps_persistent_indexes_on_their_record(customers: list[Customer]) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = LazyTableModel(CustomerSource())
    model.set_query(ListQuery())
    kept = QPersistentModelIndex(model.index(0, 0))
    first_id = model.id_at(0)
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert kept.row() == model.row_of(first_id) == 249
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


@pytest.fixture
def demo_shop(db: object) -> object:
    from csdesk.services.demo import generate_demo

    generate_demo(150, seed=5)
    return db


def _real_sources() -> list[object]:
    from csdesk.services.complaints_list import ComplaintListSource
    from csdesk.services.conversations_list import ConversationListSource
    from csdesk.services.customers_list import CustomerListSource
    from csdesk.services.orders_list import OrderListSource
    from csdesk.services.templates_list import TemplateListSource

    return [
        OrderListSource(),
        CustomerListSource(),
        ConversationListSource(),
        ComplaintListSource(),
        TemplateListSource(),
    ]


def test_every_real_source_passes_qtmodeltester(qtmodeltester, demo_shop: object) -> None:
    for source in _real_sources():
        model = LazyTableModel(source)
        model.set_query(ListQuery())
        assert model.rowCount() > 0, type(source).__name__
        qtmodeltester.check(model, force_py=True)
        for column in range(model.columnCount()):
            model.sort(column, Qt.SortOrder.AscendingOrder)
            for row in (0, model.rowCount() - 1):
                text = model.data(model.index(row, column))
                assert isinstance(text, str) and text != "None", (type(source).__name__, column)
        qtmodeltester.check(model, force_py=True)


class CountingCustomerSource(CustomerSource):
    """The same source answering with the first ids and a count, as big lists do; `hold`, when
    set, keeps the background reads of the whole list for `held_search` waiting until it is
    released."""

    def __init__(self) -> None:
        super().__init__()
        self.hold: threading.Event | None = None
        self.held_search = ""

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:  # type: ignore[override]
        background = threading.current_thread() is not threading.main_thread()
        if limit is None and background and self.hold and query.search == self.held_search:
            assert self.hold.wait(10)
        found = super().ids(query)
        return found if limit is None else found[:limit]

    def count(self, query: ListQuery) -> int:
        return len(super().ids(query))


def _settle(qtbot) -> None:
    """Let every background read finish and its result reach the model."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()


@pytest.fixture
def small_prefix(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(lazy_table, "PREFIX_ROWS", 10)
    return 10


def test_first_rows_show_before_the_whole_list_arrives(
    qtbot, qtmodeltester, customers: list[Customer], small_prefix: int
) -> None:
    source = CountingCustomerSource()
    source.hold = threading.Event()
    model = LazyTableModel(source)
    model.set_query(ListQuery(sort="order_count", descending=False))
    # The count and the first rows are there while the rest still loads.
    assert model.rowCount() == 250
    assert not model.is_complete()
    assert model.data(model.index(0, 0)) == "Pelanggan 000"
    assert model.data(model.index(200, 0)) == "memuat…"
    assert model.data(model.index(200, 2)) == ""
    assert model.id_at(200) is None
    qtmodeltester.check(model, force_py=True)

    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.completed, timeout=10_000):
        source.hold.set()
    # The whole list replaced the prefix in place: no reset, the later rows now filled.
    assert resets == []
    assert model.is_complete()
    assert model.rowCount() == 250
    assert model.data(model.index(5, 0)) == "Pelanggan 005"
    assert model.data(model.index(200, 0)) == "Pelanggan 200"
    assert model.id_at(200) == customers[200].id
    qtmodeltester.check(model, force_py=True)


def test_an_older_query_in_the_background_does_not_replace_a_newer_one(
    qtbot, customers: list[Customer], small_prefix: int
) -> None:
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(2, threads))  # the held read must not block the newer one
    source = CountingCustomerSource()
    source.hold = threading.Event()
    source.held_search = "Pelanggan"
    model = LazyTableModel(source)
    try:
        model.set_query(ListQuery(search="Pelanggan"))  # 250 rows: the whole list is held back
        model.set_query(ListQuery(search="Pelanggan 1"))  # 100 rows, read while the first waits
        _wait_until(qtbot, model.is_complete)
        assert model.rowCount() == 100
    finally:
        source.hold.set()  # now the older query's whole list arrives
        _settle(qtbot)
        pool.setMaxThreadCount(threads)
    assert model.rowCount() == 100
    assert model.query.search == "Pelanggan 1"
    assert {model.data(model.index(row, 0))[:11] for row in range(100)} == {"Pelanggan 1"}


def test_a_record_past_the_first_rows_is_found_at_once(
    qtbot, customers: list[Customer], small_prefix: int
) -> None:
    source = CountingCustomerSource()
    source.hold = threading.Event()
    model = LazyTableModel(source)
    model.set_query(ListQuery(sort="order_count", descending=False))
    assert model.loaded_row_of(customers[120].id) is None
    assert model.row_of(customers[120].id) == 120  # read the whole list, not waiting for it
    assert model.is_complete()
    source.hold.set()
    _settle(qtbot)
    assert model.row_of(customers[121].id) == 121


def test_sort_while_loading_keeps_the_selected_record(
    qtbot, customers: list[Customer], small_prefix: int
) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = LazyTableModel(CountingCustomerSource())
    model.set_query(ListQuery(sort="order_count", descending=False))
    _settle(qtbot)
    kept = QPersistentModelIndex(model.index(3, 0))
    model.sort(2, Qt.SortOrder.DescendingOrder)  # record 3 is now near the end
    assert kept.row() == 246
    assert model.data(model.index(0, 0)) == "Pelanggan 249"
    _settle(qtbot)
    assert model.data(model.index(246, 0)) == "Pelanggan 003"


def _wait_until(qtbot, condition) -> None:  # noqa: ANN001
    qtbot.waitUntil(condition, timeout=10_000)
