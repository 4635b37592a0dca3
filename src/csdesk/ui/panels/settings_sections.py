"""The sections of the Pengaturan form, one card each over part of ShopSettings.

Each section `load`s its fields from the settings and `collect`s them back, returning the
problems it found in Indonesian; it shows them itself, under its own fields, so the seller sees
which box to fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QWidget,
)

from csdesk.services import fmt
from csdesk.services.labels import MARKETPLACE_LABELS
from csdesk.services.settings import BankAccount, ShopSettings
from csdesk.ui.widgets.card import Card, muted_label

DATE_ROLE = Qt.ItemDataRole.UserRole + 1
ZONE_HINTS = {
    "WIB": "WIB: Sumatra, Jawa, Kalimantan Barat dan Tengah",
    "WITA": "WITA: Bali, Nusa Tenggara, Kalimantan lainnya, Sulawesi",
    "WIT": "WIT: Maluku dan Papua",
}


class Section(Card):
    """A card that shows its own validation problems under its fields."""

    def __init__(self, title: str, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        if hint:
            self.add(muted_label(hint))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.add(self.form)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.error_label.hide()

    def show_errors(self, errors: list[str]) -> None:
        # Added on demand so it sits last, below everything the subclass added.
        self.body.removeWidget(self.error_label)
        self.body.addWidget(self.error_label)
        self.error_label.setText("\n".join(errors))
        self.error_label.setVisible(bool(errors))

    def load(self, s: ShopSettings) -> None:
        raise NotImplementedError

    def collect(self, s: ShopSettings) -> list[str]:
        raise NotImplementedError


def _spin(maximum: int, suffix: str = "", prefix: str = "", step: int = 1) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    spin.setPrefix(prefix)
    spin.setSingleStep(step)
    spin.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    spin.setGroupSeparatorShown(True)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMinimumWidth(140)
    spin.setMaximumWidth(200)
    return spin


class ProfileSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Profil Toko"),
            self.tr("Dipakai di template balasan dan di cetakan konfirmasi pengiriman."),
            parent,
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("mis. Ayu Hijab Store"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0812-3456-7890")
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(64)
        self.city = QLineEdit()
        self.logo = QLineEdit()
        self.logo.setReadOnly(True)
        self.logo.setPlaceholderText(self.tr("Belum ada logo"))
        choose = QPushButton(self.tr("Pilih…"))
        choose.clicked.connect(self._choose_logo)
        clear = QPushButton(self.tr("Hapus"))
        clear.clicked.connect(self.logo.clear)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(clear)
        self.form.addRow(self.tr("Nama toko"), self.name)
        self.form.addRow(self.tr("No. telepon"), self.phone)
        self.form.addRow(self.tr("Alamat"), self.address)
        self.form.addRow(self.tr("Kota"), self.city)
        self.form.addRow(self.tr("Logo"), logo_row)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih logo toko"), "", self.tr("Gambar (*.png *.jpg *.jpeg *.bmp)")
        )
        if path:
            self.logo.setText(path)

    def load(self, s: ShopSettings) -> None:
        self.name.setText(s.shop_name)
        self.phone.setText(s.shop_phone)
        self.address.setPlainText(s.shop_address)
        self.city.setText(s.shop_city)
        self.logo.setText(s.logo_path)

    def collect(self, s: ShopSettings) -> list[str]:
        errors = []
        s.shop_name = self.name.text().strip()
        s.shop_phone = self.phone.text().strip()
        s.shop_address = self.address.toPlainText().strip()
        s.shop_city = self.city.text().strip()
        s.logo_path = self.logo.text().strip()
        if s.shop_phone and fmt.phone_e164(s.shop_phone) is None:
            errors.append(self.tr("No. telepon toko tidak valid: %s") % s.shop_phone)
        if s.logo_path and not Path(s.logo_path).is_file():
            errors.append(self.tr("File logo tidak ditemukan: %s") % s.logo_path)
        return errors


class BankSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Rekening Bank"),
            self.tr("Diisikan ke {rekening} saat membalas pertanyaan pembayaran."),
            parent,
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Bank"), self.tr("Nomor rekening"), self.tr("Atas nama")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(130)
        add = QPushButton(self.tr("Tambah rekening"))
        add.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Hapus rekening"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.add(self.table)
        self.add(buttons)

    def add_row(self, account: BankAccount | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (account.bank, account.number, account.holder) if account else ("", "", "")
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))
        if account is None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def load(self, s: ShopSettings) -> None:
        self.table.setRowCount(0)
        for account in s.bank_accounts:
            self.add_row(account)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def collect(self, s: ShopSettings) -> list[str]:
        errors = []
        accounts = []
        for row in range(self.table.rowCount()):
            bank, number, holder = (self._cell(row, c) for c in range(3))
            if not (bank or number or holder):
                continue  # an empty row the seller added and left
            # People paste numbers as "123-456 7890"; the digits are what counts.
            digits = number.replace(" ", "").replace("-", "").replace(".", "")
            where = self.tr("Rekening baris %d") % (row + 1)
            if not bank:
                errors.append(self.tr("%s: nama bank belum diisi") % where)
            if not digits.isdigit():
                errors.append(self.tr("%s: nomor rekening hanya boleh berisi angka") % where)
            if not holder:
                errors.append(self.tr("%s: nama pemilik rekening belum diisi") % where)
            accounts.append(BankAccount(bank, digits or number, holder))
        s.bank_accounts = accounts
        return errors


class HoursSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Jam Operasional"),
            self.tr("Target respons hanya dihitung di jam buka; hari libur dilewati."),
            parent,
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.open_boxes: list[QCheckBox] = []
        self.opens: list[QTimeEdit] = []
        self.closes: list[QTimeEdit] = []
        for day, name in enumerate(fmt.DAYS_LONG):
            box = QCheckBox(self.tr("Buka"))
            opens, closes = QTimeEdit(), QTimeEdit()
            for edit in (opens, closes):
                edit.setDisplayFormat("HH.mm")
            box.toggled.connect(opens.setEnabled)
            box.toggled.connect(closes.setEnabled)
            grid.addWidget(QLabel(name), day, 0)
            grid.addWidget(box, day, 1)
            grid.addWidget(opens, day, 2)
            grid.addWidget(QLabel("–"), day, 3)
            grid.addWidget(closes, day, 4)
            self.open_boxes.append(box)
            self.opens.append(opens)
            self.closes.append(closes)
        grid.setColumnStretch(5, 1)
        self.add(grid)

        self.add(muted_label(self.tr("Hari libur (tanggal merah, cuti bersama)")))
        self.holidays = QListWidget()
        self.holidays.setMaximumHeight(110)
        self.no_holidays = muted_label(self.tr("Belum ada hari libur."))
        self.holiday_date = QDateEdit(QDate.currentDate())
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("dd MMM yyyy")
        add = QPushButton(self.tr("Tambah libur"))
        add.clicked.connect(self._add_holiday)
        remove = QPushButton(self.tr("Hapus libur"))
        remove.clicked.connect(self._remove_holiday)
        row = QHBoxLayout()
        row.addWidget(self.holiday_date)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.add(self.holidays)
        self.add(self.no_holidays)
        self.add(row)

    def _add_holiday(self) -> None:
        self._insert_holiday(self.holiday_date.date().toPython())

    def _insert_holiday(self, day: dt.date) -> None:
        days = self._holiday_days()
        if day in days:
            return
        days.append(day)
        self._show_holidays(sorted(days))

    def _remove_holiday(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))
        self._update_holiday_placeholder()

    def _holiday_days(self) -> list[dt.date]:
        return [self.holidays.item(i).data(DATE_ROLE) for i in range(self.holidays.count())]

    def _show_holidays(self, days: list[dt.date]) -> None:
        self.holidays.clear()
        for day in days:
            item = QListWidgetItem(fmt.date_long(day))
            item.setData(DATE_ROLE, day)
            self.holidays.addItem(item)
        self._update_holiday_placeholder()

    def _update_holiday_placeholder(self) -> None:
        self.holidays.setVisible(self.holidays.count() > 0)
        self.no_holidays.setVisible(self.holidays.count() == 0)

    def load(self, s: ShopSettings) -> None:
        for day in range(7):
            span = s.business_hours.get(day)
            opens, closes = span or ("08:00", "17:00")
            self.opens[day].setTime(QTime.fromString(opens, "HH:mm"))
            self.closes[day].setTime(QTime.fromString(closes, "HH:mm"))
            self.open_boxes[day].setChecked(span is not None)
            self.opens[day].setEnabled(span is not None)
            self.closes[day].setEnabled(span is not None)
        self._show_holidays(sorted(s.holidays))

    def collect(self, s: ShopSettings) -> list[str]:
        errors = []
        hours: dict[int, tuple[str, str] | None] = {}
        for day, name in enumerate(fmt.DAYS_LONG):
            if not self.open_boxes[day].isChecked():
                hours[day] = None
                continue
            opens = self.opens[day].time().toString("HH:mm")
            closes = self.closes[day].time().toString("HH:mm")
            if closes <= opens:
                errors.append(
                    self.tr("%s: jam tutup harus setelah jam buka (%s)")
                    % (name, opens.replace(":", "."))
                )
            hours[day] = (opens, closes)
        s.business_hours = hours
        s.holidays = self._holiday_days()
        return errors


class ZoneSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Zona Waktu"), parent=parent)
        self.zone = QComboBox()
        for zone, hint in ZONE_HINTS.items():
            self.zone.addItem(hint, zone)
        self.form.addRow(self.tr("Zona toko"), self.zone)

    def load(self, s: ShopSettings) -> None:
        self.zone.setCurrentIndex(max(0, self.zone.findData(s.zone)))

    def collect(self, s: ShopSettings) -> list[str]:
        s.zone = str(self.zone.currentData())
        return []


class WhatsAppSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("WhatsApp"),
            self.tr(
                "Nama toko Anda seperti tertulis di ekspor chat WhatsApp, satu per baris. "
                "Pesan dari nama ini dihitung sebagai balasan toko."
            ),
            parent,
        )
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("Ayu Hijab Store\nAdmin Ayu")
        self.names.setFixedHeight(80)
        self.add(self.names)

    def load(self, s: ShopSettings) -> None:
        self.names.setPlainText("\n".join(s.whatsapp_names))

    def collect(self, s: ShopSettings) -> list[str]:
        lines = (line.strip() for line in self.names.toPlainText().splitlines())
        s.whatsapp_names = list(dict.fromkeys(line for line in lines if line))
        return []


class ResponseSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Target Respons"),
            self.tr("Chat yang belum dibalas lewat dari target ini ditandai terlambat."),
            parent,
        )
        self.minutes = _spin(24 * 60, self.tr(" menit"))
        self.form.addRow(self.tr("Balasan pertama dalam"), self.minutes)

    def load(self, s: ShopSettings) -> None:
        self.minutes.setValue(s.first_response_minutes)

    def collect(self, s: ShopSettings) -> list[str]:
        s.first_response_minutes = self.minutes.value()
        if s.first_response_minutes == 0:
            return [self.tr("Target respons minimal 1 menit")]
        return []


class PaymentDeadlineSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Batas Pembayaran"),
            self.tr("Berapa lama pesanan manual boleh menunggu transfer dari pembeli."),
            parent,
        )
        self.hours = _spin(168, self.tr(" jam"))
        self.hours.setMinimum(1)
        self.hours.setToolTip(
            self.tr(
                "Pesanan manual yang belum dibayar setelah sekian jam masuk daftar "
                "pengingat pembayaran"
            )
        )
        self.form.addRow(self.tr("Batas waktu transfer"), self.hours)

    def load(self, s: ShopSettings) -> None:
        self.hours.setValue(s.payment_deadline_hours)

    def collect(self, s: ShopSettings) -> list[str]:
        s.payment_deadline_hours = self.hours.value()
        return []


class ComplaintWindowSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Batas Komplain"),
            self.tr("Berapa hari setelah pesanan sampai pembeli masih bisa komplain."),
            parent,
        )
        self.days: dict[str, QSpinBox] = {}
        for key, label in MARKETPLACE_LABELS.items():
            spin = _spin(90, self.tr(" hari"))
            self.days[key] = spin
            self.form.addRow(label, spin)

    def load(self, s: ShopSettings) -> None:
        for key, spin in self.days.items():
            spin.setValue(s.complaint_window_days.get(key, 0))

    def collect(self, s: ShopSettings) -> list[str]:
        s.complaint_window_days = {key: spin.value() for key, spin in self.days.items()}
        return []


class SegmentSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Segmen Pelanggan"),
            self.tr("Pelanggan loyal memenuhi kedua syarat; tidak aktif = lama tidak belanja."),
            parent,
        )
        self.loyal_orders = _spin(1000, self.tr(" pesanan"))
        self.loyal_value = _spin(2_000_000_000, prefix="Rp", step=100_000)
        self.inactive_days = _spin(3650, self.tr(" hari"))
        self.form.addRow(self.tr("Loyal: minimal"), self.loyal_orders)
        self.form.addRow(self.tr("Loyal: total belanja minimal"), self.loyal_value)
        self.form.addRow(self.tr("Tidak aktif setelah"), self.inactive_days)

    def load(self, s: ShopSettings) -> None:
        self.loyal_orders.setValue(s.loyal_min_orders)
        self.loyal_value.setValue(s.loyal_min_value)
        self.inactive_days.setValue(s.inactive_days)

    def collect(self, s: ShopSettings) -> list[str]:
        s.loyal_min_orders = self.loyal_orders.value()
        s.loyal_min_value = self.loyal_value.value()
        s.inactive_days = self.inactive_days.value()
        errors = []
        if s.loyal_min_orders == 0:
            errors.append(self.tr("Syarat pelanggan loyal minimal 1 pesanan"))
        if s.inactive_days == 0:
            errors.append(self.tr("Batas tidak aktif minimal 1 hari"))
        return errors
