"""Confirming a manual order's transfer: which of the shop's accounts, how much, when, and the
photo of the transfer receipt the customer sent.

The proof is chosen with "Pilih bukti transfer…" or dropped onto the dialog; a thumbnail shows
which file it is. Warnings (amount differs from the total, a date in the future, stock too
short) are shown while typing; they never stop the admin, who has the bank app open and decides.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import utcnow
from csdesk.services import conversations, details, fmt, payments
from csdesk.services import settings as shop_settings
from csdesk.services.labels import ORDER_STATUS_LABELS, label
from csdesk.ui import glyphs
from csdesk.ui.dialogs.manual_order_items import money_spin
from csdesk.ui.widgets import messages
from csdesk.ui.widgets.card import Card, LinkButton, heading_label, muted_label, plain_label

PROOF_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".pdf")
THUMBNAIL = QSize(150, 150)
ERROR_STYLE = messages.BOX_STYLE
WARNING_STYLE = "QLabel { background: #fff1d6; color: #8a5300; border-radius: 6px; padding: 8px; }"


def account_text(account: shop_settings.BankAccount) -> str:
    return f"{account.bank} {account.number} a.n. {account.holder}".strip()


def dropped_proof(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local image/PDF file being dragged, if any."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in PROOF_SUFFIXES:
                return path
    return None


class PaymentDialog(QDialog):
    """`confirmed(order_id)` fires once the payment is saved."""

    confirmed = Signal(int)

    def __init__(self, order_id: int, parent: QWidget | None = None, *, author: str = "") -> None:
        super().__init__(parent)
        self.order_id = order_id
        self.author = author or conversations.current_author()
        self.proof: Path | None = None
        self.result: payments.PaymentResult | None = None
        self.order_no = ""
        self.zone = shop_settings.load().zone
        self.setAcceptDrops(True)
        self.setMinimumWidth(600)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.pages)
        QShortcut(QKeySequence.StandardKey.Save, self, self.confirm)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)
        self._load()

    # --- building -------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        self.heading = heading_label(size_delta=3)
        self.customer_label = plain_label()
        self.total_label = heading_label(size_delta=2)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.heading)
        names.addWidget(self.customer_label)
        head.addLayout(names, 1)
        head.addWidget(self.total_label)

        self.account = QComboBox(page)
        self.no_accounts = muted_label(
            self.tr(
                "Toko belum punya rekening bank. Tambahkan di Pengaturan → Rekening bank agar "
                "rekening tujuan bisa dipilih."
            )
        )
        self.no_accounts.setStyleSheet("color: #8a5300;")
        self.amount = money_spin(page)
        self.amount.setMinimumWidth(160)
        self.amount.setMaximumWidth(220)
        self.when = QDateTimeEdit(page)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd MMM yyyy  HH.mm")
        self.when.setMaximumWidth(220)
        self.choose_button = QPushButton(
            glyphs.icon("fa6s.paperclip", color="#4a5360"), self.tr("Pilih bukti transfer…"), page
        )
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_proof)
        self.clear_proof_button = LinkButton(self.tr("Hapus bukti"), page)
        self.clear_proof_button.clicked.connect(lambda: self.set_proof(None))
        self.proof_name = muted_label(self.tr("Belum ada. Bisa juga seret foto ke jendela ini."))
        self.thumbnail = QLabel(page)
        self.thumbnail.setObjectName("proofThumbnail")
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet(
            "QLabel { border: 1px dashed #c5cbd3; border-radius: 6px; color: #9ca3af; }"
        )
        self.note = QLineEdit(page)
        self.note.setPlaceholderText(self.tr("mis. transfer dari rekening a.n. suami"))

        proof_side = QVBoxLayout()
        proof_side.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        proof_side.addWidget(self.proof_name)
        proof_side.addWidget(self.clear_proof_button, 0, Qt.AlignmentFlag.AlignLeft)
        proof_side.addStretch(1)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.thumbnail)
        proof_row.addLayout(proof_side, 1)

        card = Card(self.tr("Transfer"), page)
        form = QFormLayout()
        form.addRow(self.tr("Ke rekening"), self.account)
        form.addRow("", self.no_accounts)
        form.addRow(self.tr("Jumlah"), self.amount)
        form.addRow(self.tr("Waktu transfer (%s)") % self.zone, self.when)
        form.addRow(self.tr("Bukti transfer"), proof_row)
        form.addRow(self.tr("Catatan"), self.note)
        card.add(form)

        self.warning_label = QLabel(page)
        self.warning_label.setObjectName("paymentWarnings")
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        self.error_label = QLabel(page)
        self.error_label.setObjectName("paymentError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        cancel = QPushButton(self.tr("Batal"), page)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.confirm_button = QPushButton(self.tr("Konfirmasi lunas"), page)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setToolTip(
            self.tr("Catat pembayaran; pesanan pindah ke Perlu Dikirim (Ctrl+S)")
        )
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(card)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.amount.valueChanged.connect(self.update_warnings)
        self.when.dateTimeChanged.connect(self.update_warnings)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget(self)
        self.result_heading = heading_label(size_delta=3)
        self.result_heading.setStyleSheet("color: #1b6b35;")
        self.result_text = plain_label()
        self.result_text.setObjectName("paymentResult")
        self.result_warnings = plain_label()
        self.result_warnings.setStyleSheet(WARNING_STYLE)
        done = QPushButton(self.tr("Selesai"), page)
        done.setObjectName("primary")
        done.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(done)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_heading)
        layout.addWidget(self.result_text)
        layout.addWidget(self.result_warnings)
        layout.addStretch(1)
        layout.addLayout(row)
        self.done_button = done
        return page

    def _load(self) -> None:
        try:
            order = details.order_detail(self.order_id)
        except CsdeskError as err:
            self.setWindowTitle(self.tr("Konfirmasi pembayaran"))
            self._refuse(str(err))
            return
        self.order_no = order.order_no
        self.setWindowTitle(self.tr("Konfirmasi pembayaran %s") % order.order_no)
        self.heading.setText(self.tr("Pembayaran %s") % order.order_no)
        name = order.customer.name if order.customer else (order.buyer_name or order.recipient)
        self.customer_label.setText(name)
        self.total_label.setText(fmt.rupiah(order.total))
        accounts = shop_settings.load().bank_accounts
        for index, account in enumerate(accounts):
            self.account.addItem(account_text(account), index)
        self.account.addItem(self.tr("Lainnya / tunai"), payments.OTHER_ACCOUNT)
        self.no_accounts.setVisible(not accounts)
        self.amount.setValue(order.total)
        local = fmt.to_local(utcnow(), self.zone).replace(tzinfo=None, second=0, microsecond=0)
        self.when.setDateTime(QDateTime(local))
        self.set_proof(None)
        if order.status != "unpaid":
            status = label(ORDER_STATUS_LABELS, order.status).lower()
            self._refuse(self.tr("Pesanan ini tidak menunggu pembayaran (status: %s).") % status)
        self.update_warnings()

    def _refuse(self, message: str) -> None:
        self.show_error(message)
        self.confirm_button.setEnabled(False)

    # --- the proof ------------------------------------------------------------------------

    def choose_proof(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih bukti transfer"),
            "",
            self.tr("Foto atau PDF (*.jpg *.jpeg *.png *.webp *.pdf)"),
        )
        if path:
            self.set_proof(Path(path))

    def set_proof(self, path: Path | None) -> None:
        self.proof = path
        self.clear_proof_button.setVisible(path is not None)
        if path is None:
            self.proof_name.setText(self.tr("Belum ada. Bisa juga seret foto ke jendela ini."))
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("Tanpa bukti"))
            return
        self.proof_name.setText(path.name)
        self.show_error("")
        if path.suffix.lower() == ".pdf":
            self.thumbnail.setPixmap(glyphs.icon("fa6s.file-pdf", color="#b91c1c").pixmap(64, 64))
            return
        image = QPixmap(str(path))
        if image.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("Tidak bisa\ndipratinjau"))
            return
        self.thumbnail.setPixmap(
            image.scaled(
                THUMBNAIL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.pages.currentIndex() == 0 and dropped_proof(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_proof(event)
        if path is not None:
            self.set_proof(path)
            event.acceptProposedAction()

    # --- confirming -----------------------------------------------------------------------

    def draft(self) -> payments.PaymentDraft:
        local = self.when.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        return payments.PaymentDraft(
            account_index=int(self.account.currentData()),
            amount=self.amount.value(),
            transferred_at=fmt.to_utc(local.replace(tzinfo=None), self.zone),
            proof_file=self.proof,
            note=self.note.text(),
        )

    def update_warnings(self) -> None:
        if not self.confirm_button.isEnabled() or self.account.count() == 0:
            return
        try:
            problems = payments.payment_problems(self.order_id, self.draft())
        except CsdeskError as err:
            problems = [str(err)]
        self.warning_label.setText("\n".join(f"⚠ {line}" for line in problems))
        self.warning_label.setVisible(bool(problems))

    def confirm(self) -> None:
        if self.pages.currentIndex() != 0 or not self.confirm_button.isEnabled():
            return
        try:
            result = payments.confirm_payment(self.order_id, self.draft(), author=self.author)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.result = result
        self._show_result(result)
        self.confirmed.emit(self.order_id)

    def _show_result(self, result: payments.PaymentResult) -> None:
        self.result_heading.setText(self.tr("✓ Pembayaran %s dikonfirmasi") % self.order_no)
        lines = [
            self.tr("%s diterima. Pesanan pindah ke Perlu Dikirim.")
            % fmt.rupiah(self.amount.value())
        ]
        if result.stock_changes:
            lines.append("")
            lines.append(self.tr("Stok berkurang:"))
            lines += [f"  {sku}: {before} → {after}" for sku, before, after in result.stock_changes]
        self.result_text.setText("\n".join(lines))
        self.result_warnings.setText("\n".join(f"⚠ {line}" for line in result.warnings))
        self.result_warnings.setVisible(bool(result.warnings))
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
