"""The Percakapan list (inbox): who is waiting for an answer comes first, the longest wait on top.

"Waiting" means the customer spoke last (`waiting_since` set) and the thread is not closed;
"late" means that wait has passed its first-response due time. The Dasbor counts the same.
"Active" (status `active`, where the Inbox opens) is open or pending, plus a snoozed thread
whose snooze has run out; "mine" is what the admin at this desk has been given and not closed.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from csdesk.models import Conversation, Customer, Message, User
from csdesk.services import conversations, customers_list, fmt, segments, text_match
from csdesk.services.labels import CHANNEL_LABELS, CONVERSATION_STATUS_LABELS, label
from csdesk.services.list_sql import (
    ALL,
    Clock,
    choices,
    chunked,
    count_rows,
    default_clock,
    fetch_dicts,
    fetch_ids,
    order_by,
    shop_zone,
    useful_limit,
    where_all,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

VIEW_LABELS = {
    "mine": "Milik saya",
    "unassigned": "Belum Ditugaskan",
    "late": "Terlambat",
    "waiting": "Belum Dibalas",
}
ACTIVE = Choice("active", "Aktif")
STATUS_CHOICES = (
    ALL,
    ACTIVE,
    *(Choice(key, text) for key, text in CONVERSATION_STATUS_LABELS.items()),
)


def is_waiting() -> pw.Expression:
    return Conversation.waiting_since.is_null(False) & (Conversation.status != "closed")


def is_late(now: dt.datetime) -> pw.Expression:
    return is_waiting() & (Conversation.first_response_due < now)


def is_active(now: dt.datetime) -> pw.Expression:
    """Still the shop's to handle: open, pending, or snoozed until a time now past."""
    return Conversation.status.in_(("open", "pending")) | (
        (Conversation.status == "snoozed")
        & (Conversation.snoozed_until.is_null() | (Conversation.snoozed_until <= now))
    )


def is_mine(user_id: int | None) -> pw.Expression:
    """Given to this admin and not closed (no admins yet: nothing is anyone's)."""
    if user_id is None:
        return Conversation.id.is_null()
    return (Conversation.assignee == user_id) & (Conversation.status != "closed")


def due_flag(
    waiting_since: dt.datetime | None,
    due: dt.datetime | None,
    status: str,
    now: dt.datetime,
    zone: str,
) -> tuple[str, str]:
    """("late" or "", the sentence for its tooltip): late = the customer still waits past the
    first-response due time; the same rule as the Terlambat view."""
    if waiting_since is None or due is None or status == "closed":
        return "", ""
    if due < now:
        over = fmt.duration((now - due).total_seconds())
        return "late", f"Terlambat {over} — seharusnya dibalas {fmt.datetime_long(due, zone)}"
    left = fmt.duration((due - now).total_seconds())
    return "", f"Balas sebelum {fmt.datetime_long(due, zone)} (sisa {left})"


def waiting_text(
    waiting_since: dt.datetime | None,
    status: str,
    snoozed_until: dt.datetime | None,
    now: dt.datetime,
    zone: str,
) -> str:
    """`2 jam 5 mnt` while the customer waits; `ditunda s/d Sel 08.00` while snoozed."""
    if status == "snoozed" and snoozed_until is not None and snoozed_until > now:
        local = fmt.to_local(snoozed_until, zone)
        return f"ditunda s/d {fmt.DAYS[local.weekday()]} {local:%H.%M}"
    if waiting_since is None or status == "closed":
        return ""
    return fmt.duration((now - waiting_since).total_seconds())


def is_unassigned() -> pw.Expression:
    """Nobody's job yet; closed threads need no one, so they are left out."""
    return Conversation.assignee.is_null() & (Conversation.status != "closed")


def message_condition(terms: text_match.Terms, newest: int | None = None) -> pw.Expression:
    return text_match.condition(
        terms,
        table="message_search",
        id_column=Message.id,
        like=lambda word: Message.body.contains(word),
        newest=newest,
    )


def search_condition(text: str) -> pw.Expression | None:
    """Threads with a customer or a title matching `text`, or a message containing it."""
    terms = text_match.parse(text)
    customers = customers_list.search_condition(text)
    if terms is None or customers is None:
        return None
    in_messages = Message.select(Message.conversation).where(message_condition(terms))
    by_title = [text_match.like_any([Conversation.title], word) for word in terms.words]
    return (
        Conversation.customer.in_(Customer.select(Customer.id).where(customers))
        | Conversation.id.in_(in_messages)
        | functools.reduce(operator.and_, by_title)
    )


def _who() -> pw.ColumnBase:
    return pw.fn.COALESCE(Customer.name, Conversation.title)


class ConversationListSource:
    """`me()` names the admin at this desk for "Milik saya" (default: conversations.
    current_user_id); tests pass their own, like `now`."""

    columns = (
        Column("customer", "Pelanggan", width=150),
        Column("waiting", "Menunggu", width=150, sortable=False),
        Column("channel", "Kanal", "badge", width=96),
        Column("preview", "Pesan Terakhir", width=240, sortable=False),
        Column("first_response_due", "Batas Balas", "datetime", width=130),
        Column("assignee", "Petugas", width=100),
        Column("status", "Status", "badge", width=90),
        Column("last_message_at", "Terakhir", "datetime", width=130),
    )
    filters = (
        Filter("status", "Status", STATUS_CHOICES),
        Filter("view", "Tampilan", (ALL, *(Choice(k, v) for k, v in VIEW_LABELS.items()))),
        Filter("channel", "Kanal", choices(CHANNEL_LABELS)),
    )

    def __init__(self, now: Clock | None = None, me: Callable[[], int | None] | None = None):
        self._now = default_clock(now)
        self._me = me or conversations.current_user_id

    def badge_label(self, column_key: str, value: str) -> str:
        if column_key == "channel":
            return label(CHANNEL_LABELS, value)
        return label(CONVERSATION_STATUS_LABELS, value)

    def conditions(self, query: ListQuery) -> list[pw.Expression]:
        conditions: list[pw.Expression] = []
        found = search_condition(query.search)
        if found is not None:
            conditions.append(found)
        status = query.filters.get("status")
        if status == ACTIVE.value:
            conditions.append(is_active(self._now()))
        elif status:
            conditions.append(Conversation.status == status)
        channel = query.filters.get("channel")
        if channel:
            conditions.append(Conversation.channel == channel)
        view = query.filters.get("view")
        if view == "waiting":
            conditions.append(is_waiting())
        elif view == "late":
            conditions.append(is_late(self._now()))
        elif view == "unassigned":
            conditions.append(is_unassigned())
        elif view == "mine":
            conditions.append(is_mine(self._me()))
        return conditions

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "customer": _who(),
            "channel": Conversation.channel,
            "status": Conversation.status,
            "first_response_due": Conversation.first_response_due,
            "assignee": User.name,
            "last_message_at": Conversation.last_message_at,
        }
        waiting_group = pw.Case(None, [(is_waiting(), 0)], 1)
        natural = [
            waiting_group,
            pw.Case(None, [(is_waiting(), Conversation.waiting_since)], None),
            Conversation.last_message_at.desc(nulls="LAST"),
            Conversation.id.desc(),
        ]
        ordered = self._select(query).order_by(*order_by(query, sortable, natural, Conversation.id))
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        return count_rows(self._select(query))

    def _select(self, query: ListQuery) -> pw.Select:
        select = (
            Conversation.select(Conversation.id)
            .join(Customer, pw.JOIN.LEFT_OUTER, on=(Conversation.customer == Customer.id))
            .switch(Conversation)
            .join(User, pw.JOIN.LEFT_OUTER, on=(Conversation.assignee == User.id))
        )
        select = where_all(select, self.conditions(query))
        return select

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        """Display values by id; besides the columns, `deadline` ("late" or "") and
        `deadline_note` (its sentence) for the Menunggu and Batas Balas cells, drawn as the
        Pesanan list draws a late ship-by date."""
        now, zone = self._now(), shop_zone()
        rules = segments.rules()
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            select = (
                Conversation.select(
                    Conversation.id,
                    _who().alias("customer"),
                    Customer.order_count.alias("customer_orders"),
                    Customer.lifetime_value.alias("customer_value"),
                    Conversation.channel,
                    Conversation.status,
                    Conversation.last_message_preview,
                    Conversation.waiting_since,
                    Conversation.first_response_due,
                    Conversation.snoozed_until,
                    pw.fn.COALESCE(User.name, "").alias("assignee"),
                    Conversation.last_message_at,
                )
                .join(Customer, pw.JOIN.LEFT_OUTER, on=(Conversation.customer == Customer.id))
                .switch(Conversation)
                .join(User, pw.JOIN.LEFT_OUTER, on=(Conversation.assignee == User.id))
                .where(Conversation.id.in_(chunk))
            )
            for record in fetch_dicts(select):
                result[record["id"]] = _row(record, now, zone)
                loyal = segments.is_loyal(
                    record["customer_orders"], record["customer_value"], rules
                )
                row = result[record["id"]]
                row["loyal"] = loyal
                row["customer"] = segments.with_loyal_mark(row["customer"], loyal)
        return result


def _row(record: dict[str, Any], now: dt.datetime, zone: str) -> Row:
    waiting_since, status = record["waiting_since"], record["status"]
    due = record["first_response_due"] if waiting_since is not None else None
    deadline, note = due_flag(waiting_since, due, status, now, zone)
    return {
        "deadline": deadline,
        "deadline_note": note,
        "customer": record["customer"],
        "waiting": waiting_text(waiting_since, status, record["snoozed_until"], now, zone),
        "channel": record["channel"],
        "preview": record["last_message_preview"],
        "first_response_due": due if status != "closed" else None,
        "assignee": record["assignee"],
        "status": status,
        "last_message_at": record["last_message_at"],
    }
