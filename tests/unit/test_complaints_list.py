"""The Komplain list: open/status/category/due filters and search by code, customer, order."""

from __future__ import annotations

import pytest
from list_factories import at, clock, complaint, customer, order

from csdesk.services.complaints_list import ComplaintListSource
from csdesk.services.listing import ListQuery


@pytest.fixture
def cases(db: object) -> dict[str, int]:
    budi = customer("Budi Santoso")
    siti = customer("Siti Aminah")
    parcel = order("2503010004DDD", ordered_at=at(3, 1))
    rows = {
        "overdue": complaint(
            "KL-2025-0001",
            customer=budi,
            order=parcel,
            due_at=at(3, 5, 1),
            priority="urgent",
            created_at=at(3, 2),
        ),
        "due_later_today": complaint(
            "KL-2025-0002",
            customer=siti,
            category="late",
            status="waiting_courier",
            due_at=at(3, 5, 16),
            created_at=at(3, 3),
        ),
        "resolved": complaint(
            "KL-2025-0003",
            customer=siti,
            status="resolved",
            due_at=at(3, 4),
            priority="low",
            created_at=at(3, 1),
        ),
        "no_due": complaint("KL-2025-0004", category="quality", created_at=at(3, 4)),
    }
    return {key: row.id for key, row in rows.items()}


def names(cases: dict[str, int], found: list[int]) -> list[str]:
    by_id = {value: key for key, value in cases.items()}
    return [by_id[i] for i in found]


def ids(query: ListQuery) -> list[int]:
    return ComplaintListSource(now=clock).ids(query)


def test_newest_first(cases: dict[str, int]) -> None:
    assert names(cases, ids(ListQuery())) == ["no_due", "due_later_today", "overdue", "resolved"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "open"}, ["no_due", "due_later_today", "overdue"]),
        ({"status": "resolved"}, ["resolved"]),
        ({"category": "late"}, ["due_later_today"]),
        ({"due": "overdue"}, ["overdue"]),
        ({"due": "today"}, ["due_later_today", "overdue"]),
    ],
)
def test_filters(cases: dict[str, int], filters: dict[str, str], expected: list[str]) -> None:
    assert names(cases, ids(ListQuery(filters=filters))) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("0003", ["resolved"]),
        ("siti", ["due_later_today", "resolved"]),
        ("DDD", ["overdue"]),
        ("%", []),
        ('"', []),
    ],
)
def test_search(cases: dict[str, int], term: str, expected: list[str]) -> None:
    assert names(cases, ids(ListQuery(search=term))) == expected


def test_sort_by_priority_is_by_urgency(cases: dict[str, int]) -> None:
    found = names(cases, ids(ListQuery(sort="priority", descending=True)))
    assert found[0] == "overdue"
    assert found[-1] == "resolved"


def test_rows_and_badges(cases: dict[str, int]) -> None:
    source = ComplaintListSource(now=clock)
    row = source.rows([cases["overdue"]])[cases["overdue"]]
    assert row == {
        "code": "KL-2025-0001",
        "customer": "Budi Santoso",
        "order_no": "2503010004DDD",
        "category": "damaged",
        "priority": "urgent",
        "status": "new",
        "due_at": at(3, 5, 1),
        "created_at": at(3, 2),
    }
    assert source.badge_label("category", "damaged") == "Rusak"
    assert source.badge_label("priority", "urgent") == "Mendesak"
    assert source.badge_label("status", "waiting_courier") == "Menunggu Kurir"
