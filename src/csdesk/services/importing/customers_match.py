"""Which customer a newly imported order belongs to (FORMATS.md), found in bulk.

In order: (1) the same marketplace identity; (2) else a real phone a customer already has (the
customer gains the marketplace identity); (3) else a new customer named after the buyer, else
the recipient. Names alone never match; masked phones are never used.

The marketplace identity (`kind='marketplace'`, `normalized` lower-case):
- Shopee, TikTok Shop: the buyer's username. A masked username (`b*****2`) is no identity.
- Tokopedia legacy and Lazada have no usernames; FORMATS.md makes the buyer `Nama Pembeli` /
  `customerName` together with the phone, so the key is `name|phone` (the phone in E.164 when it
  is real, else as written). Two buyers sharing a name stay apart unless their phones agree.

csdesk's own export names the customer by id: an order goes to that customer when the id exists
in this database (the same shop re-importing), else to a customer created once per exported id
with the exported name (an empty database). Its orders without a customer stay without one.

Lookups are one query per chunk of orders; new customers and identities are inserted with
`executemany` (services/bulk.py), with their search-index triggers run once per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from csdesk.models import Customer, CustomerIdentity
from csdesk.models.base import run_sql
from csdesk.services import fmt
from csdesk.services.bulk import allocate_ids, insert_rows, is_sqlite, placeholders, quote
from csdesk.services.importing.records import OrderRecord

_NAME_PHONE_MARKETPLACES = frozenset({"tokopedia", "lazada"})
_IDENTITY_TRIGGER = "customer_identity_search_ai"
# Values per `IN (…)`: well below every driver's bound-parameter limit.
_IN_CHUNK = 900
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[\s().-]")
# Shorter national numbers after a bare `62` are read differently by phonenumbers.
_MOBILE = re.compile(r"^(?:\+?62|0)(8\d{9,11})$")


def identity_key(record: OrderRecord) -> tuple[str, str, str] | None:
    """(marketplace, normalized, value) of the buyer's marketplace identity, or None."""
    if record.marketplace in _NAME_PHONE_MARKETPLACES:
        name = _SPACES.sub(" ", record.buyer_name).strip()
        phone = record.buyer_phone or record.phone
        if not name:
            return None
        shown = f"{name} {phone}".strip()
        return record.marketplace, f"{name.lower()}|{phone_e164(phone) or phone}", shown
    username = record.buyer_username.strip()
    if not username or "*" in username:
        return None
    return record.marketplace, username.lower(), username


def real_phone(record: OrderRecord) -> tuple[str, str] | None:
    """(E.164, as written) of the customer's phone: the buyer's where the file has one, else
    the recipient's; None when it is masked or not a phone."""
    written = record.buyer_phone or record.phone
    e164 = phone_e164(written)
    return (e164, written) if e164 else None


def phone_e164(text: str) -> str | None:
    """fmt.phone_e164, with a shortcut for the common Indonesian mobile number.

    phonenumbers takes ~70 µs a number, seconds for a large export. A plain `08…`, `628…` or
    `+628…` number of 10-12 national digits gets the same answer from the shortcut (the tests
    compare both); everything else, masked phones included, goes to phonenumbers.
    """
    plain = _MOBILE.match(_PUNCTUATION.sub("", text))
    if plain:
        return "+62" + plain.group(1)
    return fmt.phone_e164(text)


def customer_name(record: OrderRecord) -> str:
    for name in (record.buyer_name, record.recipient, record.buyer_username):
        if name.strip():
            return name.strip()
    return "Pembeli tanpa nama"


@dataclass
class Choice:
    """An order's customer and what finding it created (kept in the order's event, so that
    undoing the import removes exactly that)."""

    customer_id: int | None = None
    created_customer: bool = False
    identity_ids: list[int] = field(default_factory=list)


class CustomerMatcher:
    """Finds customers for the new orders of one file; remembers what it found and created,
    so that a buyer with several orders in the file becomes one customer.

    `exported`: the file is csdesk's own export, whose records name their customer by id.
    """

    def __init__(self, *, exported: bool) -> None:
        self.exported = exported
        self.by_identity: dict[tuple[str, str], int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_export_id: dict[int, int] = {}
        self.first_identity_id: int | None = None
        # Cache entries pointing at a provisional (negative) id, fixed once ids are allocated.
        self._provisional: list[tuple[dict[Any, int], Any]] = []

    def choose(self, records: list[OrderRecord]) -> list[Choice]:
        """The customer of each of `records` (new orders), creating customers as needed."""
        keys = [identity_key(record) for record in records]
        phones = [real_phone(record) for record in records]
        if self.exported:
            self._load_export_ids(records)
        else:
            self._load_identities(keys, phones)
        # New customers get provisional negative ids, so a buyer's later orders in this chunk
        # find them; the real ids are allocated once the chunk's count is known.
        customers: list[dict[str, Any]] = []
        identities: list[tuple[Choice, dict[str, Any]]] = []
        choices = [
            self._choose_one(record, key, phone, customers, identities)
            for record, key, phone in zip(records, keys, phones, strict=True)
        ]
        real = {-n - 1: cid for n, cid in enumerate(allocate_ids(Customer, len(customers)))}

        def fix(cid: int) -> int:
            return real.get(cid, cid)

        for row in customers:
            row["id"] = fix(row["id"])
        for cache, key in self._provisional:
            cache[key] = fix(cache[key])
        self._provisional.clear()
        for choice in choices:
            if choice.customer_id is not None:
                choice.customer_id = fix(choice.customer_id)
        insert_rows(Customer, customers)
        identity_ids = allocate_ids(CustomerIdentity, len(identities))
        if identity_ids and self.first_identity_id is None:
            self.first_identity_id = identity_ids[0]
        for (choice, row), identity_id in zip(identities, identity_ids, strict=True):
            row["id"] = identity_id
            row["customer"] = fix(row["customer"])
            choice.identity_ids.append(identity_id)
        insert_rows(CustomerIdentity, [row for _, row in identities])
        return choices

    def _choose_one(
        self,
        record: OrderRecord,
        key: tuple[str, str, str] | None,
        phone: tuple[str, str] | None,
        customers: list[dict[str, Any]],
        identities: list[tuple[Choice, dict[str, Any]]],
    ) -> Choice:
        choice = Choice()
        if self.exported:
            if record.customer_id is not None:
                cid = self.by_export_id.get(record.customer_id)
                if cid is None:
                    name = record.customer_name.strip() or customer_name(record)
                    cid = self._new_customer(customers, choice, name, record.city)
                    self._remember(self.by_export_id, record.customer_id, cid)
                choice.customer_id = cid
            return choice
        if key and key[:2] in self.by_identity:
            choice.customer_id = self.by_identity[key[:2]]
            return choice
        if phone and phone[0] in self.by_phone:
            cid = self.by_phone[phone[0]]
        else:
            cid = self._new_customer(customers, choice, customer_name(record), record.city)
            if phone:
                identities.append((choice, _identity_row(cid, "phone", "", phone[0], phone[1])))
                self._remember(self.by_phone, phone[0], cid)
        if key:
            identities.append((choice, _identity_row(cid, "marketplace", *key)))
            self._remember(self.by_identity, key[:2], cid)
        choice.customer_id = cid
        return choice

    def _new_customer(
        self, customers: list[dict[str, Any]], choice: Choice, name: str, city: str
    ) -> int:
        provisional = -len(customers) - 1
        customers.append({"id": provisional, "name": name, "city": city})
        choice.created_customer = True
        return provisional

    def _remember(self, cache: dict[Any, int], key: Any, cid: int) -> None:
        cache[key] = cid
        if cid < 0:
            self._provisional.append((cache, key))

    def _load_identities(
        self, keys: list[tuple[str, str, str] | None], phones: list[tuple[str, str] | None]
    ) -> None:
        # Membership tests, not `set - dict.keys()`: that walks the whole, growing cache.
        wanted = {key[:2] for key in keys if key and key[:2] not in self.by_identity}
        numbers = {phone[0] for phone in phones if phone and phone[0] not in self.by_phone}
        values = {norm for _, norm in wanted} | numbers
        if not values:
            return
        # By `normalized` alone, its own index: with `kind` in the query SQLite takes the
        # (kind, marketplace, normalized) index and scans every identity of that kind.
        rows = _select_in(
            "SELECT kind, marketplace, normalized, masked, customer_id FROM "
            f"{_table(CustomerIdentity)} WHERE normalized IN",
            sorted(values),
        )
        found: dict[tuple[str, str], int] = {}
        found_phones: dict[str, int] = {}
        # Several customers may share a phone (a family); the oldest one is chosen.
        for kind, marketplace, norm, masked, cid in sorted(rows, key=lambda r: r[4]):
            if kind == "marketplace" and (marketplace, norm) in wanted:
                found.setdefault((marketplace, norm), cid)
            elif kind == "phone" and not masked and norm in numbers:
                found_phones.setdefault(norm, cid)
        self.by_identity.update(self._surviving(found))
        self.by_phone.update(self._surviving(found_phones))

    def _load_export_ids(self, records: list[OrderRecord]) -> None:
        wanted = {
            r.customer_id
            for r in records
            if r.customer_id is not None and r.customer_id not in self.by_export_id
        }
        if not wanted:
            return
        query = f"SELECT id FROM {_table(Customer)} WHERE id IN"
        existing = {cid: cid for (cid,) in _select_in(query, sorted(wanted))}
        self.by_export_id.update(self._surviving(existing))

    def _surviving(self, found: dict[Any, int]) -> dict[Any, int]:
        """Map customers that were merged away to the customer they were merged into."""
        merged: dict[int, int] = {}
        todo = set(found.values())
        if not todo:
            return {}
        for _ in range(10):  # merge chains are short; the bound guards against a cycle
            query = (
                f"SELECT id, merged_into_id FROM {_table(Customer)} "
                "WHERE merged_into_id IS NOT NULL AND id IN"
            )
            step = dict(_select_in(query, sorted(todo)))
            if not step:
                break
            merged.update(step)
            todo = set(step.values())

        def final(cid: int) -> int:
            seen = 0
            while cid in merged and seen < 10:
                cid, seen = merged[cid], seen + 1
            return cid

        return {key: final(cid) for key, cid in found.items()}


def _select_in(query: str, values: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of `query`, which ends in `IN`, for `values`, a bounded number of values at a time."""
    db = Customer._meta.database
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), _IN_CHUNK):
        part = values[start : start + _IN_CHUNK]
        rows += run_sql(db, f"{query} ({placeholders(db, len(part))})", part).fetchall()
    return rows


def _table(model: type[pw.Model]) -> str:
    return quote(model._meta.database, model._meta.table_name)


def _identity_row(
    customer: int, kind: str, marketplace: str, normalized: str, value: str
) -> dict[str, Any]:
    return {
        "customer": customer,
        "kind": kind,
        "marketplace": marketplace,
        "value": value,
        "normalized": normalized,
        "masked": False,
    }


@contextmanager
def identity_search_deferred(db: pw.Database, matcher: CustomerMatcher) -> Iterator[None]:
    """Index the identities the matcher inserts in one statement at the end, not per row.

    The identity trigger rewrites the customer's whole search row for each identity, which
    FTS5 flushes per statement; dropped inside the caller's transaction and recreated from its
    stored SQL afterwards (a rollback restores it as well).
    """
    row = None
    if is_sqlite(db):
        row = run_sql(
            db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (_IDENTITY_TRIGGER,),
        ).fetchone()  # fmt: skip
    if row is None:
        yield
        return
    run_sql(db, f'DROP TRIGGER "{_IDENTITY_TRIGGER}"')
    yield
    if matcher.first_identity_id is not None:
        run_sql(
            db,
            "UPDATE customer_search SET identities = ("
            " SELECT group_concat(value, ' ') FROM customer_identity"
            " WHERE customer_id = customer_search.rowid)"
            " WHERE rowid IN (SELECT customer_id FROM customer_identity WHERE id >= ?)",
            (matcher.first_identity_id,),
        )
    run_sql(db, row[0])
