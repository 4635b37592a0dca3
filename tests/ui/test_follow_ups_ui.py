"""Follow-ups on screen: added from the customer's card, done and snoozed on each row of the card
and of the Dasbor's "Tindak lanjut hari ini", overdue first and said in words, the shop's day
deciding what "today" is, and a Dasbor row opening its customer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from csdesk.models import Complaint, Customer, FollowUp, Order, utcnow
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.follow_ups import add_follow_up, mark_done, shop_today
from csdesk.ui.dialogs.follow_up import NewFollowUpDialog, SnoozeDayDialog
from csdesk.ui.panels.customer_follow_ups import FollowUpsCard
from csdesk.ui.panels.dashboard_follow_ups import TodayFollowUps

# Wednesday 5 March 2025, 23.30 WIB (16.30 UTC): the shop's day ends in half an hour.
LATE = dt.datetime(2025, 3, 5, 16, 30)


def local_day(utc: dt.datetime) -> dt.date:
    return fmt.to_local(utc, shop_settings.load().zone).date()


@pytest.fixture
def sari(db: object) -> Customer:
    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari")
    Order.create(
        customer=sari, marketplace="shopee", order_no="2611SARI01", status="completed",
        ordered_at=utcnow() - dt.timedelta(days=3), total=150_000,
    )  # fmt: skip
    return sari


@pytest.fixture
def budi(db: object) -> Customer:
    return Customer.create(name="Budi Santoso")


def card_for(qtbot, customer: Customer) -> FollowUpsCard:  # noqa: ANN001 - qtbot
    card = FollowUpsCard()
    qtbot.addWidget(card)
    card.author = "Rina"
    card.resize(460, 600)
    card.load(customer.id)
    card.show()
    return card


def today_list(qtbot, now: dt.datetime | None = None) -> TodayFollowUps:  # noqa: ANN001
    widget = TodayFollowUps()
    qtbot.addWidget(widget)
    widget.author = "Dewi"
    widget.resize(560, 420)
    widget.refresh(now)
    widget.show()
    return widget


def titles(widget: FollowUpsCard | TodayFollowUps) -> list[str]:
    return [row.title() for row in widget.rows]


# --- the customer's card -----------------------------------------------------------------


def test_added_in_the_dialog_it_is_saved_and_shows_on_the_card(qtbot, sari: Customer) -> None:
    card = card_for(qtbot, sari)
    assert card.rows == [] and card.empty.isVisible()
    assert card.empty.text() == "Belum ada tindak lanjut."
    assert card.history_toggle.isHidden()

    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    dialog = card.dialog
    assert isinstance(dialog, NewFollowUpDialog)
    assert dialog.chosen_day() == shop_today() + dt.timedelta(days=1)  # tomorrow by default
    assert [dialog.order.itemText(n).split(" · ")[0] for n in range(dialog.order.count())] == [
        "2611SARI01",
        "Tanpa pesanan",
    ]
    assert dialog.order.currentText() == "Tanpa pesanan"
    dialog.reason.setCurrentIndex(dialog.reason.findData("review"))
    dialog.order.setCurrentIndex(0)
    dialog.note.setPlainText("minta ulasan bintang 5")
    qtbot.mouseClick(dialog.quick_buttons[1], Qt.MouseButton.LeftButton)  # 3 hari
    three_days = shop_today() + dt.timedelta(days=3)
    assert dialog.chosen_day() == three_days
    assert dialog.day_hint.text() == f"Muncul di Dasbor pada {fmt.date_long(three_days)}"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.note.setFocus()  # Ctrl+Enter saves from the note, where Enter is a new line
    with qtbot.waitSignal(dialog.created) as created:
        QTest.keySequence(dialog.note, QKeySequence("Ctrl+Return"))

    saved = FollowUp.get_by_id(created.args[0])
    assert (saved.reason, saved.note, saved.author, saved.status) == (
        "review", "minta ulasan bintang 5", "Rina", "open",
    )  # fmt: skip
    assert saved.order_id == Order.get().id
    assert local_day(saved.due_at) == three_days
    [row] = card.rows
    assert row.title() == f"{fmt.DAYS[three_days.weekday()]}, {three_days:%d} " + (
        f"{fmt.MONTHS[three_days.month - 1]} {three_days.year} · Minta ulasan"
    )
    assert row.state == "later"
    assert row.note.text() == "minta ulasan bintang 5"
    assert row.links["order"].text() == "Pesanan 2611SARI01"
    assert card.empty.isHidden()
    with qtbot.waitSignal(card.open_record) as opened:
        qtbot.mouseClick(row.links["order"], Qt.MouseButton.LeftButton)
    assert opened.args == ["order", Order.get().id]


def test_a_refusal_stays_in_the_dialog_with_what_was_typed(qtbot, sari: Customer) -> None:
    dialog = NewFollowUpDialog(sari.id, "Rina")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note.setPlainText("x" * 2001)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "terlalu panjang" in dialog.error.text()
    assert dialog.isVisible() and len(dialog.note.toPlainText()) == 2001
    assert FollowUp.select().count() == 0


def test_the_dialog_opens_on_the_reason_and_order_it_is_given(qtbot, sari: Customer) -> None:
    order = Order.get()
    dialog = NewFollowUpDialog(sari.id, "Rina", None, "payment", order.id)
    qtbot.addWidget(dialog)
    assert dialog.reason.currentText() == "Pengingat pembayaran"
    assert dialog.order.currentData() == order.id
    assert dialog.windowTitle() == "Tindak lanjut baru"
    dialog.set_day(shop_today() - dt.timedelta(days=5))  # before today: the picker refuses
    assert dialog.chosen_day() == shop_today()
    assert dialog.day_hint.text() == "Muncul di Dasbor hari ini"


def test_selesai_on_the_card_moves_it_under_riwayat_with_who_did_it(qtbot, sari: Customer) -> None:
    complaint = Complaint.create(code="KL-2026-0012", customer=sari, category="damaged")
    add_follow_up(sari.id, shop_today(), "complaint", note="cek barang pengganti",
                  complaint_id=complaint.id)  # fmt: skip
    add_follow_up(sari.id, shop_today() + dt.timedelta(days=1), "restock")
    card = card_for(qtbot, sari)
    assert titles(card) == ["Hari ini · Cek keluhan", "Besok · Kabari stok datang"]
    first = card.rows[0]
    assert first.state == "today"
    with qtbot.waitSignal(card.open_record) as opened:
        qtbot.mouseClick(first.links["complaint"], Qt.MouseButton.LeftButton)
    assert opened.args == ["complaint", complaint.id]

    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(first.done_button, Qt.MouseButton.LeftButton)

    assert [row.reason_text for row in card.rows] == ["Kabari stok datang"]
    assert card.history_toggle.isVisible() and card.history_toggle.text() == "Riwayat (1)"
    assert card.history.isHidden()  # collapsed until asked
    qtbot.mouseClick(card.history_toggle, Qt.MouseButton.LeftButton)
    assert card.history.isVisible()
    history = card.history.text()
    assert history.startswith("✓ Cek keluhan — cek barang pengganti")
    assert "\n    Keluhan KL-2026-0012 · selesai " in history and history.endswith(" WIB oleh Rina")
    done = FollowUp.get(FollowUp.reason == "complaint")
    assert (done.status, done.done_by) == ("done", "Rina")


def test_tunda_menu_on_the_card_moves_the_day(qtbot, sari: Customer) -> None:
    fid = add_follow_up(sari.id, shop_today() - dt.timedelta(days=2), "payment")
    card = card_for(qtbot, sari)
    [row] = card.rows
    assert row.title() == "Terlambat 2 hari · Pengingat pembayaran"
    assert row.state == "overdue"
    menu = row.snooze_menu
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Besok", "3 hari lagi", "Minggu depan", "Pilih tanggal…",
    ]  # fmt: skip

    with qtbot.waitSignal(card.changed):
        next(a for a in menu.actions() if a.text() == "3 hari lagi").trigger()
    moved = FollowUp.get_by_id(fid)
    assert local_day(moved.due_at) == shop_today() + dt.timedelta(days=3)
    assert moved.status == "snoozed"
    assert card.rows[0].title().endswith("· Pengingat pembayaran (ditunda)")

    next(a for a in card.rows[0].snooze_menu.actions() if a.text() == "Pilih tanggal…").trigger()
    calendar = card.dialog
    assert isinstance(calendar, SnoozeDayDialog)
    tomorrow = shop_today() + dt.timedelta(days=1)
    assert calendar.day() == tomorrow  # nothing earlier than tomorrow to choose
    later = shop_today() + dt.timedelta(days=10)
    calendar.calendar.setSelectedDate(QDate(later.year, later.month, later.day))
    with qtbot.waitSignal(card.changed):
        calendar.accept()
    assert local_day(FollowUp.get_by_id(fid).due_at) == later


def test_selesai_on_a_row_another_admin_finished_says_so(qtbot, sari: Customer) -> None:
    fid = add_follow_up(sari.id, shop_today(), "payment")
    card = card_for(qtbot, sari)
    mark_done(fid, author="Dewi")  # at the other desk, while this card still shows it
    qtbot.mouseClick(card.rows[0].done_button, Qt.MouseButton.LeftButton)
    assert card.error.isVisible()
    assert card.error.text() == f"Tindak lanjut #{fid} sudah selesai"
    assert card.rows == [] and card.history.text().endswith("oleh Dewi")


# --- the Dasbor's list -------------------------------------------------------------------


def test_today_lists_overdue_first_then_today_not_tomorrow(
    qtbot, sari: Customer, budi: Customer
) -> None:
    add_follow_up(sari.id, shop_today(), "review", note="paket sudah diterima")
    add_follow_up(budi.id, shop_today() - dt.timedelta(days=2), "payment",
                  note="transfer belum masuk", order_id=Order.get().id)  # fmt: skip
    add_follow_up(budi.id, shop_today() + dt.timedelta(days=1), "restock")
    widget = today_list(qtbot)

    assert widget.heading.text() == "Tindak lanjut hari ini (2)"
    assert titles(widget) == ["Terlambat 2 hari · Pengingat pembayaran", "Hari ini · Minta ulasan"]
    overdue, today = widget.rows
    assert (overdue.state, today.state) == ("overdue", "today")
    assert overdue.customer.text() == "Budi Santoso"
    assert today.customer.text() == "Sari Wulandari (Kak Sari)"
    assert overdue.note.full_text == "transfer belum masuk · Pesanan 2611SARI01"
    assert overdue.snooze_button.text() == "Tunda besok"
    assert widget.empty.isHidden()


def test_tomorrow_at_the_edge_of_the_shops_day(qtbot, sari: Customer) -> None:
    """At 23.30 WIB a follow-up for tomorrow (00.00 WIB) is not today's yet; at 00.05 it is."""
    add_follow_up(sari.id, dt.date(2025, 3, 6), "restock")  # Thursday, 17.00 UTC Wednesday
    widget = today_list(qtbot, LATE)
    assert widget.rows == []
    assert widget.empty.isVisible()
    assert widget.empty.text() == "Tidak ada tindak lanjut untuk hari ini."
    assert widget.heading.text() == "Tindak lanjut hari ini (0)"

    widget.refresh(LATE + dt.timedelta(minutes=35))
    assert titles(widget) == ["Hari ini · Kabari stok datang"]
    assert widget.empty.isHidden()


def test_selesai_on_the_dasbor_leaves_the_list_and_reaches_the_history(
    qtbot, sari: Customer
) -> None:
    add_follow_up(sari.id, shop_today(), "review")
    widget = today_list(qtbot)
    with qtbot.waitSignal(widget.changed):
        qtbot.mouseClick(widget.rows[0].done_button, Qt.MouseButton.LeftButton)
    assert widget.rows == []
    assert widget.heading.text() == "Tindak lanjut hari ini (0)"
    assert widget.empty.isVisible()

    card = card_for(qtbot, sari)
    assert card.rows == [] and card.history_toggle.text() == "Riwayat (1)"
    assert card.history.text().endswith("oleh Dewi")


def test_tunda_besok_on_the_dasbor_makes_it_tomorrows(qtbot, sari: Customer) -> None:
    fid = add_follow_up(sari.id, shop_today() - dt.timedelta(days=1), "payment")
    widget = today_list(qtbot)
    assert titles(widget) == ["Terlambat 1 hari · Pengingat pembayaran"]
    qtbot.mouseClick(widget.rows[0].snooze_button, Qt.MouseButton.LeftButton)
    assert widget.rows == []
    snoozed = FollowUp.get_by_id(fid)
    assert local_day(snoozed.due_at) == shop_today() + dt.timedelta(days=1)
    assert snoozed.status == "snoozed"
    card = card_for(qtbot, sari)
    assert titles(card) == ["Besok · Pengingat pembayaran (ditunda)"]


def test_tunda_besok_at_23_30_is_the_shops_tomorrow(qtbot, sari: Customer) -> None:
    """Snoozed at 23.30 WIB on Wednesday it is due Thursday, not Friday (UTC's 'tomorrow')."""
    fid = add_follow_up(sari.id, dt.date(2025, 3, 5), "payment")
    widget = today_list(qtbot, LATE)
    qtbot.mouseClick(widget.rows[0].snooze_button, Qt.MouseButton.LeftButton)
    assert widget.rows == []
    assert local_day(FollowUp.get_by_id(fid).due_at) == dt.date(2025, 3, 6)
    widget.refresh(LATE + dt.timedelta(minutes=35))
    assert titles(widget) == ["Hari ini · Pengingat pembayaran (ditunda)"]


def test_a_row_opens_its_customer_by_double_click_or_enter(
    qtbot, sari: Customer, budi: Customer
) -> None:
    add_follow_up(budi.id, shop_today() - dt.timedelta(days=1), "payment")
    add_follow_up(sari.id, shop_today(), "review")
    widget = today_list(qtbot)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    with qtbot.waitSignal(widget.open_record) as opened:
        qtbot.mouseDClick(widget.rows[1].customer, Qt.MouseButton.LeftButton)
    assert opened.args == ["customer", sari.id]

    widget.rows[0].setFocus()
    qtbot.keyClick(widget.rows[0], Qt.Key.Key_Down)  # the arrow keys walk the rows
    assert widget.rows[1].hasFocus()
    qtbot.keyClick(widget.rows[1], Qt.Key.Key_Up)
    assert widget.rows[0].hasFocus()
    with qtbot.waitSignal(widget.open_record) as opened:
        qtbot.keyClick(widget.rows[0], Qt.Key.Key_Return)
    assert opened.args == ["customer", budi.id]
