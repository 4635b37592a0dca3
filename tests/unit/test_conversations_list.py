"""The inbox list: waiting chats first (longest wait on top), views, search in messages."""

from __future__ import annotations

import pytest
from list_factories import at, clock, conversation, customer, message, user

from csdesk.services.conversations_list import ConversationListSource
from csdesk.services.listing import ListQuery


@pytest.fixture
def inbox(db: object) -> dict[str, int]:
    budi = customer("Budi Santoso")
    siti = customer("Siti Aminah")
    rina = user("Rina")
    late = conversation(
        customer=budi,
        waiting_since=at(3, 5, 1),
        first_response_due=at(3, 5, 2),
        last_message_at=at(3, 5, 1),
        last_message_preview="kak, paket saya kapan dikirim?",
    )
    message(late, "kak, paket saya kapan dikirim?", sent_at=at(3, 5, 1))
    waiting = conversation(
        customer=siti,
        channel="instagram",
        waiting_since=at(3, 5, 4),
        first_response_due=at(3, 5, 6),
        last_message_at=at(3, 5, 4),
        assignee=rina,
    )
    message(waiting, "Ready warna merah?", sent_at=at(3, 5, 4))
    answered = conversation(title="+62 811-111", last_message_at=at(3, 5, 3), assignee=rina)
    message(answered, "Rekening BCA berapa?", sent_at=at(3, 5, 2))
    message(answered, "BCA 123", sent_at=at(3, 5, 3), direction="out")
    closed = conversation(
        customer=budi,
        status="closed",
        waiting_since=at(3, 1),
        first_response_due=at(3, 1, 1),
        last_message_at=at(3, 4),
    )
    message(closed, "makasih kak", sent_at=at(3, 4))
    return {"late": late.id, "waiting": waiting.id, "answered": answered.id, "closed": closed.id}


def names(inbox: dict[str, int], found: list[int]) -> list[str]:
    by_id = {value: key for key, value in inbox.items()}
    return [by_id[i] for i in found]


def ids(query: ListQuery) -> list[int]:
    return ConversationListSource(now=clock).ids(query)


def test_waiting_first_then_latest(inbox: dict[str, int]) -> None:
    assert names(inbox, ids(ListQuery())) == ["late", "waiting", "answered", "closed"]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("waiting", ["late", "waiting"]),
        ("late", ["late"]),
        ("unassigned", ["late"]),
    ],
)
def test_views(inbox: dict[str, int], view: str, expected: list[str]) -> None:
    assert names(inbox, ids(ListQuery(filters={"view": view}))) == expected


def test_status_and_channel_filters(inbox: dict[str, int]) -> None:
    assert names(inbox, ids(ListQuery(filters={"status": "closed"}))) == ["closed"]
    assert names(inbox, ids(ListQuery(filters={"channel": "instagram"}))) == ["waiting"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("santoso", ["late", "closed"]),
        ("dikirim", ["late"]),
        ("bca", ["answered"]),
        ("811", ["answered"]),
        ("ka", ["late", "closed"]),
        ('kak"', []),
        ("(", []),
    ],
)
def test_search_customer_title_and_messages(
    inbox: dict[str, int], term: str, expected: list[str]
) -> None:
    assert names(inbox, ids(ListQuery(search=term))) == expected


def test_sort_by_assignee(inbox: dict[str, int]) -> None:
    found = ids(ListQuery(sort="assignee", descending=True))
    assert names(inbox, found)[:2] == ["answered", "waiting"]


def test_rows(inbox: dict[str, int]) -> None:
    source = ConversationListSource(now=clock)
    rows = source.rows([inbox["waiting"], inbox["answered"]])
    assert rows[inbox["waiting"]] == {
        "customer": "Siti Aminah",
        "channel": "Instagram",
        "status": "open",
        "preview": "",
        "waiting_since": at(3, 5, 4),
        "assignee": "Rina",
        "last_message_at": at(3, 5, 4),
    }
    assert rows[inbox["answered"]]["customer"] == "+62 811-111"
    assert source.badge_label("status", "snoozed") == "Ditunda"
