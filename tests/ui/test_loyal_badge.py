"""The Pesanan and Inbox lists show "★ Loyal" beside a loyal customer's name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from csdesk.models import Conversation, Order
from csdesk.services import segments
from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):
    generate_demo(200, seed=7)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


@pytest.mark.parametrize(("panel_key", "column"), [("orders", "buyer"), ("inbox", "customer")])
def test_loyal_names_carry_the_mark_and_others_do_not(
    qtbot, window: MainWindow, panel_key: str, column: str
) -> None:
    panel = window.show_panel(panel_key)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    model = panel.model
    col = model.column_of(column)
    rules = segments.rules()
    record = Order if panel_key == "orders" else Conversation
    marked = unmarked = 0
    for row in range(min(model.rowCount(), 80)):
        text = model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)
        customer = record.get_by_id(model.id_at(row)).customer
        loyal = customer is not None and segments.is_loyal(
            customer.order_count, customer.lifetime_value, rules
        )
        assert text.endswith("  ★\u00a0Loyal") == loyal, text
        marked += loyal
        unmarked += not loyal
    assert marked > 0 and unmarked > 0
