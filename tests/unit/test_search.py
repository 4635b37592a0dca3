"""Global search: customers, orders and chats, newest first, with Indonesian subtitles."""

from __future__ import annotations

import pytest
from list_factories import at, conversation, customer, identity, message, order

from csdesk.services.search import SearchHit, global_search


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    budi = customer("Budi Santoso", nickname="Mas Budi", order_count=2, lifetime_value=150_000)
    identity(budi, "phone", "081234567890")
    first = order(
        "2503010001AAA",
        ordered_at=at(3, 1),
        customer=budi,
        buyer_name="Budi Santoso",
        status="to_ship",
        total=150_000,
    )
    second = order(
        "2503020002BBB",
        ordered_at=at(3, 2),
        marketplace="tiktok",
        buyer_name="budi.s",
        tracking_no="JX123456789",
        total=99_000,
    )
    chat = conversation(customer=budi)
    message(chat, "Kak, resi JX123456789 belum bergerak", sent_at=at(3, 4))
    message(chat, "Sabar ya kak", sent_at=at(3, 4, 1), direction="out")
    return {"budi": budi.id, "first": first.id, "second": second.id, "chat": chat.id}


def test_a_name_finds_the_customer_and_their_orders(shop: dict[str, int]) -> None:
    hits = global_search("budi")
    assert hits == [
        SearchHit(
            "customer",
            shop["budi"],
            "Budi Santoso (Mas Budi)",
            "+62 812-3456-7890 · 2 pesanan · Rp150.000",
        ),
        SearchHit(
            "order", shop["second"], "2503020002BBB · budi.s", "TikTok Shop · Selesai · Rp99.000"
        ),
        SearchHit(
            "order",
            shop["first"],
            "2503010001AAA · Budi Santoso",
            "Shopee · Perlu Dikirim · Rp150.000",
        ),
    ]


def test_a_tracking_number_finds_the_order_and_the_chat(shop: dict[str, int]) -> None:
    hits = global_search("JX12345")
    assert [(h.kind, h.id) for h in hits] == [
        ("order", shop["second"]),
        ("conversation", shop["chat"]),
    ]
    assert hits[1].title == "Budi Santoso"
    assert hits[1].subtitle == "WhatsApp · Kak, resi JX123456789 belum bergerak"


def test_a_phone_in_any_form_finds_the_customer(shop: dict[str, int]) -> None:
    assert [h.id for h in global_search("+62 812-3456-7890") if h.kind == "customer"] == [
        shop["budi"]
    ]


def test_limit_per_kind(shop: dict[str, int]) -> None:
    hits = global_search("budi", limit_per_kind=1)
    assert [(h.kind, h.id) for h in hits] == [("customer", shop["budi"]), ("order", shop["second"])]


@pytest.mark.parametrize("term", ["", "  ", '"', "*", "AND", "-", ":", "(", 'kak"', "NEAR(a b)"])
def test_odd_input_finds_nothing_and_never_fails(shop: dict[str, int], term: str) -> None:
    assert global_search(term) == []
