"""The Template list: search over title, shortcut and body; category filter; first line."""

from __future__ import annotations

import pytest

from csdesk.models import Template
from csdesk.services.listing import ListQuery
from csdesk.services.templates_list import TemplateListSource


@pytest.fixture
def replies(db: object) -> dict[str, int]:
    rows = {
        "rek": Template.create(
            title="Nomor rekening",
            shortcut="/rek",
            body="\n  BCA 123 a.n. Toko\nMandiri 456",
            category="Bayar",
        ),
        "ongkir": Template.create(
            title="Ongkir", shortcut="/ongkir", body="Ongkir ke {kota}", category="Kirim"
        ),
        "salam": Template.create(
            title="assalamualaikum", shortcut="/salam", body="Halo kak {nama}!"
        ),
    }
    return {key: row.id for key, row in rows.items()}


def names(replies: dict[str, int], found: list[int]) -> list[str]:
    by_id = {value: key for key, value in replies.items()}
    return [by_id[i] for i in found]


def test_alphabetical_search_and_category(replies: dict[str, int]) -> None:
    source = TemplateListSource()
    assert names(replies, source.ids(ListQuery())) == ["salam", "rek", "ongkir"]
    assert names(replies, source.ids(ListQuery(search="mandiri"))) == ["rek"]
    assert names(replies, source.ids(ListQuery(search="/ong"))) == ["ongkir"]
    assert names(replies, source.ids(ListQuery(search="{"))) == ["salam", "ongkir"]
    assert [c.value for c in source.filters[0].choices] == ["", "Bayar", "Kirim"]
    assert names(replies, source.ids(ListQuery(filters={"category": "Kirim"}))) == ["ongkir"]


def test_rows_show_the_first_line(replies: dict[str, int]) -> None:
    row = TemplateListSource().rows([replies["rek"]])[replies["rek"]]
    assert row == {
        "title": "Nomor rekening",
        "shortcut": "/rek",
        "category": "Bayar",
        "first_line": "BCA 123 a.n. Toko",
    }
