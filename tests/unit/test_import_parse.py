"""Cell values as the marketplaces write them: money, counts, ids, dates, missing markers."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.services.importing import parse


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("37.200", 37200),
        ("Rp37.200", 37200),
        ("Rp 1.250.000", 1250000),
        ("IDR 125.000", 125000),
        ("37,200", 37200),
        ("37200", 37200),
        ("37.200,50", 37201),
        ("37.200,49", 37200),
        ("1,250,000.50", 1250001),
        ("-5.000", -5000),
        (37200.0, 37200),
        (37200.5, 37201),
        (125000, 125000),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_money(cell: object, amount: int | None) -> None:
    assert parse.money(cell) == amount


@pytest.mark.parametrize("cell", ["abc", "1.250.5", "12 ribu"])
def test_money_refuses_garbage(cell: str) -> None:
    with pytest.raises(ValueError):
        parse.money(cell)


def test_count() -> None:
    assert parse.count(3.0) == 3
    assert parse.count("2") == 2
    assert parse.count("2 pcs") == 2
    assert parse.count("") is None
    with pytest.raises(ValueError):
        parse.count("dua")


def test_identifier_keeps_long_ids_exact() -> None:
    assert parse.identifier("577772503010000258") == "577772503010000258"
    assert parse.identifier(6281318608592.0) == "6281318608592"
    assert parse.identifier("(+62)812******32") == "(+62)812******32"
    assert parse.identifier("-") is None
    with pytest.raises(ValueError, match="digit"):
        parse.identifier(577772503010000258.0)


@pytest.mark.parametrize(
    ("cell", "local"),
    [
        ("2025-03-01 11:05", dt.datetime(2025, 3, 1, 11, 5)),
        ("01/03/2025 10:22:00", dt.datetime(2025, 3, 1, 10, 22)),
        ("01-03-2025 08:44:00", dt.datetime(2025, 3, 1, 8, 44)),
        ("05 Mar 2025 09:15", dt.datetime(2025, 3, 5, 9, 15)),
        ("05 Mei 2025 09:15", dt.datetime(2025, 5, 5, 9, 15)),
        ("05 Agu 2025 09:15", dt.datetime(2025, 8, 5, 9, 15)),
        ("05 Okt 2025 09:15", dt.datetime(2025, 10, 5, 9, 15)),
        ("05 Des 2025 09:15", dt.datetime(2025, 12, 5, 9, 15)),
        ("05 Dec 2025 09:15", dt.datetime(2025, 12, 5, 9, 15)),
        ("2025-03-01", dt.datetime(2025, 3, 1)),
        (dt.datetime(2025, 3, 1, 11, 5), dt.datetime(2025, 3, 1, 11, 5)),
        (dt.date(2025, 3, 1), dt.datetime(2025, 3, 1)),
        (45717.5, dt.datetime(2025, 3, 1, 12, 0)),
        ("-", None),
        ("", None),
    ],
)
def test_local_time(cell: object, local: dt.datetime | None) -> None:
    assert parse.local_time(cell) == local


@pytest.mark.parametrize("cell", ["kemarin sore", "32/13/2025 10:00", "05 Xyz 2025 09:15", 12.0])
def test_local_time_refuses_garbage(cell: object) -> None:
    with pytest.raises(ValueError):
        parse.local_time(cell)
