"""The inbox list: waiting chats first (longest wait on top), views (Milik saya, Terlambat…),
the Aktif status the Inbox opens on, search in messages, and the rows it shows."""

from __future__ import annotations

import pytest
from list_factories import at, clock, conversation, customer, message, user

from csdesk.models import Conversation, User
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


def ids(query: ListQuery, me: int | None = None) -> list[int]:
    return ConversationListSource(now=clock, me=lambda: me).ids(query)


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


def test_mine_is_what_this_admin_was_given_and_not_closed(inbox: dict[str, int]) -> None:
    rina = User.get(User.name == "Rina").id
    Conversation.update(assignee=rina).where(Conversation.id == inbox["closed"]).execute()
    mine = ListQuery(filters={"view": "mine"})
    assert names(inbox, ids(mine, me=rina)) == ["waiting", "answered"]
    assert ids(mine, me=None) == []


def test_mine_defaults_to_the_admin_at_this_desk(inbox: dict[str, int]) -> None:
    # csdesk has no log-in: the desk's admin is the owner, else the first admin by name.
    owner = user("Ayu")
    User.update(role="owner").where(User.id == owner.id).execute()
    Conversation.update(assignee=owner).where(Conversation.id == inbox["late"]).execute()
    found = ConversationListSource(now=clock).ids(ListQuery(filters={"view": "mine"}))
    assert names(inbox, found) == ["late"]


def test_active_is_open_pending_and_snoozes_that_ran_out(inbox: dict[str, int]) -> None:
    snoozed_on = conversation(title="ditunda", status="snoozed", snoozed_until=at(3, 6, 1))
    snooze_over = conversation(title="kembali", status="snoozed", snoozed_until=at(3, 5, 4))
    pending = conversation(title="menunggu", status="pending", last_message_at=at(3, 2))
    found = ids(ListQuery(filters={"status": "active"}))
    assert snoozed_on.id not in found
    assert inbox["closed"] not in found
    assert set(found) == {
        inbox["late"],
        inbox["waiting"],
        inbox["answered"],
        snooze_over.id,
        pending.id,
    }
    # Still the longest wait first.
    assert found[:2] == [inbox["late"], inbox["waiting"]]


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
    rows = source.rows([inbox["waiting"], inbox["answered"], inbox["late"], inbox["closed"]])
    assert rows[inbox["waiting"]] == {
        "deadline": "",
        "deadline_note": "Balas sebelum Rab, 05 Mar 2025 13.00 WIB (sisa 1 jam)",
        "loyal": False,
        "customer": "Siti Aminah",
        "waiting": "1 jam",
        "channel": "instagram",
        "status": "open",
        "preview": "",
        "first_response_due": at(3, 5, 6),
        "assignee": "Rina",
        "last_message_at": at(3, 5, 4),
    }
    answered = rows[inbox["answered"]]
    assert answered["customer"] == "+62 811-111"
    assert (answered["waiting"], answered["first_response_due"], answered["deadline"]) == (
        "",
        None,
        "",
    )
    late = rows[inbox["late"]]
    assert late["waiting"] == "4 jam"
    assert late["deadline"] == "late"
    assert (
        late["deadline_note"] == "Terlambat 3 jam — seharusnya dibalas Rab, 05 Mar 2025 09.00 WIB"
    )
    # A closed thread waits for nobody, whatever its old timers say.
    assert (rows[inbox["closed"]]["waiting"], rows[inbox["closed"]]["deadline"]) == ("", "")
    assert source.badge_label("status", "snoozed") == "Ditunda"
    assert source.badge_label("channel", "tiktok") == "TikTok Shop"


def test_snoozed_row_says_until_when(inbox: dict[str, int]) -> None:
    snoozed = conversation(title="x", status="snoozed", snoozed_until=at(3, 6, 1))
    row = ConversationListSource(now=clock).rows([snoozed.id])[snoozed.id]
    assert row["waiting"] == "ditunda s/d Kam 08.00"


def test_a_loyal_customers_chat_is_marked_beside_the_name(db: object) -> None:
    regular = customer("Sari Wulandari", order_count=1, lifetime_value=1_500_000)
    chat = conversation(customer=regular, channel="whatsapp")
    row = ConversationListSource(now=clock).rows([chat.id])[chat.id]
    assert (row["customer"], row["loyal"]) == ("Sari Wulandari  ★\u00a0Loyal", True)
