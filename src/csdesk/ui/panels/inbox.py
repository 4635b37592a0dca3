"""The Inbox: conversations waiting for an answer first, with the chat and quick replies beside them.

It opens on the active conversations (open, pending, snoozes that ran out), the longest wait
on top; a first response past its due time is marked in Menunggu and Batas Balas (a warning
sign, red, and the tooltip saying by how much).
Keys: Up/Down choose a conversation, Enter goes to the reply box, the pane's own keys
(Ctrl+Shift+C close, …) act on the chosen one; "Catat pesan masuk" (Ctrl+Shift+M, a window
shortcut) writes in a message that came by another channel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.services import conversations
from csdesk.services.conversations_list import ACTIVE, ConversationListSource
from csdesk.ui.dialogs.quick_capture import QuickCaptureDialog
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.widgets.card import muted_label
from csdesk.ui.widgets.list_panel import ListPanel

CAPTURE_KEYS = "Ctrl+Shift+M"


class InboxPanel(ListPanel):
    key = "inbox"
    title = QCoreApplication.translate("Panels", "Inbox")
    # The chat needs room, but the list must still show whom and what is waiting; the
    # customer sits above the thread now, so the pane works narrower.
    detail_share = 0.55

    # Data changed here (a captured message): the shell marks the other panels stale.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        source = ConversationListSource()
        self.detail_view = ConversationDetailView()
        super().__init__(
            source,
            self.detail_view,
            noun=QCoreApplication.translate("Panels", "percakapan"),
            empty_icon="fa6s.comments",
            empty_text=QCoreApplication.translate(
                "Panels", "Belum ada percakapan. Impor chat WhatsApp atau isi data contoh."
            ),
            empty_action=QCoreApplication.translate("Panels", "Isi data contoh"),
            empty_text_with_data=QCoreApplication.translate(
                "Panels",
                "Belum ada percakapan. Impor chat WhatsApp untuk membalasnya di sini.",
            ),
            deadline_columns=("waiting", "first_response_due"),
            parent=parent,
        )
        self.capture_dialog: QuickCaptureDialog | None = None
        self.capture_button = QPushButton(self.tr("+ Catat pesan masuk"), self)
        self.capture_button.setToolTip(
            self.tr("Tempel atau ketik pesan dari WhatsApp, Instagram, chat marketplace, ")
            + self.tr("telepon atau email (%s)") % CAPTURE_KEYS
        )
        self.capture_button.clicked.connect(lambda: self.open_quick_capture())
        self.keys_hint = muted_label(self.tr("↑↓ pilih · Enter balas"))
        self.keys_hint.setObjectName("inboxKeys")
        self.title_row.insertWidget(2, self.keys_hint)
        self.title_row.addWidget(self.capture_button)
        for keys in ("Return", "Enter"):
            reply = QShortcut(QKeySequence(keys), self.table)
            reply.setContext(Qt.ShortcutContext.WidgetShortcut)
            reply.activated.connect(self.detail_view.focus_reply)
        self.table.setToolTip(self.tr("↑/↓ memilih percakapan, Enter menuju kotak balasan"))
        # Where the Inbox opens: what still needs the shop, longest wait first.
        self.filter_bar.blockSignals(True)
        self.filter_bar.set_filters(status=ACTIVE.value)
        self.filter_bar.blockSignals(False)

    def ensure_loaded(self) -> None:
        # The first load reads what the bar shows (Aktif), not an empty query.
        if not self._loaded:
            self._requery()

    def draft_reply(self, conversation_id: int, text: str) -> None:
        """Put `text` in the reply box of `conversation_id` (shown in the pane), to read, edit
        and send as any reply; nothing is sent by itself."""
        view = self.detail_view
        if view.current_id != conversation_id:
            view.show_id(conversation_id)
        view.reply.edit.setPlainText(text)
        view.reply.edit.setFocus()

    def open_quick_capture(self, parent: QWidget | None = None) -> QuickCaptureDialog:
        """ "Catat pesan masuk": the captured conversation opens here afterwards."""
        dialog = QuickCaptureDialog(parent or self)
        dialog.captured.connect(self._captured)
        self.capture_dialog = dialog
        dialog.open()
        return dialog

    def _captured(self, conversation_id: int) -> None:
        self.changed.emit()
        self.refresh()
        self.open_record(conversation_id)
        self.open_requested.emit("conversation", conversation_id)

    def _is_default_view(self) -> bool:
        query = self.filter_bar.query()
        return not query.search and query.filters == {"status": ACTIVE.value}

    def _update_count_and_empty_state(self) -> None:
        super()._update_count_and_empty_state()
        if self.model.rowCount() or not self._is_default_view():
            return
        if conversations.exist():
            self.empty.set_text(
                self.tr(
                    "Tidak ada percakapan aktif: semua sudah ditangani. Yang ditunda dan "
                    "yang selesai ada di Status 'Semua'."
                )
            )
            self.empty.set_action(self.tr("Tampilkan semua percakapan"))
            return
        # No conversation at all: what the list says without filters (the demo data offer).
        shop_empty = self._shop_is_empty()
        self.empty.set_text(self._empty_text if shop_empty else self._empty_text_with_data)
        self.empty.set_action(self._empty_action if shop_empty else "")

    def _on_empty_action(self) -> None:
        if self._is_default_view() and not conversations.exist():
            self.empty_action_requested.emit()
        else:
            super()._on_empty_action()
