""" "Ubah data pelanggan": name, panggilan (how replies greet them: `{panggilan}`), city,
preferences, notes and tags, saved with the version the dialog opened (a second desk's save in
between is reported, the form keeps what was typed); and the contacts, each added or removed at
once (services/customer_edit.py refuses someone else's phone naming them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import ConflictError, CsdeskError
from csdesk.services import fmt
from csdesk.services.customer_edit import (
    IDENTITY_KINDS,
    ProfileDraft,
    add_identity,
    remove_identity,
    update_profile,
)
from csdesk.services.customers_list import known_tags
from csdesk.services.details_customers import CustomerDetail, customer_detail
from csdesk.services.labels import MARKETPLACE_LABELS, label
from csdesk.ui.widgets import confirm
from csdesk.ui.widgets.card import LinkButton, heading_label, muted_label, plain_label
from csdesk.ui.widgets.messages import error_label

PLACEHOLDERS = {
    "phone": "0812-3456-7890",
    "email": "nama@contoh.com",
    "whatsapp": "Nama di WhatsApp",
    "instagram": "@akun",
    "marketplace": "username pembeli",
}


class CustomerEditDialog(QDialog):
    """`saved(customer_id)` after the profile is saved (the dialog then closes) and
    `contacts_changed(customer_id)` after each contact added or removed."""

    saved = Signal(int)
    contacts_changed = Signal(int)

    def __init__(self, customer_id: int, author: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.author = author
        self.setWindowTitle(self.tr("Ubah data pelanggan"))
        self.setMinimumWidth(580)
        detail = customer_detail(customer_id)
        self.name = QLineEdit(self)
        self.name.setObjectName("customerNameEdit")
        self.nickname = QLineEdit(self)
        self.nickname.setPlaceholderText(self.tr("mis. Kak Siti"))
        self.nickname.setToolTip(
            self.tr('Dipakai template balasan sebagai {panggilan}: "Halo Kak Siti…"')
        )
        self.city = QLineEdit(self)
        self.preferences = QPlainTextEdit(self)
        self.preferences.setPlaceholderText(
            self.tr("mis. ukuran L, suka warna pastel, tanpa plastik")
        )
        self.preferences.setTabChangesFocus(True)
        self.preferences.setFixedHeight(64)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Catatan untuk sesama admin"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("Pisahkan dengan koma: vip, reseller"))
        completer = QCompleter(known_tags(), self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Nama"), self.name)
        form.addRow(self.tr("Panggilan"), self.nickname)
        form.addRow(self.tr("Kota"), self.city)
        form.addRow(self.tr("Preferensi"), self.preferences)
        form.addRow(self.tr("Catatan"), self.notes)
        form.addRow(self.tr("Tag"), self.tags)

        self.contacts = QGridLayout()
        self.contacts.setColumnStretch(1, 1)
        self.contacts.setHorizontalSpacing(10)
        self.remove_buttons: dict[int, LinkButton] = {}
        self.kind = QComboBox(self)
        for key, text in IDENTITY_KINDS.items():
            self.kind.addItem(self.tr(text), key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.marketplace = QComboBox(self)
        for key, text in MARKETPLACE_LABELS.items():
            if key != "manual":
                self.marketplace.addItem(text, key)
        self.value = QLineEdit(self)
        self.value.setObjectName("contactValue")
        self.value.returnPressed.connect(self.add_contact)
        self.add_button = QPushButton(self.tr("Tambah"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_contact)
        add_row = QHBoxLayout()
        add_row.addWidget(self.kind)
        add_row.addWidget(self.marketplace)
        add_row.addWidget(self.value, 1)
        add_row.addWidget(self.add_button)

        self.error = error_label(self, boxed=True, name="customerEditError")

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S atau Ctrl+Enter)"))
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(heading_label(self.tr("Ubah data %s") % detail.name, size_delta=3))
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(heading_label(self.tr("Kontak & akun"), size_delta=1))
        layout.addLayout(self.contacts)
        layout.addLayout(add_row)
        layout.addWidget(
            muted_label(self.tr("Kontak langsung tersimpan saat ditambah atau dihapus."))
        )
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self._fill(detail)
        self._show_contacts(detail)
        self._kind_changed()
        self.name.setFocus()

    def _fill(self, detail: CustomerDetail) -> None:
        self.version = detail.version
        self.name.setText(detail.name)
        self.nickname.setText(detail.nickname)
        self.city.setText(detail.city)
        self.preferences.setPlainText(detail.preferences)
        self.notes.setPlainText(detail.notes)
        self.tags.setText(", ".join(detail.tags))

    # --- contacts -------------------------------------------------------------------------

    def _show_contacts(self, detail: CustomerDetail) -> None:
        while self.contacts.count():
            item = self.contacts.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.remove_buttons = {}
        if not detail.identities:
            self.contacts.addWidget(muted_label(self.tr("Belum ada kontak.")), 0, 0, 1, 3)
        for row, identity in enumerate(detail.identities):
            value = identity.value
            if identity.kind == "phone":
                value = fmt.phone_display(value)
            if identity.kind == "marketplace" and identity.marketplace:
                value += f" ({label(MARKETPLACE_LABELS, identity.marketplace)})"
            if identity.masked:
                value += self.tr("  · disamarkan")
            self.contacts.addWidget(
                muted_label(self.tr(IDENTITY_KINDS.get(identity.kind, identity.kind))), row, 0
            )
            self.contacts.addWidget(plain_label(value), row, 1)
            button = LinkButton(self.tr("Hapus"), self)
            button.clicked.connect(
                lambda _=False, i=identity.id, v=value: self.remove_contact(i, v)
            )
            self.contacts.addWidget(button, row, 2)
            self.remove_buttons[identity.id] = button

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        self.marketplace.setVisible(kind == "marketplace")
        self.value.setPlaceholderText(PLACEHOLDERS.get(kind, ""))

    def add_contact(self) -> bool:
        kind = str(self.kind.currentData())
        market = str(self.marketplace.currentData()) if kind == "marketplace" else ""
        if not self._run(lambda: add_identity(self.customer_id, kind, self.value.text(), market)):
            return False
        self.value.clear()
        return True

    def remove_contact(self, identity_id: int, shown: str = "") -> bool:
        """Remove a contact after asking (the next import may bring a username back)."""
        question = self.tr("Hapus kontak %s dari pelanggan ini?") % shown if shown else ""
        if question and not confirm.ask(self, self.tr("Hapus kontak"), question, self.tr("Hapus")):
            return False
        return self._run(lambda: remove_identity(identity_id))

    def _run(self, action) -> bool:  # noqa: ANN001 - a callable
        try:
            action()
        except CsdeskError as err:
            self._refuse(str(err))
            return False
        self.error.hide()
        self._show_contacts(customer_detail(self.customer_id))
        self.contacts_changed.emit(self.customer_id)
        return True

    # --- the profile ----------------------------------------------------------------------

    def draft(self) -> ProfileDraft:
        return ProfileDraft(
            name=self.name.text(),
            nickname=self.nickname.text(),
            city=self.city.text(),
            preferences=self.preferences.toPlainText(),
            notes=self.notes.toPlainText(),
            tags=self.tags.text().split(","),
        )

    def save(self) -> bool:
        try:
            self.version = update_profile(
                self.customer_id, self.draft(), expected_version=self.version, author=self.author
            )
        except ConflictError as err:
            # Another desk saved first: show what they saved, so the admin edits that.
            self._fill(customer_detail(self.customer_id))
            self._refuse(str(err))
            return False
        except CsdeskError as err:
            self._refuse(str(err))
            return False
        self.saved.emit(self.customer_id)
        self.accept()
        return True

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
