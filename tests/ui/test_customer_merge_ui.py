"""Merging from the window: the duplicates review (evidence, merge either way, Bukan duplikat),
the customer page's merge history with Batalkan, and "Gabungkan dengan…"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from csdesk.models import Customer, CustomerIdentity, Order, utcnow
from csdesk.ui.dialogs import customer_merge
from csdesk.ui.dialogs.customer_duplicates import DuplicatesDialog
from csdesk.ui.dialogs.customer_merge import MergeWithDialog
from csdesk.ui.panels.customer_merges import MergeHistoryCard


def person(name: str, phone: str, *, orders: int = 0, masked: bool = False) -> Customer:
    customer = Customer.create(name=name, order_count=orders)
    CustomerIdentity.create(
        customer=customer, kind="phone", value=phone, masked=masked,
        normalized="+6281234567890" if not masked else phone,
    )  # fmt: skip
    for n in range(orders):
        Order.create(
            customer=customer, marketplace="shopee", order_no=f"{customer.id}-{n}",
            status="completed", ordered_at=utcnow(), total=100_000,
        )  # fmt: skip
    return customer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question the window asks, answered yes (the texts are kept to check)."""
    asked: list[str] = []

    def ask(_parent, _title, text, _yes) -> bool:  # noqa: ANN001
        asked.append(text)
        return True

    monkeypatch.setattr(customer_merge, "ask", ask)
    return asked


def loaded(qtbot, dialog: DuplicatesDialog) -> DuplicatesDialog:
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    return dialog


def test_review_merges_the_pair_and_says_what_moved(qtbot, db, answers) -> None:
    sari = person("Sari Wulandari", "0812-3456-7890", orders=2)
    copy = person("Sari W", "+62 812 3456 7890", orders=1)
    person("Pembeli A", "62812****90", masked=True)
    person("Pembeli B", "62812****90", masked=True)
    dialog = loaded(qtbot, DuplicatesDialog(author="Rina"))
    qtbot.addWidget(dialog)

    assert dialog.table.rowCount() == 1  # the masked pair is no evidence
    assert dialog.table.item(0, 0).text() == "Sari Wulandari\n2 pesanan"
    assert dialog.table.item(0, 1).text() == "Sari W\n1 pesanan"
    assert "0812-3456-7890" in dialog.table.item(0, 2).text()

    with qtbot.waitSignal(dialog.merged) as merged:
        qtbot.mouseClick(dialog.keep_left, Qt.MouseButton.LeftButton)
    assert merged.args == [sari.id]
    assert answers and answers[0].startswith("Sari W akan digabung ke Sari Wulandari.")
    assert Customer.get_by_id(copy.id).merged_into_id == sari.id
    assert Order.select().where(Order.customer == sari.id).count() == 3
    assert dialog.status.text().startswith("✓ Sari W digabung ke Sari Wulandari: 1 pesanan")
    assert dialog.stack.currentWidget() is dialog.empty


def test_not_the_same_person_stays_dismissed(qtbot, db, answers) -> None:
    person("Sari Wulandari", "0812-3456-7890")
    person("Sari (kantor)", "081234567890")
    dialog = loaded(qtbot, DuplicatesDialog())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.not_same, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    assert Customer.select().where(Customer.merged_into.is_null(False)).count() == 0

    again = loaded(qtbot, DuplicatesDialog())
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.empty
    assert not answers  # dismissing asks nothing: it changes no customer


def test_history_card_undoes_a_merge(qtbot, db, answers) -> None:
    sari = person("Sari Wulandari", "0812-3456-7890", orders=2)
    copy = person("Sari W", "+62 812 3456 7890", orders=1)
    customer_merge.merge_customers(sari.id, copy.id, author="Rina")
    card = MergeHistoryCard()
    qtbot.addWidget(card)
    card.author = "Dina"
    assert card.load(sari.id)
    title = card.findChild(type(card.title_label), "mergeTitle")
    assert title.text() == "Sari W digabung ke sini"

    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(
            card.undo_buttons[next(iter(card.undo_buttons))], Qt.MouseButton.LeftButton
        )
    assert Customer.get_by_id(copy.id).merged_into_id is None
    assert Order.select().where(Order.customer == copy.id).count() == 1
    assert card.undo_buttons == {}  # nothing left to undo
    assert "oleh Dina" in " ".join(
        label.text() for label in card.findChildren(type(card.title_label))
    )


def test_merge_with_refuses_the_same_customer(qtbot, db, answers) -> None:
    sari = person("Sari Wulandari", "0812-3456-7890")
    dialog = MergeWithDialog(sari.id, "Rina")
    qtbot.addWidget(dialog)
    dialog.picker.set_customer(sari.id)
    dialog.merge()
    assert "pelanggan yang sama" in dialog.error.text()
    assert not answers
