"""Internal notes on an order: saved under the admin's name, newest first, in the history too."""

from __future__ import annotations

import pytest
from list_factories import at, order

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import OrderEvent
from csdesk.services import details
from csdesk.services.order_notes import add_order_note, order_notes


@pytest.fixture
def order_id(db: object) -> int:
    return order("2503050001AAA", ordered_at=at(3, 4, 13), status="to_ship").id


def test_notes_are_saved_and_listed_newest_first(order_id: int) -> None:
    add_order_note(order_id, "  Stok warna navy habis, tanya pembeli  ", "Rina", now=at(3, 5, 2))
    add_order_note(order_id, "Pembeli setuju ganti hitam", "Dodi", now=at(3, 5, 4))
    notes = order_notes(order_id)
    assert [(n.detail, n.author, n.at) for n in notes] == [
        ("Pembeli setuju ganti hitam", "Dodi", at(3, 5, 4)),
        ("Stok warna navy habis, tanya pembeli", "Rina", at(3, 5, 2)),
    ]
    assert OrderEvent.select().where(OrderEvent.kind == "note").count() == 2


def test_notes_show_in_the_detail_and_its_history(order_id: int) -> None:
    OrderEvent.create(order=order_id, at=at(3, 4, 14), kind="imported", detail="Diimpor")
    add_order_note(order_id, "Sudah dicek gudang", "Rina", now=at(3, 5, 2))
    detail = details.order_detail(order_id)
    assert [n.detail for n in detail.notes] == ["Sudah dicek gudang"]
    assert [e.detail for e in detail.events] == ["Sudah dicek gudang", "Diimpor"]


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_note_is_refused_and_nothing_is_written(order_id: int, text: str) -> None:
    with pytest.raises(ValidationError, match="kosong"):
        add_order_note(order_id, text, "Rina")
    assert order_notes(order_id) == []


def test_a_note_on_a_missing_order_is_refused(order_id: int) -> None:
    with pytest.raises(NotFoundError):
        add_order_note(order_id + 99, "Catatan", "Rina")
    with pytest.raises(ValidationError, match="terlalu panjang"):
        add_order_note(order_id, "x" * 4001, "Rina")
