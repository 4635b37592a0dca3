"""The items of a manual order: a table of product, variant, SKU, quantity and price rows, and
the two small widgets the order dialogs share (a rupiah spin box, a search-as-you-type field).

A product is picked from the shop's list (typing completes from `products.list_products`;
picking fills SKU, variant and price), or typed freely for something not in the list: such an
item has no SKU and never touches stock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)

from csdesk.services import fmt, products
from csdesk.services.manual_orders import ItemDraft
from csdesk.ui import glyphs

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
FILL_ROLE = Qt.ItemDataRole.UserRole + 2  # the text the field takes when a suggestion is chosen
SEARCH_DELAY_MS = 150
SUGGESTIONS = 12
MONEY_MAX = 2_000_000_000  # a QSpinBox holds a 32-bit int; no order line comes near it


def money_spin(parent: QWidget | None = None) -> QSpinBox:
    """A rupiah amount typed as digits and shown `Rp1.250.000`."""
    spin = QSpinBox(parent)
    spin.setRange(0, MONEY_MAX)
    spin.setPrefix("Rp")
    spin.setSingleStep(1_000)
    spin.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    spin.setGroupSeparatorShown(True)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
    return spin


@dataclass(frozen=True)
class Suggestion:
    shown: str  # the popup line
    fill: str  # what the field then holds
    payload: object


Searcher = Callable[[str], Sequence[Suggestion]]


class SuggestEdit(QLineEdit):
    """A line edit that searches as the seller types and offers the matches in a popup.

    The search runs in the database (thousands of customers never sit in a Qt model), a short
    moment after the last key. `chosen(payload)` fires when a suggestion is picked (Enter or
    click in the popup, or `choose(row)`); typing afterwards leaves the choice to the caller.
    """

    chosen = Signal(object)

    def __init__(self, search: Searcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.suggestions = QStandardItemModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(SUGGESTIONS)
        self.completer_.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _text: self._timer.start())

    def run_search(self) -> None:
        """Search now for the field's text and open the popup when something matches."""
        self._timer.stop()
        text = self.text().strip()
        self.suggestions.clear()
        if not text:
            self.completer_.popup().hide()
            return
        for suggestion in self._search(text):
            item = QStandardItem(suggestion.shown)
            item.setData(suggestion.payload, PAYLOAD_ROLE)
            item.setData(suggestion.fill, FILL_ROLE)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount() and self.hasFocus():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def choose(self, row: int) -> None:
        """Take suggestion `row` as if the seller picked it in the popup."""
        self._take(self.suggestions.index(row, 0))

    def _on_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self._take(index)

    def _take(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        self._timer.stop()
        self.completer_.popup().hide()
        self.setText(str(index.data(FILL_ROLE)))
        self.chosen.emit(index.data(PAYLOAD_ROLE))


def product_suggestions(text: str) -> list[Suggestion]:
    result = []
    for product in products.list_products(text, limit=SUGGESTIONS):
        stock = f"stok {product.stock}" if product.stock > 0 else "stok habis"
        shown = f"{product.label}  ·  {product.sku}  ·  {fmt.rupiah(product.price)}  ·  {stock}"
        result.append(Suggestion(shown, product.name, product))
    return result


class _Row:
    """The editors of one item row."""

    def __init__(self, table: ItemsTable) -> None:
        self.product = SuggestEdit(product_suggestions, table)
        self.product.setPlaceholderText(table.tr("Ketik nama produk atau SKU…"))
        self.variant = QLineEdit(table)
        self.variant.setPlaceholderText(table.tr("mis. Navy, L"))
        self.sku = QLineEdit(table)
        self.quantity = QSpinBox(table)
        self.quantity.setRange(1, 9999)
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.quantity.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.price = money_spin(table)
        self.remove = QToolButton(table)
        self.remove.setIcon(glyphs.icon("fa6s.trash-can", color="#9ca3af"))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(table.tr("Hapus barang ini"))
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        for edit in (self.product, self.variant, self.sku, self.quantity, self.price):
            edit.setFrame(False)

    def draft(self) -> ItemDraft:
        return ItemDraft(
            product=self.product.text().strip(),
            variant=self.variant.text().strip(),
            sku=self.sku.text().strip(),
            quantity=self.quantity.value(),
            unit_price=self.price.value(),
        )

    def is_blank(self) -> bool:
        return not (self.product.text().strip() or self.sku.text().strip())


class ItemsTable(QTableWidget):
    """The order's items; `total_changed(items_total)` fires on every edit."""

    total_changed = Signal(int)

    PRODUCT, VARIANT, SKU, QUANTITY, PRICE, SUBTOTAL, REMOVE = range(7)
    ROW_HEIGHT = 32

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Produk"), self.tr("Varian"), self.tr("SKU"), self.tr("Qty"),
             self.tr("Harga satuan"), self.tr("Subtotal"), ""]
        )  # fmt: skip
        self.rows: list[_Row] = []
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.ROW_HEIGHT)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab moves through the editors only
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (self.VARIANT, 120),
            (self.SKU, 110),
            (self.QUANTITY, 56),
            (self.PRICE, 116),
            (self.SUBTOTAL, 116),
            (self.REMOVE, 34),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)
        for column in (self.QUANTITY, self.PRICE, self.SUBTOTAL):
            self.horizontalHeaderItem(column).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )

    def add_item(self, item: ItemDraft | None = None) -> _Row:
        """Append a row (blank, or filled from `item`) and return its editors."""
        row = _Row(self)
        number = len(self.rows)
        self.rows.append(row)
        self.insertRow(number)
        self.setCellWidget(number, self.PRODUCT, row.product)
        self.setCellWidget(number, self.VARIANT, row.variant)
        self.setCellWidget(number, self.SKU, row.sku)
        self.setCellWidget(number, self.QUANTITY, row.quantity)
        self.setCellWidget(number, self.PRICE, row.price)
        subtotal = QTableWidgetItem()
        subtotal.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(number, self.SUBTOTAL, subtotal)
        self.setCellWidget(number, self.REMOVE, row.remove)
        if item is not None:
            row.product.setText(item.product)
            row.variant.setText(item.variant)
            row.sku.setText(item.sku)
            row.quantity.setValue(item.quantity)
            row.price.setValue(item.unit_price)
        row.product.chosen.connect(lambda info, r=row: self._fill_from_product(r, info))
        row.quantity.valueChanged.connect(self._update_totals)
        row.price.valueChanged.connect(self._update_totals)
        row.remove.clicked.connect(lambda _=False, r=row: self.remove_item(r))
        self._update_totals()
        return row

    def remove_item(self, row: _Row) -> None:
        number = self.rows.index(row)
        self.rows.pop(number)
        self.removeRow(number)
        self._update_totals()

    def set_items(self, items: Sequence[ItemDraft]) -> None:
        while self.rows:
            self.remove_item(self.rows[-1])
        for item in items:
            self.add_item(item)

    def items(self) -> list[ItemDraft]:
        """The rows as drafts; rows left completely empty are not items."""
        return [row.draft() for row in self.rows if not row.is_blank()]

    def items_total(self) -> int:
        return sum(item.subtotal for item in self.items())

    def _fill_from_product(self, row: _Row, info: object) -> None:
        if not isinstance(info, products.ProductInfo):
            return
        row.variant.setText(info.variant)
        row.sku.setText(info.sku)
        row.price.setValue(info.price)
        row.quantity.setFocus()
        row.quantity.selectAll()
        self._update_totals()

    def _update_totals(self) -> None:
        for number, row in enumerate(self.rows):
            cell = self.item(number, self.SUBTOTAL)
            if cell is not None:
                cell.setText(fmt.rupiah(row.quantity.value() * row.price.value()))
        self.total_changed.emit(self.items_total())
