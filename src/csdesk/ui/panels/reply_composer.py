"""The reply composer under a conversation: write or pick a quick reply, check it, send it.

- Templates come from the picker (grouped by category) or by typing `/`: a popup lists the
  shortcuts that match what is typed (`/re` → /rek, /refund, /resi); Enter or a click inserts
  the template filled for this customer and order, and so does an exact `/rek` + Space.
- What is sent is the text with its placeholders filled; when the text still has placeholders
  a preview shows the result, and a warning names any that stay empty (no resi yet…).
- Etiquette hints from the seeds (services.etiquette) sit above the send buttons; outside
  business hours one click inserts the away message.
- Sending: copy to the clipboard, open WhatsApp (wa.me, only with a real phone) or the mail
  program (mailto:, only with an email). Each asks the pane to log the reply, with its
  author, through `send_requested(text)`; the pane clears the box once it is logged.

A draft is kept per conversation, so switching conversations never carries a reply to the
wrong customer, and reloading the same conversation keeps what is typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from urllib.parse import quote

from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import etiquette, templates
from csdesk.services import settings as shop_settings
from csdesk.services.payment_reminders import wa_link
from csdesk.ui.widgets.card import muted_label
from csdesk.ui.widgets.fields import copy_to_clipboard

SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1
AWAY_SHORTCUT = "/away"
EDIT_HEIGHT = 96
# On a short screen the box gives up height (down to three lines) before anything overlaps.
EDIT_MIN_HEIGHT = 60
PREVIEW_MAX_HEIGHT = 72


def mailto_link(email: str, text: str, subject: str = "") -> str:
    """`mailto:` with the reply as the body ("" without an address)."""
    email = email.strip()
    if not email or "@" not in email:
        return ""
    query = f"body={quote(text, safe='')}"
    if subject:
        query = f"subject={quote(subject, safe='')}&{query}"
    return f"mailto:{quote(email, safe='@')}?{query}"


class ComposerEdit(QPlainTextEdit):
    """The text box: `/` opens a popup of matching shortcuts; an exact shortcut followed by
    Space, Tab or Enter asks for its template (`template_requested`)."""

    template_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shortcuts = QStandardItemModel(self)
        self.completer = QCompleter(self.shortcuts, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionRole(SHORTCUT_ROLE)
        self.completer.setMaxVisibleItems(8)
        self.completer.activated.connect(self._on_completion)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), EDIT_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), EDIT_MIN_HEIGHT)

    def set_templates(self, infos: list[templates.TemplateInfo]) -> None:
        self.shortcuts.clear()
        for info in sorted(infos, key=lambda t: t.shortcut):
            item = QStandardItem(f"{info.shortcut}   {info.title}")
            item.setData(info.shortcut, SHORTCUT_ROLE)
            item.setToolTip(info.body)
            self.shortcuts.appendRow(item)

    def word_before_cursor(self) -> str:
        before = self.toPlainText()[: self.textCursor().position()]
        if not before or before[-1].isspace():
            return ""
        return before.split()[-1]

    def replace_word_before_cursor(self, word: str, text: str) -> None:
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, len(word))
        cursor.insertText(text)
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        accept_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        popup = self.completer.popup()
        if popup.isVisible() and (key in accept_keys or key == Qt.Key.Key_Escape):
            event.ignore()  # the completer picks (or closes) the list
            return
        if key in (Qt.Key.Key_Space, *accept_keys[:3]) and not event.modifiers():
            word = self.word_before_cursor()
            if word.startswith("/") and templates.find_by_shortcut(word) is not None:
                self.template_requested.emit(word)
                return
        super().keyPressEvent(event)
        self._update_popup()

    def _update_popup(self) -> None:
        word = self.word_before_cursor()
        popup = self.completer.popup()
        if not word.startswith("/"):
            popup.hide()
            return
        self.completer.setCompletionPrefix(word)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self.completer.complete(rect)

    def _on_completion(self, shortcut: object) -> None:
        if isinstance(shortcut, QModelIndex):
            shortcut = shortcut.data(SHORTCUT_ROLE)
        if isinstance(shortcut, str) and shortcut:
            self.template_requested.emit(shortcut)


class ReplyComposer(QWidget):
    """Write a reply and send it; `send_requested(text)` (the filled text) asks the pane to
    copy it and log it as the shop's reply."""

    send_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: Mapping[str, str] = {}
        self.conversation_id: int | None = None
        self.channel = ""
        self.phone = ""
        self.email = ""
        self.is_complaint = False
        self.shop = shop_settings.ShopSettings()
        # What "now" is for the business-hours hint; tests set a fixed moment.
        self.clock: Callable[[], dt.datetime] = utcnow
        self._drafts: dict[int, str] = {}

        self.picker = QComboBox(self)
        self.picker.setMinimumWidth(220)
        self.picker.setToolTip(self.tr("Sisipkan balasan cepat (atau ketik / di kotak balasan)"))
        self.picker.activated.connect(self._on_pick)
        self.edit = ComposerEdit(self)
        self.edit.setPlaceholderText(
            self.tr("Tulis balasan… ketik / untuk memilih template (mis. /rek)")
        )
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.edit.template_requested.connect(self._expand_shortcut)
        self.edit.textChanged.connect(self.update_checks)

        self.preview_title = muted_label(self.tr("Terkirim:"))
        self.preview_title.setToolTip(self.tr("Pratinjau balasan dengan isian terisi"))
        self.preview = QLabel(self)
        self.preview.setObjectName("replyPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setMaximumHeight(PREVIEW_MAX_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet(
            "QLabel#replyPreview { background: #dcf8c6; border-radius: 6px; padding: 4px 6px; }"
        )
        self.warning = QLabel(self)
        self.warning.setObjectName("replyWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b45309; font-weight: 600;")

        self.hint_list = QLabel(self)
        self.hint_list.setObjectName("etiquetteHints")
        self.hint_list.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_list.setWordWrap(True)
        self.hint_list.setStyleSheet("color: #5b4a00; font-size: 9pt;")
        self.hint_keys: list[str] = []
        self.away_button = QPushButton(self.tr("Sisipkan pesan away"), self)
        self.away_button.setToolTip(
            self.tr("Sisipkan template /away: kapan admin membalas (Ctrl+Shift+J)")
        )
        self.away_button.clicked.connect(self.insert_away)

        self.status = muted_label()
        self.status.setObjectName("replyStatus")
        self.email_button = QPushButton(self.tr("Kirim email"), self)
        self.email_button.setToolTip(
            self.tr("Buka program email dengan balasan ini, lalu catat (Ctrl+Shift+E)")
        )
        self.email_button.clicked.connect(self.send_email)
        self.wa_button = QPushButton(self.tr("Buka WhatsApp"), self)
        self.wa_button.setToolTip(
            self.tr("Buka chat WhatsApp pelanggan dengan balasan ini, lalu catat (Ctrl+Shift+W)")
        )
        self.wa_button.clicked.connect(self.send_whatsapp)
        self.send_button = QPushButton(self.tr("Salin && catat"), self)
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(
            self.tr("Salin ke clipboard untuk ditempel di chat, lalu catat sebagai balasan toko")
            + " (Ctrl+Enter)"
        )
        self.send_button.clicked.connect(self.send_copy)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self.send_copy),
            ("Ctrl+Enter", self.send_copy),
            ("Ctrl+Shift+W", self.send_whatsapp),
            ("Ctrl+Shift+E", self.send_email),
            ("Ctrl+Shift+J", self.insert_away),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=context)

        top = QHBoxLayout()
        top.addWidget(muted_label(self.tr("Balas")))
        top.addStretch(1)
        top.addWidget(self.picker)
        hints_row = QHBoxLayout()
        hints_row.addWidget(self.hint_list, 1)
        hints_row.addWidget(self.away_button, 0, Qt.AlignmentFlag.AlignTop)
        # The status ("Disalin ✓") gets a line of its own: beside three buttons it pushed the
        # pane wider than the splitter's minimum.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.email_button)
        buttons.addWidget(self.wa_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_title, 0, Qt.AlignmentFlag.AlignTop)
        preview_row.addWidget(self.preview, 1)
        layout.addLayout(preview_row)
        layout.addWidget(self.warning)
        layout.addLayout(hints_row)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_channels()
        self.update_checks()

    # --- what the conversation pane calls -------------------------------------------------

    def set_context(
        self,
        customer_id: int | None,
        order_id: int | None,
        conversation_id: int | None,
        channel: str,
        phone: str = "",
        email: str = "",
        is_complaint: bool = False,
    ) -> None:
        """Who the reply goes to. Switching to another conversation keeps the old one's draft
        and brings back this one's; the same conversation keeps what is typed."""
        if conversation_id != self.conversation_id:
            if self.conversation_id is not None and self.edit.toPlainText().strip():
                self._drafts[self.conversation_id] = self.edit.toPlainText()
            elif self.conversation_id is not None:
                self._drafts.pop(self.conversation_id, None)
            self.edit.blockSignals(True)
            self.edit.setPlainText(
                self._drafts.pop(conversation_id, "") if conversation_id is not None else ""
            )
            self.edit.blockSignals(False)
            self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.conversation_id = conversation_id
        self.context = templates.context_for(customer_id=customer_id, order_id=order_id)
        self.channel, self.phone, self.email = channel, phone, email
        self.is_complaint = is_complaint
        self.shop = shop_settings.load()
        self.reload_templates()
        self._update_channels()
        self.status.clear()
        self.update_checks()

    def reload_templates(self) -> None:
        infos = templates.list_templates()
        self.edit.set_templates(infos)
        self.picker.clear()
        self.picker.addItem(self.tr("Sisipkan template…"), None)
        model = self.picker.model()
        for category in sorted({t.category for t in infos}, key=str.lower):
            # A category is a bold heading that cannot be picked; its templates follow.
            self.picker.addItem(category or self.tr("Tanpa kategori"), None)
            if isinstance(model, QStandardItemModel):
                heading = model.item(self.picker.count() - 1)
                heading.setEnabled(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
            for info in (t for t in infos if t.category == category):
                self.picker.addItem(f"   {info.shortcut}  {info.title}", info.id)

    def clear(self) -> None:
        self.edit.clear()
        if self.conversation_id is not None:
            self._drafts.pop(self.conversation_id, None)

    def text_to_send(self) -> str:
        """The reply as the customer will read it: placeholders filled."""
        return templates.fill(self.edit.toPlainText(), self.context).text.strip()

    def insert_template(self, body: str) -> None:
        self.edit.insertPlainText(templates.fill(body, self.context).text)
        self.edit.setFocus()

    def insert_away(self) -> None:
        info = templates.find_by_shortcut(AWAY_SHORTCUT)
        if info is not None:
            self.insert_template(info.body)

    # --- sending --------------------------------------------------------------------------

    def send_copy(self) -> None:
        text = self.text_to_send()
        if text:
            copy_to_clipboard(text)
            self.send_requested.emit(text)
            self.status.setText(self.tr("Disalin ✓ tempel di chat pelanggan"))

    def send_whatsapp(self) -> None:
        text = self.text_to_send()
        link = wa_link(self.phone, text) if text else ""
        if link and self._open(link):
            self.send_requested.emit(text)

    def send_email(self) -> None:
        text = self.text_to_send()
        link = mailto_link(self.email, text, self.shop.shop_name) if text else ""
        if link and self._open(link):
            self.send_requested.emit(text)

    def _open(self, link: str) -> bool:
        if QDesktopServices.openUrl(QUrl(link, QUrl.ParsingMode.StrictMode)):
            self.status.setText(self.tr("Dibuka ✓ kirim dari sana; balasan dicatat"))
            return True
        self.status.setText(self.tr("Tidak bisa dibuka; balasan belum dicatat"))
        return False

    # --- checks ---------------------------------------------------------------------------

    def update_checks(self) -> None:
        raw = self.edit.toPlainText()
        filled = templates.fill(raw, self.context)
        has_placeholder = filled.text != raw or bool(filled.missing)
        self.preview.setText(filled.text.strip())
        self.preview_title.setVisible(has_placeholder)
        self.preview.setVisible(has_placeholder)
        # Whatever stays unfilled (no resi yet, no bank account set up) would reach the
        # customer as "{resi}": say so before it is sent.
        known = [key for key in filled.missing if key in templates.PLACEHOLDERS]
        if known:
            names = ", ".join("{" + key + "}" for key in known)
            self.warning.setText(self.tr("⚠ Belum terisi: %s — lengkapi sebelum dikirim") % names)
        self.warning.setVisible(bool(known))

        found = etiquette.hints(
            filled.text,
            customer_name=self.context.get("nama", ""),
            nickname=self.context.get("panggilan", ""),
            is_complaint=self.is_complaint,
            now=self.clock(),
            settings=self.shop,
            channel=self.channel,
        )
        self.hint_keys = [hint.key for hint in found]
        self.hint_list.setText("\n".join(f"💡 {hint.message}" for hint in found))
        self.hint_list.setVisible(bool(found))
        self.away_button.setVisible(
            "outside_hours" in self.hint_keys
            and templates.find_by_shortcut(AWAY_SHORTCUT) is not None
        )
        has_text = bool(filled.text.strip())
        for button in (self.send_button, self.wa_button, self.email_button):
            button.setEnabled(has_text)

    def _update_channels(self) -> None:
        self.wa_button.setVisible(bool(wa_link(self.phone, "")))
        self.email_button.setVisible(bool(mailto_link(self.email, "")))

    def _on_pick(self, index: int) -> None:
        template_id = self.picker.itemData(index)
        self.picker.setCurrentIndex(0)
        if template_id is not None:
            self.insert_template(templates.get_template(int(template_id)).body)

    def _expand_shortcut(self, shortcut: str) -> None:
        info = templates.find_by_shortcut(shortcut)
        if info is None:
            return
        self.edit.completer.popup().hide()
        word = self.edit.word_before_cursor()
        filled = templates.fill(info.body, self.context).text
        if word.startswith("/"):
            self.edit.replace_word_before_cursor(word, filled)
        else:
            self.edit.insertPlainText(filled)
        self.edit.setFocus()
