"""The Pelanggan list: merged records hidden, segments and tags, search over identities."""

from __future__ import annotations

import pytest
from list_factories import NOW, at, clock, complaint, customer, identity

from csdesk.models import Setting
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.listing import ListQuery


@pytest.fixture
def people(db: object) -> dict[str, int]:
    budi = customer(
        "Budi Santoso",
        nickname="Mas Budi",
        order_count=5,
        lifetime_value=600_000,
        last_order_at=at(3, 1),
        tags="vip, Pelanggan Lama",
    )
    identity(budi, "phone", "******56", masked=True)
    identity(budi, "phone", "081234567890")
    siti = customer("Siti Aminah", order_count=2, lifetime_value=1_500_000, last_order_at=at(2, 1))
    identity(siti, "marketplace", "siti_shop", marketplace="shopee")
    dewi = customer("Dewi", order_count=1, lifetime_value=80_000, last_order_at=at(1, 10))
    complaint("KL-2025-0001", customer=dewi)
    old = customer(
        "Agus", order_count=2, lifetime_value=90_000, last_order_at=at(1, 1) - (NOW - at(1, 1))
    )
    new = customer("Rina", tags="reseller")
    merged = customer("Budi S (lama)", merged_into=budi, order_count=9)
    return {
        "budi": budi.id,
        "siti": siti.id,
        "dewi": dewi.id,
        "old": old.id,
        "new": new.id,
        "merged": merged.id,
    }


def names(people: dict[str, int], found: list[int]) -> list[str]:
    by_id = {value: key for key, value in people.items()}
    return [by_id[i] for i in found]


def ids(query: ListQuery) -> list[int]:
    return CustomerListSource(now=clock).ids(query)


def test_latest_buyers_first_and_merged_hidden(people: dict[str, int]) -> None:
    assert names(people, ids(ListQuery())) == ["budi", "siti", "dewi", "old", "new"]


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("baru", ["dewi", "new"]),
        ("berulang", ["budi", "siti", "old"]),
        ("loyal", ["budi", "siti"]),
        ("pernah_komplain", ["dewi"]),
        ("tidak_aktif", ["old"]),
    ],
)
def test_segment_filters(people: dict[str, int], segment: str, expected: list[str]) -> None:
    assert names(people, ids(ListQuery(filters={"segment": segment}))) == expected


def test_segment_thresholds_come_from_settings(people: dict[str, int]) -> None:
    Setting.create(key="loyal_min_orders", value="6")
    Setting.create(key="loyal_min_value", value="2000000")
    assert ids(ListQuery(filters={"segment": "loyal"})) == []


def test_tag_filter_ignores_spacing_and_case(people: dict[str, int]) -> None:
    source = CustomerListSource(now=clock)
    tags = [choice.value for choice in source.filters[1].choices]
    assert tags == ["", "Pelanggan Lama", "reseller", "vip"]
    found = source.ids(ListQuery(filters={"tag": "pelanggan lama"}))
    assert names(people, found) == ["budi"]
    assert names(people, source.ids(ListQuery(filters={"tag": "vip"}))) == ["budi"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("santoso", ["budi"]),
        ("mas bu", ["budi"]),
        ("0812-3456", ["budi"]),
        ("siti_shop", ["siti"]),
        ("am", ["siti"]),
        ("(lama)", []),
        ('"', []),
        ("AND", []),
    ],
)
def test_search_name_nickname_and_identities(
    people: dict[str, int], term: str, expected: list[str]
) -> None:
    assert names(people, ids(ListQuery(search=term))) == expected


def test_rows_show_contact_segment_and_figures(people: dict[str, int]) -> None:
    source = CustomerListSource(now=clock)
    rows = source.rows([people["budi"], people["siti"], people["new"]])
    assert rows[people["budi"]] == {
        "name": "Budi Santoso",
        "nickname": "Mas Budi",
        "contact": "081234567890",
        "orders": 5,
        "lifetime_value": 600_000,
        "last_order_at": at(3, 1),
        "segment": "loyal",
        "tags": "vip, Pelanggan Lama",
    }
    assert rows[people["siti"]]["contact"] == "siti_shop"
    assert rows[people["new"]]["segment"] == "baru"
    assert rows[people["new"]]["contact"] == ""
    assert source.badge_label("segment", "pernah_komplain") == "Pernah Komplain"


@pytest.mark.parametrize("typed", ["0812 3456 7890", "+62 812-3456-7890", "6281234567890"])
def test_a_phone_typed_another_way_finds_the_customer(db: object, typed: str) -> None:
    """Stored as the buyer wrote it (`0812-3456-7890`); found however the admin types it, by
    the identity's E.164. A masked phone with the same last digits is never a match."""
    sari = customer("Sari")
    identity(sari, "phone", "0812-3456-7890", normalized="+6281234567890")
    masked = customer("Pembeli Shopee")
    identity(masked, "phone", "62812****7890", masked=True)
    customer("Budi")

    assert ids(ListQuery(search=typed)) == [sari.id]


def test_a_short_number_is_not_taken_for_a_phone(db: object) -> None:
    kode = customer("Toko 12345")
    assert ids(ListQuery(search="12345")) == [kode.id]
