"""The Inbox: conversations waiting for an answer first, with the chat and quick replies beside them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from csdesk.services.conversations_list import ConversationListSource
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.widgets.list_panel import ListPanel


class InboxPanel(ListPanel):
    key = "inbox"
    title = QCoreApplication.translate("Panels", "Inbox")
    icon = "fa6s.inbox"
    # The chat needs room, but the list must still show whom and what is waiting; the
    # customer sits above the thread now, so the pane works narrower.
    detail_share = 0.55

    def __init__(self, parent: QWidget | None = None):
        source = ConversationListSource()
        super().__init__(
            source,
            ConversationDetailView(),
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
            parent=parent,
        )
