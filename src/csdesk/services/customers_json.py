"""`csdesk customers --json`: the customer list in the shape of the command-line contract.

Each customer is `{id, name, nickname, phones, identities, orders, lifetime_value_idr,
segment}`: `phones` are the real phones in E.164 (masked ones are left out, they are still in
`identities` as written), `identities` are `{kind, value, marketplace}` as stored, `orders` is
the order count, `lifetime_value_idr` an integer of rupiah, `segment` the key of the badge the
Pelanggan list shows (`baru`, `berulang`, `loyal`, `pernah_komplain`, `tidak_aktif`).

Customers merged away are never listed. `search` finds what the Pelanggan search box finds.
`segment` keeps the customers whose badge is that segment, so every listed row carries the
segment asked for (the panel's filter is wider: its "Berulang" also holds loyal customers).
Rows come in id order, read a chunk of customers at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from csdesk.errors import ValidationError
from csdesk.models import Complaint, Customer, CustomerIdentity, utcnow
from csdesk.services import fmt, segments
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.list_sql import chunked, fetch_dicts, fetch_ids
from csdesk.services.listing import ListQuery


def check_segment(segment: str | None) -> None:
    if segment is not None and segment not in segments.SEGMENTS:
        known = ", ".join(segments.SEGMENTS)
        raise ValidationError(f"Segmen tidak dikenal: {segment!r} (pilih: {known})")


def customer_ids(
    search: str = "", segment: str | None = None, now: dt.datetime | None = None
) -> list[int]:
    """Ids of the live customers the search finds (and that fit the segment's list filter),
    in id order."""
    check_segment(segment)
    query = ListQuery(search=search, filters={"segment": segment} if segment else {})
    source = CustomerListSource(now=lambda: now or utcnow())
    select = Customer.select(Customer.id).where(*source.conditions(query))
    return fetch_ids(select.order_by(Customer.id))


def _phones(identities: list[dict[str, Any]]) -> list[str]:
    phones: list[str] = []
    for identity in identities:
        if identity["kind"] != "phone" or identity["masked"]:
            continue
        e164 = fmt.phone_e164(identity["normalized"]) or fmt.phone_e164(identity["value"])
        if e164 and e164 not in phones:
            phones.append(e164)
    return phones


def customers_listing(
    search: str = "", segment: str | None = None, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """The contract's list of customers (see the module's text)."""
    now = now or utcnow()
    ids = customer_ids(search, segment, now)
    rules = segments.rules()
    listing: list[dict[str, Any]] = []
    for chunk in chunked(ids):
        identities: dict[int, list[dict[str, Any]]] = {}
        query = CustomerIdentity.select().where(CustomerIdentity.customer.in_(chunk))
        for identity in fetch_dicts(query.order_by(CustomerIdentity.id)):
            identities.setdefault(identity["customer"], []).append(identity)
        complained = set(
            fetch_ids(segments.complained_customers().where(Complaint.customer.in_(chunk)))
        )
        customers = Customer.select().where(Customer.id.in_(chunk)).order_by(Customer.id)
        for customer in fetch_dicts(customers):
            cid = customer["id"]
            badge = segments.segment_of(
                order_count=customer["order_count"],
                lifetime_value=customer["lifetime_value"],
                last_order_at=customer["last_order_at"],
                has_complaint=cid in complained,
                rules=rules,
                now=now,
            )
            if segment is not None and badge != segment:
                continue
            own = identities.get(cid, [])
            listing.append(
                {
                    "id": cid,
                    "name": customer["name"],
                    "nickname": customer["nickname"],
                    "phones": _phones(own),
                    "identities": [
                        {"kind": i["kind"], "value": i["value"], "marketplace": i["marketplace"]}
                        for i in own
                    ],
                    "orders": int(customer["order_count"]),
                    "lifetime_value_idr": int(customer["lifetime_value"]),
                    "segment": badge,
                }
            )
    return listing
