"""Etiquette hints as an admin meets them: each rule fires on the reply the seeds warn about
and stays quiet on the polite version."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.services import etiquette, fmt
from csdesk.services.settings import ShopSettings

SHOP = ShopSettings()  # Monday–Saturday 08:00–17:00 WIB, Sunday closed
# Tuesday 3 March 2026, 10.00 WIB and 21.00 WIB, as naive UTC.
OPEN = fmt.to_utc(dt.datetime(2026, 3, 3, 10, 0), "WIB")
CLOSED = fmt.to_utc(dt.datetime(2026, 3, 3, 21, 0), "WIB")
POLITE = "Halo Kak Siti 😊 Barangnya ready, mau warna apa?"


def keys(
    text: str,
    *,
    name: str = "Siti Rahma",
    nickname: str = "Kak Siti",
    complaint: bool = False,
    now: dt.datetime = OPEN,
) -> list[str]:
    found = etiquette.hints(
        text,
        customer_name=name,
        nickname=nickname,
        is_complaint=complaint,
        now=now,
        settings=SHOP,
    )
    return [hint.key for hint in found]


def test_a_polite_reply_in_business_hours_gets_no_hints() -> None:
    assert keys(POLITE) == []


def test_greeting_asks_for_the_name_or_nickname() -> None:
    found = etiquette.hints(
        "Barangnya ready kak, mau warna apa? 😊",
        customer_name="Siti Rahma",
        nickname="",
        is_complaint=False,
        now=OPEN,
        settings=SHOP,
    )
    assert [(h.key, h.message) for h in found] == [
        ("greeting", "Sapa pelanggan dengan namanya, mis. Kak Siti")
    ]
    # The nickname's honorific alone does not count as the name; the name in any case does.
    assert keys("Baik kak, ditunggu ya 🙏", nickname="Kak Siti") == ["greeting"]
    assert keys("baik SITI, ditunggu ya 🙏") == []
    assert keys("Siap bu rahma 🙏") == []
    # "siti" inside another word is not a greeting.
    assert keys("Pesanan sitiku sudah dikirim 🙏") == ["greeting"]


def test_unknown_name_suggests_asking_it() -> None:
    assert keys("Halo kak 😊 ada yang bisa dibantu?", name="", nickname="") == ["ask_name"]
    assert keys("Halo kak 😊", name="", nickname="Kak") == ["ask_name"]


def test_complaint_reply_needs_sorry_and_thanks() -> None:
    texts = {
        "Kak Siti, paketnya kami cek dulu ya 🙏": "ucapkan maaf dan terima kasih",
        "Mohon maaf Kak Siti, paketnya kami cek dulu ya 🙏": "ucapkan terima kasih",
        "Terima kasih infonya Kak Siti, paketnya kami cek 🙏": "ucapkan maaf",
    }
    for text, expected in texts.items():
        found = etiquette.hints(
            text, customer_name="Siti", nickname="", is_complaint=True, now=OPEN, settings=SHOP
        )
        assert [h.message for h in found] == [f"Pelanggan sedang komplain: {expected}"]
    both = "Mohon maaf ya Kak Siti, makasih sudah mengabari, kami cek dulu 🙏"
    assert keys(both, complaint=True) == []
    assert keys("Kak Siti, paketnya kami cek dulu ya 🙏", complaint=False) == []


def test_all_caps_reads_as_shouting() -> None:
    assert keys("KAK SITI BARANGNYA SUDAH DIKIRIM 😊") == ["all_caps"]
    assert "Hindari huruf kapital semua" in etiquette.all_caps("SUDAH DIKIRIM YA KAK").message
    # Short, mostly capitalised, or codes with digits do not count.
    assert keys("OK Kak Siti 😊") == []
    assert keys("Kak Siti, resi JP4821937745 pesanan 2603051K7QX9PT 😊") == []
    assert keys("Kak Siti 😊 BCA JNE COD OK ya") == []


def test_caps_threshold_is_seventy_percent_of_more_than_twelve_letters() -> None:
    assert etiquette.all_caps("SITI RAHMA OK") is None  # 11 letters: too short to judge
    assert etiquette.all_caps("SITIRAHMA OKE") is None  # 12
    assert etiquette.all_caps("SITIRAHMA OKEH") is not None  # 13
    # 20 letters: 14 capitals (70 %) shout, 13 (65 %) do not.
    assert etiquette.all_caps("ABCDEFGHIJKLMN abcdef") is not None
    assert etiquette.all_caps("ABCDEFGHIJKLM abcdefg") is None


def test_exclamations() -> None:
    assert keys("Kak Siti, bayar dulu!! 😊") == ["exclamations"]
    assert keys("Kak Siti! Ready! Ayo order! 😊") == ["exclamations"]
    assert keys("Kak Siti! Ready ya! 😊") == []


def test_a_longer_reply_without_any_emoticon() -> None:
    assert keys("Halo Kak Siti, barangnya ready, mau warna yang mana?") == ["emoticon"]
    assert keys("Halo Kak Siti, barangnya ready, mau warna yang mana? :)") == []
    assert keys("Halo Kak Siti, barangnya ready, mau warna yang mana ✅") == []
    assert keys("Siap Kak Siti") == []  # short answers need none
    email = etiquette.hints(
        "Halo Kak Siti, berikut kami lampirkan faktur pesanan Anda.",
        customer_name="Siti",
        nickname="",
        is_complaint=False,
        now=OPEN,
        settings=SHOP,
        channel="email",
    )
    assert email == []  # an email may be formal


@pytest.mark.parametrize(
    ("local", "closed"),
    [
        (dt.datetime(2026, 3, 3, 7, 59), True),
        (dt.datetime(2026, 3, 3, 8, 0), False),
        (dt.datetime(2026, 3, 3, 16, 59), False),
        (dt.datetime(2026, 3, 3, 17, 0), True),
        (dt.datetime(2026, 3, 8, 12, 0), True),  # Sunday
    ],
)
def test_outside_business_hours_offers_the_away_message(local: dt.datetime, closed: bool) -> None:
    now = fmt.to_utc(local, "WIB")
    assert keys(POLITE, now=now) == (["outside_hours"] if closed else [])
    # Even before typing, so the admin can start with the away message.
    assert keys("", now=now) == (["outside_hours"] if closed else [])


def test_outside_hours_is_quiet_once_the_reply_says_when_the_admin_answers() -> None:
    away = "Halo Kak Siti 🙏 admin sedang di luar jam operasional, kami balas besok pagi."
    assert keys(away, now=CLOSED) == []
    message = etiquette.hints(
        "", customer_name="", nickname="", is_complaint=True, now=CLOSED, settings=SHOP
    )
    assert [h.message for h in message] == ["Di luar jam operasional: kirim pesan away?"]


def test_holidays_and_the_shops_zone_count() -> None:
    shop = ShopSettings(zone="WIT", holidays=[dt.date(2026, 3, 3)])
    found = etiquette.hints(
        POLITE, customer_name="Siti", nickname="", is_complaint=False, now=OPEN, settings=shop
    )
    assert [h.key for h in found] == ["outside_hours"]
    # 10.00 WIB is 12.00 WIT on a normal Tuesday: open.
    assert etiquette.outside_hours(POLITE, OPEN, ShopSettings(zone="WIT")) is None


def test_several_hints_come_most_important_first() -> None:
    text = "BARANG SUDAH KAMI KIRIM, CEK SENDIRI RESINYA!!!"
    assert keys(text, complaint=True, now=CLOSED) == [
        "complaint_courtesy",
        "all_caps",
        "exclamations",
        "greeting",
        "emoticon",
        "outside_hours",
    ]
