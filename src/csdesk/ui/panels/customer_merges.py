"""The customer page's "Riwayat penggabungan": who was folded into this customer (or this one
into whom), when and by whom, what moved, and "Batalkan" on each merge still in force."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from csdesk.errors import CsdeskError
from csdesk.services import fmt, settings
from csdesk.services.customer_merge import MergeInfo, merges, undo_merge
from csdesk.ui.dialogs.customer_merge import confirm_undo
from csdesk.ui.widgets.card import Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.messages import error_label


class MergeHistoryCard(Card):
    """`changed()`: a merge was undone (both customers are listed again)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Riwayat penggabungan"), parent)
        self.author = ""
        self.customer_id: int | None = None
        self.rows = QWidget(self)
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(0, 1)
        self.error = error_label(self, name="mergeHistoryError")
        self.undo_buttons: dict[int, LinkButton] = {}
        self.add(self.rows)
        self.add(self.error)

    def load(self, customer_id: int) -> bool:
        """Fill the card; False when this customer has no merges (the card is then hidden)."""
        self.customer_id = customer_id
        found = merges(customer_id)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.undo_buttons = {}
        zone = settings.load().zone
        for row, info in enumerate(found):
            self.grid.addWidget(self._describe(info, customer_id, zone), row, 0)
            if not info.undone and info.kept_id == customer_id:
                button = LinkButton(self.tr("Batalkan"), self)
                button.setToolTip(self.tr("Pisahkan %s lagi dari pelanggan ini") % info.other_name)
                button.clicked.connect(lambda _=False, i=info: self.undo(i))
                self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
                self.undo_buttons[info.id] = button
        self.setVisible(bool(found))
        return bool(found)

    def _describe(self, info: MergeInfo, customer_id: int, zone: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if info.kept_id == customer_id:
            title = self.tr("%s digabung ke sini") % info.other_name
        else:
            title = self.tr("Digabung ke %s") % info.kept_name
        name = plain_label(title)
        name.setObjectName("mergeTitle")
        layout.addWidget(name)
        who = f" oleh {info.author}" if info.author else ""
        lines = [f"{fmt.datetime_short(info.at, zone)}{who} · {info.summary()}"]
        if info.undone_at is not None:
            by = f" oleh {info.undone_by}" if info.undone_by else ""
            lines.append(
                self.tr("Dibatalkan %s%s") % (fmt.datetime_short(info.undone_at, zone), by)
            )
        layout.addWidget(muted_label("\n".join(lines)))
        return box

    def undo(self, info: MergeInfo) -> bool:
        if not confirm_undo(self, info.kept_name, info.other_name):
            return False
        try:
            undo_merge(info.id, author=self.author)
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return False
        self.error.hide()
        if self.customer_id is not None:
            self.load(self.customer_id)
        self.changed.emit()
        return True
