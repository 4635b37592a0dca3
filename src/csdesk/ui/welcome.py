"""The first screen of a new shop: a short profile form, then demo data or an empty start.

Shown only while the database has no orders and no customers and the shop has not been set
up yet; either button marks the shop as set up (`onboarded`), so it never comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError, ValidationError
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.demo import DemoCancelled, generate_demo
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.workers import BackgroundOp, show_error

DEMO_ORDERS = 1000


def start_demo_fill(
    parent: QWidget,
    on_done: Callable[[], None],
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundOp:
    """Fill the database with demo data behind a progress dialog; Cancel leaves it unchanged."""

    def work(progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Any:
        return generate_demo(DEMO_ORDERS, progress=progress, is_cancelled=is_cancelled)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DemoCancelled):
            if on_cancelled is not None:
                on_cancelled()
            return
        show_error(parent, exc)

    op, _dialog = run_with_progress(
        parent,
        parent.tr("Isi data contoh"),
        parent.tr("Membuat pesanan, pelanggan, chat dan keluhan contoh…"),
        work,
        lambda _summary: on_done(),
        failed,
    )
    return op


class WelcomePage(QWidget):
    """`finished` fires once the shop is set up (with demo data or empty)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.demo_op: BackgroundOp | None = None
        current = shop_settings.load()

        title = QLabel(self.tr("Selamat datang di csdesk"), self)
        title.setObjectName("panelTitle")
        intro = QLabel(
            self.tr(
                "Chat, pesanan, pelanggan dan keluhan toko Anda di satu tempat. Isi profil "
                "toko singkat ini dulu; semuanya bisa diubah nanti di Pengaturan."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")

        self.shop_name = QLineEdit(current.shop_name, self)
        self.shop_name.setPlaceholderText(self.tr("mis. Toko Batik Sekar"))
        self.shop_phone = QLineEdit(current.shop_phone, self)
        self.shop_phone.setPlaceholderText(self.tr("mis. 0812-3456-7890"))
        account = current.bank_accounts[0] if current.bank_accounts else None
        self.bank = QLineEdit(account.bank if account else "", self)
        self.bank.setPlaceholderText(self.tr("mis. BCA"))
        self.account_no = QLineEdit(account.number if account else "", self)
        self.account_no.setPlaceholderText(self.tr("mis. 1234567890"))
        self.holder = QLineEdit(account.holder if account else "", self)
        self.holder.setPlaceholderText(self.tr("nama pemilik rekening"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Nama toko"), self.shop_name)
        form.addRow(self.tr("Nomor WhatsApp toko"), self.shop_phone)
        form.addRow(self.tr("Bank"), self.bank)
        form.addRow(self.tr("Nomor rekening"), self.account_no)
        form.addRow(self.tr("Atas nama"), self.holder)

        start_title = QLabel(self.tr("Bagaimana Anda ingin mulai?"), self)
        start_title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.demo_button = QPushButton(self.tr("Isi data contoh"), self)
        self.demo_button.setObjectName("primary")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.fill_demo)
        demo_hint = QLabel(
            self.tr("1.000 pesanan, pelanggan, chat dan keluhan contoh untuk mencoba semua fitur."),
            self,
        )
        demo_hint.setWordWrap(True)
        demo_hint.setObjectName("muted")
        self.empty_button = QPushButton(self.tr("Mulai dengan data kosong"), self)
        self.empty_button.clicked.connect(self.start_empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)

        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setStyleSheet(
            "QFrame#welcomeCard { background: palette(base); border: 1px solid #e5e7eb;"
            " border-radius: 10px; }"
        )
        card.setMaximumWidth(620)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(6)
        inner.addLayout(form)
        inner.addSpacing(10)
        inner.addWidget(start_title)
        inner.addLayout(buttons)
        inner.addWidget(demo_hint)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.shop_name.setFocus()

    def profile(self) -> shop_settings.ShopSettings:
        """The stored settings with what was typed here; raises ValidationError for a
        phone that is not a phone number."""
        current = shop_settings.load()
        name = self.shop_name.text().strip()
        phone = self.shop_phone.text().strip()
        if name:
            current.shop_name = name
        if phone:
            if fmt.phone_e164(phone) is None:
                raise ValidationError(
                    self.tr(
                        "Nomor WhatsApp \u201c%s\u201d tidak dikenali. Tulis seperti 0812-3456-7890."
                    )
                    % phone
                )
            current.shop_phone = fmt.phone_display(phone)
        bank, number, holder = (w.text().strip() for w in (self.bank, self.account_no, self.holder))
        if bank or number or holder:
            current.bank_accounts = [
                shop_settings.BankAccount(bank, number, holder or name),
                *current.bank_accounts[1:],
            ]
        current.onboarded = True
        return current

    def start_empty(self) -> None:
        if self._save_profile():
            self.finished.emit()

    def fill_demo(self) -> None:
        try:
            profile = self.profile()
            shop_settings.validate(profile)
        except CsdeskError as exc:
            QMessageBox.warning(self, self.tr("Profil toko"), str(exc))
            return
        self._set_busy(True)

        def done() -> None:
            # The demo writes a sample shop profile; what the seller typed here wins.
            if self._save_profile():
                self.finished.emit()
            self._set_busy(False)

        self.demo_op = start_demo_fill(self, done, lambda: self._set_busy(False))

    def _save_profile(self) -> bool:
        try:
            shop_settings.save(self.profile())
        except CsdeskError as exc:
            QMessageBox.warning(self, self.tr("Profil toko"), str(exc))
            return False
        return True

    def _set_busy(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        self.empty_button.setEnabled(not busy)
