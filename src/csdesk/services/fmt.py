"""How csdesk writes money, times and phones for people: one place for every screen and print.

Money is integer rupiah: `Rp1.250.000` (dot thousands, no decimals, `-Rp5.000` for negatives).
Times are stored naive UTC and shown in the shop's zone: `Sen, 05 Mar 2025 09.15 WIB`.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import phonenumbers

ZONES: dict[str, str] = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}
DEFAULT_ZONE = "WIB"

DAYS = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
DAYS_LONG = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_LONG = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def rupiah(amount: int | None) -> str:
    """`Rp1.250.000`; empty text for a missing amount."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def tzinfo(zone: str = DEFAULT_ZONE) -> ZoneInfo:
    return ZoneInfo(ZONES.get(zone, ZONES[DEFAULT_ZONE]))


def to_local(utc: dt.datetime, zone: str = DEFAULT_ZONE) -> dt.datetime:
    """A stored (naive UTC) time as an aware time in the shop's zone."""
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=dt.UTC)
    return utc.astimezone(tzinfo(zone))


def to_utc(local: dt.datetime, zone: str = DEFAULT_ZONE) -> dt.datetime:
    """A shop-local time (naive, as files and people write it) as naive UTC for storage."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=tzinfo(zone))
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def datetime_long(utc: dt.datetime | None, zone: str = DEFAULT_ZONE) -> str:
    """`Sen, 05 Mar 2025 09.15 WIB`."""
    if utc is None:
        return ""
    t = to_local(utc, zone)
    return f"{DAYS[t.weekday()]}, {t.day:02d} {MONTHS[t.month - 1]} {t.year} {t:%H.%M} {zone}"


def datetime_short(utc: dt.datetime | None, zone: str = DEFAULT_ZONE) -> str:
    """`05 Mar 2025 09.15` for table cells (the zone is in the column header)."""
    if utc is None:
        return ""
    t = to_local(utc, zone)
    return f"{t.day:02d} {MONTHS[t.month - 1]} {t.year} {t:%H.%M}"


def date_long(day: dt.date) -> str:
    """`Senin, 5 Maret 2025`."""
    return f"{DAYS_LONG[day.weekday()]}, {day.day} {MONTHS_LONG[day.month - 1]} {day.year}"


def duration(seconds: float) -> str:
    """A waiting time as people say it: `45 dtk`, `12 mnt`, `3 jam 5 mnt`, `2 hari`."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} dtk"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} mnt"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} jam {minutes} mnt" if minutes else f"{hours} jam"
    return f"{hours // 24} hari"


def is_masked_phone(text: str) -> bool:
    return "*" in text


def phone_e164(text: str, region: str = "ID") -> str | None:
    """E.164 for a real phone (`0812-3456-7890` → `+6281234567890`), None for masked/garbage.

    `is_possible_number` rather than `is_valid_number`: the latter rejects real prepaid ranges.
    """
    if not text or is_masked_phone(text):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(text: str, region: str = "ID") -> str:
    """`+62 812-3456-7890` for a real phone; masked or unparsable text as it came."""
    e164 = phone_e164(text, region)
    if e164 is None:
        return text
    number = phonenumbers.parse(e164, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
