"""One order in full: what was bought, where it goes, how it travels, who bought it, and what
happened to it. Values admins paste elsewhere (order no, phone, address, resi) have copy
buttons; "Salin pesan status" copies a ready answer to "where is my package?".

"Catatan internal" is for the admins only: "Tambah catatan" (Ctrl+Enter) writes a note under
the admin's name; notes show newest first and also in the history. A draft belongs to its
order: it is kept when a note is refused and dropped when another order is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import details, fmt, order_notes, settings, templates
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS, label
from csdesk.ui.panels.detail_parts import ComplaintTable, CustomerCard, EventList, RecordTable
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.panels.order_payment import OrderPaymentCard
from csdesk.ui.widgets.card import Badge, Card, heading_label, muted_label
from csdesk.ui.widgets.fields import CopyButton, FieldGrid, copy_to_clipboard


class NoteEdit(QPlainTextEdit):
    """A plain-text box where Ctrl+Enter sends (`submitted`) and Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        sending = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if sending and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class OrderDetailView(DetailView):
    empty_icon = "fa5s.box"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pilih pesanan di daftar untuk melihat detailnya"), parent)
        self.detail: details.OrderDetail | None = None

        head = QHBoxLayout()
        self.order_no = heading_label()
        self.order_no.setObjectName("orderNo")
        self.copy_order_no = CopyButton(self.tr("Salin nomor pesanan"))
        self.marketplace = Badge()
        self.status = Badge()
        head.addWidget(self.order_no)
        head.addWidget(self.copy_order_no)
        head.addStretch(1)
        self.content.addLayout(head)
        # The badges get a line of their own: beside an 18-digit TikTok or a Tokopedia
        # INV/… number they pushed the pane wider than the splitter gives it.
        badges = QHBoxLayout()
        badges.addWidget(self.marketplace)
        badges.addWidget(self.status)
        badges.addStretch(1)
        self.content.addLayout(badges)
        self.times = FieldGrid()
        for key, caption in (
            ("ordered_at", self.tr("Dipesan")),
            ("paid_at", self.tr("Dibayar")),
            ("ship_by", self.tr("Kirim sebelum")),
            ("shipped_at", self.tr("Dikirim")),
            ("completed_at", self.tr("Selesai")),
            ("payment", self.tr("Pembayaran")),
        ):
            self.times.add_field(key, caption)
        self.content.addWidget(self.times)
        # Manual orders only: payment status, confirm transfer, edit, cancel.
        self.payment_card = OrderPaymentCard()
        self.payment_card.changed.connect(self._payment_changed)
        self.content.addWidget(self.payment_card)

        self.items_card = Card(self.tr("Barang"))
        self.items = RecordTable(
            [self.tr("Produk"), self.tr("Varian"), self.tr("Qty"), self.tr("Harga"),
             self.tr("Subtotal")],
            elastic=(0, 1),  # names give way; quantities and prices never do
        )  # fmt: skip
        self.items.setToolTip("")
        self.items_card.add(self.items)
        self.totals = FieldGrid()
        self.totals.add_field("shipping_fee", self.tr("Ongkir"))
        total_value = self.totals.add_field("total", self.tr("Total"))
        bold = QFont(total_value.font())
        bold.setBold(True)
        bold.setPointSize(bold.pointSize() + 1)
        total_value.setFont(bold)
        self.items_card.add(self.totals)
        self.content.addWidget(self.items_card)

        shipping = Card(self.tr("Pengiriman"))
        self.shipping = FieldGrid()
        self.shipping.add_field("recipient", self.tr("Penerima"), copyable=True)
        self.shipping.add_field("phone", self.tr("Telepon"), copyable=True)
        self.shipping.add_field("address", self.tr("Alamat"), copyable=True)
        self.shipping.add_field("courier", self.tr("Kurir"))
        self.shipping.add_field("tracking_no", self.tr("No. resi"), copyable=True)
        shipping.add(self.shipping)
        self.copy_status = QPushButton(self.tr("Salin pesan status"))
        self.copy_status.setToolTip(
            self.tr("Salin pesan siap kirim untuk pelanggan tentang status pesanan ini")
        )
        self.copy_status.clicked.connect(self.copy_status_message)
        self.copied_hint = muted_label()
        row = QHBoxLayout()
        row.addWidget(self.copy_status)
        row.addWidget(self.copied_hint, 1)
        shipping.add(row)
        self.content.addWidget(shipping)

        notes = Card(self.tr("Catatan"))
        self.notes = FieldGrid()
        self.notes.add_field("buyer_note", self.tr("Dari pembeli"))
        self.notes.add_field("seller_note", self.tr("Dari penjual"))
        notes.add(self.notes)
        self.content.addWidget(notes)

        self.internal_card = Card(self.tr("Catatan internal"))
        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText(
            self.tr("Tulis catatan untuk admin lain (tidak terlihat oleh pembeli)…")
        )
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(64)
        self.internal_card.add(self.note_edit)
        self.add_note_button = QPushButton(self.tr("Tambah catatan"))
        self.add_note_button.setToolTip(self.tr("Simpan catatan (Ctrl+Enter)"))
        self.add_note_button.clicked.connect(self.add_note)
        self.note_edit.submitted.connect(self.add_note)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_note_button)
        self.internal_card.add(add_row)
        self.internal_notes = EventList()
        self.internal_card.add(self.internal_notes)
        self.content.addWidget(self.internal_card)

        self.customer_card = CustomerCard()
        self.customer_card.open_customer.connect(lambda cid: self.open_record.emit("customer", cid))
        self.content.addWidget(self.customer_card)

        self.complaints_card = Card(self.tr("Komplain"))
        self.complaints = ComplaintTable()
        self.complaints.activated_id.connect(lambda cid: self.open_record.emit("complaint", cid))
        self.complaints_card.add(self.complaints)
        self.new_complaint_button = QPushButton(self.tr("Buat keluhan…"))
        self.new_complaint_button.setToolTip(self.tr("Catat keluhan pembeli tentang pesanan ini"))
        self.new_complaint_button.clicked.connect(self.new_complaint)
        complaint_row = QHBoxLayout()
        complaint_row.addWidget(self.new_complaint_button)
        complaint_row.addStretch(1)
        self.complaints_card.add(complaint_row)
        self.content.addWidget(self.complaints_card)

        history = Card(self.tr("Riwayat"))
        self.history = EventList()
        history.add(self.history)
        self.content.addWidget(history)
        self.content.addStretch(1)

    def load(self, record_id: int) -> None:
        d = details.order_detail(record_id)
        zone = settings.load().zone
        if self.detail is None or self.detail.id != record_id:
            self.note_edit.clear()
        self.detail = d
        self.order_no.setText(d.order_no)
        self.copy_order_no.value = d.order_no
        self.marketplace.set_status(d.marketplace, label(MARKETPLACE_LABELS, d.marketplace))
        status_text = label(ORDER_STATUS_LABELS, d.status)
        self.status.set_status(d.status, status_text)
        self.status.setToolTip(self.tr("Status di marketplace: %s") % d.raw_status)
        for key in ("ordered_at", "paid_at", "ship_by", "shipped_at", "completed_at"):
            when = getattr(d, key)
            self.times.set_value(key, fmt.datetime_long(when, zone))
            self.times.set_row_visible(key, when is not None or key == "ordered_at")
        self.times.set_value("payment", d.payment_method)
        self.times.set_row_visible("payment", bool(d.payment_method))

        quantity = sum(item.quantity for item in d.items)
        self.items_card.set_title(self.tr("Barang (%d)") % quantity)
        self.items.set_rows(
            [
                (
                    n,
                    (
                        item.product,
                        item.variant,
                        str(item.quantity),
                        fmt.rupiah(item.unit_price),
                        fmt.rupiah(item.subtotal),
                    ),
                    "",
                )
                for n, item in enumerate(d.items)
            ]
        )
        for row in range(self.items.rowCount()):
            for column in (2, 3, 4):
                cell = self.items.item(row, column)
                if cell is not None:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
        self.totals.set_value("shipping_fee", fmt.rupiah(d.shipping_fee))
        self.totals.set_value("total", fmt.rupiah(d.total))

        address = ", ".join(part for part in (d.address, d.city, d.province) if part)
        self.shipping.set_value("recipient", d.recipient)
        e164 = fmt.phone_e164(d.phone)
        self.shipping.set_value("phone", fmt.phone_display(d.phone), copy_text=e164 or d.phone)
        self.shipping.set_value("address", address)
        self.shipping.set_value("courier", " ".join(p for p in (d.courier, d.service) if p))
        self.shipping.set_value("tracking_no", d.tracking_no)
        self.copied_hint.clear()

        self.notes.set_value("buyer_note", d.buyer_note)
        self.notes.set_value("seller_note", d.seller_note)
        self.customer_card.set_customer(d.customer, d.buyer_name or d.recipient)
        self.complaints.set_complaints(d.complaints, zone, utcnow())
        # The card stays for its "Buat keluhan…" button; the table only when there is a row.
        self.complaints.setVisible(bool(d.complaints))
        self.history.set_events(d.events, zone, self.tr("Belum ada riwayat."))
        self.internal_notes.set_events(d.notes, zone, self.tr("Belum ada catatan internal."))
        self.payment_card.author = self.author
        self.payment_card.set_order(d.id, d.marketplace, d.status)

    def _payment_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def add_note(self) -> None:
        """Save the typed note under this admin's name (an empty one is refused, in the
        banner); the box empties once it is saved."""
        if self.detail is None:
            return
        order_id, text = self.detail.id, self.note_edit.toPlainText()
        if self.run_action(lambda: order_notes.add_order_note(order_id, text, self.author)):
            self.note_edit.clear()

    def status_message(self) -> str:
        d = self.detail
        if d is None:
            return ""
        customer = d.customer
        return templates.order_status_message(
            order_no=d.order_no,
            status=d.status,
            courier=" ".join(p for p in (d.courier, d.service) if p),
            tracking_no=d.tracking_no,
            total=d.total,
            name=customer.name if customer else (d.buyer_name or d.recipient),
            nickname=customer.nickname if customer else "",
        )

    def copy_status_message(self) -> None:
        text = self.status_message()
        if text:
            copy_to_clipboard(text)
            self.copied_hint.setText(self.tr("Pesan status disalin ✓"))

    def new_complaint(self) -> None:
        """ "Buat keluhan…": a complaint about this order from its buyer (asked for when the
        order has no customer yet); once saved the Keluhan panel shows it."""
        d = self.detail
        if d is None:
            return
        self.start_complaint(
            customer_id=d.customer.id if d.customer else None,
            order_id=d.id,
            channel=d.marketplace,
        )
