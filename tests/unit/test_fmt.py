"""How money, times and phones read for people."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.services import fmt


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "Rp0"),
        (500, "Rp500"),
        (37_200, "Rp37.200"),
        (1_250_000, "Rp1.250.000"),
        (-5_000, "-Rp5.000"),
        (-1_250_000_000, "-Rp1.250.000.000"),
        (None, ""),
    ],
)
def test_rupiah(amount: int | None, text: str) -> None:
    assert fmt.rupiah(amount) == text


def test_datetime_long_in_the_shops_zone() -> None:
    stored = dt.datetime(2025, 3, 5, 2, 15)  # naive UTC
    assert fmt.datetime_long(stored) == "Rab, 05 Mar 2025 09.15 WIB"
    assert fmt.datetime_long(stored, "WITA") == "Rab, 05 Mar 2025 10.15 WITA"
    assert fmt.datetime_long(stored, "WIT") == "Rab, 05 Mar 2025 11.15 WIT"
    assert fmt.datetime_long(None) == ""


def test_late_evening_utc_is_the_next_day_in_wib() -> None:
    assert fmt.datetime_long(dt.datetime(2025, 3, 2, 20, 5)) == "Sen, 03 Mar 2025 03.05 WIB"
    assert fmt.datetime_short(dt.datetime(2025, 12, 31, 17, 0)) == "01 Jan 2026 00.00"


def test_local_and_utc_round_trip() -> None:
    local = dt.datetime(2025, 8, 17, 10, 0)
    stored = fmt.to_utc(local, "WITA")
    assert stored == dt.datetime(2025, 8, 17, 2, 0)
    assert fmt.to_local(stored, "WITA").replace(tzinfo=None) == local


def test_date_long() -> None:
    assert fmt.date_long(dt.date(2025, 8, 17)) == "Minggu, 17 Agustus 2025"


@pytest.mark.parametrize(
    "text", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "081234567890"]
)
def test_phone_e164_for_the_ways_sellers_write_numbers(text: str) -> None:
    assert fmt.phone_e164(text) == "+6281234567890"


@pytest.mark.parametrize("text", ["(+62)812******32", "******56", "", "bukan nomor", "12"])
def test_masked_or_garbage_phones_match_nobody(text: str) -> None:
    assert fmt.phone_e164(text) is None


def test_phone_display() -> None:
    assert fmt.phone_display("081234567890") == "+62 812-3456-7890"
    assert fmt.phone_display("(+62)812******32") == "(+62)812******32"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 dtk"),
        (-3, "0 dtk"),
        (45, "45 dtk"),
        (60, "1 mnt"),
        (12 * 60 + 59, "12 mnt"),
        (3600, "1 jam"),
        (3 * 3600 + 5 * 60, "3 jam 5 mnt"),
        (2 * 86400 + 3600, "2 hari"),
    ],
)
def test_duration(seconds: int, text: str) -> None:
    assert fmt.duration(seconds) == text
