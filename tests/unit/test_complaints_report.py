"""The month's complaint report: counts by the shop's month, Pareto shares, products from the
chosen items or the order, resolution times, money, repeat complainers, open and overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.models import Complaint, ComplaintItem, Customer, Order, OrderItem
from csdesk.services.complaints_report import month_report

NOV = dt.date(2026, 11, 1)
LATER = dt.datetime(2027, 1, 15)  # "now" for a month that is over


def utc(day: int, hour: int, month: int = 11) -> dt.datetime:
    """A WIB wall-clock time in 2026, as the naive UTC stored."""
    return dt.datetime(2026, month, day, hour) - dt.timedelta(hours=7)


@pytest.fixture
def month(db: object) -> dict[str, int]:
    sari = Customer.create(name="Sari")
    budi = Customer.create(name="Budi")
    jne = Order.create(marketplace="shopee", order_no="S1", status="completed",
                       ordered_at=utc(1, 9), courier="JNE", customer=sari)  # fmt: skip
    jnt = Order.create(marketplace="tiktok", order_no="T1", status="completed",
                       ordered_at=utc(1, 9), courier="J&T", customer=budi)  # fmt: skip
    OrderItem.create(order=jne, product="Gamis Aisyah", sku="GA-L", quantity=1)
    OrderItem.create(order=jne, product="Pashmina", sku="PS-1", quantity=1)
    OrderItem.create(order=jnt, product="Khimar", sku="KH-1", quantity=1)
    n = iter(range(1, 100))

    def complaint(category: str, created: dt.datetime, **fields: object) -> Complaint:
        return Complaint.create(
            code=f"KL-2026-{next(n):04d}", category=category, created_at=created, **fields
        )

    first = complaint("damaged", utc(1, 0, 11) + dt.timedelta(minutes=30), order=jne,
                      customer=sari, status="resolved", resolved_at=utc(2, 2, 11) + dt.timedelta(minutes=30),
                      resolution="replacement", cost=201_000)  # fmt: skip  # 26 h
    ComplaintItem.create(complaint=first, product="Gamis Aisyah", sku="GA-L")
    complaint("damaged", utc(5, 10), order=jne, customer=sari, status="new",
              due_at=utc(12, 10))  # fmt: skip  # both items of the order
    complaint("damaged", utc(6, 10), order=jnt, customer=budi, status="rejected",
              resolved_at=utc(6, 20))  # fmt: skip  # 10 h
    complaint("late", utc(10, 10), order=jnt, customer=budi, status="resolved",
              resolved_at=utc(12, 10), resolution="refund", refund_amount=50_000,
              cost=50_000)  # fmt: skip  # 48 h
    complaint("late", utc(20, 10), customer=budi, status="waiting_courier",
              due_at=utc(5, 10, 12))  # fmt: skip  # no order; due in December
    complaint("wrong_item", utc(30, 23), order=jne, customer=sari, status="resolved",
              resolved_at=utc(3, 9, 12), resolution="compensation", cost=25_000)  # fmt: skip
    # 31 October 23.30 WIB: October's, although it is already 1 November somewhere.
    complaint("quality", utc(31, 23, 10) + dt.timedelta(minutes=30), customer=sari,
              status="resolved", resolved_at=utc(1, 8, 11))  # fmt: skip  # 8.5 h, settled in Nov
    return {"sari": sari.id, "budi": budi.id}


def test_counts_and_pareto_by_category(month: dict[str, int]) -> None:
    report = month_report(NOV, now=LATER)
    assert report.month_label == "November 2026"
    assert report.total == 6
    rows = [(r.key, r.count, round(r.share, 3), round(r.cumulative, 3)) for r in report.by_category]
    assert rows == [
        ("damaged", 3, 0.5, 0.5),
        ("late", 2, 0.333, 0.833),
        ("wrong_item", 1, 0.167, 1.0),
    ]
    assert report.by_category[0].label == "Rusak"


def test_products_couriers_and_marketplaces(month: dict[str, int]) -> None:
    report = month_report(NOV, now=LATER)
    products = {r.label: r.count for r in report.by_product}
    # The first complaint chose the gamis; the others count every item of their order.
    assert products == {
        "GA-L · Gamis Aisyah": 3,
        "PS-1 · Pashmina": 2,
        "KH-1 · Khimar": 2,
        "Tanpa barang": 1,
    }
    assert {r.label: r.count for r in report.by_courier} == {
        "JNE": 3, "J&T": 2, "Tanpa pesanan": 1,
    }  # fmt: skip
    assert {r.label: r.count for r in report.by_marketplace} == {
        "Shopee": 3, "TikTok Shop": 2, "Tanpa pesanan": 1,
    }  # fmt: skip


def test_resolution_times_money_and_what_is_left(month: dict[str, int]) -> None:
    report = month_report(NOV, now=LATER)
    overall = report.overall_time
    # Settled in November: 26 h, 10 h, 48 h, and October's quality complaint at 8.5 h.
    assert overall.settled == 4
    assert overall.median_hours == pytest.approx(18.0)
    assert overall.mean_hours == pytest.approx((26 + 10 + 48 + 8.5) / 4)
    damaged = next(t for t in report.resolution_times if t.key == "damaged")
    assert (damaged.settled, damaged.median_hours) == (2, pytest.approx(18.0))
    assert (report.refund_total, report.replacements, report.replacement_cost) == (
        50_000,
        1,
        201_000,
    )
    assert (report.compensation_cost, report.total_cost) == (25_000, 276_000)
    # Open on 30 Nov 24.00: the new one (overdue since 12 Nov), the one waiting for the courier
    # (due in December), and the wrong item settled only on 3 December.
    assert (report.open_at_end, report.overdue_at_end) == (3, 1)
    # While November still runs (25 Nov, noon WIB) "the end" is now: the wrong item (30 Nov)
    # is not there yet.
    running = month_report(NOV, now=utc(25, 12))
    assert (running.open_at_end, running.overdue_at_end) == (2, 1)


def test_repeat_complainers_and_the_list(month: dict[str, int]) -> None:
    report = month_report(NOV, now=LATER)
    assert [(r.name, r.complaints) for r in report.repeat_complainers] == [("Sari", 4), ("Budi", 3)]
    assert [c.code for c in report.complaints] == [f"KL-2026-{n:04d}" for n in range(1, 7)]
    assert report.complaints[0].products == "GA-L · Gamis Aisyah"


def test_an_empty_month(month: dict[str, int]) -> None:
    report = month_report(dt.date(2026, 9, 1))
    assert (report.total, report.by_category, report.overall_time.median_hours) == (0, [], None)
