"""One complaint: what went wrong, by when it must be settled (red once overdue), its story,
and the two things an admin does with it: move its status and record the resolution."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.models.complaints import COMPLAINT_STATUSES, OPEN_COMPLAINT_STATUSES, RESOLUTIONS
from csdesk.services import complaints, details, fmt, settings
from csdesk.services.labels import (
    CHANNEL_LABELS,
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    ORDER_STATUS_LABELS,
    PRIORITY_LABELS,
    RESOLUTION_LABELS,
    label,
)
from csdesk.ui.dialogs.complaint_actions import DueDialog, ReplacementDialog
from csdesk.ui.panels.complaint_cards import EvidenceCard, ReplyCard
from csdesk.ui.panels.detail_parts import CustomerCard, EventList
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.widgets.card import Badge, Card, LinkButton, heading_label, plain_label
from csdesk.ui.widgets.fields import FieldGrid


def _money_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 2_000_000_000)
    spin.setPrefix("Rp")
    spin.setSingleStep(5_000)
    spin.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    spin.setGroupSeparatorShown(True)
    return spin


class ComplaintDetailView(DetailView):
    """`reply_requested(conversation_id, text)`: put this reply in the chat's reply box."""

    empty_icon = "fa5s.exclamation-circle"
    reply_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pilih komplain di daftar untuk melihat detailnya"), parent)
        self.detail: details.ComplaintDetail | None = None
        head = QHBoxLayout()
        self.code = heading_label()
        self.code.setObjectName("complaintCode")
        self.priority = Badge()
        self.status = Badge()
        head.addWidget(self.code, 1)
        head.addWidget(self.priority)
        head.addWidget(self.status)
        self.content.addLayout(head)

        self.fields = FieldGrid()
        for key, caption in (
            ("category", self.tr("Kategori")),
            ("channel", self.tr("Kanal")),
            ("due_at", self.tr("Batas waktu")),
            ("created_at", self.tr("Dibuat")),
            ("resolved_at", self.tr("Diselesaikan")),
            ("assignee", self.tr("Ditangani")),
            ("resolution", self.tr("Penyelesaian")),
        ):
            self.fields.add_field(key, caption)
        self.content.addWidget(self.fields)
        self.due_link = LinkButton(self.tr("Ubah batas penyelesaian…"))
        self.due_link.clicked.connect(self.change_due)
        self.content.addWidget(self.due_link, 0, Qt.AlignmentFlag.AlignLeft)
        # One link per line: "Pesanan INV/…/MPL/…" beside "Buka percakapan" was wider than
        # the narrowest detail pane and clipped everything below.
        self.order_link = LinkButton()
        self.order_link.clicked.connect(self._open_order)
        self.conversation_link = LinkButton(self.tr("Buka percakapan"))
        self.conversation_link.clicked.connect(self._open_conversation)
        self.content.addWidget(self.order_link, 0, Qt.AlignmentFlag.AlignLeft)
        self.content.addWidget(self.conversation_link, 0, Qt.AlignmentFlag.AlignLeft)

        description = Card(self.tr("Keluhan"))
        self.description = plain_label()
        self.description.setObjectName("complaintDescription")
        description.add(self.description)
        self.items = plain_label()
        self.items.setObjectName("complaintItems")
        description.add(self.items)
        self.content.addWidget(description)

        self.evidence = EvidenceCard()
        self.evidence.changed.connect(self._changed_here)
        self.content.addWidget(self.evidence)

        self.customer_card = CustomerCard()
        self.customer_card.open_customer.connect(lambda cid: self.open_record.emit("customer", cid))
        self.content.addWidget(self.customer_card)

        status_card = Card(self.tr("Ubah status"))
        self.status_combo = QComboBox()
        for key in COMPLAINT_STATUSES:
            self.status_combo.addItem(COMPLAINT_STATUS_LABELS[key], key)
        self.status_note = QLineEdit()
        self.status_note.setPlaceholderText(self.tr("Catatan (opsional), mis. resi retur"))
        self.status_button = QPushButton(self.tr("Simpan status"))
        self.status_button.clicked.connect(self.change_status)
        # The note gets a line of its own: beside the combo it was squeezed to a few letters.
        row = QHBoxLayout()
        row.addWidget(self.status_combo, 1)
        row.addWidget(self.status_button)
        status_card.add(row)
        status_card.add(self.status_note)
        self.content.addWidget(status_card)

        resolution_card = Card(self.tr("Penyelesaian"))
        form = QFormLayout()
        self.resolution_combo = QComboBox()
        self.resolution_combo.addItem(self.tr("Pilih…"), "")
        for key in RESOLUTIONS:
            self.resolution_combo.addItem(RESOLUTION_LABELS[key], key)
        self.refund = _money_spin()
        self.cost = _money_spin()
        form.addRow(self.tr("Cara penyelesaian"), self.resolution_combo)
        form.addRow(self.tr("Nominal refund"), self.refund)
        form.addRow(self.tr("Biaya toko"), self.cost)
        resolution_card.add(form)
        self.resolution_button = QPushButton(self.tr("Simpan penyelesaian"))
        self.resolution_button.clicked.connect(self.set_resolution)
        self.replace_button = QPushButton(self.tr("Ganti barang: buat pesanan pengganti…"))
        self.replace_button.setToolTip(
            self.tr("Pesanan manual Rp0 berisi barang yang dikeluhkan, langsung siap dikirim")
        )
        self.replace_button.clicked.connect(self.make_replacement)
        self.replacement_link = LinkButton()
        self.replacement_link.clicked.connect(self._open_replacement)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resolution_button)
        resolution_card.add(buttons)
        resolution_card.add(self.replace_button)
        resolution_card.add(self.replacement_link)
        self.content.addWidget(resolution_card)
        self.dialog: QWidget | None = None

        self.reply = ReplyCard()
        self.reply.reply_requested.connect(self.reply_requested)
        self.content.addWidget(self.reply)

        history = Card(self.tr("Riwayat"))
        self.history = EventList()
        history.add(self.history)
        self.content.addWidget(history)
        self.content.addStretch(1)

    def load(self, record_id: int) -> None:
        d = details.complaint_detail(record_id)
        zone = settings.load().zone
        self.detail = d
        self.code.setText(d.code)
        self.priority.set_status(d.priority, label(PRIORITY_LABELS, d.priority))
        self.status.set_status(d.status, label(COMPLAINT_STATUS_LABELS, d.status))
        self.fields.set_value("category", label(COMPLAINT_CATEGORY_LABELS, d.category))
        self.fields.set_value("channel", label(CHANNEL_LABELS, d.channel))
        self.fields.set_row_visible("channel", bool(d.channel))
        overdue = (
            d.due_at is not None and d.due_at < utcnow() and d.status in OPEN_COMPLAINT_STATUSES
        )
        due = fmt.datetime_long(d.due_at, zone)
        self.fields.set_value("due_at", self.tr("%s (lewat batas!)") % due if overdue else due)
        due_label = self.fields.findChild(QWidget, "field_due_at")
        if due_label is not None:
            due_label.setStyleSheet("color: #b91c1c; font-weight: 600;" if overdue else "")
        self.fields.set_value("created_at", fmt.datetime_long(d.created_at, zone))
        self.fields.set_value("resolved_at", fmt.datetime_long(d.resolved_at, zone))
        self.fields.set_row_visible("resolved_at", d.resolved_at is not None)
        self.fields.set_value("assignee", d.assignee_name)
        resolution = label(RESOLUTION_LABELS, d.resolution) if d.resolution else ""
        if d.refund_amount:
            resolution += self.tr(", refund %s") % fmt.rupiah(d.refund_amount)
        if d.cost:
            resolution += self.tr(", biaya %s") % fmt.rupiah(d.cost)
        self.fields.set_value("resolution", resolution)

        self.order_link.setText(self.tr("Pesanan %s") % d.order.order_no if d.order else "")
        self.order_link.setVisible(d.order is not None)
        self.conversation_link.setVisible(d.conversation_id is not None)
        self.description.setText(d.description or self.tr("Tidak ada keterangan."))
        self.items.setText(self.tr("Barang: %s") % ", ".join(d.items) if d.items else "")
        self.items.setVisible(bool(d.items))
        self.evidence.author = self.author
        self.evidence.load(d.id)
        self.reply.load(d.id, d.conversation_id)
        self.replacement_link.setText(
            self.tr("Pesanan pengganti %s · %s")
            % (d.replacement.order_no, label(ORDER_STATUS_LABELS, d.replacement.status))
            if d.replacement
            else ""
        )
        self.replacement_link.setVisible(d.replacement is not None)
        self.replace_button.setVisible(d.replacement is None and d.customer is not None)
        self.due_link.setText(
            self.tr("Ubah batas penyelesaian… (diubah manual)")
            if d.due_overridden
            else self.tr("Ubah batas penyelesaian…")
        )
        self.customer_card.set_customer(d.customer)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(d.status)))
        self.status_note.clear()
        self.resolution_combo.setCurrentIndex(max(0, self.resolution_combo.findData(d.resolution)))
        self.refund.setValue(d.refund_amount)
        self.cost.setValue(d.cost)
        self.history.set_events(d.events, zone, self.tr("Belum ada riwayat."))

    def change_status(self) -> None:
        d = self.detail
        if d is None:
            return
        status, note = str(self.status_combo.currentData()), self.status_note.text()
        self.run_action(
            lambda: complaints.change_status(
                d.id, status, author=self.author, expected_version=d.version, note=note
            )
        )

    def set_resolution(self) -> None:
        d = self.detail
        if d is None:
            return
        resolution = str(self.resolution_combo.currentData())
        refund, cost = self.refund.value(), self.cost.value()
        self.run_action(
            lambda: complaints.set_resolution(
                d.id, resolution, refund, cost, author=self.author, expected_version=d.version
            )
        )

    def make_replacement(self) -> ReplacementDialog | None:
        """ "Ganti barang": the replacement order for this complaint (after a look at it)."""
        d = self.detail
        if d is None:
            return None
        dialog = ReplacementDialog(d.id, d.version, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda _order: self._changed_here())
        self.dialog = dialog
        dialog.open()
        return dialog

    def change_due(self) -> DueDialog | None:
        d = self.detail
        if d is None:
            return None
        dialog = DueDialog(d.id, d.version, d.due_at, d.due_overridden, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._changed_here)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed_here(self) -> None:
        self.show_error("")
        self.reload()
        self.changed.emit()

    def _open_replacement(self) -> None:
        if self.detail is not None and self.detail.replacement is not None:
            self.open_record.emit("order", self.detail.replacement.id)

    def _open_order(self) -> None:
        if self.detail is not None and self.detail.order is not None:
            self.open_record.emit("order", self.detail.order.id)

    def _open_conversation(self) -> None:
        if self.detail is not None and self.detail.conversation_id is not None:
            self.open_record.emit("conversation", self.detail.conversation_id)
