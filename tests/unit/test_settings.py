"""Shop settings round-trip through the database, and due times follow the shop's hours."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from csdesk.errors import ValidationError
from csdesk.models import Setting
from csdesk.services import fmt
from csdesk.services import settings as shop

WEEKDAYS_ONLY: shop.Hours = {d: ("08:00", "17:00") for d in range(5)} | {5: None, 6: None}


def utc(local: str, zone: str = "WIB") -> dt.datetime:
    return fmt.to_utc(dt.datetime.fromisoformat(local), zone)


def wib(utc_dt: dt.datetime, zone: str = "WIB") -> str:
    return fmt.to_local(utc_dt, zone).strftime("%a %Y-%m-%d %H:%M")


def test_a_new_shop_gets_defaults(db: object) -> None:
    s = shop.load()
    assert s.zone == "WIB"
    assert s.first_response_minutes == 15
    assert s.complaint_window_days == {
        "shopee": 3,
        "tiktok": 2,
        "tokopedia": 2,
        "lazada": 3,
        "manual": 7,
    }
    assert (s.loyal_min_orders, s.loyal_min_value, s.inactive_days) == (3, 1_000_000, 90)
    assert s.onboarded is False
    assert s.business_hours[0] == ("08:00", "17:00")
    assert s.business_hours[6] is None


def test_save_then_load_round_trips_every_field(db: object) -> None:
    s = shop.ShopSettings(
        shop_name="Toko Ayu Hijab",
        shop_phone="0812-3456-7890",
        shop_address="Jl. Melati No. 5",
        shop_city="Bandung",
        logo_path="logo.png",
        zone="WITA",
        bank_accounts=[shop.BankAccount("BCA", "1234567890", "Ayu Lestari")],
        business_hours=WEEKDAYS_ONLY,
        holidays=[dt.date(2025, 3, 31), dt.date(2025, 4, 1)],
        whatsapp_names=["Ayu Hijab", "Admin Ayu"],
        first_response_minutes=30,
        complaint_window_days={**shop.default_complaint_windows(), "manual": 14},
        loyal_min_orders=5,
        loyal_min_value=2_500_000,
        inactive_days=60,
        onboarded=True,
    )
    shop.save(s)
    assert shop.load() == s
    assert Setting.select().count() == len(shop.ShopSettings.__dataclass_fields__)


def test_saving_twice_replaces_values(db: object) -> None:
    shop.save(shop.ShopSettings(shop_name="Lama"))
    shop.save(shop.ShopSettings(shop_name="Baru"))
    assert shop.load().shop_name == "Baru"
    assert Setting.select().where(Setting.key == "shop_name").count() == 1


def test_keys_written_by_the_demo_generator_are_read(db: object) -> None:
    Setting.create(key="shop_name", value=json.dumps("Toko Demo"))
    Setting.create(
        key="bank_accounts",
        value=json.dumps([{"bank": "BRI", "number": "0011223344", "holder": "Budi"}]),
    )
    Setting.create(key="whatsapp_names", value=json.dumps(["Toko Demo"]))
    s = shop.load()
    assert s.shop_name == "Toko Demo"
    assert s.bank_accounts == [shop.BankAccount("BRI", "0011223344", "Budi")]
    assert s.whatsapp_names == ["Toko Demo"]


def test_a_damaged_value_falls_back_to_its_default_only(db: object) -> None:
    Setting.create(key="shop_name", value=json.dumps("Toko Ayu"))
    Setting.create(key="first_response_minutes", value="{not json")
    Setting.create(key="holidays", value=json.dumps(["31-03-2025"]))
    s = shop.load()
    assert s.shop_name == "Toko Ayu"
    assert s.first_response_minutes == 15
    assert s.holidays == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"zone": "GMT"}, "Zona waktu"),
        ({"business_hours": {0: ("8 pagi", "17:00")}}, "JJ:MM"),
        ({"business_hours": {4: ("17:00", "08:00")}}, "Jumat"),
        ({"first_response_minutes": -5}, "negatif"),
        ({"bank_accounts": [shop.BankAccount("", "123", "Ayu")]}, "rekening"),
    ],
)
def test_invalid_settings_are_refused_and_nothing_is_saved(
    db: object, change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        shop.save(shop.ShopSettings(shop_name="Toko", **change))
    assert Setting.select().count() == 0


def test_friday_afternoon_message_is_due_monday_morning() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY)
    due = shop.add_business_minutes(utc("2025-03-07 16:50"), 15, s)
    assert wib(due) == "Mon 2025-03-10 08:05"


def test_within_hours_the_due_time_is_plain_minutes() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY)
    due = shop.add_business_minutes(utc("2025-03-05 10:00"), 15, s)
    assert wib(due) == "Wed 2025-03-05 10:15"


def test_a_night_message_counts_from_opening() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY)
    due = shop.add_business_minutes(utc("2025-03-04 22:30"), 15, s)
    assert wib(due) == "Wed 2025-03-05 08:15"


def test_holidays_are_skipped() -> None:
    # Idul Fitri 2025: Monday 31 March and Tuesday 1 April.
    s = shop.ShopSettings(
        business_hours=WEEKDAYS_ONLY, holidays=[dt.date(2025, 3, 31), dt.date(2025, 4, 1)]
    )
    due = shop.add_business_minutes(utc("2025-03-28 16:55"), 15, s)
    assert wib(due) == "Wed 2025-04-02 08:10"


def test_hours_are_the_shops_own_zone() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY, zone="WIT")
    # 07:30 WIB is 09:30 WIT: the Jayapura shop is already open.
    arrived = utc("2025-03-05 07:30", "WIB")
    assert shop.is_business_time(arrived, s)
    assert wib(shop.add_business_minutes(arrived, 15, s), "WIT") == "Wed 2025-03-05 09:45"


def test_is_and_next_business_time() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY)
    assert shop.is_business_time(utc("2025-03-07 08:00"), s)
    assert not shop.is_business_time(utc("2025-03-07 17:00"), s)
    assert not shop.is_business_time(utc("2025-03-08 10:00"), s)
    assert wib(shop.next_business_time(utc("2025-03-08 10:00"), s)) == "Mon 2025-03-10 08:00"
    open_now = utc("2025-03-07 09:12")
    assert shop.next_business_time(open_now, s) == open_now


def test_a_long_target_spans_several_days() -> None:
    s = shop.ShopSettings(business_hours=WEEKDAYS_ONLY)
    # 540 minutes = one full 9-hour day: Thursday 16:00 + 1 h Thu + 8 h Fri -> Friday 16:00.
    due = shop.add_business_minutes(utc("2025-03-06 16:00"), 540, s)
    assert wib(due) == "Fri 2025-03-07 16:00"


def test_a_schedule_that_never_opens_counts_plain_minutes() -> None:
    s = shop.ShopSettings(business_hours=dict.fromkeys(range(7)))
    start = utc("2025-03-08 23:00")
    assert shop.is_business_time(start, s)
    assert shop.add_business_minutes(start, 15, s) == start + dt.timedelta(minutes=15)
