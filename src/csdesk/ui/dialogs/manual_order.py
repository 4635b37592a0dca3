"""A manual order (WhatsApp, Instagram, phone) typed in or edited: customer, items, shipping,
payment; then the confirmation text ready to send.

Saving checks stock first: items wanting more than is left are listed and the seller decides
("Simpan tetap" / "Kembali"). A refused order (no items, no customer) is explained in the dialog
itself; another desk's save in between is a conflict, offered as a reload.

Keys: Ctrl+S or Ctrl+Enter saves, Ctrl+T adds an item row, Enter moves to the next field (so
finishing a quantity never saves half an order), Esc closes (asking first when something was
typed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import ConflictError, CsdeskError
from csdesk.services import conversations, fmt, manual_orders, payment_reminders
from csdesk.services.manual_orders import ManualOrderDraft, Shortfall
from csdesk.ui.dialogs.customer_picker import CustomerPicker
from csdesk.ui.dialogs.manual_order_items import ItemsTable, money_spin
from csdesk.ui.widgets import messages
from csdesk.ui.widgets.card import Card, heading_label, muted_label
from csdesk.ui.widgets.fields import copy_to_clipboard

CHANNELS = (
    ("whatsapp", "WhatsApp"),
    ("instagram", "Instagram"),
    ("phone", "Telepon"),
    ("other", "Lainnya"),
)
COURIERS = ("JNE", "J&T Express", "SiCepat", "AnterAja", "Pos Indonesia", "GoSend", "GrabExpress")
SHIPPING_FIELDS = ("recipient", "phone", "address", "city", "province")
ERROR_STYLE = messages.BOX_STYLE


def shortfall_line(short: Shortfall, variant: str) -> str:
    name = f"{short.product} — {variant}" if variant else short.product
    return f"Stok {name} tinggal {short.in_stock}, dipesan {short.wanted}"


class ManualOrderDialog(QDialog):
    """`saved(order_id)` fires after the order is written; `saved_order_id` keeps it."""

    saved = Signal(int)

    def __init__(
        self,
        order_id: int | None = None,
        customer_id: int | None = None,
        parent: QWidget | None = None,
        *,
        author: str = "",
    ) -> None:
        super().__init__(parent)
        self.order_id = order_id
        self.saved_order_id: int | None = None
        self.author = author or conversations.current_author()
        self._version = 0
        self._prefilled: dict[str, str] = {}
        self._filling = False
        self.shortfall_box: QMessageBox | None = None
        self.discard_box: QMessageBox | None = None
        self.setMinimumSize(940, 640)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.pages)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.save)
        QShortcut(QKeySequence("Ctrl+T"), self, self.add_item)

        if order_id is None:
            self.setWindowTitle(self.tr("Pesanan baru"))
            self.heading.setText(self.tr("Pesanan baru"))
            self.number_label.setText(
                self.tr("Nomor pesanan: %s (diberikan saat disimpan)")
                % manual_orders.next_order_no()
            )
            self.items.add_item()
            if customer_id is not None:
                self.customer.set_customer(customer_id)
        else:
            self.reload()
        self._update_total()
        self.customer.focus_input()

    # --- building -------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        self.heading = heading_label(size_delta=3)
        self.number_label = muted_label()
        self.channel = QComboBox(page)
        for key, text in CHANNELS:
            self.channel.addItem(self.tr(text), key)
        top = QHBoxLayout()
        title = QVBoxLayout()
        title.addWidget(self.heading)
        title.addWidget(self.number_label)
        top.addLayout(title, 1)
        top.addWidget(QLabel(self.tr("Saluran"), page))
        top.addWidget(self.channel)

        customer_card = Card(self.tr("Pelanggan"), page)
        self.customer = CustomerPicker(customer_card)
        self.customer.customer_chosen.connect(self._prefill_shipping)
        customer_card.add(self.customer)
        customer_card.setMinimumWidth(300)

        shipping_card = Card(self.tr("Pengiriman"), page)
        self.recipient = QLineEdit(page)
        self.phone = QLineEdit(page)
        self.phone.setPlaceholderText("0812-3456-7890")
        self.address = QPlainTextEdit(page)
        self.address.setPlaceholderText(self.tr("Jalan, nomor rumah, RT/RW, kelurahan, kecamatan"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(54)
        self.city = QLineEdit(page)
        self.province = QLineEdit(page)
        self.courier = QComboBox(page)
        self.courier.setEditable(True)
        self.courier.addItems(["", *COURIERS])
        self.courier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service = QLineEdit(page)
        self.service.setPlaceholderText(self.tr("mis. REG, YES, Instant"))
        self.shipping_fee = money_spin(page)
        self.shipping_fee.valueChanged.connect(self._update_total)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        rows = (
            ((self.tr("Penerima"), self.recipient), (self.tr("No. HP"), self.phone)),
            ((self.tr("Kota/Kab."), self.city), (self.tr("Provinsi"), self.province)),
            ((self.tr("Kurir"), self.courier), (self.tr("Layanan"), self.service)),
        )
        grid.addWidget(QLabel(self.tr("Alamat"), page), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.address, 1, 1, 1, 3)
        for number, ((left, left_edit), (right, right_edit)) in enumerate(rows):
            line = number if number == 0 else number + 1
            grid.addWidget(QLabel(left, page), line, 0)
            grid.addWidget(left_edit, line, 1)
            grid.addWidget(QLabel(right, page), line, 2)
            grid.addWidget(right_edit, line, 3)
        grid.addWidget(QLabel(self.tr("Ongkir"), page), 4, 0)
        grid.addWidget(self.shipping_fee, 4, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        shipping_card.add(grid)

        upper = QHBoxLayout()
        upper.addWidget(customer_card, 2)
        upper.addWidget(shipping_card, 3)

        items_card = Card(self.tr("Barang"), page)
        self.items = ItemsTable(items_card)
        self.items.setMinimumHeight(130)
        self.items.total_changed.connect(self._update_total)
        self.add_button = QPushButton(self.tr("+ Tambah barang"), items_card)
        self.add_button.setToolTip(self.tr("Tambah baris barang (Ctrl+T)"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_item)
        items_card.add(self.items)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addWidget(
            muted_label(self.tr("Ketik nama produk atau SKU, lalu pilih dari daftar.")), 1
        )
        items_card.add(add_row)

        payment_card = Card(self.tr("Pembayaran & catatan"), page)
        self.transfer = QRadioButton(self.tr("Transfer bank"), page)
        self.cod = QRadioButton(self.tr("COD (bayar di tempat)"), page)
        self.transfer.setChecked(True)
        self.payment_group = QButtonGroup(page)
        self.payment_group.addButton(self.transfer)
        self.payment_group.addButton(self.cod)
        self.buyer_note = QLineEdit(page)
        self.buyer_note.setPlaceholderText(self.tr("mis. titip di satpam"))
        self.seller_note = QLineEdit(page)
        self.seller_note.setPlaceholderText(self.tr("hanya untuk admin"))
        notes = QFormLayout()
        # A complaint's replacement is free and stays so: no choice of payment to offer.
        self.replacement = muted_label(self.tr("Barang pengganti keluhan (gratis)"))
        self.replacement.hide()
        self.is_replacement = False
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.transfer)
        pay_row.addWidget(self.cod)
        pay_row.addWidget(self.replacement)
        pay_row.addStretch(1)
        notes.addRow(self.tr("Cara bayar"), pay_row)
        notes.addRow(self.tr("Catatan pembeli"), self.buyer_note)
        notes.addRow(self.tr("Catatan penjual"), self.seller_note)
        self.items_total_label = muted_label()
        self.total_label = heading_label(size_delta=4)
        self.total_label.setObjectName("orderTotal")
        totals = QVBoxLayout()
        totals.addWidget(self.items_total_label)
        totals.addWidget(self.total_label)
        totals.addStretch(1)
        lower = QHBoxLayout()
        lower.addLayout(notes, 3)
        lower.addSpacing(16)
        lower.addLayout(totals, 2)
        payment_card.add(lower)

        self.error_label = QLabel(page)
        self.error_label.setObjectName("orderError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.reload_button = QPushButton(self.tr("Muat ulang"), page)
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        error_row = QHBoxLayout()
        error_row.addWidget(self.error_label, 1)
        error_row.addWidget(self.reload_button)

        self.cancel_button = QPushButton(self.tr("Batal"), page)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Simpan pesanan"), page)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S atau Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(upper)
        layout.addWidget(items_card, 1)
        layout.addWidget(payment_card)
        layout.addLayout(error_row)
        layout.addLayout(buttons)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget(self)
        self.result_heading = heading_label(size_delta=3)
        self.result_heading.setStyleSheet("color: #1b6b35;")
        self.result_status = muted_label()
        self.confirmation = QPlainTextEdit(page)
        self.confirmation.setReadOnly(True)
        self.confirmation.setStyleSheet(
            "QPlainTextEdit { background: #dcf8c6; border-radius: 6px; padding: 4px; }"
        )
        self.copy_button = QPushButton(self.tr("Salin teks"), page)
        self.copy_button.setObjectName("primary")
        self.copy_button.clicked.connect(self.copy_confirmation)
        self.whatsapp_button = QPushButton(self.tr("Buka WhatsApp"), page)
        self.whatsapp_button.clicked.connect(self.open_whatsapp)
        self.copied_hint = muted_label()
        self.done_button = QPushButton(self.tr("Selesai"), page)
        self.done_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.whatsapp_button)
        row.addWidget(self.copied_hint, 1)
        row.addWidget(self.done_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_heading)
        layout.addWidget(self.result_status)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Teks konfirmasi untuk pelanggan:"), page))
        self.confirmation.setMaximumHeight(240)
        layout.addWidget(self.confirmation)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # --- filling --------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the order as stored now (after a conflict, the other desk's version)."""
        assert self.order_id is not None
        try:
            draft, self._version = manual_orders.load_draft(self.order_id)
            order_no = manual_orders.get_order(self.order_id).order_no
        except CsdeskError as err:
            self.show_error(str(err))
            self.save_button.setEnabled(False)
            return
        self.setWindowTitle(self.tr("Ubah pesanan %s") % order_no)
        self.heading.setText(self.tr("Ubah pesanan %s") % order_no)
        self.number_label.setText(self.tr("Pesanan manual"))
        self._filling = True
        if draft.customer_id is not None:
            self.customer.set_customer(draft.customer_id)
        self._filling = False
        self.set_draft(draft)
        self.show_error("")

    def set_draft(self, draft: ManualOrderDraft) -> None:
        self.channel.setCurrentIndex(max(0, self.channel.findData(draft.channel)))
        self.recipient.setText(draft.recipient)
        self.phone.setText(draft.phone)
        self.address.setPlainText(draft.address)
        self.city.setText(draft.city)
        self.province.setText(draft.province)
        self.courier.setCurrentText(draft.courier)
        self.service.setText(draft.service)
        self.shipping_fee.setValue(draft.shipping_fee)
        (self.cod if draft.payment == "cod" else self.transfer).setChecked(True)
        self.is_replacement = draft.payment == "replacement"
        self.replacement.setVisible(self.is_replacement)
        self.transfer.setVisible(not self.is_replacement)
        self.cod.setVisible(not self.is_replacement)
        self.buyer_note.setText(draft.buyer_note)
        self.seller_note.setText(draft.seller_note)
        self.items.set_items(draft.items)
        if not draft.items:
            self.items.add_item()
        self._prefilled = {}

    def draft(self) -> ManualOrderDraft:
        return ManualOrderDraft(
            customer_id=self.customer.customer_id(),
            new_customer=self.customer.new_customer(),
            channel=str(self.channel.currentData()),
            recipient=self.recipient.text(),
            phone=self.phone.text(),
            address=self.address.toPlainText(),
            city=self.city.text(),
            province=self.province.text(),
            courier=self.courier.currentText(),
            service=self.service.text(),
            shipping_fee=self.shipping_fee.value(),
            payment="replacement"
            if self.is_replacement
            else ("cod" if self.cod.isChecked() else "transfer"),
            buyer_note=self.buyer_note.text(),
            seller_note=self.seller_note.text(),
            items=self.items.items(),
        )

    def _shipping_values(self) -> dict[str, str]:
        return {
            "recipient": self.recipient.text(),
            "phone": self.phone.text(),
            "address": self.address.toPlainText(),
            "city": self.city.text(),
            "province": self.province.text(),
        }

    def _prefill_shipping(self, customer_id: int) -> None:
        """Fill where this customer's parcels usually go, without overwriting anything the
        seller typed (a field still holding the previous customer's value is replaced)."""
        if self._filling:
            return
        try:
            found = manual_orders.shipping_from_customer(customer_id)
        except CsdeskError:
            return
        current = self._shipping_values()
        setters = {
            "recipient": self.recipient.setText,
            "phone": self.phone.setText,
            "address": self.address.setPlainText,
            "city": self.city.setText,
            "province": self.province.setText,
        }
        for key in SHIPPING_FIELDS:
            if not current[key].strip() or current[key] == self._prefilled.get(key):
                setters[key](getattr(found, key))
        self._prefilled = {key: getattr(found, key) for key in SHIPPING_FIELDS}

    def add_item(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        row = self.items.add_item()
        self.items.scrollToBottom()
        row.product.setFocus()

    def _update_total(self) -> None:
        items_total = self.items.items_total()
        fee = self.shipping_fee.value()
        self.items_total_label.setText(
            self.tr("Barang %s + ongkir %s") % (fmt.rupiah(items_total), fmt.rupiah(fee))
        )
        self.total_label.setText(self.tr("Total %s") % fmt.rupiah(items_total + fee))

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Check stock, then save (or ask first when stock is short)."""
        if self.pages.currentIndex() != 0 or not self.save_button.isEnabled():
            return
        draft = self.draft()
        try:
            shortfalls = manual_orders.stock_shortfalls(draft.items, self.order_id)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        if not shortfalls:
            self._write(draft)
            return
        variants = {item.sku.strip(): item.variant for item in draft.items}
        lines = [shortfall_line(short, variants.get(short.sku, "")) for short in shortfalls]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Stok kurang"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Stok tidak cukup untuk pesanan ini:"))
        box.setInformativeText("\n".join(lines))
        keep = box.addButton(self.tr("Simpan tetap"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def answered(button: QAbstractButton) -> None:
            self.shortfall_box = None
            if button is keep:
                self._write(self.draft())

        box.buttonClicked.connect(answered)
        self.shortfall_box = box
        box.open()

    def _write(self, draft: ManualOrderDraft) -> None:
        try:
            if self.order_id is None:
                order_id = manual_orders.create_manual_order(draft, author=self.author)
            else:
                order_id = self.order_id
                manual_orders.update_manual_order(
                    order_id, draft, self._version, author=self.author
                )
        except ConflictError as err:
            self.show_error(
                self.tr(
                    "%s Perubahan Anda belum tersimpan; klik Muat ulang untuk melihat versi terbaru."
                )
                % err
            )
            self.reload_button.show()
            return
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.saved_order_id = order_id
        self.saved.emit(order_id)
        if self.order_id is not None:
            self.accept()
            return
        self._show_result(order_id, draft)

    def _show_result(self, order_id: int, draft: ManualOrderDraft) -> None:
        order = manual_orders.get_order(order_id)
        self.setWindowTitle(self.tr("Pesanan %s tersimpan") % order.order_no)
        self.result_heading.setText(self.tr("✓ Pesanan %s tersimpan") % order.order_no)
        if order.status == "unpaid":
            status = self.tr("Menunggu transfer %s. Kirim teks ini agar pelanggan segera membayar.")
        else:
            status = self.tr("COD %s: siap dikemas dan dikirim.")
        self.result_status.setText(status % fmt.rupiah(order.total))
        self.confirmation.setPlainText(manual_orders.order_confirmation_text(order_id))
        phone = draft.phone or (draft.new_customer.phone if draft.new_customer else "")
        link = payment_reminders.wa_link(phone, self.confirmation.toPlainText())
        self.whatsapp_button.setProperty("url", link)
        self.whatsapp_button.setEnabled(bool(link))
        if not link:
            self.whatsapp_button.setToolTip(
                self.tr("Nomor HP penerima belum diisi atau tidak valid")
            )
        self.pages.setCurrentIndex(1)
        self.copy_button.setFocus()

    def copy_confirmation(self) -> None:
        copy_to_clipboard(self.confirmation.toPlainText())
        self.copied_hint.setText(self.tr("Disalin ✓"))

    def open_whatsapp(self) -> None:
        link = self.whatsapp_button.property("url")
        if link:
            QDesktopServices.openUrl(QUrl(str(link)))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if not message:
            self.reload_button.hide()

    # --- keys and closing -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not isinstance(self.focusWidget(), QAbstractButton):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _has_unsaved_input(self) -> bool:
        if self.pages.currentIndex() != 0 or self.order_id is not None:
            return False
        return self.customer.has_input() or bool(self.items.items())

    def reject(self) -> None:
        if not self._has_unsaved_input() or self.discard_box is not None:
            super().reject()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Tutup pesanan"))
        box.setText(self.tr("Pesanan ini belum disimpan. Tutup dan buang isiannya?"))
        discard = box.addButton(self.tr("Buang"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)

        def answered(button: QAbstractButton) -> None:
            if button is discard:
                super(ManualOrderDialog, self).reject()
            else:
                self.discard_box = None

        box.buttonClicked.connect(answered)
        self.discard_box = box
        box.open()
