"""The Pelanggan list: customers (never merged-away records), their contact, figures and segment.

The order figures are columns kept on the customer (services/customer_stats.py), so filtering
by segment and sorting by value never aggregates the order table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import peewee as pw

from csdesk.models import Complaint, Customer, CustomerIdentity
from csdesk.services import fmt, segments, text_match
from csdesk.services.details_customers import split_tags
from csdesk.services.labels import SEGMENT_LABELS, label
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
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

PHONE_MIN_DIGITS = 8


def phone_customers(text: str) -> pw.Select | None:
    """The customers with a real phone that is `text` written another way: `0812 3456 7890`,
    `+62 812-3456-7890` and `6281234567890` all find `0812-3456-7890`, by the identity's E.164
    (`normalized`, indexed). None unless `text` is only a phone number (digits, spaces, + - . ( )
    and at least PHONE_MIN_DIGITS digits); masked phones never match (they have no E.164)."""
    if not text_match.is_phone_like(text, PHONE_MIN_DIGITS):
        return None
    e164 = fmt.phone_e164(text)
    if e164 is None:
        return None
    # By `normalized` alone: with `kind` too SQLite takes the wider index and scans (see
    # importing/customers_match.py); only phones have a `+62…` normalized value anyway.
    return CustomerIdentity.select(CustomerIdentity.customer).where(
        CustomerIdentity.normalized == e164
    )


def search_condition(text: str, newest: int | None = None) -> pw.Expression | None:
    """Customers whose name, nickname or any identity (phone, username, email, WhatsApp name)
    contains `text`, or whose phone is `text` in another format (phone_customers)
    (`newest`: see text_match.condition)."""
    terms = text_match.parse(text)
    if terms is None:
        return None
    by_phone = phone_customers(text)

    def like(word: str) -> pw.Expression:
        in_identity = CustomerIdentity.select(CustomerIdentity.customer).where(
            CustomerIdentity.value.contains(word)
        )
        return text_match.like_any([Customer.name, Customer.nickname], word) | Customer.id.in_(
            in_identity
        )

    found = text_match.condition(
        terms, table="customer_search", id_column=Customer.id, like=like, newest=newest
    )
    return found if by_phone is None else found | Customer.id.in_(by_phone)


def _squeezed(text: str) -> str:
    return text.replace(" ", "")


def tag_condition(tag: str) -> pw.Expression:
    """Customers carrying `tag` in their comma-separated tags, whatever the spacing or case."""
    tags = pw.Value(",").concat(pw.fn.REPLACE(Customer.tags, " ", "")).concat(",")
    return tags.contains(f",{_squeezed(tag)},")


def known_tags() -> list[str]:
    """Every tag in use, sorted, each spelled as first met."""
    seen: dict[str, str] = {}
    query = Customer.select(Customer.tags).where(
        Customer.merged_into.is_null(), Customer.tags != ""
    )
    for row in fetch_dicts(query.distinct()):
        for tag in row["tags"].split(","):
            tag = tag.strip()
            if tag:
                seen.setdefault(_squeezed(tag).lower(), tag)
    return sorted(seen.values(), key=str.lower)


def _contact(identities: list[dict[str, Any]]) -> str:
    """The first real phone, else the first other identity that is not masked, else any."""
    phones = [i for i in identities if i["kind"] == "phone" and not i["masked"]]
    unmasked = [i for i in identities if not i["masked"]]
    for group in (phones, unmasked, identities):
        if group:
            return str(group[0]["value"])
    return ""


class CustomerListSource:
    columns = (
        Column("name", "Nama", width=150),
        Column("nickname", "Panggilan", width=95),
        Column("contact", "Kontak", "phone", width=158, sortable=False),
        Column("orders", "Pesanan", "int", width=75),
        Column("lifetime_value", "Nilai Belanja", "money", width=122),
        Column("last_order_at", "Pesanan Terakhir", "datetime", width=150),
        Column("segment", "Segmen", "badge", width=134, sortable=False),
        Column("tags", "Tag", width=150),
    )

    def __init__(self, now: Clock | None = None):
        self._now = default_clock(now)
        # Tags change rarely; a panel that edits them builds a new source to refresh the list.
        self.filters = (
            Filter("segment", "Segmen", choices(SEGMENT_LABELS)),
            Filter("tag", "Tag", (ALL, *(Choice(tag, tag) for tag in known_tags()))),
        )

    def badge_label(self, column_key: str, value: str) -> str:
        return label(SEGMENT_LABELS, value)

    def conditions(self, query: ListQuery) -> list[pw.Expression]:
        conditions = [Customer.merged_into.is_null()]
        found = search_condition(query.search)
        if found is not None:
            conditions.append(found)
        segment = query.filters.get("segment")
        if segment:
            chosen = segments.condition(segment, segments.rules(), self._now())
            if chosen is not None:
                conditions.append(chosen)
        tag = query.filters.get("tag")
        if tag:
            conditions.append(tag_condition(tag))
        return conditions

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "name": Customer.name,
            "nickname": Customer.nickname,
            "orders": Customer.order_count,
            "lifetime_value": Customer.lifetime_value,
            "last_order_at": Customer.last_order_at,
            "tags": Customer.tags,
        }
        natural = [Customer.last_order_at.desc(nulls="LAST"), Customer.name, Customer.id]
        select = Customer.select(Customer.id).where(*self.conditions(query))
        ordered = select.order_by(*order_by(query, sortable, natural, Customer.id))
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        return count_rows(Customer.select(Customer.id).where(*self.conditions(query)))

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        result: dict[int, Row] = {}
        rules = segments.rules()
        now = self._now()
        for chunk in chunked(ids):
            identities: dict[int, list[dict[str, Any]]] = {}
            for identity in fetch_dicts(
                CustomerIdentity.select().where(CustomerIdentity.customer.in_(chunk))
            ):
                identities.setdefault(identity["customer"], []).append(identity)
            complained = set(
                fetch_ids(segments.complained_customers().where(Complaint.customer.in_(chunk)))
            )
            for customer in fetch_dicts(Customer.select().where(Customer.id.in_(chunk))):
                cid = customer["id"]
                result[cid] = {
                    "name": customer["name"],
                    "nickname": customer["nickname"],
                    "contact": _contact(sorted(identities.get(cid, []), key=lambda i: i["id"])),
                    "orders": customer["order_count"],
                    "lifetime_value": customer["lifetime_value"],
                    "last_order_at": customer["last_order_at"],
                    "segment": segments.segment_of(
                        order_count=customer["order_count"],
                        lifetime_value=customer["lifetime_value"],
                        last_order_at=customer["last_order_at"],
                        has_complaint=cid in complained,
                        rules=rules,
                        now=now,
                    ),
                    "tags": ", ".join(split_tags(customer["tags"])),
                }
        return result
