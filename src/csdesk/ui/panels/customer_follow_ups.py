"""The customer page's "Tindak lanjut" card: what is still to do for them (Selesai / Tunda on
each), "+ Tambah" for a new one, and the finished ones under "Riwayat (n)" with who did them."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from csdesk.services import fmt, settings
from csdesk.services.follow_ups import FollowUpLine, customer_follow_ups
from csdesk.ui import theme
from csdesk.ui.dialogs.follow_up import NewFollowUpDialog
from csdesk.ui.widgets.card import Card, LinkButton, muted_label
from csdesk.ui.widgets.follow_up_list import FollowUpList


class FollowUpsCard(Card):
    """`changed()`: a follow-up was added, done or snoozed; `open_record("order", id)`: its
    order was opened."""

    changed = Signal()
    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tindak lanjut"), parent)
        self.customer_id: int | None = None
        self.author = ""
        self.dialog: NewFollowUpDialog | None = None
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addFollowUp")
        self.add_button.setText(self.tr("Tambah"))
        self.add_button.setIcon(qta.icon("fa6s.plus", color=theme.ACCENT))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setToolTip(
            self.tr("Ingatkan diri sendiri: tagih transfer, minta ulasan, kabari stok datang")
        )
        self.add_button.clicked.connect(self.new_follow_up)
        self.add_header_widget(self.add_button)
        self.pending = FollowUpList(
            show_customer=False, empty_text=self.tr("Belum ada tindak lanjut."), parent=self
        )
        self.pending.changed.connect(self._changed)
        self.pending.activated.connect(
            lambda _customer, order: order and self.open_record.emit("order", order)
        )
        self.history_toggle = LinkButton("", self)
        self.history_toggle.clicked.connect(self._toggle_history)
        self.history = muted_label()
        self.history.setObjectName("followUpHistory")
        self.history.hide()
        self.add(self.pending)
        self.add(self.history_toggle)
        self.add(self.history)

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self.pending.author = self.author
        lines = customer_follow_ups(customer_id)
        self.pending.set_lines([line for line in lines if line.status != "done"])
        done = [line for line in lines if line.status == "done"]
        self.history_toggle.setVisible(bool(done))
        self.history.setText("\n".join(self._done_text(line) for line in done))
        self._show_history(self.history.isVisible() and bool(done))
        self.history_toggle.setText(self.tr("Riwayat (%d)") % len(done))

    def new_follow_up(self) -> NewFollowUpDialog | None:
        """ "+ Tambah": the new-follow-up dialog for this customer."""
        if self.customer_id is None:
            return None
        dialog = NewFollowUpDialog(self.customer_id, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda _id: self._changed())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _done_text(self, line: FollowUpLine) -> str:
        zone = settings.load().zone
        who = f" oleh {line.done_by}" if line.done_by else ""
        note = f" — {line.note}" if line.note else ""
        return (
            f"✓ {line.reason_label}{note} · selesai {fmt.datetime_short(line.done_at, zone)}{who}"
        )

    def _toggle_history(self) -> None:
        self._show_history(not self.history.isVisible())

    def _show_history(self, shown: bool) -> None:
        self.history.setVisible(shown)
        self.history_toggle.setIcon(
            qta.icon("fa6s.chevron-down" if shown else "fa6s.chevron-right", color=theme.MUTED)
        )

    def _changed(self) -> None:
        if self.customer_id is not None:
            self.load(self.customer_id)
        self.changed.emit()
