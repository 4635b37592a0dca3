"""Follow-ups and the Dasbor's 'Tindak lanjut hari ini', across the shop's day (WIB)."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest
from list_factories import complaint, customer, order

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Customer, FollowUp
from csdesk.services import settings
from csdesk.services.customer_merge import merge_customers
from csdesk.services.follow_ups import (
    add_follow_up,
    customer_follow_ups,
    due_follow_ups,
    mark_done,
    shop_today,
    snooze,
    snooze_days,
)

# Wednesday 5 March 2025, 23.30 WIB: the shop's day ends in half an hour (17.00 UTC).
LATE = dt.datetime(2025, 3, 5, 16, 30)


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


@pytest.fixture
def sari(db: pw.Database) -> Customer:
    return customer("Sari Wulandari", nickname="Kak Sari")


def test_today_is_the_shops_day(sari: Customer) -> None:
    overdue = add_follow_up(sari.id, utc(4, 16), "payment")  # Tue 23.00 WIB
    early = add_follow_up(sari.id, utc(4, 17, 30), "review")  # Wed 00.30 WIB
    last = add_follow_up(sari.id, utc(5, 16, 59), "restock")  # Wed 23.59 WIB
    add_follow_up(sari.id, utc(5, 17), "other")  # Thu 00.00 WIB: tomorrow

    lines = due_follow_ups(LATE)

    assert [(x.id, x.overdue) for x in lines] == [(overdue, True), (early, False), (last, False)]
    assert [x.reason_label for x in lines] == [
        "Pengingat pembayaran",
        "Minta ulasan",
        "Kabari stok datang",
    ]
    assert lines[0].customer_name == "Sari Wulandari" and lines[0].nickname == "Kak Sari"
    # Half an hour later it is Thursday in WIB: yesterday's ones are overdue, Thursday's is due.
    after_midnight = due_follow_ups(LATE + dt.timedelta(minutes=30))
    assert [x.overdue for x in after_midnight] == [True, True, True, False]
    assert len(due_follow_ups(LATE, include_later=True)) == 4


def test_the_shops_zone_decides(sari: Customer) -> None:
    """At 16.30 UTC it is already Thursday 00.30 in WITA: Thursday's follow-up is due there."""
    thursday = add_follow_up(sari.id, utc(5, 16, 45), "other")  # Thu 00.45 WITA, 23.45 WIB
    assert [x.id for x in due_follow_ups(LATE)] == [thursday]
    s = settings.load()
    s.zone = "WITA"
    settings.save(s)
    assert [x.id for x in due_follow_ups(utc(5, 15, 30))] == []  # Wed 23.30 WITA
    assert [x.id for x in due_follow_ups(LATE)] == [thursday]


def test_a_day_means_the_start_of_that_day_in_the_shops_zone(sari: Customer) -> None:
    fid = add_follow_up(sari.id, dt.date(2025, 3, 6), "review", note="  minta ulasan bintang 5 ")
    follow_up = FollowUp.get_by_id(fid)
    assert follow_up.due_at == utc(5, 17)  # 6 March 00.00 WIB
    assert follow_up.note == "minta ulasan bintang 5"
    assert due_follow_ups(LATE) == []
    assert [x.id for x in due_follow_ups(utc(5, 17))] == [fid]


def test_done_and_snoozed(sari: Customer) -> None:
    a = add_follow_up(sari.id, utc(5, 2), "payment", author="Rina")
    b = add_follow_up(sari.id, utc(5, 3), "review")

    mark_done(a, now=utc(5, 4))
    snooze(b, dt.date(2025, 3, 7), now=utc(5, 4))

    assert due_follow_ups(utc(5, 5)) == []
    [later] = due_follow_ups(utc(5, 5), include_later=True)
    assert (later.id, later.status_label, later.due_at) == (b, "Ditunda", utc(6, 17))
    assert [x.id for x in due_follow_ups(utc(6, 17))] == [b]
    history = customer_follow_ups(sari.id)
    assert [(x.id, x.status) for x in history] == [(b, "snoozed"), (a, "done")]
    assert history[1].done_at == utc(5, 4) and history[1].author == "Rina"
    with pytest.raises(ValidationError, match=f"#{a} sudah selesai"):
        mark_done(a)
    with pytest.raises(ValidationError, match="sudah selesai"):
        snooze(a, utc(9, 1))
    with pytest.raises(ValidationError, match="waktu yang akan datang"):
        snooze(b, utc(5, 3), now=utc(5, 4))


def test_snoozing_by_days_counts_from_the_shops_day(sari: Customer) -> None:
    """At 23.30 WIB on Wednesday "Besok" is Thursday (00.00 WIB is 17.00 UTC), although UTC's
    own day is still Wednesday; half an hour later "Besok" is Friday."""
    fid = add_follow_up(sari.id, utc(5, 2), "payment")
    assert shop_today(LATE) == dt.date(2025, 3, 5)
    assert shop_today(LATE + dt.timedelta(minutes=30)) == dt.date(2025, 3, 6)

    assert snooze_days(fid, 1, now=LATE) == dt.date(2025, 3, 6)
    assert FollowUp.get_by_id(fid).due_at == utc(5, 17)
    assert snooze_days(fid, 1, now=LATE + dt.timedelta(minutes=30)) == dt.date(2025, 3, 7)
    assert FollowUp.get_by_id(fid).due_at == utc(6, 17)
    assert FollowUp.get_by_id(fid).status == "snoozed"
    with pytest.raises(ValidationError, match="waktu yang akan datang"):
        snooze_days(fid, 0, now=LATE)


def test_about_an_order_or_a_complaint(sari: Customer) -> None:
    o = order("WA-2025-0007", ordered_at=utc(4, 2), customer=sari, status="unpaid")
    k = complaint("KL-2025-0012", customer=sari)
    add_follow_up(sari.id, utc(5, 2), "payment", order_id=o.id)
    add_follow_up(sari.id, utc(5, 3), "complaint", complaint_id=k.id)

    lines = due_follow_ups(LATE)

    assert [(x.order_no, x.complaint_code) for x in lines] == [
        ("WA-2025-0007", ""),
        ("", "KL-2025-0012"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"reason": "telepon"}, ValidationError, "Alasan tindak lanjut tidak dikenal"),
        ({"order_id": 99}, NotFoundError, "Pesanan #99 tidak ditemukan"),
        ({"complaint_id": 99}, NotFoundError, "Keluhan #99 tidak ditemukan"),
        ({"customer_id": 99}, NotFoundError, "Pelanggan #99 tidak ditemukan"),
        ({"note": "x" * 2001}, ValidationError, "terlalu panjang"),
    ],
)
def test_refused(
    sari: Customer, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    args: dict[str, object] = {"customer_id": sari.id, "due_at": utc(5, 2), "reason": "other"}
    with pytest.raises(error, match=message):
        add_follow_up(**{**args, **kwargs})  # type: ignore[arg-type]
    assert FollowUp.select().count() == 0


def test_follow_ups_go_with_a_merge(sari: Customer) -> None:
    other = customer("Sari W")
    fid = add_follow_up(other.id, utc(5, 2), "restock")
    merge_customers(sari.id, other.id)

    assert [x.customer_id for x in due_follow_ups(LATE)] == [sari.id]
    assert [x.id for x in customer_follow_ups(sari.id)] == [fid]
    # An old id held by a window opened before the merge still lands on the kept customer.
    later = add_follow_up(other.id, utc(5, 3), "other")
    assert FollowUp.get_by_id(later).customer_id == sari.id


def test_unknown_follow_up(db: pw.Database) -> None:
    with pytest.raises(NotFoundError, match="Tindak lanjut #7 tidak ditemukan"):
        mark_done(7)


def test_due_words_follow_the_shop_day() -> None:
    """23.30 WIB on 24 Nov is 16.30 UTC: a follow-up due 25 Nov 00.00 WIB is 'Besok'."""
    import datetime as dt

    from csdesk.services.follow_ups import due_text

    now = dt.datetime(2026, 11, 24, 16, 30)  # 23.30 WIB
    wib = "Asia/Jakarta"
    assert due_text(dt.datetime(2026, 11, 24, 17, 0), now, wib) == ("tomorrow", "Besok")
    assert due_text(dt.datetime(2026, 11, 23, 17, 0), now, wib) == ("today", "Hari ini")
    assert due_text(dt.datetime(2026, 11, 21, 3, 0), now, wib) == ("overdue", "Terlambat 3 hari")
    assert due_text(dt.datetime(2026, 11, 26, 3, 0), now, wib) == ("later", "Kam, 26 Nov 2026")
