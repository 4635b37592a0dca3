"""Payment reminders: who still has to pay, the text to send them, and the empty state."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from csdesk.models import utcnow
from csdesk.services import manual_orders
from csdesk.ui.dialogs.payment_reminders import PaymentRemindersDialog


def make_order(name: str, phone: str, hours_ago: int) -> int:
    return manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft(name, phone),
            phone=phone,
            items=[manual_orders.ItemDraft("Pashmina Ceruty", "Mocca", "", 2, 45_000)],
        ),
        now=utcnow() - dt.timedelta(hours=hours_ago),
    )


@pytest.fixture
def dialog(db: object, qtbot: QtBot) -> PaymentRemindersDialog:
    make_order("Siti Rahma", "0812-3456-7890", hours_ago=30)
    make_order("Dewi", "", hours_ago=1)
    widget = PaymentRemindersDialog(author="Ayu")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_lists_unpaid_orders_overdue_first(dialog: PaymentRemindersDialog) -> None:
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "Siti Rahma"
    assert dialog.table.item(0, 2).text() == "Rp90.000"
    assert dialog.table.item(0, 3).text().startswith("Lewat 6 jam")
    assert dialog.table.item(1, 3).text().startswith("Jatuh tempo ")


def test_copy_puts_the_reminder_on_the_clipboard(
    dialog: PaymentRemindersDialog, qtbot: QtBot
) -> None:
    dialog.table.selectRow(0)
    text = dialog.text.toPlainText()
    assert dialog.reminders[0].order_no in text
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    assert dialog.copied_hint.text() == "Disalin ✓"
    assert dialog.whatsapp_button.isEnabled()
    dialog.table.selectRow(1)
    assert not dialog.whatsapp_button.isEnabled()  # Dewi left no phone


def test_confirming_a_payment_from_the_list_removes_it(
    dialog: PaymentRemindersDialog, qtbot: QtBot
) -> None:
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    payment = dialog.payment_dialog
    assert payment is not None
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(payment.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Dewi"


def test_nobody_to_remind_shows_the_empty_state(db: object, qtbot: QtBot) -> None:
    widget = PaymentRemindersDialog()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.list_stack.currentWidget() is widget.empty
    assert "Tidak ada pesanan yang menunggu pembayaran" in widget.empty.label.text()
    assert not widget.copy_button.isEnabled()
