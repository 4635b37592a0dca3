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
    detail_share = 0.6  # the chat, the reply box and the customer beside it need the room

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
            parent=parent,
        )
