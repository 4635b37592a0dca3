"""The Keluhan panel: complaints by status and due date, resolved in the detail pane beside them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from csdesk.services.complaints_list import ComplaintListSource
from csdesk.ui.panels.complaint_detail import ComplaintDetailView
from csdesk.ui.widgets.list_panel import ListPanel


class ComplaintsPanel(ListPanel):
    key = "complaints"
    title = QCoreApplication.translate("Panels", "Keluhan")
    icon = "fa6s.triangle-exclamation"
    detail_share = 0.4  # the list's category column (why they complain) shows at 1280 px

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
