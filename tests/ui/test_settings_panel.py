"""Pengaturan: what the seller types reaches the database, and mistakes are shown in place."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from csdesk.models import Setting
from csdesk.services import settings
from csdesk.ui.panels.settings_panel import SettingsPanel


@pytest.fixture
def panel(db: object, qtbot: QtBot) -> SettingsPanel:
    widget = SettingsPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.refresh()
    return widget


def type_account(panel: SettingsPanel, bank: str, number: str, holder: str) -> None:
    panel.banks.add_row(settings.BankAccount(bank, number, holder))


def test_form_round_trips_into_the_database(panel: SettingsPanel, qtbot: QtBot) -> None:
    qtbot.keyClicks(panel.profile.name, "Ayu Hijab Store")
    qtbot.keyClicks(panel.profile.phone, "0812-3456-7890")
    qtbot.keyClicks(panel.profile.city, "Bandung")
    type_account(panel, "BCA", "123 456 7890", "Ayu Lestari")
    panel.hours.open_boxes[5].setChecked(True)
    panel.hours.closes[5].setTime(QTime(12, 0))
    panel.hours.open_boxes[6].setChecked(False)
    panel.hours.holiday_date.setDate(dt.date(2026, 3, 20))
    panel.hours._add_holiday()
    panel.zone.zone.setCurrentIndex(panel.zone.zone.findData("WITA"))
    panel.whatsapp.names.setPlainText("Ayu Hijab Store\n\nAdmin Ayu\nAyu Hijab Store")
    panel.response.minutes.setValue(30)
    panel.complaints.days["shopee"].setValue(5)
    panel.segments.loyal_value.setValue(2_500_000)

    assert panel.save()
    assert panel.status_label.text() == "Tersimpan ✓"
    stored = settings.load()
    assert stored.shop_name == "Ayu Hijab Store"
    assert stored.shop_city == "Bandung"
    assert stored.bank_accounts == [settings.BankAccount("BCA", "1234567890", "Ayu Lestari")]
    assert stored.business_hours[5] == ("08:00", "12:00")
    assert stored.business_hours[6] is None
    assert stored.holidays == [dt.date(2026, 3, 20)]
    assert stored.zone == "WITA"
    assert stored.whatsapp_names == ["Ayu Hijab Store", "Admin Ayu"]
    assert stored.first_response_minutes == 30
    assert stored.complaint_window_days["shopee"] == 5
    assert stored.loyal_min_value == 2_500_000

    fresh = SettingsPanel()
    qtbot.addWidget(fresh)
    fresh.refresh()
    assert fresh.profile.name.text() == "Ayu Hijab Store"
    assert fresh.banks.table.item(0, 1).text() == "1234567890"
    assert fresh.hours.holidays.item(0).text() == "Jumat, 20 Maret 2026"
    assert not fresh.hours.opens[6].isEnabled()


def test_mistakes_are_shown_under_their_section_and_nothing_is_saved(
    panel: SettingsPanel,
) -> None:
    panel.show()
    type_account(panel, "BCA", "12345abc", "")
    panel.hours.opens[0].setTime(QTime(17, 0))
    panel.hours.closes[0].setTime(QTime(9, 0))
    assert not panel.save()
    assert panel.error_label.isVisible()
    bank_errors = panel.banks.error_label.text()
    assert "Rekening baris 1: nomor rekening hanya boleh berisi angka" in bank_errors
    assert "nama pemilik rekening belum diisi" in bank_errors
    assert panel.hours.error_label.text() == "Senin: jam tutup harus setelah jam buka (17.00)"
    assert panel.hours.error_label.isVisible()
    assert not panel.profile.error_label.isVisible()
    assert Setting.select().count() == 0

    panel.refresh()
    assert not panel.banks.error_label.isVisible()
    assert panel.banks.table.rowCount() == 0


def test_keeps_fields_the_form_does_not_show(panel: SettingsPanel) -> None:
    stored = settings.load()
    stored.onboarded = True
    settings.save(stored)
    panel.refresh()
    panel.response.minutes.setValue(20)
    assert panel.save()
    assert settings.load().onboarded is True


def test_empty_bank_rows_are_ignored_and_removed_rows_go(panel: SettingsPanel) -> None:
    type_account(panel, "BCA", "1234567890", "Ayu")
    type_account(panel, "Mandiri", "1300012345678", "Ayu")
    panel.banks.add_row()
    panel.banks.table.selectRow(0)
    panel.banks.remove_selected()
    assert panel.save()
    assert [a.bank for a in settings.load().bank_accounts] == ["Mandiri"]


def test_missing_logo_file_is_refused(panel: SettingsPanel, tmp_path) -> None:  # noqa: ANN001
    panel.profile.logo.setText(str(tmp_path / "logo.png"))
    assert not panel.save()
    assert "File logo tidak ditemukan" in panel.profile.error_label.text()
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    assert panel.save()
    assert settings.load().logo_path == str(tmp_path / "logo.png")


def test_payment_deadline_is_saved(panel: SettingsPanel) -> None:
    spin = panel.payment_deadline.hours
    assert spin.value() == 24
    assert (spin.minimum(), spin.maximum(), spin.suffix()) == (1, 168, " jam")
    spin.setValue(48)
    assert panel.save()
    assert settings.load().payment_deadline_hours == 48
    panel.refresh()
    assert spin.value() == 48
