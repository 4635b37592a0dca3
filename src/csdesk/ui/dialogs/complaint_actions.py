"""Two questions the complaint page asks before changing it: "Buat pesanan pengganti" (what is
sent, to whom, and the shipping the shop pays) and "Ubah batas penyelesaian" (a date and time in
the shop's zone, or back to the marketplace's window)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import complaint_resolution as resolution
from csdesk.services import complaints, fmt, settings
from csdesk.ui.widgets.card import heading_label, muted_label, plain_label
from csdesk.ui.widgets.messages import error_label

INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class ReplacementDialog(QDialog):
    """`created(order_id)` once the replacement order exists; the dialog then closes."""

    created = Signal(int)

    def __init__(
        self, complaint_id: int, version: int, author: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.complaint_id, self.version, self.author = complaint_id, version, author
        self.result_: resolution.Replacement | None = None
        self.setWindowTitle(self.tr("Buat pesanan pengganti"))
        self.setMinimumWidth(500)
        self.error = error_label(self, boxed=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(heading_label(self.tr("Ganti barang"), size_delta=3))
        try:
            draft, value = resolution.replacement_draft(complaint_id)
        except CsdeskError as err:
            draft, value = None, 0
            self.error.setText(str(err))
            self.error.show()
        form = QFormLayout()
        self.shipping = QSpinBox(self)
        self.shipping.setRange(0, 10_000_000)
        self.shipping.setSingleStep(1_000)
        self.shipping.setPrefix("Rp")
        self.shipping.setLocale(INDONESIAN)
        self.shipping.setGroupSeparatorShown(True)
        if draft is not None:
            items = "\n".join(
                f"{item.quantity}× {item.product}" + (f" ({item.variant})" if item.variant else "")
                for item in draft.items
            )
            form.addRow(self.tr("Dikirim"), plain_label(items))
            to = ", ".join(p for p in (draft.recipient, draft.address, draft.city) if p)
            form.addRow(self.tr("Kepada"), plain_label(to or self.tr("alamat belum ada")))
            form.addRow(self.tr("Nilai barang"), plain_label(fmt.rupiah(value)))
        form.addRow(self.tr("Ongkir ditanggung toko"), self.shipping)
        layout.addLayout(form)
        layout.addWidget(
            muted_label(
                self.tr(
                    "Pesanan manual baru dengan harga Rp0, langsung siap dikirim dan stoknya "
                    "diambil. Biaya keluhan = nilai barang + ongkir."
                )
            )
        )
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            self.tr("Buat pesanan pengganti"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setEnabled(draft is not None)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create(self) -> None:
        try:
            made = resolution.create_replacement_order(
                self.complaint_id,
                author=self.author,
                expected_version=self.version,
                shipping_cost=self.shipping.value(),
            )
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.result_ = made
        self.created.emit(made.order_id)
        self.accept()


class DueDialog(QDialog):
    """`changed()` once the deadline was set (or put back); the dialog then closes."""

    changed = Signal()

    def __init__(
        self,
        complaint_id: int,
        version: int,
        due_at: dt.datetime | None,
        overridden: bool,
        author: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.complaint_id, self.version, self.author = complaint_id, version, author
        self.zone = settings.load().zone
        self.setWindowTitle(self.tr("Batas penyelesaian"))
        local = fmt.to_local(due_at or dt.datetime.now(dt.UTC).replace(tzinfo=None), self.zone)
        self.when = QDateTimeEdit(self)
        self.when.setObjectName("complaintDue")
        self.when.setCalendarPopup(True)
        self.when.setLocale(INDONESIAN)
        self.when.setDisplayFormat("ddd, dd MMM yyyy HH.mm")
        self.when.setDateTime(
            QDateTime(local.date(), QTime(local.hour, local.minute))  # type: ignore[call-overload]
        )
        self.error = error_label(self, boxed=True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reset_button = buttons.addButton(
            self.tr("Kembali ke batas marketplace"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.setVisible(overridden)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.save(self.chosen()))
        self.reset_button.clicked.connect(lambda: self.save(None))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted_label(self.tr("Mis. marketplace memberi waktu tambahan (%s)") % self.zone)
        )
        layout.addWidget(self.when)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen(self) -> dt.datetime:
        local = self.when.dateTime().toPython()
        return fmt.to_utc(local.replace(second=0, microsecond=0), self.zone)  # type: ignore[union-attr]

    def save(self, due_at: dt.datetime | None) -> None:
        try:
            complaints.set_due(
                self.complaint_id, due_at, author=self.author, expected_version=self.version
            )
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.changed.emit()
        self.accept()
