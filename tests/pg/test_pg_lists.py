"""The demo shop on PostgreSQL, read through every list panel's source, the global search, the
Dasbor and the detail panes: the answers must equal those SQLite gives for the same shop.

The demo depends only on its seed and `now`, so both databases hold the same rows with the same
ids. Every read ("probe") runs on each database and the results are compared one by one; a
probe that fails on PostgreSQL shows its own error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from csdesk.models import Conversation, Customer, CustomerIdentity, Message, Order, Template
from csdesk.services import dashboard, details, stats
from csdesk.services.complaints_list import ComplaintListSource
from csdesk.services.conversations_list import ConversationListSource
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.database import close_database, open_database
from csdesk.services.demo import generate_demo
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource
from csdesk.services.search import global_search
from csdesk.services.templates_list import TemplateListSource

NOW = dt.datetime(2026, 3, 10, 4, 30)  # 11.30 WIB on a Tuesday
ORDERS = 300
SOURCES: dict[str, Callable[[], Any]] = {
    "orders": lambda: OrderListSource(now=lambda: NOW),
    "customers": lambda: CustomerListSource(now=lambda: NOW),
    "conversations": lambda: ConversationListSource(now=lambda: NOW),
    "complaints": lambda: ComplaintListSource(now=lambda: NOW),
    "templates": TemplateListSource,
}


def search_terms() -> dict[str, str]:
    """Words that occur in the demo shop, read from it (the same on both databases)."""
    order = Order.select().where(Order.tracking_no != "").order_by(Order.id).first()
    customer = Customer.select().where(Customer.order_count >= 2).order_by(Customer.id).first()
    phone = (
        CustomerIdentity.select()
        .where(CustomerIdentity.kind == "phone", CustomerIdentity.masked == False)  # noqa: E712
        .order_by(CustomerIdentity.id)
        .first()
    )
    message = Message.select().where(Message.direction == "in").order_by(Message.id).first()
    first_name = customer.name.split()[0]
    long_words = [w for w in message.body.split() if len(w) >= 5 and w.isalpha()]
    return {
        "name": first_name,
        "name_upper": first_name.upper(),  # searches ignore case on both databases
        "short": first_name[:2].lower(),  # under 3 characters: the LIKE path on SQLite too
        "order_no": order.order_no[3:11],
        "tracking": order.tracking_no[-6:],
        "phone": phone.value,
        "message_word": long_words[0] if long_words else message.body[:5],
        "complaint_code": "KL-",
        "shortcut": "/rek",
        "two_words": f"{first_name} {customer.name.split()[-1]}",
        "wildcards": "100%_",  # LIKE's wildcards are searched for as text
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def build_probes(terms: dict[str, str]) -> dict[str, Callable[[], Any]]:
    probes: dict[str, Callable[[], Any]] = {"stats": stats.collect}
    for name, make in SOURCES.items():
        source = make()

        def ids(query: ListQuery, source: Any = source) -> list[int]:
            return list(source.ids(query))

        def page(source: Any = source) -> Any:
            return source.rows(source.ids(ListQuery())[:60])

        probes[f"{name}.ids"] = lambda ids=ids: ids(ListQuery())
        probes[f"{name}.rows"] = page
        for flt in source.filters:
            for choice in flt.choices:
                if choice.value:
                    query = ListQuery(filters={flt.key: choice.value})
                    probes[f"{name}.{flt.key}={choice.value}"] = lambda q=query, ids=ids: ids(q)
        for key, term in terms.items():
            probes[f"{name}.search[{key}]"] = lambda t=term, ids=ids: ids(ListQuery(search=t))
        for column in source.columns:
            if column.sortable:
                for descending in (False, True):
                    query = ListQuery(sort=column.key, descending=descending)
                    label = f"{name}.sort[{column.key}{' desc' if descending else ''}]"
                    probes[label] = lambda q=query, ids=ids: ids(q)
    probes["orders.count_by_status"] = lambda: OrderListSource(now=lambda: NOW).count_by_status(
        ListQuery()
    )
    for key, term in terms.items():
        probes[f"global_search[{key}]"] = lambda t=term: [_plain(h) for h in global_search(t)]
    probes["dashboard.today"] = lambda: _plain(dashboard.today(NOW))
    probes["dashboard.recent_waiting"] = lambda: [_plain(c) for c in dashboard.recent_waiting()]
    probes["details"] = lambda: [
        *[_plain(details.order_detail(i, now=NOW)) for i in (1, 2, ORDERS)],
        *[_plain(details.customer_detail(c.id, now=NOW)) for c in Customer.select().limit(3)],
        *[
            _plain(details.conversation_detail(c.id, now=NOW))
            for c in Conversation.select().limit(3)
        ],
        *[_plain(details.complaint_detail(i, now=NOW)) for i in (1, 2)],
    ]
    probes["templates.count"] = lambda: Template.select().count()
    return probes


def _read_all(probes: dict[str, Callable[[], Any]]) -> dict[str, tuple[str, Any]]:
    results: dict[str, tuple[str, Any]] = {}
    for name, probe in probes.items():
        try:
            results[name] = ("ok", probe())
        except Exception as exc:  # each probe's own failure is reported by its own test
            results[name] = ("error", f"{type(exc).__name__}: {exc}")
    return results


@dataclasses.dataclass
class Readings:
    sqlite: dict[str, tuple[str, Any]]
    postgresql: dict[str, tuple[str, Any]]


@pytest.fixture(scope="module")
def readings(pg_module_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Readings]:
    sqlite_file = Path(tmp_path_factory.mktemp("lists")) / "demo.sqlite"
    open_database(str(sqlite_file))
    generate_demo(orders=ORDERS, now=NOW)
    terms = search_terms()
    probes = build_probes(terms)
    sqlite = _read_all(probes)
    close_database()

    open_database(pg_module_url)
    generate_demo(orders=ORDERS, now=NOW)
    postgresql = _read_all(build_probes(terms))
    close_database()
    yield Readings(sqlite, postgresql)


GROUPS = [*SOURCES, "global_search", "dashboard", "details", "stats"]


def group_of(probe: str) -> str:
    return probe.split(".")[0].split("[")[0]


def test_the_demo_fills_postgresql(readings: Readings) -> None:
    state, data = readings.postgresql["stats"]
    assert state == "ok", data
    assert data["orders"] == ORDERS
    assert data == readings.sqlite["stats"][1]


def test_every_probe_runs_on_sqlite(readings: Readings) -> None:
    errors = {k: v for k, (state, v) in readings.sqlite.items() if state == "error"}
    assert errors == {}


def test_searches_find_something(readings: Readings) -> None:
    empty = [
        name
        for name, (state, value) in readings.sqlite.items()
        if ".search[" in name and "wildcards" not in name and "short" not in name and not value
    ]
    # Each kind of list finds at least its own kind of term.
    assert "orders.search[order_no]" not in empty
    assert "orders.search[tracking]" not in empty
    assert "customers.search[phone]" not in empty
    assert "conversations.search[message_word]" not in empty
    assert "complaints.search[complaint_code]" not in empty
    assert "templates.search[shortcut]" not in empty


def _sorted_by_nullable(name: str) -> bool:
    return any(
        f"sort[{column}" in name
        for column in ("ship_by", "last_order_at", "waiting_since", "due_at", "assignee")
    )


def _differences(readings: Readings, group: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, (state, value) in readings.postgresql.items():
        if group_of(name) != group:
            continue
        expected = readings.sqlite[name][1]
        if state == "error":
            found[name] = value
        elif _sorted_by_nullable(name):
            # SQLite sorts NULL first, PostgreSQL last: the same rows, the empty ones elsewhere.
            if sorted(value) != sorted(expected):
                found[name] = {"postgresql": value, "sqlite": expected}
        elif value != expected:
            found[name] = {"postgresql": value, "sqlite": expected}
    return found


@pytest.mark.parametrize("group", GROUPS)
def test_postgresql_answers_like_sqlite(readings: Readings, group: str) -> None:
    assert any(group_of(name) == group for name in readings.postgresql)
    assert _differences(readings, group) == {}
