"""A small read-only table of plain text (previews, import results, problem lists).

Display text is never interpreted as rich text by item views, so file contents and customer
text stay plain. For the big lists use LazyTableModel; this one holds its rows in memory.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex

MAX_COLUMN_WIDTH = 260


class TextTableModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str] = (),
        rows: Sequence[Sequence[str]] = (),
        parent: QWidget | None = None,
        *,
        numeric: Sequence[int] = (),
    ):
        super().__init__(parent)
        self.numeric = set(numeric)  # columns of counts, aligned right
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self.set_rows(headers, rows)

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        width = max([len(headers), *(len(row) for row in rows)])
        self._headers = [*headers, *[""] * (width - len(headers))]
        self._rows = [[*map(str, row), *[""] * (width - len(row))] for row in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]


class TextTable(QTableView):
    """The view for a TextTableModel: row selection, no editing, columns sized to content."""

    def __init__(self, model: TextTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(header.count()):
            if header.sectionSize(column) > MAX_COLUMN_WIDTH:
                header.resizeSection(column, MAX_COLUMN_WIDTH)
