"""Importing WhatsApp chat exports from the window: files in, the shop's name when the chat
does not tell it, the import behind a progress dialog with Batal, and what each chat did.

The service reads and checks every file before it writes anything (services/chats/run), so a
refused file (ImportFormatError) or a chat whose shop sender is unknown (NeedsSellerName)
leaves the database as it was. For the latter the seller picks the shop's name among the
chat's senders (or types it) and the import runs again. A remembered name goes into
Settings → WhatsApp names and the run uses the settings, so each file of a multi-file import
whose shop writes under another name is asked about once; a name not remembered is passed as
`me` for this import only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import peewee as pw
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import Message
from csdesk.services import settings as shop_settings
from csdesk.services.chats.people import same_person_key
from csdesk.services.chats.run import (
    ChatImportResult,
    ChatResult,
    ImportCancelled,
    ImportFormatError,
    NeedsSellerName,
    import_chat_files,
)
from csdesk.ui.widgets.card import plain_label
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.workers import show_error

CONVERSATION_ROLE = Qt.ItemDataRole.UserRole + 1
SENDERS_WITHOUT_SCROLL = 8
VISIBLE_ROWS = 8  # of the per-chat list before it scrolls


def chat_line(chat: ChatResult) -> str:
    """`wa_android_id.txt — Budi Santoso: 18 pesan baru, 0 sudah ada`."""
    who = ", ".join(chat.customers) or "?"
    text = QCoreApplication.translate("ChatImport", "%s — %s: %s pesan baru, %s sudah ada")
    return text % (
        chat.file,
        who,
        number(chat.messages_new),
        number(chat.messages_skipped),
    )


class SellerNameDialog(QDialog):
    """ "Siapa nama toko di chat ini?": one of the chat's senders, or a name typed in."""

    def __init__(self, needs: NeedsSellerName, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nama toko di chat"))
        self.setMinimumWidth(440)
        heading = QLabel(self.tr("Siapa nama toko di chat ini?"), self)
        heading.setObjectName("panelTitle")
        self.intro = plain_label(
            self.tr(
                "%s: pilih nama yang dipakai toko Anda. Pengirim lainnya dicatat sebagai pelanggan."
            )
            % needs.file
        )
        self.given_note = plain_label()
        self.given_note.setStyleSheet("color: #b91c1c;")
        if needs.given:
            self.given_note.setText(
                self.tr("'%s' tidak ada di antara pengirim chat ini.") % needs.given
            )
        else:
            self.given_note.hide()

        self.group = QButtonGroup(self)
        self.sender_buttons: list[QRadioButton] = []
        choices = QWidget(self)
        choice_layout = QVBoxLayout(choices)
        many = len(needs.senders) > SENDERS_WITHOUT_SCROLL  # a big group chat
        choice_layout.setContentsMargins(*((6, 4, 6, 4) if many else (0, 0, 0, 0)))
        for sender in needs.senders:
            button = QRadioButton(sender, choices)
            self.group.addButton(button)
            self.sender_buttons.append(button)
            choice_layout.addWidget(button)
        self.other_button = QRadioButton(self.tr("Nama lain:"), choices)
        self.group.addButton(self.other_button)
        self.other_name = QLineEdit(choices)
        self.other_name.setPlaceholderText(self.tr("nama toko seperti tertulis di chat"))
        other_row = QHBoxLayout()
        other_row.addWidget(self.other_button)
        other_row.addWidget(self.other_name, 1)
        choice_layout.addLayout(other_row)
        choice_layout.addStretch(1)
        if many:
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(choices)
            scroll.setMinimumHeight(260)
            choices_widget: QWidget = scroll
        else:
            choices_widget = choices

        self.remember = QCheckBox(self.tr("Ingat nama ini di Pengaturan"), self)
        self.remember.setChecked(True)
        self.remember.setToolTip(
            self.tr("Chat berikutnya dengan nama ini diimpor tanpa ditanya lagi")
        )
        self.import_button = QPushButton(self.tr("Impor"), self)
        self.import_button.setObjectName("primary")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Batal"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remember, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.given_note)
        layout.addWidget(choices_widget, 1)
        layout.addLayout(buttons)

        self.group.buttonToggled.connect(self._update)
        self.other_name.textEdited.connect(self._typed)
        self._update()
        # No sender is preselected: a wrong guess would file the shop as a customer.
        if self.sender_buttons:
            self.sender_buttons[0].setFocus()

    def name(self) -> str:
        checked = self.group.checkedButton()
        if checked is None:
            return ""
        if checked is self.other_button:
            return " ".join(self.other_name.text().split())
        return checked.text()

    def choose(self, sender: str) -> None:
        """Check the sender's button, or type it as another name."""
        for button in self.sender_buttons:
            if button.text() == sender:
                button.setChecked(True)
                return
        self.other_button.setChecked(True)
        self.other_name.setText(sender)
        self._update()

    def _typed(self, _text: str) -> None:
        self.other_button.setChecked(True)
        self._update()

    def _update(self, *_args: Any) -> None:
        self.import_button.setEnabled(bool(self.name()))

    def accept(self) -> None:
        if self.name():
            super().accept()


class ChatImportResultDialog(QDialog):
    """What each chat did and the warnings; "Buka percakapan" shows the chosen chat."""

    open_conversation = Signal(int)

    def __init__(self, result: ChatImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Impor chat WhatsApp"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        totals = result.as_dict()
        self.heading = QLabel(self)
        self.heading.setObjectName("panelTitle")
        self.summary = plain_label()
        if result.chats:
            self.heading.setText(self.tr("Impor chat selesai"))
            text = self.tr("%s pesan baru, %s sudah ada") % (
                number(totals["messages_new"]),
                number(totals["messages_skipped"]),
            )
            if totals["customers_new"]:
                text += self.tr(" · %s pelanggan baru") % number(totals["customers_new"])
            self.summary.setText(text)
        else:
            self.heading.setText(self.tr("Tidak ada pesan yang diimpor"))
            self.summary.hide()

        self.chats = QListWidget(self)
        self.chats.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        for chat in result.chats:
            item = QListWidgetItem(chat_line(chat), self.chats)
            item.setData(CONVERSATION_ROLE, chat.conversation_id)
            item.setToolTip(chat.file)
        self.chats.setCurrentRow(0)
        self.chats.itemActivated.connect(lambda _item: self.open_selected())
        self.chats.setVisible(bool(result.chats))
        self.chats.setFixedHeight(_list_height(self.chats, len(result.chats)))

        self.warning_title = plain_label(selectable=False)
        self.warnings = QListWidget(self)
        self.warnings.addItems(result.warnings)
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(_list_height(self.warnings, len(result.warnings)))
        if result.warnings:
            self.warning_title.setText(self.tr("%s peringatan:") % number(len(result.warnings)))
        else:
            self.warning_title.setText(self.tr("Tidak ada peringatan."))
            self.warnings.hide()

        self.open_button = QPushButton(self.tr("Buka percakapan"), self)
        self.open_button.setObjectName("primary")
        self.open_button.setToolTip(self.tr("Tampilkan chat yang dipilih di Inbox (Enter)"))
        self.open_button.setVisible(any(c.conversation_id for c in result.chats))
        self.open_button.setDefault(self.open_button.isVisibleTo(self))
        self.open_button.clicked.connect(self.open_selected)
        self.close_button = QPushButton(self.tr("Tutup"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.chats)
        layout.addWidget(self.warning_title)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.chats.setFocus()

    def lines(self) -> list[str]:
        return [self.chats.item(row).text() for row in range(self.chats.count())]

    def open_selected(self) -> None:
        item = self.chats.currentItem()
        conversation_id = item.data(CONVERSATION_ROLE) if item is not None else None
        if not conversation_id:
            return
        self.accept()
        self.open_conversation.emit(int(conversation_id))


class ChatImport(QObject):
    """One import of chat files, started with `start()`; every step is non-blocking.

    `imported()`: messages, conversations or customers were written (the window re-reads its
    panels); `open_conversation(id)`: the seller asked to see an imported chat.
    """

    imported = Signal()
    open_conversation = Signal(int)

    def __init__(self, paths: Sequence[str | Path], window: QWidget):
        super().__init__(window)
        self.paths = [str(p) for p in paths]
        self.window = window
        self.job: Any = None
        self.name_dialog: SellerNameDialog | None = None
        self.result_dialog: ChatImportResultDialog | None = None
        self.message: QMessageBox | None = None
        self._me: str | None = None

    def start(self) -> None:
        paths, me = list(self.paths), self._me
        self._last_message = _last_message_id()

        def work(progress: Any, cancelled: Any) -> ChatImportResult:
            return import_chat_files(paths, me=me, progress=progress, is_cancelled=cancelled)

        title = self.tr("Impor chat WhatsApp")
        label = self.tr("Mengimpor chat…")
        self.job = run_with_progress(self.window, title, label, work, self._done, self._failed)

    def _done(self, result: ChatImportResult) -> None:
        if any(c.conversation_changed or c.customers_new for c in result.chats):
            self.imported.emit()
        dialog = ChatImportResultDialog(result, self.window)
        dialog.open_conversation.connect(self.open_conversation)
        self.result_dialog = dialog
        dialog.open()

    def _failed(self, exc: BaseException) -> None:
        kept = _last_message_id() != self._last_message
        if kept:
            self.imported.emit()
        if isinstance(exc, NeedsSellerName):
            self._ask_name(exc)
        elif isinstance(exc, ImportCancelled):
            if kept:
                text = self.tr(
                    "Impor chat dibatalkan. Chat yang selesai sebelum itu tetap tersimpan."
                )
            else:
                text = self.tr("Impor chat dibatalkan; tidak ada yang diimpor.")
            self._tell(QMessageBox.Icon.Information, text)
        elif isinstance(exc, ImportFormatError):
            self._tell(
                QMessageBox.Icon.Warning,
                self.tr("%s\n\nTidak ada chat yang diimpor dari berkas yang dipilih.") % exc,
            )
        elif isinstance(exc, CsdeskError):
            self._tell(QMessageBox.Icon.Warning, str(exc))
        else:
            show_error(self.window, exc)

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(
            icon, self.tr("Impor chat WhatsApp"), text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()

    def _ask_name(self, needs: NeedsSellerName) -> None:
        dialog = SellerNameDialog(needs, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._named(needs, dialog.name(), dialog.remember.isChecked())
        )
        self.name_dialog = dialog
        dialog.open()

    def _named(self, needs: NeedsSellerName, name: str, remember: bool) -> None:
        key = same_person_key(name)
        among = any(same_person_key(sender) == key for sender in needs.senders)
        # A typed name no sender wrote under is refused by the service in a chat of several
        # senders (`me` below): no point remembering it.
        if remember and (among or len(needs.senders) <= 1):
            remember_name(name)
        # Remembered, the settings name the shop and every file of the import is matched
        # against them, so one whose shop writes under another name is asked about in turn.
        self._me = None if remember and among else name
        self.start()


def _list_height(widget: QListWidget, rows: int) -> int:
    """Room for `rows` one-line items, at most VISIBLE_ROWS (then it scrolls)."""
    shown = min(max(rows, 1), VISIBLE_ROWS)
    return shown * (widget.fontMetrics().height() + 10) + 6


def remember_name(name: str) -> None:
    """Add the shop's WhatsApp name to Settings (once, however it is spelled or spaced)."""
    shop = shop_settings.load()
    if same_person_key(name) not in {same_person_key(n) for n in shop.whatsapp_names}:
        shop.whatsapp_names.append(name)
        shop_settings.save(shop)


def _last_message_id() -> int:
    return int(Message.select(pw.fn.MAX(Message.id)).scalar() or 0)
