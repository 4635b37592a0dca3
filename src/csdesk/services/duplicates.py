"""Customers who are likely one person, for the seller to review and merge (or dismiss).

Evidence, strongest first:
- the same real phone (E.164), however each record wrote it (`0812-…`, `+62 812 …`);
- the same email, whatever the case;
- the same name and the same city, once honorifics (`Kak`, `Bu`, `Pak`, `Mbak`, …), case,
  punctuation and spacing are set aside (`Kak Sari  W.` in `Kota Bandung` = `sari w` in
  `bandung`). A name alone is never evidence.
Masked phones (`(+62)812******32`) never count: many buyers share a mask. A value shared by
many customers (a shop's own number typed as the buyer's, a common name in a big city) is not
evidence either: such groups are skipped rather than turned into hundreds of pairs.

Customers already merged away never appear. A pair the seller dismissed stays dismissed: the
dismissed pairs are one JSON setting (`duplicates_dismissed`), a list of `[low id, high id]`.

Scale: the identity groups come from GROUP BY in the database over the identity index; the
name groups from one pass over (id, name, city). Pairs are made only inside small groups, so
100,000 customers never cost a comparison of every customer with every other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import peewee as pw

from csdesk.models import Customer, CustomerIdentity, Setting, database_proxy
from csdesk.models.base import run_sql
from csdesk.services import fmt
from csdesk.services.list_sql import chunked, fetch_tuples

DISMISSED_KEY = "duplicates_dismissed"

PHONE_SCORE = 3
EMAIL_SCORE = 3
NAME_CITY_SCORE = 1
# Larger groups share the value for another reason than being one person.
MAX_IDENTITY_GROUP = 6
MAX_NAME_GROUP = 4

HONORIFICS = frozenset(
    "kak ka kk kakak bu ibu pak bapak bpk mas mbak mba bang abang teh aa om tante sis sist "
    "gan agan dek adik bun bunda ny nyonya tn tuan sdr sdri ust ustadz hj h".split()
)
_NOT_WORD = re.compile(r"[^\w]+")
_CITY_PREFIX = re.compile(r"^(kota|kotamadya|kodya)\s+")


@dataclass(frozen=True)
class DuplicatePair:
    a_id: int  # the lower id
    b_id: int
    a_name: str
    b_name: str
    evidence: list[str]  # Indonesian, one line per reason, strongest first
    score: int  # PHONE_SCORE + EMAIL_SCORE + NAME_CITY_SCORE for each reason found
    a_orders: int = 0
    b_orders: int = 0


@dataclass
class _Found:
    score: int = 0
    evidence: list[str] = field(default_factory=list)


def normalize_name(name: str) -> str:
    """`Kak Sari  W.` → `sari w`: lower case, punctuation and extra spaces gone, honorifics at
    the front dropped (all of them: `Bu Hj. Siti`), unless nothing else is left."""
    words = _NOT_WORD.sub(" ", name.casefold()).split()
    start = 0
    while start < len(words) - 1 and words[start] in HONORIFICS:
        start += 1
    return " ".join(words[start:])


def normalize_city(city: str) -> str:
    """`Kota Bandung` → `bandung` (a regency, `Kab. Bandung`, is another place and stays)."""
    text = " ".join(_NOT_WORD.sub(" ", city.casefold()).split())
    return _CITY_PREFIX.sub("", text)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def dismissed_pairs() -> set[tuple[int, int]]:
    row = Setting.get_or_none(Setting.key == DISMISSED_KEY)
    if row is None:
        return set()
    try:
        return {_pair(int(a), int(b)) for a, b in json.loads(row.value)}
    except (ValueError, TypeError):
        return set()  # a damaged value only brings the suggestions back


def dismiss_pair(a_id: int, b_id: int) -> None:
    """Never suggest this pair again (the order of the ids does not matter)."""
    with database_proxy.atomic():
        pairs = dismissed_pairs() | {_pair(a_id, b_id)}
        value = json.dumps(sorted([a, b] for a, b in pairs))
        Setting.insert(key=DISMISSED_KEY, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()


def _identity_groups(kind: str) -> dict[str, list[tuple[int, str]]]:
    """normalized value → [(customer id, value as written)] for values 2 to MAX_IDENTITY_GROUP
    live customers share; masked values never."""
    live = CustomerIdentity.select().join(Customer).where(Customer.merged_into.is_null())
    real = (CustomerIdentity.kind == kind) & (CustomerIdentity.masked == False)  # noqa: E712
    real &= CustomerIdentity.normalized != ""
    shared = (
        live.select(CustomerIdentity.normalized)
        .where(real)
        .group_by(CustomerIdentity.normalized)
        .having(pw.fn.COUNT(CustomerIdentity.customer.distinct()).between(2, MAX_IDENTITY_GROUP))
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    rows = live.select(
        CustomerIdentity.normalized, CustomerIdentity.customer, CustomerIdentity.value
    ).where(real, CustomerIdentity.normalized.in_(shared))
    for normalized, customer_id, value in fetch_tuples(rows.order_by(CustomerIdentity.id)):
        if kind == "phone" and (fmt.is_masked_phone(value) or fmt.is_masked_phone(normalized)):
            continue  # belt and braces: a masked phone stored without its flag
        groups.setdefault(normalized, []).append((customer_id, value))
    return groups


def _name_city_groups() -> dict[tuple[str, str], list[int]]:
    query = Customer.select(Customer.id, Customer.name, Customer.city).where(
        Customer.merged_into.is_null(), Customer.city != ""
    )
    sql, params = query.sql()
    # Names and cities repeat a lot: each distinct spelling is normalised once.
    names: dict[str, str] = {}
    cities: dict[str, str] = {}
    groups: dict[tuple[str, str], list[int]] = {}
    for customer_id, name, city in run_sql(database_proxy.obj, sql, params).fetchall():
        key_name = names.get(name)
        if key_name is None:
            key_name = names[name] = normalize_name(name)
        key_city = cities.get(city)
        if key_city is None:
            key_city = cities[city] = normalize_city(city)
        if key_name and key_city:
            groups.setdefault((key_name, key_city), []).append(customer_id)
    return {key: ids for key, ids in groups.items() if 2 <= len(ids) <= MAX_NAME_GROUP}


def _add(found: dict[tuple[int, int], _Found], ids: Iterable[int], score: int, text: str) -> None:
    members = sorted(set(ids))
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            entry = found.setdefault((a, b), _Found())
            entry.score += score
            entry.evidence.append(text)


def _written(values: list[tuple[int, str]]) -> str:
    seen: list[str] = []
    for _, value in values:
        if value not in seen:
            seen.append(value)
    return " / ".join(seen)


def likely_duplicates(limit: int = 200) -> list[DuplicatePair]:
    """Pairs of live customers that are probably one person, strongest evidence first."""
    found: dict[tuple[int, int], _Found] = {}
    for e164, members in _identity_groups("phone").items():
        shown = fmt.phone_display(e164)
        written = _written(members)
        detail = f" (ditulis {written})" if written != shown else ""
        _add(found, (cid for cid, _ in members), PHONE_SCORE, f"Nomor HP sama: {shown}{detail}")
    for email, members in _identity_groups("email").items():
        _add(found, (cid for cid, _ in members), EMAIL_SCORE, f"Email sama: {email}")
    names = _name_city_groups()
    for ids in names.values():
        _add(found, ids, NAME_CITY_SCORE, "")
    for pair in dismissed_pairs():
        found.pop(pair, None)
    best = sorted(found.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    customers: dict[int, tuple[str, str, int]] = {}
    wanted = sorted({cid for pair, _ in best for cid in pair})
    for chunk in chunked(wanted):
        query = Customer.select(Customer.id, Customer.name, Customer.city, Customer.order_count)
        for cid, name, city, orders in fetch_tuples(query.where(Customer.id.in_(chunk))):
            customers[cid] = (name, city, orders)
    result: list[DuplicatePair] = []
    for (a, b), entry in best:
        a_name, a_city, a_orders = customers[a]
        b_name, _, b_orders = customers[b]
        names_shown = a_name if a_name == b_name else f"{a_name} / {b_name}"
        evidence = [
            text or f"Nama dan kota sama: {names_shown}, {a_city}" for text in entry.evidence
        ]
        result.append(
            DuplicatePair(a, b, a_name, b_name, evidence, entry.score, a_orders, b_orders)
        )
    return result
