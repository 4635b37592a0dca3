"""The Pesanan list: filters, search (FTS and LIKE alike), sorting and row values."""

from __future__ import annotations

import datetime as dt

import pytest
from list_factories import at, clock, customer, identity, order

from csdesk.models import Order
from csdesk.services import text_match
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    siti = customer("Siti Aminah")
    rows = {
        # ship_by 03.00 UTC today = 10.00 WIB today, already passed at 12.00 WIB
        "late_today": order(
            "2503050001AAA",
            status="to_ship",
            ordered_at=at(3, 4, 13),
            ship_by=at(3, 5, 3),
            buyer_name="Budi Santoso",
            phone="081234567890",
            recipient="Budi",
            total=150_000,
        ),
        "due_today": order(
            "576400000000002",
            marketplace="tiktok",
            status="to_ship",
            ordered_at=at(3, 4, 12),
            ship_by=at(3, 5, 15),
            customer=siti,
            recipient="Siti",
            courier="J&T",
            service="EZ",
            total=89_000,
        ),
        "due_tomorrow": order(
            "INV/20250303/MPL/3",
            marketplace="tokopedia",
            status="to_ship",
            ordered_at=at(3, 3, 8),
            ship_by=at(3, 6, 2),
            buyer_name="Dewi Lestari",
            total=200_000,
        ),
        "shipped": order(
            "2503010004DDD",
            status="shipped",
            ordered_at=at(3, 1, 9),
            ship_by=at(3, 3, 9),
            buyer_name="Agus Santoso",
            tracking_no="SPXID0123456789",
            phone="+6281299998888",
            total=75_000,
        ),
        "completed": order(
            "623000000000005",
            marketplace="lazada",
            ordered_at=at(2, 20, 9),
            buyer_name='Rina "Ceria" (Toko)',
            recipient="Rina",
            total=1_250_000,
        ),
        "cancelled": order(
            "WA-0006",
            marketplace="manual",
            status="cancelled",
            ordered_at=at(2, 25, 9),
            buyer_name="budi s",
            phone="******56",
            total=40_000,
        ),
        # 23.59 WIB yesterday: late, but not due today
        "late_yesterday": order(
            "2503040007GGG",
            status="to_ship",
            ordered_at=at(3, 2, 9),
            ship_by=at(3, 4, 16, 59),
            buyer_name="Eko",
            total=10_000,
        ),
        "no_deadline": order(
            "2503040008HHH",
            status="to_ship",
            ordered_at=at(3, 2, 8),
            buyer_name="Yanti",
            total=20_000,
        ),
    }
    return {key: row.id for key, row in rows.items()}


def ids(query: ListQuery) -> list[int]:
    return OrderListSource(now=clock).ids(query)


def names(shop: dict[str, int], found: list[int]) -> list[str]:
    by_id = {value: key for key, value in shop.items()}
    return [by_id[i] for i in found]


def test_newest_first_by_default(shop: dict[str, int]) -> None:
    assert names(shop, ids(ListQuery())) == [
        "late_today",
        "due_today",
        "due_tomorrow",
        "late_yesterday",
        "no_deadline",
        "shipped",
        "cancelled",
        "completed",
    ]


def test_status_and_marketplace_filters(shop: dict[str, int]) -> None:
    assert names(shop, ids(ListQuery(filters={"status": "to_ship"}))) == [
        "late_today",
        "due_today",
        "due_tomorrow",
        "late_yesterday",
        "no_deadline",
    ]
    assert names(shop, ids(ListQuery(filters={"status": "to_ship", "marketplace": "shopee"}))) == [
        "late_today",
        "late_yesterday",
        "no_deadline",
    ]
    assert ids(ListQuery(filters={"status": "returned"})) == []


def test_deadline_filters_use_now_and_the_shop_day(shop: dict[str, int]) -> None:
    assert names(shop, ids(ListQuery(filters={"deadline": "late"}))) == [
        "late_today",
        "late_yesterday",
    ]
    assert names(shop, ids(ListQuery(filters={"deadline": "due_today"}))) == [
        "late_today",
        "due_today",
    ]


def test_search_by_name_number_tracking_and_phone(shop: dict[str, int]) -> None:
    assert names(shop, ids(ListQuery(search="santoso"))) == ["late_today", "shipped"]
    assert names(shop, ids(ListQuery(search="MPL/3"))) == ["due_tomorrow"]
    assert names(shop, ids(ListQuery(search="SPXID0123"))) == ["shipped"]
    assert names(shop, ids(ListQuery(search="0812-3456-7890"))) == ["late_today"]
    assert names(shop, ids(ListQuery(search="+62 812 9999 8888"))) == ["shipped"]
    assert names(shop, ids(ListQuery(search="Siti"))) == ["due_today"]
    assert names(shop, ids(ListQuery(search="budi santoso"))) == ["late_today"]


def test_search_combines_with_filters(shop: dict[str, int]) -> None:
    query = ListQuery(search="santoso", filters={"status": "to_ship"})
    assert names(shop, ids(query)) == ["late_today"]


def _expected(term: str) -> set[int]:
    """The reference: a plain case-insensitive substring test over the searched columns."""
    words = term.lower().split()
    found = set()
    for row in Order.select():
        text = " ".join(
            [
                row.order_no,
                row.tracking_no,
                row.buyer_name,
                row.buyer_username,
                row.recipient,
                row.phone,
            ]
        ).lower()
        if all(word in text for word in words):
            found.add(row.id)
    return found


@pytest.mark.parametrize(
    "term",
    [
        "sa",
        "SANTO",
        "ri",
        "Lesta",
        "MPL",
        "s",
        # Long numbers: found through a window of the index, then checked in full.
        "576400000000002",
        "10000000000",
        "23000000000000",
        "spxid0123456789",
        "SPXID0123456789 agus",
        "20250303/MPL",
        "1234567890",
        "99998888",
    ],
)
def test_index_and_like_find_the_same_orders(
    shop: dict[str, int], term: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert set(ids(ListQuery(search=term))) == _expected(term)
    # The PostgreSQL path (no search tables): LIKE for every length gives the same rows.
    monkeypatch.setattr(text_match, "has_search_index", lambda db: False)
    assert set(ids(ListQuery(search=term))) == _expected(term)


@pytest.mark.parametrize(
    "term",
    ['"', "*", "AND", "-", ":", "(", 'a"b', "NEAR(", "OR budi", "budi*", "-budi", "x:y", "%", "_"],
)
def test_search_syntax_in_user_text_is_just_text(shop: dict[str, int], term: str) -> None:
    assert set(ids(ListQuery(search=term))) == _expected(term)


def test_quotes_and_brackets_are_searched_literally(shop: dict[str, int]) -> None:
    assert names(shop, ids(ListQuery(search='"Ceria"'))) == ["completed"]
    assert names(shop, ids(ListQuery(search="(Toko)"))) == ["completed"]
    assert ids(ListQuery(search="%")) == []


def test_sort_by_columns(shop: dict[str, int]) -> None:
    by_total = ids(ListQuery(sort="total", descending=False))
    assert names(shop, by_total)[:3] == ["late_yesterday", "no_deadline", "cancelled"]
    by_buyer = ids(ListQuery(sort="buyer", descending=False, filters={"status": "to_ship"}))
    # Siti has no buyer name on the order: she sorts by her customer name.
    assert names(shop, by_buyer) == [
        "late_today",
        "due_tomorrow",
        "late_yesterday",
        "due_today",
        "no_deadline",
    ]


def test_rows_hold_plain_values(shop: dict[str, int]) -> None:
    source = OrderListSource(now=clock)
    rows = source.rows([shop["due_today"], shop["completed"]])
    assert rows[shop["due_today"]] == {
        "order_no": "576400000000002",
        "marketplace": "TikTok Shop",
        "status": "to_ship",
        "ordered_at": dt.datetime(2025, 3, 4, 12, 0),
        "ship_by": dt.datetime(2025, 3, 5, 15, 0),
        "buyer": "Siti Aminah",
        "recipient": "Siti",
        "city": "",
        "courier": "J&T EZ",
        "tracking_no": "",
        "total": 89_000,
        "deadline": "due_today",
        "deadline_note": "Kirim hari ini, sebelum 22.00 WIB",
        "loyal": False,
    }
    assert rows[shop["completed"]]["total"] == 1_250_000
    assert isinstance(rows[shop["completed"]]["total"], int)
    assert source.badge_label("status", "to_ship") == "Perlu Dikirim"
    deadline_keys = {"deadline", "deadline_note", "loyal"}
    assert {c.key for c in source.columns} == set(rows[shop["completed"]]) - deadline_keys


def test_count_by_status_ignores_the_status_filter(shop: dict[str, int]) -> None:
    source = OrderListSource(now=clock)
    counts = source.count_by_status(ListQuery(filters={"status": "shipped"}))
    assert counts["to_ship"] == 5
    assert counts["shipped"] == 1
    assert counts["returned"] == 0
    assert sum(counts.values()) == 8
    searched = source.count_by_status(ListQuery(search="santoso"))
    assert {k: v for k, v in searched.items() if v} == {"to_ship": 1, "shipped": 1}


def test_a_long_number_is_looked_up_by_its_most_varied_part() -> None:
    assert text_match.window("576400000000002") == "576400"
    assert text_match.window("251123000500000") == "511230"
    assert text_match.window("0812345678") == "345678"
    assert text_match.narrowable("SPXID0123456789")
    assert not text_match.narrowable("Chaniago")  # letters: their trigrams are selective
    assert not text_match.narrowable("123456")  # no longer than the window
    assert not text_match.narrowable("１２３４５６７")  # full-width digits: LIKE folds only ASCII


# --- date range (Tanggal) ---------------------------------------------------------------


def test_date_presets_follow_the_shop_day(shop: dict[str, int]) -> None:
    # NOW is 5 March 12.00 WIB; orders: 4 Mar 20.00 and 19.00 WIB, 3 Mar 15.00, 2 Mar 16.00
    # and 15.00, 1 Mar 16.00, 25 Feb and 20 Feb.
    def dated(value: str) -> list[str]:
        return sorted(names(shop, ids(ListQuery(filters={"ordered": value}))))

    assert dated("today") == []
    assert dated("yesterday") == ["due_today", "late_today"]
    assert dated("last7") == sorted(
        ["due_today", "late_today", "due_tomorrow", "late_yesterday", "no_deadline", "shipped"]
    )
    assert dated("this_month") == dated("last7")
    assert dated("last_month") == ["cancelled", "completed"]
    assert len(dated("last30")) == 8


def test_a_late_evening_order_belongs_to_its_shop_day_not_the_utc_one(db: object) -> None:
    # 23.30 WIB on 1 March is 16.30 UTC on 1 March; 00.30 WIB on 2 March is 17.30 UTC on 1 March.
    evening = order("EVENING", ordered_at=at(3, 1, 16, 30)).id
    night = order("AFTER-MIDNIGHT", ordered_at=at(3, 1, 17, 30)).id
    source = OrderListSource(now=clock)
    assert source.ids(ListQuery(filters={"ordered": "2025-03-01..2025-03-01"})) == [evening]
    assert source.ids(ListQuery(filters={"ordered": "2025-03-02..2025-03-02"})) == [night]
    # Both ends included, and a reversed range means the same days.
    both = source.ids(ListQuery(filters={"ordered": "2025-03-02..2025-03-01"}))
    assert both == [night, evening]
    assert source.count(ListQuery(filters={"ordered": "2025-03-01..2025-03-02"})) == 2


def test_a_date_range_narrows_the_tab_counts_and_the_export_ids(shop: dict[str, int]) -> None:
    source = OrderListSource(now=clock)
    query = ListQuery(filters={"ordered": "yesterday", "status": "to_ship"})
    counts = source.count_by_status(query)
    assert {k: v for k, v in counts.items() if v} == {"to_ship": 2}
    assert sorted(names(shop, source.ids(query))) == ["due_today", "late_today"]


def test_an_unreadable_date_range_is_refused(shop: dict[str, int]) -> None:
    from csdesk.errors import ValidationError

    with pytest.raises(ValidationError, match="Rentang tanggal"):
        ids(ListQuery(filters={"ordered": "kemarin..besok"}))


# --- product search -----------------------------------------------------------------------


@pytest.fixture
def items(shop: dict[str, int]) -> dict[str, int]:
    from csdesk.models import OrderItem

    OrderItem.create(order=shop["shipped"], product="Gamis Syari Wolfis", sku="GMS-01",
                     variant="Navy, XL")  # fmt: skip
    OrderItem.create(order=shop["completed"], product="Kaos Polos", sku="KP-9",
                     variant="Hitam")  # fmt: skip
    OrderItem.create(order=shop["completed"], product="Gamis Ceruty", sku="GMS-02",
                     variant="Hitam")  # fmt: skip
    return shop


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("wolfis", ["shipped"]),
        ("gamis", ["shipped", "completed"]),
        ("GMS-02", ["completed"]),
        ("navy", ["shipped"]),
        ("gamis hitam", ["completed"]),  # both words in one item
        ("kaos navy", []),  # in two different orders' items: no order has both
        ("budi", ["late_today", "cancelled"]),  # the order's own fields still count
        ("kp", ["completed"]),  # shorter than a trigram: the LIKE path
    ],
)
def test_search_finds_orders_by_product_sku_and_variant(
    items: dict[str, int], term: str, expected: list[str]
) -> None:
    assert names(items, ids(ListQuery(search=term))) == expected


@pytest.mark.parametrize("term", ["gamis", "GMS-0", "hitam", "wolfis navy", "budi", "576400"])
def test_product_search_index_and_like_find_the_same_orders(
    items: dict[str, int], term: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed = ids(ListQuery(search=term))
    monkeypatch.setattr(text_match, "use_index", lambda _terms: False)
    assert ids(ListQuery(search=term)) == indexed
    assert indexed


# --- deadlines in the rows ----------------------------------------------------------------


def test_rows_flag_late_and_due_today_orders_in_words(shop: dict[str, int]) -> None:
    rows = OrderListSource(now=clock).rows(list(shop.values()))

    def flag(key: str) -> tuple[str, str]:
        return rows[shop[key]]["deadline"], rows[shop[key]]["deadline_note"]

    assert flag("late_today") == ("late", "Terlambat 2 jam")  # due 10.00 WIB, now 12.00
    assert flag("late_yesterday") == ("late", "Terlambat 1 hari")  # due 23.59 WIB yesterday
    assert flag("due_today") == ("due_today", "Kirim hari ini, sebelum 22.00 WIB")
    assert flag("due_tomorrow") == ("", "")
    assert flag("shipped") == ("", "")  # past its ship-by date, but already shipped
    assert flag("no_deadline") == ("", "")


def test_deadline_sort_puts_the_earliest_first_and_orders_without_one_last(
    shop: dict[str, int],
) -> None:
    query = ListQuery(filters={"status": "to_ship"}, sort="ship_by", descending=False)
    assert names(shop, ids(query)) == [
        "late_yesterday", "late_today", "due_today", "due_tomorrow", "no_deadline"
    ]  # fmt: skip
    query.descending = True
    assert names(shop, ids(query))[-1] == "no_deadline"


def test_a_status_count_comes_from_the_kept_tab_counts_until_forgotten(
    shop: dict[str, int],
) -> None:
    source = OrderListSource(now=clock)
    query = ListQuery(search="santoso", filters={"status": "to_ship"})
    assert source.count(query) == 1
    source.count_by_status(ListQuery(search="santoso"))
    order("2503050099ZZZ", status="to_ship", ordered_at=at(3, 5, 1), buyer_name="Joko Santoso")
    assert source.count(query) == 1  # kept: a tab switch counts nothing
    source.forget_counts()  # what a refresh does
    assert source.count(query) == 2


def test_the_buyers_phone_in_another_format_finds_their_orders(db: object) -> None:
    """The order's own phone is empty or written differently (`0812-3456-7890` in the file),
    the customer's phone identity holds its E.164: `0812 3456 7890` finds the order."""
    sari = customer("Sari")
    identity(sari, "phone", "0812-3456-7890", normalized="+6281234567890")
    mine = order("WA-2026-0001", ordered_at=at(3, 1), customer=sari, phone="0812-3456-7890")
    order("WA-2026-0002", ordered_at=at(3, 2), phone="0813-1111-2222")
    assert OrderListSource(now=clock).ids(ListQuery(search="0812 3456 7890")) == [mine.id]


def test_a_loyal_buyer_is_marked_beside_the_name(db: object) -> None:
    """Loyal by the shop's rule (3 orders or Rp1.000.000 by default): `★ Loyal` in the
    Pembeli cell, in words; a first-time buyer's name stays as it is."""
    regular = customer("Sari Wulandari", order_count=5, lifetime_value=400_000)
    new = customer("Budi", order_count=1, lifetime_value=90_000)
    mine = order("A1", ordered_at=at(3, 1), customer=regular, buyer_name="Sari Wulandari")
    other = order("B1", ordered_at=at(3, 1), customer=new, buyer_name="Budi")
    rows = OrderListSource(now=clock).rows([mine.id, other.id])
    assert rows[mine.id]["buyer"] == "Sari Wulandari  ★\u00a0Loyal"
    assert rows[other.id]["buyer"] == "Budi"
