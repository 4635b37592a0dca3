"""Follow-ups in the window: added from the customer's page, done and snoozed from the card
and the Dasbor's "Tindak lanjut hari ini", overdue first and marked in words, a row opening
its customer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from csdesk.models import Customer, FollowUp, Order, utcnow
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.follow_ups import add_follow_up
from csdesk.ui.dialogs.follow_up import NewFollowUpDialog
from csdesk.ui.panels.customer_follow_ups import FollowUpsCard
from csdesk.ui.panels.dashboard import DashboardPanel


def today() -> dt.date:
    return fmt.to_local(utcnow(), shop_settings.load().zone).date()


@pytest.fixture
def sari(db: object) -> Customer:
    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari")
    Order.create(
        customer=sari, marketplace="shopee", order_no="2611SARI01", status="completed",
        ordered_at=utcnow() - dt.timedelta(days=3), total=150_000,
    )  # fmt: skip
    return sari


def texts(widget) -> list[str]:  # noqa: ANN001 - a FollowUpList
    return [widget.list.item(row).text() for row in range(widget.list.count())]


def test_add_from_the_card_then_done_moves_it_to_the_history(qtbot, sari: Customer) -> None:
    card = FollowUpsCard()
    qtbot.addWidget(card)
    card.author = "Rina"
    card.load(sari.id)
    assert texts(card.pending) == ["Belum ada tindak lanjut."]

    dialog = card.new_follow_up()
    assert isinstance(dialog, NewFollowUpDialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("review"))
    dialog.order.setCurrentIndex(0)  # the customer's order
    dialog.note.setPlainText("minta ulasan bintang 5")
    qtbot.mouseClick(dialog.quick_buttons[0], Qt.MouseButton.LeftButton)  # Besok
    assert dialog.chosen_day() == today() + dt.timedelta(days=1)
    dialog.save()

    saved = FollowUp.get()
    assert (saved.reason, saved.note, saved.author) == ("review", "minta ulasan bintang 5", "Rina")
    assert saved.order_id == Order.get().id
    assert texts(card.pending) == ["Besok · Minta ulasan"]
    subtitle = card.pending.list.item(0).data(Qt.ItemDataRole.UserRole + 10)
    assert subtitle == "minta ulasan bintang 5 · Pesanan 2611SARI01"

    card.pending.list.setCurrentRow(0)
    qtbot.mouseClick(card.pending.done_button, Qt.MouseButton.LeftButton)
    assert texts(card.pending) == ["Belum ada tindak lanjut."]
    assert card.history_toggle.text() == "Riwayat (1)"
    assert "Minta ulasan — minta ulasan bintang 5 · selesai" in card.history.text()
    assert card.history.text().endswith("oleh Rina")
    assert FollowUp.get().done_by == "Rina"


def test_an_empty_note_is_fine_but_a_huge_one_is_refused_in_the_dialog(
    qtbot, sari: Customer
) -> None:
    dialog = NewFollowUpDialog(sari.id, "Rina")
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("x" * 2001)
    dialog.save()
    assert not dialog.error.isHidden()
    assert "terlalu panjang" in dialog.error.text()
    assert FollowUp.select().count() == 0


def test_dasbor_lists_today_overdue_first_and_acts_on_rows(qtbot, sari: Customer) -> None:
    budi = Customer.create(name="Budi Santoso")
    add_follow_up(sari.id, today(), "review")
    add_follow_up(budi.id, today() - dt.timedelta(days=2), "payment", note="transfer belum masuk")
    add_follow_up(budi.id, today() + dt.timedelta(days=1), "restock")  # tomorrow: not listed
    panel = DashboardPanel()
    qtbot.addWidget(panel)
    panel.refresh()

    assert panel.follow_ups_title.text() == "Tindak lanjut hari ini (2)"
    assert texts(panel.follow_ups) == [
        "⚠ Terlambat 2 hari · Pengingat pembayaran · Budi Santoso",
        "Hari ini · Minta ulasan · Sari Wulandari (Kak Sari)",
    ]

    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.follow_ups.list.itemActivated.emit(panel.follow_ups.list.item(1))
    assert opened.args == ["customer", sari.id]

    panel.follow_ups.list.setCurrentRow(0)
    panel.follow_ups.snooze_days(1)  # Tunda → Besok
    assert texts(panel.follow_ups) == ["Hari ini · Minta ulasan · Sari Wulandari (Kak Sari)"]
    snoozed = FollowUp.get(FollowUp.customer == budi.id, FollowUp.reason == "payment")
    zone = shop_settings.load().zone
    assert fmt.to_local(snoozed.due_at, zone).date() == today() + dt.timedelta(days=1)
    assert snoozed.status == "snoozed"

    panel.follow_ups.list.setCurrentRow(0)
    qtbot.mouseClick(panel.follow_ups.done_button, Qt.MouseButton.LeftButton)
    assert texts(panel.follow_ups) == ["Tidak ada tindak lanjut untuk hari ini."]
    assert panel.follow_ups_title.text() == "Tindak lanjut hari ini (0)"
    assert panel.follow_ups.done_button.isHidden()  # nothing left to act on
