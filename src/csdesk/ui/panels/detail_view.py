"""The frame every detail pane shares: an empty state until a record is chosen, a scrolling
content page afterwards, and one way of reporting a refused action.

Subclasses build their content in `build(content_layout)` and fill it in `load(id)`; a record
that vanished meanwhile (deleted on another desk, merged) shows the empty state with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError, NotFoundError
from csdesk.services import conversations
from csdesk.ui.dialogs.new_complaint import NewComplaintDialog
from csdesk.ui.widgets import messages
from csdesk.ui.widgets.empty_state import EmptyState


class DetailView(QWidget):
    """`open_record(kind, id)` asks the shell to show another record; `changed` tells it that
    an action edited data (lists reload their rows)."""

    open_record = Signal(str, int)
    changed = Signal()

    empty_icon = "fa5s.hand-pointer"

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_id: int | None = None
        self.complaint_dialog: NewComplaintDialog | None = None
        self._author = ""
        self._empty_text = empty_text
        self.stack = QStackedWidget(self)
        self.empty = EmptyState(self.empty_icon, empty_text, parent=self)
        self.stack.addWidget(self.empty)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        self.content = QVBoxLayout(page)
        self.content.setContentsMargins(14, 12, 14, 14)
        self.content.setSpacing(10)
        self.scroll.setWidget(page)
        self.stack.addWidget(self.scroll)
        # A refused action (a conflict, an empty note) is explained here, above the content,
        # rather than in a modal box that interrupts typing.
        self.error_banner = QLabel(self)
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.error_banner.setWordWrap(True)
        self.error_banner.setStyleSheet(messages.BOX_STYLE)
        self.error_banner.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.stack)

    @property
    def author(self) -> str:
        """The admin's name written on notes, replies and log entries."""
        if not self._author:
            self._author = conversations.current_author()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    def show_id(self, record_id: int | None) -> None:
        """Show the record, or the empty state for None."""
        if record_id != self.current_id:
            self.error_banner.hide()
        self.current_id = record_id
        if record_id is None:
            self.empty.set_text(self._empty_text)
            self.stack.setCurrentWidget(self.empty)
            return
        try:
            self.load(record_id)
        except NotFoundError as err:
            self.current_id = None
            self.empty.set_text(str(err))
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.scroll)

    def reload(self) -> None:
        self.show_id(self.current_id)

    def load(self, record_id: int) -> None:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error_banner.setText(message)
        self.error_banner.setVisible(bool(message))

    def run_action(self, action: Callable[[], object]) -> bool:
        """Run an edit; on success reload and emit `changed`; on a refused edit show why and
        reload, so a conflict shows the other admin's change. Returns whether it succeeded."""
        try:
            action()
        except CsdeskError as err:
            self.reload()
            self.show_error(str(err))
            return False
        self.show_error("")
        self.reload()
        self.changed.emit()
        return True

    def start_complaint(
        self,
        *,
        customer_id: int | None,
        order_id: int | None = None,
        conversation_id: int | None = None,
        channel: str = "",
    ) -> NewComplaintDialog:
        """ "Buat keluhan…" about what this pane shows; once saved the pane reloads, the lists
        hear `changed`, and the Keluhan panel shows the new complaint."""
        dialog = NewComplaintDialog(
            customer_id=customer_id,
            order_id=order_id,
            conversation_id=conversation_id,
            channel=channel,
            parent=self,
            author=self.author,
        )
        dialog.created.connect(self._complaint_created)
        self.complaint_dialog = dialog
        dialog.open()
        return dialog

    def _complaint_created(self, complaint_id: int) -> None:
        self.reload()
        self.changed.emit()
        self.open_record.emit("complaint", complaint_id)
