"""The Keluhan panel: complaints by status and due date, resolved in the detail pane beside them.

"Keluhan baru…" (Ctrl+N while the panel shows) writes one down by hand, e.g. from a phone call.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.services.complaints_list import ComplaintListSource
from csdesk.ui import glyphs
from csdesk.ui.dialogs.new_complaint import NewComplaintDialog
from csdesk.ui.panels.complaint_detail import ComplaintDetailView
from csdesk.ui.widgets.list_panel import ListPanel


class ComplaintsPanel(ListPanel):
    """`reply_requested(conversation_id, text)`: a complaint's reply goes to its chat."""

    key = "complaints"
    title = QCoreApplication.translate("Panels", "Keluhan")
    detail_share = 0.4  # the list's category column (why they complain) shows at 1280 px
    reply_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        source = ComplaintListSource()
        super().__init__(
            source,
            ComplaintDetailView(),
            noun=QCoreApplication.translate("Panels", "keluhan"),
            empty_icon="fa6s.face-smile",
            empty_text=QCoreApplication.translate(
                "Panels", "Belum ada keluhan. Keluhan dicatat dari percakapan atau pesanan."
            ),
            parent=parent,
        )
        self.new_button = QPushButton(
            glyphs.icon("fa6s.plus", color="#0f766e"), self.tr("Keluhan baru…"), self
        )
        self.new_button.setToolTip(
            self.tr("Catat keluhan yang datang lewat telepon atau di luar chat (Ctrl+N)")
        )
        self.new_button.clicked.connect(self.new_complaint)
        self.title_row.addWidget(self.new_button)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_complaint)
        self.complaint_dialog: NewComplaintDialog | None = None
        self.detail.reply_requested.connect(self.reply_requested)  # type: ignore[attr-defined]

    def new_complaint(self) -> None:
        dialog = NewComplaintDialog(parent=self)
        dialog.created.connect(self._complaint_created)
        self.complaint_dialog = dialog
        dialog.open()

    def _complaint_created(self, complaint_id: int) -> None:
        self.refresh()
        self.open_record(complaint_id)
