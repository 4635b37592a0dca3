"""Payment reminders: which unpaid manual orders, in what order, with what text; WhatsApp links."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from csdesk.models import Customer, CustomerIdentity, Order, Template
from csdesk.services import manual_orders, payment_reminders, payments
from csdesk.services.manual_orders import ItemDraft, ManualOrderDraft
from csdesk.services.payment_reminders import wa_link
from csdesk.services.templates_default import install_default_templates

NOW = dt.datetime(2026, 3, 5, 2, 0)
HOUR = dt.timedelta(hours=1)


def order(customer_id: int, hours_ago: int, phone: str = "", price: int = 100_000) -> int:
    draft = ManualOrderDraft(
        customer_id=customer_id, phone=phone, items=[ItemDraft("Pashmina", unit_price=price)]
    )
    return manual_orders.create_manual_order(draft, now=NOW - hours_ago * HOUR)


@pytest.fixture
def people(db: object) -> dict[str, int]:
    install_default_templates()
    siti = Customer.create(name="Siti Rahma", nickname="Kak Siti").id
    dewi = Customer.create(name="Dewi Lestari").id
    CustomerIdentity.create(
        customer=dewi, kind="phone", value="0813-2222-3333", normalized="+6281322223333"
    )
    return {"siti": siti, "dewi": dewi}


def test_overdue_first_then_by_due_time(people: dict[str, int]) -> None:
    later = order(people["siti"], hours_ago=2, phone="0812 3456 7890")
    oldest = order(people["dewi"], hours_ago=50, price=250_000)
    overdue = order(people["siti"], hours_ago=30)
    paid = order(people["siti"], hours_ago=40)
    payments.confirm_payment(paid, payments.PaymentDraft(-1, 100_000, NOW), now=NOW)
    cancelled = order(people["dewi"], hours_ago=60)
    manual_orders.cancel_manual_order(cancelled)
    Order.create(marketplace="shopee", order_no="S1", status="unpaid", ordered_at=NOW - 90 * HOUR)

    found = payment_reminders.reminders(now=NOW)
    assert [r.order_id for r in found] == [oldest, overdue, later]
    assert [r.overdue for r in found] == [True, True, False]
    first = found[0]
    assert (first.name, first.phone, first.total, first.customer_id) == (
        "Dewi Lestari",
        "+6281322223333",
        250_000,
        people["dewi"],
    )
    assert (first.ordered_at, first.due_at) == (NOW - 50 * HOUR, NOW - 26 * HOUR)
    assert found[2].phone == "+6281234567890"  # the order's own phone first
    assert found[1].phone == ""  # Siti has no phone anywhere
    assert first.text == (
        "Halo kak Dewi 😊 Sekadar mengingatkan, pesanan WA-2026-0002 sebesar Rp250.000 masih "
        "menunggu pembayaran. Kalau sudah transfer, mohon kirim bukti transfernya ya. Kalau ada "
        "kendala, "
        "kabari kami saja 🙏"
    )
    assert found[1].text.startswith("Halo Kak Siti 😊")

    only_overdue = payment_reminders.reminders(now=NOW, include_later=False)
    assert [r.order_id for r in only_overdue] == [oldest, overdue]


def test_fallback_text_without_the_template(people: dict[str, int]) -> None:
    order(people["siti"], hours_ago=1)
    Template.delete().where(Template.shortcut == "/ingatbayar").execute()
    [reminder] = payment_reminders.reminders(now=NOW)
    assert reminder.text.startswith("Halo Kak Siti, pesanan WA-2026-0001 sebesar Rp100.000")
    assert reminder.overdue is False


@pytest.mark.parametrize(
    "phone", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456.7890"]
)
def test_wa_link_for_real_numbers(phone: str) -> None:
    link = wa_link(phone, "Halo kak, total Rp150.000 & ongkir 🙏\nTerima kasih")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://wa.me/6281234567890"
    assert parse_qs(parts.query)["text"] == ["Halo kak, total Rp150.000 & ongkir 🙏\nTerima kasih"]
    assert " " not in link and "\n" not in link


@pytest.mark.parametrize("phone", ["", "(+62)812******32", "bukan nomor"])
def test_no_wa_link_without_a_real_phone(phone: str) -> None:
    assert wa_link(phone, "Halo") == ""
