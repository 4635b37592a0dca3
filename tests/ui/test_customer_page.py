"""The customer page: Ubah (profile and contacts, conflicts), the Riwayat timeline opening its
records, and the page's actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from csdesk.models import Customer, CustomerIdentity, Order, utcnow
from csdesk.services.customer_edit import ProfileDraft, update_profile
from csdesk.ui.dialogs.customer_edit import CustomerEditDialog
from csdesk.ui.panels.customer_detail import CustomerDetailView
from csdesk.ui.panels.customers import CustomersPanel


def test_f2_in_the_list_edits_the_customer_and_the_page_shows_it(qtbot, db) -> None:
    """F2 works from the list too (the keys belong to the panel, not only the page)."""
    sari = Customer.create(name="Sari Wulandari")
    panel = CustomersPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.open_record(sari.id)
    page = panel.detail
    assert isinstance(page, CustomerDetailView)
    qtbot.waitUntil(lambda: page.current_id == sari.id)
    panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)
    QTest.keySequence(panel.table, QKeySequence("F2"))
    dialog = page.dialog
    assert isinstance(dialog, CustomerEditDialog)
    dialog.nickname.setText("Kak Sari")
    dialog.preferences.setPlainText("Ukuran L, suka warna pastel")
    dialog.tags.setText("vip, Reseller, VIP")
    with qtbot.waitSignal(page.changed):
        dialog.save()

    assert page.subtitle.text() == "Panggilan: Kak Sari"
    assert page.tags.text() == "#vip  #Reseller"
    assert page.notes.value("preferences") == "Ukuran L, suka warna pastel"


def test_a_save_after_another_desks_save_shows_their_data(qtbot, db) -> None:
    sari = Customer.create(name="Sari Wulandari")
    dialog = CustomerEditDialog(sari.id, "Rina")
    qtbot.addWidget(dialog)
    update_profile(sari.id, ProfileDraft(name="Sari W.", nickname="Mbak Sari"), expected_version=1)
    dialog.nickname.setText("Kak Sari")
    assert not dialog.save()
    assert "admin lain" in dialog.error.text()
    assert dialog.nickname.text() == "Mbak Sari"  # what the other desk saved, to edit again
    dialog.nickname.setText("Kak Sari")
    assert dialog.save()
    assert Customer.get_by_id(sari.id).nickname == "Kak Sari"


def test_someone_elses_phone_is_refused_with_their_name(qtbot, db, monkeypatch) -> None:
    from csdesk.ui.widgets import confirm

    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask", lambda _p, _t, text, _y: asked.append(text) or True)
    budi = Customer.create(name="Budi Santoso")
    CustomerIdentity.create(
        customer=budi, kind="phone", value="081234567890", normalized="+6281234567890"
    )
    sari = Customer.create(name="Sari Wulandari")
    dialog = CustomerEditDialog(sari.id, "Rina")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("phone"))
    dialog.value.setText("+62 812-3456-7890")
    assert not dialog.add_contact()
    assert "milik pelanggan Budi Santoso" in dialog.error.text()

    dialog.value.setText("0857-1111-2222")
    assert dialog.add_contact()
    assert dialog.error.isHidden()
    mine = CustomerIdentity.get(CustomerIdentity.customer == sari.id)
    assert mine.normalized == "+6285711112222"
    qtbot.mouseClick(dialog.remove_buttons[mine.id], Qt.MouseButton.LeftButton)
    assert asked == ["Hapus kontak +62 857-1111-2222 dari pelanggan ini?"]
    assert CustomerIdentity.select().where(CustomerIdentity.customer == sari.id).count() == 0


def test_timeline_rows_open_their_records(qtbot, db) -> None:
    sari = Customer.create(name="Sari Wulandari")
    order = Order.create(
        customer=sari, marketplace="shopee", order_no="2611SARI01", status="completed",
        ordered_at=utcnow(), total=150_000,
    )  # fmt: skip
    page = CustomerDetailView()
    qtbot.addWidget(page)
    page.show_id(sari.id)
    rows = page.timeline.list
    assert rows.item(0).text() == "Pesanan 2611SARI01"
    with qtbot.waitSignal(page.open_record) as opened:
        rows.itemActivated.emit(rows.item(0))
    assert opened.args == ["order", order.id]
    assert not page.merges.isVisibleTo(page)  # no merges: no card
