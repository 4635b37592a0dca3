"""Merging two customers from the window: the confirmation every merge and undo asks for, and
"Gabungkan dengan pelanggan lain…" from a customer's page.

A merge keeps one customer and folds the other into it: every order, chat, complaint, contact and
follow-up moves, nothing is deleted, and the merge can be undone from the kept customer's
"Riwayat penggabungan". The questions say exactly that, naming both, before anything changes.
Questions go through `ask` (ui/widgets/confirm.py), so tests answer them without a modal loop.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import Customer
from csdesk.services.customer_merge import MergeResult, merge_customers
from csdesk.ui.dialogs.customer_picker import CustomerPicker
from csdesk.ui.widgets import confirm
from csdesk.ui.widgets.card import heading_label, muted_label
from csdesk.ui.widgets.messages import error_label


def ask(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """customer merges ask through ui/widgets/confirm.py (looked up at call time, so a test
    that answers `confirm.ask` answers these too)."""
    return confirm.ask(parent, title, text, yes)


def confirm_merge(parent: QWidget | None, keep_name: str, other_name: str) -> bool:
    text = parent.tr if parent is not None else (lambda s: s)
    return ask(
        parent,
        text("Gabungkan pelanggan"),
        text(
            "%s akan digabung ke %s.\n\n"
            "Semua pesanan, chat, keluhan, kontak dan tindak lanjut %s pindah ke %s; "
            "tidak ada yang dihapus. Penggabungan bisa dibatalkan dari "
            '"Riwayat penggabungan" di profil %s.'
        )
        % (other_name, keep_name, other_name, keep_name, keep_name),
        text("Gabungkan"),
    )


def confirm_undo(parent: QWidget | None, keep_name: str, other_name: str) -> bool:
    text = parent.tr if parent is not None else (lambda s: s)
    return ask(
        parent,
        text("Batalkan penggabungan"),
        text(
            "%s dipisahkan lagi dari %s: pesanan, chat, keluhan, kontak dan tindak lanjut "
            "yang dulu miliknya kembali kepadanya."
        )
        % (other_name, keep_name),
        text("Pisahkan lagi"),
    )


def merge(parent: QWidget, keep_id: int, other_id: int, author: str) -> MergeResult | None:
    """Ask, then merge `other_id` into `keep_id`. None when the admin said no; CsdeskError
    (e.g. the same customer, one already merged) for the caller to show."""
    keep = Customer.get_by_id(keep_id)
    other = Customer.get_by_id(other_id)
    if not confirm_merge(parent, keep.name, other.name):
        return None
    return merge_customers(keep_id, other_id, author=author)


class MergeWithDialog(QDialog):
    """ "Gabungkan dengan pelanggan lain…": pick who is the same person as `keep_id`, confirm,
    merge. `merged(kept_id)` fires after the merge; the dialog then closes."""

    merged = Signal(int)

    def __init__(self, keep_id: int, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep_id = keep_id
        self.author = author
        self.result_: MergeResult | None = None
        keep = Customer.get_by_id(keep_id)
        self.setWindowTitle(self.tr("Gabungkan pelanggan"))
        self.setMinimumWidth(540)
        self.picker = CustomerPicker(self)
        self.picker.new_button.hide()
        self.picker.customer_chosen.connect(lambda _id: self._update())
        self.picker.search.textEdited.connect(lambda _text: self._update())
        explain = muted_label(
            self.tr(
                "Pilih pelanggan yang sebenarnya orang yang sama dengan %s (mis. nomor lain, "
                "akun marketplace lain). Datanya digabung ke %s."
            )
            % (keep.name, keep.name)
        )
        explain.setWordWrap(True)
        self.error = error_label(self, boxed=True, name="mergeError")
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(
            self.tr("Gabungkan…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(heading_label(self.tr("Gabungkan dengan %s") % keep.name, size_delta=3))
        layout.addWidget(explain)
        layout.addWidget(self.picker)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update()
        self.picker.focus_input()

    def _update(self) -> None:
        self.merge_button.setEnabled(self.picker.customer_id() is not None)

    def merge(self) -> None:
        other = self.picker.customer_id()
        if other is None:
            return
        if other == self.keep_id:
            self._refuse(self.tr("Itu pelanggan yang sama; pilih pelanggan lain."))
            return
        try:
            result = merge(self, self.keep_id, other, self.author)
        except CsdeskError as err:
            self._refuse(str(err))
            return
        if result is None:
            return
        self.result_ = result
        self.merged.emit(self.keep_id)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
