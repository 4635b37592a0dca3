"""Actions on the rows a seller selected in a list: one right-click menu, title-row buttons.

A panel registers each action once; the action appears in the table's context menu (in the
order added) and, when asked, as a button in the panel's title row. Actions and buttons are
enabled only while rows are selected, and the callback receives the selected ids in the
order the table shows them. A right-click on a row outside the selection selects that row
first, as file managers do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QMenu, QToolButton, QWidget

from csdesk.ui import glyphs
from csdesk.ui.widgets.data_table import DataTable

BatchCallback = Callable[[list[int]], None]


class BatchActions(QObject):
    def __init__(
        self,
        table: DataTable,
        selected_ids: Callable[[], list[int]],
        shortcut_scope: QWidget,
        button_row: QBoxLayout,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._selected_ids = selected_ids
        self._scope = shortcut_scope
        self._button_row = button_row
        self.actions: list[QAction] = []
        self.buttons: list[QToolButton] = []
        self.menu: QMenu | None = None
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_menu)
        table.selectionModel().selectionChanged.connect(self._update_enabled)
        table.model().modelReset.connect(self._update_enabled)

    def add(
        self,
        text: str,
        icon: str,
        callback: BatchCallback,
        *,
        shortcut: str = "",
        button: bool = False,
    ) -> QAction:
        """Register `callback(selected ids)` under `text` (qtawesome `icon` name or "");
        `shortcut` works anywhere in the panel; `button` also puts it in the title row."""
        action = QAction(glyphs.icon(icon, color="#0f766e") if icon else glyphs.icon(), text, self)
        action.setIconText(text)  # a button's text would lose the "…" that promises a dialog
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._scope.addAction(action)
        action.triggered.connect(lambda _checked=False: self._run(callback))
        self.actions.append(action)
        if button:
            tool = QToolButton(self._scope)
            tool.setDefaultAction(action)
            tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._button_row.addWidget(tool)
            self.buttons.append(tool)
        self._update_enabled()
        return action

    def build_menu(self) -> QMenu:
        """The context menu as it would open now (kept as `menu` until the next one)."""
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = QMenu(self._table)
        for action in self.actions:
            self.menu.addAction(action)
        return self.menu

    def _show_menu(self, at: QPoint) -> None:
        index = self._table.indexAt(at)
        if index.isValid() and not self._table.selectionModel().isRowSelected(index.row()):
            self._table.select_row(index.row())
        if not self._table.selected_count():
            return
        self.build_menu().popup(self._table.viewport().mapToGlobal(at))

    def _run(self, callback: BatchCallback) -> None:
        ids = self._selected_ids()
        if ids:
            callback(ids)

    def _update_enabled(self) -> None:
        selected = self._table.selected_count() > 0
        for action in self.actions:
            action.setEnabled(selected)
