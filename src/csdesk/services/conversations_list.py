"""The Percakapan list (inbox): who is waiting for an answer comes first, the longest wait on top.

"Waiting" means the customer spoke last (`waiting_since` set) and the thread is not closed;
"late" means that wait has passed its first-response due time. The Dasbor counts the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence

import peewee as pw

from csdesk.models import Conversation, Customer, Message, User
from csdesk.services import customers_list, text_match
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
    useful_limit,
    where_all,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

VIEW_LABELS = {
    "waiting": "Belum Dibalas",
    "late": "Terlambat",
    "unassigned": "Belum Ditugaskan",
}


def is_waiting() -> pw.Expression:
    return Conversation.waiting_since.is_null(False) & (Conversation.status != "closed")


def is_late(now: dt.datetime) -> pw.Expression:
    return is_waiting() & (Conversation.first_response_due < now)


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
    columns = (
        Column("customer", "Pelanggan", width=150),
        Column("channel", "Kanal", width=100),
        Column("status", "Status", "badge", width=96),
        Column("preview", "Pesan Terakhir", width=280, sortable=False),
        Column("waiting_since", "Menunggu Sejak", "datetime", width=150),
        Column("assignee", "Petugas", width=110),
        Column("last_message_at", "Terakhir", "datetime", width=130),
    )
    filters = (
        Filter("status", "Status", choices(CONVERSATION_STATUS_LABELS)),
        Filter("view", "Tampilan", (ALL, *(Choice(k, v) for k, v in VIEW_LABELS.items()))),
        Filter("channel", "Kanal", choices(CHANNEL_LABELS)),
    )

    def __init__(self, now: Clock | None = None):
        self._now = default_clock(now)

    def badge_label(self, column_key: str, value: str) -> str:
        return label(CONVERSATION_STATUS_LABELS, value)

    def conditions(self, query: ListQuery) -> list[pw.Expression]:
        conditions: list[pw.Expression] = []
        found = search_condition(query.search)
        if found is not None:
            conditions.append(found)
        status = query.filters.get("status")
        if status:
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
        return conditions

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "customer": _who(),
            "channel": Conversation.channel,
            "status": Conversation.status,
            "waiting_since": Conversation.waiting_since,
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
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            select = (
                Conversation.select(
                    Conversation.id,
                    _who().alias("customer"),
                    Conversation.channel,
                    Conversation.status,
                    Conversation.last_message_preview,
                    Conversation.waiting_since,
                    pw.fn.COALESCE(User.name, "").alias("assignee"),
                    Conversation.last_message_at,
                )
                .join(Customer, pw.JOIN.LEFT_OUTER, on=(Conversation.customer == Customer.id))
                .switch(Conversation)
                .join(User, pw.JOIN.LEFT_OUTER, on=(Conversation.assignee == User.id))
                .where(Conversation.id.in_(chunk))
            )
            for record in fetch_dicts(select):
                result[record["id"]] = {
                    "customer": record["customer"],
                    "channel": label(CHANNEL_LABELS, record["channel"]),
                    "status": record["status"],
                    "preview": record["last_message_preview"],
                    "waiting_since": record["waiting_since"],
                    "assignee": record["assignee"],
                    "last_message_at": record["last_message_at"],
                }
        return result
