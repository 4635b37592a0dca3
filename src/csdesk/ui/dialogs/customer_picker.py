"""Who a manual order is for: an existing customer found by name or phone, or a new one typed
in place (name, phone, nickname) without leaving the order.

Loyal customers are marked in the suggestions, so the admin greets them as regulars.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.services import fmt
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.listing import ListQuery, Row
from csdesk.services.manual_orders import CustomerDraft
from csdesk.services.segments import LOYAL_MARK
from csdesk.ui.dialogs.manual_order_items import SUGGESTIONS, SuggestEdit, Suggestion
from csdesk.ui.widgets.card import LinkButton, muted_label


def describe(row: Row) -> str:
    """`Siti Rahma (Kak Siti) · +62 812-3456-7890 · ★ Loyal · 5 pesanan`."""
    name = row["name"]
    if row.get("nickname"):
        name += f" ({row['nickname']})"
    parts = [name]
    if row.get("contact"):
        parts.append(fmt.phone_display(str(row["contact"])))
    if row.get("segment") == "loyal":
        parts.append(LOYAL_MARK)
    if row.get("orders"):
        parts.append(f"{row['orders']}\u00a0pesanan")
    return "  ·  ".join(parts)


class CustomerPicker(QWidget):
    """`customer_chosen(id)` fires when an existing customer is picked."""

    customer_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = CustomerListSource()
        self._chosen: int | None = None

        self.search = SuggestEdit(self._suggest, self)
        self.search.setPlaceholderText(self.tr("Cari nama atau no. HP pelanggan…"))
        self.search.setClearButtonEnabled(True)
        self.search.chosen.connect(lambda cid: self.set_customer(int(cid)))
        self.search.textEdited.connect(self._forget_choice)
        self.summary = muted_label(self.tr("Belum ada pelanggan dipilih."))
        self.summary.setObjectName("customerSummary")
        self.new_button = LinkButton(self.tr("+ Pelanggan baru"), self)
        self.new_button.setToolTip(self.tr("Belum pernah belanja? Isi datanya di sini"))
        self.new_button.clicked.connect(lambda: self.set_new_mode(True))
        existing = QWidget(self)
        existing_layout = QVBoxLayout(existing)
        existing_layout.setContentsMargins(0, 0, 0, 0)
        existing_layout.addWidget(self.search)
        existing_layout.addWidget(self.summary)
        existing_layout.addWidget(self.new_button)
        existing_layout.addStretch(1)

        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("mis. Siti Rahma"))
        self.new_phone = QLineEdit(self)
        self.new_phone.setPlaceholderText("0812-3456-7890")
        self.new_nickname = QLineEdit(self)
        self.new_nickname.setPlaceholderText(self.tr("mis. Kak Siti"))
        self.existing_button = LinkButton(self.tr("← Cari pelanggan lama"), self)
        self.existing_button.clicked.connect(lambda: self.set_new_mode(False))
        new = QWidget(self)
        form = QFormLayout(new)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Nama"), self.new_name)
        form.addRow(self.tr("No. HP"), self.new_phone)
        form.addRow(self.tr("Panggilan"), self.new_nickname)
        back = QHBoxLayout()
        back.addWidget(self.existing_button)
        back.addStretch(1)
        form.addRow(back)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(existing)
        self.pages.addWidget(new)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # --- what the order dialog asks -------------------------------------------------------

    def customer_id(self) -> int | None:
        return None if self.is_new() else self._chosen

    def new_customer(self) -> CustomerDraft | None:
        if not self.is_new():
            return None
        return CustomerDraft(
            name=self.new_name.text().strip(),
            phone=self.new_phone.text().strip(),
            nickname=self.new_nickname.text().strip(),
        )

    def is_new(self) -> bool:
        return self.pages.currentIndex() == 1

    def has_input(self) -> bool:
        """Has the seller chosen or typed anyone (worth asking before discarding)?"""
        return self._chosen is not None or bool(self.new_name.text().strip())

    def set_customer(self, customer_id: int) -> None:
        """Show `customer_id` as the chosen customer and tell the dialog."""
        row = self._source.rows([customer_id]).get(customer_id)
        if row is None:
            return
        self.set_new_mode(False)
        self._chosen = customer_id
        self.search.setText(row["name"])
        self.summary.setText(describe(row))
        self.summary.setStyleSheet("color: #1f2937;")
        self.customer_chosen.emit(customer_id)

    def set_new_mode(self, new: bool) -> None:
        self.pages.setCurrentIndex(1 if new else 0)
        (self.new_name if new else self.search).setFocus()

    def focus_input(self) -> None:
        (self.new_name if self.is_new() else self.search).setFocus()

    # --- internals ------------------------------------------------------------------------

    def _suggest(self, text: str) -> list[Suggestion]:
        ids = self._source.ids(ListQuery(search=text), limit=SUGGESTIONS)[:SUGGESTIONS]
        rows = self._source.rows(ids)
        return [Suggestion(describe(rows[i]), rows[i]["name"], i) for i in ids if i in rows]

    def _forget_choice(self) -> None:
        if self._chosen is not None:
            self._chosen = None
            self.summary.setText(self.tr("Belum ada pelanggan dipilih."))
            self.summary.setStyleSheet("color: #6b7480;")
