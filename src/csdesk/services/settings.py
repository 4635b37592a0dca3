"""The shop's settings, typed, with defaults for a new shop, and its business hours.

Each field of `ShopSettings` is one `Setting` row keyed by the field name, its value JSON, so
other writers (the demo generator) can set single keys and new fields need no migration.
A stored value that cannot be read falls back to the default for that field only (and is
logged), so one damaged value never locks the seller out of the app.

Business time: the first-response due time counts only the shop's open hours, in its own
zone (WIB/WITA/WIT), skipping days off and holidays. Indonesia has no daylight saving, so
shop-local clock arithmetic is exact.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field, fields
from typing import Any

from csdesk.errors import ValidationError
from csdesk.models import Setting
from csdesk.models.base import database_proxy
from csdesk.services import fmt

log = logging.getLogger(__name__)

Hours = dict[int, tuple[str, str] | None]  # weekday 0=Monday..6 -> ("08:00", "17:00") or closed

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# How far ahead to look for an open hour before deciding the schedule never opens.
_SEARCH_DAYS = 400


@dataclass
class BankAccount:
    bank: str
    number: str
    holder: str


def default_hours() -> Hours:
    """Monday to Saturday 08:00–17:00, Sunday closed: a typical small online shop."""
    hours: Hours = dict.fromkeys(range(6), ("08:00", "17:00"))
    hours[6] = None
    return hours


def default_complaint_windows() -> dict[str, int]:
    """Days a buyer has to complain after delivery, per marketplace (manual: the shop's own)."""
    return {"shopee": 3, "tiktok": 2, "tokopedia": 2, "lazada": 3, "manual": 7}


@dataclass
class ShopSettings:
    shop_name: str = ""
    shop_phone: str = ""
    shop_address: str = ""
    shop_city: str = ""
    logo_path: str = ""
    zone: str = fmt.DEFAULT_ZONE  # a key of fmt.ZONES
    bank_accounts: list[BankAccount] = field(default_factory=list)
    business_hours: Hours = field(default_factory=default_hours)
    holidays: list[dt.date] = field(default_factory=list)
    whatsapp_names: list[str] = field(default_factory=list)  # the shop's own names in WA chats
    first_response_minutes: int = 15
    complaint_window_days: dict[str, int] = field(default_factory=default_complaint_windows)
    loyal_min_orders: int = 3
    loyal_min_value: int = 1_000_000
    inactive_days: int = 90
    payment_deadline_hours: int = 24  # how long a manual order may wait for its transfer
    onboarded: bool = False  # the welcome page has been completed


def _encode(name: str, value: Any) -> Any:
    if name == "bank_accounts":
        return [{"bank": a.bank, "number": a.number, "holder": a.holder} for a in value]
    if name == "business_hours":
        return {str(day): list(span) if span else None for day, span in sorted(value.items())}
    if name == "holidays":
        return [day.isoformat() for day in sorted(value)]
    return value


def _decode(name: str, raw: Any) -> Any:
    """The stored JSON value as the field's type; raises (ValueError, TypeError, KeyError)
    when it does not fit, so `load` can fall back to the default."""
    if name == "bank_accounts":
        return [BankAccount(str(a["bank"]), str(a["number"]), str(a["holder"])) for a in raw]
    if name == "business_hours":
        hours: Hours = dict.fromkeys(range(7))
        for day, span in raw.items():
            if int(day) not in hours:
                raise ValueError(f"weekday {day}")
            hours[int(day)] = (str(span[0]), str(span[1])) if span else None
        return hours
    if name == "holidays":
        return [dt.date.fromisoformat(day) for day in raw]
    if name == "whatsapp_names":
        return [str(n) for n in raw]
    if name == "complaint_window_days":
        return {**default_complaint_windows(), **{str(k): int(v) for k, v in raw.items()}}
    if name == "onboarded":
        return bool(raw)
    if name in {
        "first_response_minutes",
        "loyal_min_orders",
        "loyal_min_value",
        "inactive_days",
        "payment_deadline_hours",
    }:
        return int(raw)
    return str(raw)


def validate(s: ShopSettings) -> None:
    """Raise ValidationError (Indonesian) for a value the seller typed that cannot work."""
    if s.zone not in fmt.ZONES:
        raise ValidationError(f"Zona waktu harus WIB, WITA atau WIT, bukan {s.zone!r}")
    for day, span in s.business_hours.items():
        if span is None:
            continue
        opens, closes = span
        name = fmt.DAYS_LONG[day]
        if not (_CLOCK.match(opens) and _CLOCK.match(closes)):
            raise ValidationError(f"Jam buka {name} harus ditulis JJ:MM, misalnya 08:00")
        if opens >= closes:
            raise ValidationError(f"Jam tutup {name} harus setelah jam bukanya ({opens})")
    numbers = {
        "Target respons pertama": s.first_response_minutes,
        "Minimal pesanan pelanggan setia": s.loyal_min_orders,
        "Minimal belanja pelanggan setia": s.loyal_min_value,
        "Hari sampai pelanggan dianggap tidak aktif": s.inactive_days,
        **{f"Batas komplain {k}": v for k, v in s.complaint_window_days.items()},
    }
    for label, value in numbers.items():
        if value < 0:
            raise ValidationError(f"{label} tidak boleh negatif")
    if s.payment_deadline_hours < 1:
        raise ValidationError("Batas waktu pembayaran minimal 1 jam")
    for account in s.bank_accounts:
        if not account.bank.strip() or not account.number.strip():
            raise ValidationError("Setiap rekening perlu nama bank dan nomor rekening")


def load() -> ShopSettings:
    """The shop's settings: stored values over the defaults of a new shop."""
    stored = {row.key: row.value for row in Setting.select()}
    settings = ShopSettings()
    for f in fields(ShopSettings):
        if f.name not in stored:
            continue
        try:
            setattr(settings, f.name, _decode(f.name, json.loads(stored[f.name])))
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
            log.warning("setting %s unreadable, using the default: %s", f.name, exc)
    if settings.zone not in fmt.ZONES:
        log.warning("setting zone %r unknown, using %s", settings.zone, fmt.DEFAULT_ZONE)
        settings.zone = fmt.DEFAULT_ZONE
    return settings


def save(s: ShopSettings) -> None:
    """Validate and store every field in one transaction."""
    validate(s)
    rows = [
        {"key": f.name, "value": json.dumps(_encode(f.name, getattr(s, f.name)))}
        for f in fields(ShopSettings)
    ]
    with database_proxy.atomic():
        for row in rows:
            Setting.insert(row).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: row["value"]}
            ).execute()


def _open_span(day: dt.date, s: ShopSettings) -> tuple[dt.datetime, dt.datetime] | None:
    """The shop-local (naive) opening and closing times of `day`, None when closed."""
    if day in s.holidays:
        return None
    span = s.business_hours.get(day.weekday())
    if span is None:
        return None
    opens, closes = (dt.time.fromisoformat(t) for t in span)
    return dt.datetime.combine(day, opens), dt.datetime.combine(day, closes)


def _local(utc_dt: dt.datetime, s: ShopSettings) -> dt.datetime:
    return fmt.to_local(utc_dt, s.zone).replace(tzinfo=None)


def _next_open_local(local: dt.datetime, s: ShopSettings) -> tuple[dt.datetime, dt.datetime] | None:
    """From shop-local time `local`: (the first open moment at or after it, that span's close)."""
    for offset in range(_SEARCH_DAYS):
        span = _open_span(local.date() + dt.timedelta(days=offset), s)
        if span is None:
            continue
        opens, closes = span
        if local < closes:
            return max(local, opens), closes
    return None


def is_business_time(utc_dt: dt.datetime, s: ShopSettings) -> bool:
    """Is the shop open at this (naive UTC) moment? A schedule that never opens counts as
    always open, so due times still come out rather than never."""
    local = _local(utc_dt, s)
    found = _next_open_local(local, s)
    return found is None or found[0] == local


def next_business_time(utc_dt: dt.datetime, s: ShopSettings) -> dt.datetime:
    """The first open moment at or after `utc_dt` (naive UTC in, naive UTC out)."""
    found = _next_open_local(_local(utc_dt, s), s)
    return utc_dt if found is None else fmt.to_utc(found[0], s.zone)


def add_business_minutes(utc_dt: dt.datetime, minutes: int, s: ShopSettings) -> dt.datetime:
    """`minutes` of open time after `utc_dt`: the first-response due time of a message that
    arrived then. Naive UTC in and out; counting happens in the shop's zone."""
    local = _local(utc_dt, s)
    remaining = dt.timedelta(minutes=minutes)
    while True:
        found = _next_open_local(local, s)
        if found is None:
            return utc_dt + dt.timedelta(minutes=minutes)
        start, closes = found
        if start + remaining <= closes:
            return fmt.to_utc(start + remaining, s.zone)
        remaining -= closes - start
        local = closes
