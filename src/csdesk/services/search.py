"""Search everything at once (Ctrl+K): customers, orders, and chats by what was said in them.

Each kind takes at most `limit_per_kind` matches through the same search conditions as its
list panel (FTS trigram indexes on SQLite), so a hit here is also found by the panel. The
newest records come first by id (the order they entered csdesk): that lets FTS5 stop after
the first few matches, so even a name on every tenth order is found in milliseconds at a
million orders, where sorting all its matches by date would not be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import peewee as pw

from csdesk.models import Conversation, Customer, CustomerIdentity, Message, Order
from csdesk.services import fmt, text_match
from csdesk.services.conversations_list import message_condition
from csdesk.services.customers_list import search_condition as customer_condition
from csdesk.services.labels import (
    CHANNEL_LABELS,
    MARKETPLACE_LABELS,
    ORDER_STATUS_LABELS,
    label,
)
from csdesk.services.list_sql import fetch_dicts
from csdesk.services.orders_list import search_condition as order_condition

HitKind = Literal["customer", "order", "conversation"]
SNIPPET_CHARS = 80
# Several matching messages often sit in one chat: read a few more to fill the chat hits.
MESSAGES_PER_HIT = 5


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    id: int
    title: str
    subtitle: str


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _customers(text: str, limit: int) -> list[SearchHit]:
    found = customer_condition(text, newest=limit)
    if found is None:
        return []
    select = (
        Customer.select(
            Customer.id,
            Customer.name,
            Customer.nickname,
            Customer.order_count,
            Customer.lifetime_value,
        )
        .where(Customer.merged_into.is_null(), found)
        .order_by(Customer.id.desc())
        .limit(limit)
    )
    rows = fetch_dicts(select)
    phones: dict[int, str] = {}
    identities = CustomerIdentity.select(CustomerIdentity.customer, CustomerIdentity.value).where(
        CustomerIdentity.customer.in_([row["id"] for row in rows]),
        CustomerIdentity.kind == "phone",
        CustomerIdentity.masked == False,  # noqa: E712 (peewee builds SQL from ==)
    )
    for identity in fetch_dicts(identities.order_by(CustomerIdentity.id)):
        phones.setdefault(identity["customer"], identity["value"])
    hits = []
    for row in rows:
        title = f"{row['name']} ({row['nickname']})" if row["nickname"] else row["name"]
        subtitle = _join(
            fmt.phone_display(phones.get(row["id"], "")),
            f"{row['order_count']} pesanan",
            fmt.rupiah(row["lifetime_value"]) if row["lifetime_value"] else "",
        )
        hits.append(SearchHit("customer", row["id"], title, subtitle))
    return hits


def _orders(text: str, limit: int) -> list[SearchHit]:
    found = order_condition(text, newest=limit)
    if found is None:
        return []
    select = (
        Order.select(
            Order.id,
            Order.order_no,
            Order.marketplace,
            Order.status,
            Order.total,
            pw.fn.COALESCE(pw.fn.NULLIF(Order.buyer_name, ""), Order.recipient).alias("buyer"),
        )
        .where(found)
        .order_by(Order.id.desc())
        .limit(limit)
    )
    return [
        SearchHit(
            "order",
            row["id"],
            _join(row["order_no"], row["buyer"]),
            _join(
                label(MARKETPLACE_LABELS, row["marketplace"]),
                label(ORDER_STATUS_LABELS, row["status"]),
                fmt.rupiah(row["total"]),
            ),
        )
        for row in fetch_dicts(select)
    ]


def _snippet(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1] + "…"


def _conversations(text: str, limit: int) -> list[SearchHit]:
    terms = text_match.parse(text)
    if terms is None:
        return []
    select = (
        Message.select(
            Message.conversation,
            Message.body,
            Conversation.channel,
            pw.fn.COALESCE(Customer.name, Conversation.title).alias("who"),
        )
        .join(Conversation, on=(Message.conversation == Conversation.id))
        .join(Customer, pw.JOIN.LEFT_OUTER, on=(Conversation.customer == Customer.id))
        .where(message_condition(terms, newest=limit * MESSAGES_PER_HIT))
        .order_by(Message.id.desc())
        .limit(limit * MESSAGES_PER_HIT)
    )
    hits: dict[int, SearchHit] = {}
    for row in fetch_dicts(select):
        conv_id = row["conversation"]
        if conv_id in hits:
            continue
        subtitle = _join(label(CHANNEL_LABELS, row["channel"]), _snippet(row["body"]))
        hits[conv_id] = SearchHit("conversation", conv_id, row["who"] or "", subtitle)
        if len(hits) == limit:
            break
    return list(hits.values())


def global_search(term: str, limit_per_kind: int = 8) -> list[SearchHit]:
    """Customers, then orders, then chats matching `term`, the newest first within each."""
    return [
        *_customers(term, limit_per_kind),
        *_orders(term, limit_per_kind),
        *_conversations(term, limit_per_kind),
    ]
