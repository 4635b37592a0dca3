"""Pesanan → "Cetak label…" (Ctrl+P) for the selected orders, and "Cetak semua Perlu Dikirim"
(Ctrl+Shift+P) for the day's parcels.

Both open the label dialog (`dialogs.print_labels`); after labels were printed or saved the
list is read again, so "sudah dicetak" shows at once. Messages are opened, not exec()'d.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPushButton

from csdesk.errors import NotFoundError
from csdesk.services.printing.print_run import order_ids_for
from csdesk.ui import glyphs
from csdesk.ui.dialogs.print_labels import PrintLabelsDialog
from csdesk.ui.widgets.list_panel import ListPanel

TO_SHIP = "to_ship"


class OrdersPrint:
    """Label printing for the Pesanan panel; `dialog` and `message` are the last ones shown."""

    def __init__(self, panel: ListPanel, author: str = ""):
        self.panel = panel
        self.author = author
        self.dialog: PrintLabelsDialog | None = None
        self.message: QMessageBox | None = None

    def tr(self, text: str) -> str:
        return self.panel.tr(text)

    def make_all_button(self) -> QPushButton:
        """The title-row button "Cetak semua Perlu Dikirim", with its Ctrl+Shift+P shortcut."""
        button = QPushButton(
            glyphs.icon("fa6s.print", color="#0f766e"),
            self.tr("Cetak semua Perlu Dikirim…"),
            self.panel,
        )
        button.setToolTip(
            self.tr("Cetak label semua pesanan berstatus Perlu Dikirim (Ctrl+Shift+P)")
        )
        button.clicked.connect(self.print_all_to_ship)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+P"), self.panel)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_all_to_ship)
        return button

    def print_ids(self, ids: list[int]) -> None:
        """The label dialog for the selected orders."""
        if not ids:
            self._say(self.tr("Pilih pesanan dulu, atau pakai Cetak semua Perlu Dikirim."))
            return
        self._open(ids)

    def print_all_to_ship(self) -> None:
        """The label dialog for every order waiting to be shipped, earliest deadline first."""
        try:
            ids = order_ids_for(status=TO_SHIP)
        except NotFoundError:
            self._say(self.tr("Tidak ada pesanan Perlu Dikirim; tidak ada label untuk dicetak."))
            return
        self._open(ids)

    def _open(self, ids: list[int]) -> None:
        author = self.author or getattr(self.panel.detail, "author", "")
        dialog = PrintLabelsDialog(ids, self.panel, author=author)
        dialog.printed.connect(lambda _count: self.panel.refresh())
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _say(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Cetak label"), text, parent=self.panel
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        self.message = box
        box.open()
