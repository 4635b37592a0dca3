"""Quick-reply templates: saving with validation, and filling placeholders from real rows."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Customer, Order, OrderItem, Template
from csdesk.services import settings, templates


def test_save_list_search_and_delete(db: object) -> None:
    rek = templates.save_template(
        None, title="Nomor rekening", shortcut=" /Rek ", body="Transfer ke {rekening} ya"
    )
    templates.save_template(None, title="Salam", shortcut="/salam", body="Halo {nama}")
    assert rek.shortcut == "/rek"
    assert [t.title for t in templates.list_templates()] == ["Nomor rekening", "Salam"]
    assert [t.title for t in templates.list_templates("transfer")] == ["Nomor rekening"]
    assert [t.title for t in templates.list_templates("/sal")] == ["Salam"]
    assert templates.find_by_shortcut("/REK") == templates.get_template(rek.id)
    templates.save_template(
        rek.id, title="Rekening", shortcut="/rek", body="BCA ya", category="Pembayaran"
    )
    saved = Template.get_by_id(rek.id)
    assert (saved.title, saved.body, saved.category) == ("Rekening", "BCA ya", "Pembayaran")
    templates.delete_template(rek.id)
    assert [t.title for t in templates.list_templates()] == ["Salam"]
    with pytest.raises(NotFoundError):
        templates.delete_template(rek.id)


@pytest.mark.parametrize(
    ("title", "shortcut", "body", "message"),
    [
        ("", "/a", "isi", "Judul template wajib diisi"),
        ("Judul", "/a", "  ", "Isi template wajib diisi"),
        ("Judul", "rek", "isi", 'diawali garis miring "/"'),
        ("Judul", "/cek resi", "isi", "tanpa spasi"),
        ("Judul", "/", "isi", "tanpa spasi"),
        ("Judul", "/salam", "isi", 'sudah dipakai template "Salam"'),
    ],
)
def test_invalid_templates_are_refused(
    db: object, title: str, shortcut: str, body: str, message: str
) -> None:
    templates.save_template(None, title="Salam", shortcut="/salam", body="Halo")
    with pytest.raises(ValidationError, match=message):
        templates.save_template(None, title=title, shortcut=shortcut, body=body)
    assert Template.select().count() == 1


def test_fill_uses_values_fallbacks_and_reports_what_is_missing() -> None:
    filled = templates.fill(
        "Halo {panggilan|kak}, pesanan {no_pesanan} via {kurir}. {diskon} {resi}",
        {"no_pesanan": "2603ABC", "kurir": ""},
    )
    assert filled.text == "Halo kak, pesanan 2603ABC via {kurir}. {diskon} {resi}"
    assert filled.missing == ["kurir", "diskon", "resi"]
    assert templates.fill("Halo {panggilan|kak}", {"panggilan": "Kak Siti"}).text == (
        "Halo Kak Siti"
    )
    # An unknown placeholder is reported even with a fallback: it is probably a typo.
    assert templates.fill("{nma|kak}", {"nama": "Siti"}).missing == ["nma"]


def test_business_hours_read_as_ranges() -> None:
    hours = settings.default_hours()
    assert templates.business_hours_text(hours) == "Senin–Sabtu 08.00–17.00 WIB"
    hours[5] = ("08:00", "12:00")
    assert templates.business_hours_text(hours, "WITA") == (
        "Senin–Jumat 08.00–17.00, Sabtu 08.00–12.00 WITA"
    )
    assert templates.business_hours_text(dict.fromkeys(range(7))) == ""


def test_context_from_customer_order_and_settings(db: object) -> None:
    shop = settings.load()
    shop.shop_name = "Toko Ayu Hijab"
    shop.bank_accounts = [
        settings.BankAccount("BCA", "1234567890", "Ayu Lestari"),
        settings.BankAccount("Mandiri", "1300012345678", "Ayu Lestari"),
    ]
    hours = dict.fromkeys(range(7))
    hours.update(dict.fromkeys(range(5), ("08:00", "17:00")))
    shop.business_hours = hours
    settings.save(shop)
    customer = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    order = Order.create(
        marketplace="shopee",
        order_no="2603051K7QX9PT",
        customer=customer,
        status="shipped",
        ordered_at=dt.datetime(2026, 3, 5, 2, 0),
        courier="J&T Express",
        tracking_no="JP4821937745",
        total=1_250_000,
    )
    OrderItem.create(order=order, product="Gamis Rayon", variant="Navy, L", quantity=2)

    context = templates.context_for(order_id=order.id)
    assert context["nama"] == "Siti Rahma"
    assert context["panggilan"] == "Kak Siti"
    assert context["total"] == "Rp1.250.000"
    assert context["status"] == "Dikirim"
    assert context["produk"] == "Gamis Rayon (Navy, L) x2"
    assert context["rekening"] == (
        "BCA 1234567890 a.n. Ayu Lestari\nMandiri 1300012345678 a.n. Ayu Lestari"
    )
    assert context["jam_operasional"] == "Senin–Jumat 08.00–17.00 WIB"
    body = "Halo {panggilan|kak}, pesanan {no_pesanan} sudah dikirim via {kurir} resi {resi}"
    assert templates.fill(body, context).text == (
        "Halo Kak Siti, pesanan 2603051K7QX9PT sudah dikirim via J&T Express resi JP4821937745"
    )


def test_context_without_nickname_falls_back(db: object) -> None:
    customer = Customer.create(name="Budi Santoso")
    context = templates.context_for(customer_id=customer.id)
    # No nickname kept: the reply still greets by name ("kak" and the first name).
    assert context["panggilan"] == "kak Budi"
    assert templates.fill("Halo {panggilan|kak}", context).text == "Halo kak Budi"
    # A new shop has no bank account yet: /rek must warn rather than send an empty line.
    assert templates.fill("{rekening}", context).missing == ["rekening"]


def test_sample_context_is_siti(db: object) -> None:
    sample = templates.sample_context()
    assert (sample["nama"], sample["panggilan"]) == ("Siti Rahma", "Kak Siti")


def test_order_status_message_reads_like_a_seller() -> None:
    common = {"order_no": "2603ABC", "courier": "JNE REG", "tracking_no": "", "total": 189_000}
    assert templates.order_status_message(
        **common, status="unpaid", name="Budi Santoso"
    ).startswith("Halo kak Budi, pesanan 2603ABC masih menunggu pembayaran sebesar Rp189.000.")
    shipped = templates.order_status_message(
        **{**common, "tracking_no": "CGK123"}, status="delivered", name="Siti", nickname="Kak Siti"
    )
    assert shipped.startswith("Halo Kak Siti, pesanan 2603ABC sudah dikirim via JNE REG dengan")
    assert "CGK123" in shipped
    assert templates.greeting_name("", "") == "kak"
