"""'Catat pesan masuk' (Ctrl+Shift+M): a message that came by WhatsApp, Instagram, a
marketplace chat, the phone or email, written into the inbox without leaving the screen.

The message box has the focus, so Ctrl+V then Ctrl+Enter is enough for a pasted WhatsApp
snippet whose sender is a known customer (the customer is found from the snippet); otherwise
choose or type the customer first. The channel last used is remembered. Times are the shop's
clock; a snippet's lines carry their own. `captured(conversation_id)` fires after saving.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk import paths
from csdesk.errors import CsdeskError
from csdesk.models import utcnow
from csdesk.services import capture, fmt, settings
from csdesk.ui.dialogs.customer_picker import CustomerPicker
from csdesk.ui.widgets import messages
from csdesk.ui.widgets.card import muted_label

LAST_CHANNEL_KEY = "quick_capture/channel"
PREVIEW_DELAY_MS = 200
ERROR_STYLE = messages.BOX_STYLE


def _app_settings() -> QSettings:
    """Beside the data, like the window geometry (a test data folder keeps its own)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


class QuickCaptureDialog(QDialog):
    captured = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Catat pesan masuk"))
        self.resize(560, 520)
        self.shop = settings.load()
        self.saved_conversation_id: int | None = None

        self.channel = QComboBox(self)
        for key in capture.CAPTURE_CHANNELS:
            self.channel.addItem(capture.channel_label(key), key)
        last = _app_settings().value(LAST_CHANNEL_KEY, "whatsapp")
        self.channel.setCurrentIndex(max(0, self.channel.findData(last)))
        self.picker = CustomerPicker(self)
        self.when = QDateTimeEdit(self)
        self.when.setDisplayFormat("dd MMM yyyy HH.mm")
        self.when.setCalendarPopup(True)
        local_now = fmt.to_local(utcnow(), self.shop.zone).replace(tzinfo=None)
        self.when.setDateTime(QDateTime(local_now.replace(second=0, microsecond=0)))
        self.when.setToolTip(
            self.tr("Jam pesan diterima (%s); baris chat WhatsApp membawa jamnya sendiri")
            % self.shop.zone
        )
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(
            self.tr(
                "Tempel chat atau ketik pesan pelanggan…\n\n"
                "Baris WhatsApp seperti  05/03/25 09.15 - Budi: Halo  dipecah per pesan."
            )
        )
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(lambda: self._preview_timer.start())
        self.preview = muted_label()
        self.preview.setObjectName("capturePreview")
        self.error = QLabel(self)
        self.error.setObjectName("captureError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Simpan ke Inbox"))
        save.setToolTip(self.tr("Simpan lalu buka percakapannya (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        form = QFormLayout()
        form.addRow(self.tr("Kanal"), self.channel)
        form.addRow(self.tr("Pelanggan"), self.picker)
        form.addRow(self.tr("Waktu"), self.when)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(muted_label(self.tr("Pesan")))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.channel, self.picker.search)
        self.text.setFocus()
        self.update_preview()

    # --- what the seller sees before saving -------------------------------------------------

    def update_preview(self) -> None:
        """Say what will be written: one message, or how a snippet splits; and fill in the
        customer a snippet names when none is chosen yet."""
        self._preview_timer.stop()
        text = self.text.toPlainText()
        if not text.strip():
            self.preview.setText(self.tr("Ctrl+Enter untuk menyimpan."))
            return
        try:
            lines = capture.split_text(text, utcnow(), "", self.shop)
        except CsdeskError as err:
            self.preview.setText(str(err))
            return
        if len(lines) == 1 and lines[0].source_key is None:
            self.preview.setText(self.tr("1 pesan dari pelanggan pada waktu di atas."))
            return
        incoming = sum(1 for line in lines if line.direction == "in")
        self.preview.setText(
            self.tr("%d pesan dengan jamnya sendiri: %d dari pelanggan, %d dari toko.")
            % (len(lines), incoming, len(lines) - incoming)
        )
        self._guess_customer(text)

    def _guess_customer(self, text: str) -> None:
        if self.picker.has_input():
            return
        sender = capture.snippet_sender(text, self.shop)
        if sender is None:
            return
        found = capture.known_customer(sender)
        if found is not None:
            self.picker.set_customer(found)
        else:
            self.picker.set_new_mode(True)
            self.picker.new_name.setText(sender)
            self.text.setFocus()

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        self._preview_timer.stop()
        if not self.picker.has_input():
            self.update_preview()  # a pasted snippet may name the customer
        channel = str(self.channel.currentData())
        local = self.when.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        try:
            result = capture.capture(
                channel,
                self.text.toPlainText(),
                customer_id=self.picker.customer_id(),
                new_customer=self.picker.new_customer(),
                at=fmt.to_utc(local.replace(second=0, microsecond=0), self.shop.zone),
            )
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        _app_settings().setValue(LAST_CHANNEL_KEY, channel)
        self.saved_conversation_id = result.conversation_id
        self.captured.emit(result.conversation_id)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter in a one-line field must not save a half-typed message (the default button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
