"""Pelanggan → "Pelanggan ganda…": pairs of customers who look like one person, with the
evidence (the same phone written differently, the same email, the same name in the same city),
to merge one way or the other, or to mark "Bukan duplikat" for good.

The pairs are found off the GUI thread (about a second at 100,000 customers). A merge asks first
(customer_merge.confirm_merge), then the pair and every other pair with the folded-in customer
leave the list, and a line says what moved. Masked phones are never evidence (duplicates.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services.duplicates import DuplicatePair, dismiss_pair, likely_duplicates
from csdesk.ui.dialogs.customer_merge import merge
from csdesk.ui.widgets.card import heading_label, muted_label
from csdesk.ui.widgets.empty_state import EmptyState
from csdesk.ui.widgets.messages import error_label
from csdesk.ui.workers import BackgroundOp, run_in_background

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def side(name: str, orders: int) -> str:
    return f"{name}\n{orders} pesanan" if orders else f"{name}\nbelum ada pesanan"


class DuplicatesDialog(QDialog):
    """`merged(kept_id)` after each merge; `open_customer(id)` when a name is double-clicked."""

    merged = Signal(int)
    open_customer = Signal(int)

    def __init__(self, parent: QWidget | None = None, author: str = "") -> None:
        super().__init__(parent)
        self.author = author
        self.pairs: list[DuplicatePair] = []
        self.loader: BackgroundOp | None = None
        self.setWindowTitle(self.tr("Pelanggan ganda"))
        self.resize(860, 540)

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("duplicatePairs")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kiri"), self.tr("Kanan"), self.tr("Kenapa terlihat sama")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 210)
        self.table.setColumnWidth(1, 210)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._open_side)

        self.loading = EmptyState(
            "fa6s.magnifying-glass", self.tr("Mencari pelanggan yang kemungkinan sama…"), "", self
        )
        self.empty = EmptyState(
            "fa6s.circle-check", self.tr("Tidak ada pelanggan yang terlihat ganda."), "", self
        )
        self.stack = QStackedWidget(self)
        for widget in (self.loading, self.table, self.empty):
            self.stack.addWidget(widget)

        self.keep_left = QPushButton(self.tr("← Gabung ke kiri"), self)
        self.keep_left.setObjectName("keepLeft")
        self.keep_left.clicked.connect(lambda: self.merge_current(keep_left=True))
        self.keep_right = QPushButton(self.tr("Gabung ke kanan →"), self)
        self.keep_right.setObjectName("keepRight")
        self.keep_right.clicked.connect(lambda: self.merge_current(keep_left=False))
        self.not_same = QPushButton(self.tr("Bukan duplikat"), self)
        self.not_same.setObjectName("notDuplicate")
        self.not_same.setToolTip(self.tr("Dua orang berbeda: pasangan ini tidak ditampilkan lagi"))
        self.not_same.clicked.connect(self.dismiss_current)
        actions = QHBoxLayout()
        actions.addWidget(self.keep_left)
        actions.addWidget(self.keep_right)
        actions.addStretch(1)
        actions.addWidget(self.not_same)

        self.hint = muted_label()
        self.hint.setObjectName("duplicateHint")
        self.hint.setWordWrap(True)
        self.status = muted_label()
        self.status.setObjectName("duplicateStatus")
        self.status.setStyleSheet("color: #0f766e; font-weight: 600;")
        self.status.hide()
        self.error = error_label(self, boxed=True, name="duplicateError")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(
            heading_label(self.tr("Pelanggan yang mungkin orang yang sama"), size_delta=3)
        )
        layout.addWidget(
            muted_label(
                self.tr(
                    "Gabungkan agar satu orang punya satu profil: semua pesanan, chat, keluhan "
                    "dan kontak ikut pindah, dan penggabungan bisa dibatalkan. Nomor yang "
                    "disamarkan marketplace tidak dipakai sebagai bukti."
                )
            )
        )
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self._update_buttons()
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.stack.setCurrentWidget(self.loading)

        def find(_progress: Any, _cancelled: Any) -> list[DuplicatePair]:
            return likely_duplicates()

        self.loader = run_in_background(self, find, self._show_pairs, self._load_failed)

    def is_loading(self) -> bool:
        return self.loader is not None and self.loader.running

    def _show_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = list(pairs)
        self._fill()

    def _load_failed(self, exc: BaseException) -> None:
        self.pairs = []
        self._fill()
        self._refuse(str(exc) if isinstance(exc, CsdeskError) else repr(exc))

    def _fill(self) -> None:
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            cells = (
                side(pair.a_name, pair.a_orders),
                side(pair.b_name, pair.b_orders),
                "\n".join(pair.evidence),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, (pair.a_id, pair.b_id, None)[column])
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.stack.setCurrentWidget(self.table if self.pairs else self.empty)
        if self.pairs:
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------

    def current_pair(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.pairs:
            return None
        return self.pairs[rows[0].row()]

    def merge_current(self, *, keep_left: bool) -> bool:
        pair = self.current_pair()
        if pair is None:
            return False
        keep, other = (pair.a_id, pair.b_id) if keep_left else (pair.b_id, pair.a_id)
        try:
            result = merge(self, keep, other, self.author)
        except CsdeskError as err:
            self._refuse(str(err))
            return False
        if result is None:
            return False
        kept = pair.a_name if keep_left else pair.b_name
        folded = pair.b_name if keep_left else pair.a_name
        self.status.setText(self.tr("✓ %s digabung ke %s: %s") % (folded, kept, result.summary()))
        self.status.show()
        self.error.hide()
        self._drop(lambda p: other in (p.a_id, p.b_id))
        self.merged.emit(keep)
        return True

    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        dismiss_pair(pair.a_id, pair.b_id)
        self.status.setText(
            self.tr("%s dan %s ditandai bukan duplikat") % (pair.a_name, pair.b_name)
        )
        self.status.show()
        self._drop(lambda p: (p.a_id, p.b_id) == (pair.a_id, pair.b_id))

    def _drop(self, gone) -> None:  # noqa: ANN001 - a predicate on pairs
        row = self.table.currentRow()
        self.pairs = [p for p in self.pairs if not gone(p)]
        self._fill()
        if self.pairs:
            self.table.selectRow(min(max(row, 0), len(self.pairs) - 1))

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _open_side(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        value = item.data(ID_ROLE) if item is not None else None
        if value is not None:
            self.open_customer.emit(int(value))

    def _update_buttons(self) -> None:
        pair = self.current_pair()
        for button in (self.keep_left, self.keep_right, self.not_same):
            button.setEnabled(pair is not None)
        if pair is None:
            self.hint.setText("")
            return
        self.keep_left.setToolTip(
            self.tr("Pertahankan %s; %s digabung ke dalamnya") % (pair.a_name, pair.b_name)
        )
        self.keep_right.setToolTip(
            self.tr("Pertahankan %s; %s digabung ke dalamnya") % (pair.b_name, pair.a_name)
        )
        self.hint.setText(
            self.tr("Gabung ke kiri: %s dipertahankan. Gabung ke kanan: %s dipertahankan.")
            % (pair.a_name, pair.b_name)
        )
