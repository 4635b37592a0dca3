"""The Dasbor: each count equals the row count of the list its card opens."""

from __future__ import annotations

import pytest
from list_factories import NOW, at, clock, complaint, conversation, customer, order

from csdesk.services import dashboard
from csdesk.services.complaints_list import ComplaintListSource
from csdesk.services.conversations_list import ConversationListSource
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource


@pytest.fixture
def day(db: object) -> None:
    budi = customer("Budi")
    # today in WIB starts at 4 March 17.00 UTC
    order("A1", status="to_ship", ordered_at=at(3, 4, 18), ship_by=at(3, 5, 3), total=100_000)
    order("A2", status="to_ship", ordered_at=at(3, 5, 1), ship_by=at(3, 5, 15), total=50_000)
    order("A3", status="to_ship", ordered_at=at(3, 3), ship_by=at(3, 4, 16), total=70_000)
    order("A4", status="cancelled", ordered_at=at(3, 5, 2), total=999_000)
    order("A5", status="completed", ordered_at=at(3, 4, 16, 59), total=30_000)
    conversation(customer=budi, waiting_since=at(3, 5, 1), first_response_due=at(3, 5, 2))
    conversation(waiting_since=at(3, 5, 4), first_response_due=at(3, 5, 6), title="+62 811")
    conversation(status="closed", waiting_since=at(3, 1), first_response_due=at(3, 1, 1))
    complaint("KL-1", due_at=at(3, 5, 1))
    complaint("KL-2", due_at=at(3, 5, 10), status="waiting_customer")
    complaint("KL-3", due_at=at(3, 5, 1), status="resolved")
    complaint("KL-4")


def test_counts_for_today(day: None) -> None:
    assert dashboard.today(NOW) == dashboard.DashboardCounts(
        orders_to_ship=3,
        orders_late=2,
        orders_due_today=2,
        chats_waiting=2,
        chats_overdue=1,
        complaints_open=3,
        complaints_due_today=2,
        complaints_overdue=1,
        revenue_today=150_000,
        orders_today=3,
    )


def test_every_card_matches_the_list_it_opens(day: None) -> None:
    counts = dashboard.today(NOW)
    sources = {
        "orders": OrderListSource(now=clock),
        "inbox": ConversationListSource(now=clock),
        "complaints": ComplaintListSource(now=clock),
    }
    for name, (panel, filters) in dashboard.DASHBOARD_LINKS.items():
        if name in ("orders_today", "revenue_today"):
            continue
        shown = sources[panel].ids(ListQuery(filters=dict(filters)))
        assert getattr(counts, name) == len(shown), name


def test_recent_waiting_longest_first(day: None) -> None:
    chats = dashboard.recent_waiting(5)
    assert [(c.title, c.waiting_since) for c in chats] == [
        ("Budi", at(3, 5, 1)),
        ("+62 811", at(3, 5, 4)),
    ]
    assert chats[0].channel_label == "WhatsApp"
    assert len(dashboard.recent_waiting(1)) == 1
