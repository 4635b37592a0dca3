"""Which customer an imported order gets (FORMATS.md): identity, then real phone, never a
masked phone or a name alone; figures kept current; csdesk's export keeps its customers."""

from __future__ import annotations

from import_factories import order, parsed

from csdesk.models import Customer, CustomerIdentity, Order
from csdesk.services.importing.upsert import import_parsed


def customer_of(order_no: str) -> Customer:
    return Order.get(Order.order_no == order_no).customer


def test_same_username_in_two_files_is_one_customer(db: object) -> None:
    import_parsed(parsed(order("A1", buyer_username="Sari.W")))
    import_parsed(parsed(order("A2", buyer_username="sari.w", phone="")))
    assert customer_of("A1").id == customer_of("A2").id
    assert Customer.select().count() == 1


def test_real_phone_matches_across_marketplaces_and_adds_the_identity(db: object) -> None:
    import_parsed(parsed(order("A1", phone="0812-3456-7890")))
    lazada = order("L1", marketplace="lazada", buyer_username="", buyer_name="Sari W.",
                   phone="62 812 3456 7890")  # fmt: skip
    import_parsed(parsed(lazada))
    sari = customer_of("A1")
    assert customer_of("L1").id == sari.id
    kinds = {(i.kind, i.marketplace, i.normalized) for i in sari.identities}
    assert kinds == {
        ("phone", "", "+6281234567890"),
        ("marketplace", "shopee", "sari.w"),
        ("marketplace", "lazada", "sari w.|+6281234567890"),
    }
    assert sari.order_count == 2


def test_masked_phones_and_names_never_match(db: object) -> None:
    import_parsed(parsed(order("T1", marketplace="tiktok", buyer_username="rina1",
                               recipient="Rina", phone="(+62)812******32")))  # fmt: skip
    import_parsed(parsed(order("T2", marketplace="tiktok", buyer_username="rina2",
                               recipient="Rina", phone="(+62)812******32")))  # fmt: skip
    import_parsed(parsed(order("T3", marketplace="tokopedia", buyer_username="",
                               buyer_name="Rina", phone="0813-1111-2222")))  # fmt: skip
    assert len({customer_of(n).id for n in ("T1", "T2", "T3")}) == 3
    assert CustomerIdentity.select().where(CustomerIdentity.masked).count() == 0


def test_new_customer_is_named_after_the_buyer_not_the_username(db: object) -> None:
    import_parsed(parsed(order("A1", buyer_name="Sari Wulandari", buyer_username="sw_88",
                               recipient="Ibu Sari")))  # fmt: skip
    import_parsed(parsed(order("A2", buyer_name="", buyer_username="dewi_l", recipient="Dewi",
                               phone="")))  # fmt: skip
    assert customer_of("A1").name == "Sari Wulandari"
    assert customer_of("A2").name == "Dewi"


def test_buyer_with_several_orders_in_one_file_is_one_customer(db: object) -> None:
    file = parsed(
        order("A1", buyer_username="sari", total=100_000),
        order("A2", buyer_username="sari", total=50_000, status="completed"),
        order("A3", buyer_username="sari", total=70_000, status="cancelled"),
    )
    import_parsed(file)
    sari = Customer.get()
    assert (sari.order_count, sari.lifetime_value) == (3, 150_000)
    assert CustomerIdentity.select().count() == 2  # username and phone, once each


def test_the_customer_is_set_when_the_order_is_first_imported(db: object) -> None:
    import_parsed(parsed(order("A1", buyer_username="sari", phone="")))
    first = customer_of("A1").id
    import_parsed(parsed(order("A1", buyer_username="other", phone="", status="shipped")))
    assert customer_of("A1").id == first


def test_a_merged_customer_leads_to_the_one_it_was_merged_into(db: object) -> None:
    import_parsed(parsed(order("A1", buyer_username="sari", phone="")))
    keep = Customer.create(name="Sari (utama)")
    Customer.update(merged_into=keep).where(Customer.id != keep.id).execute()
    import_parsed(parsed(order("A2", buyer_username="sari", phone="")))
    assert customer_of("A2").id == keep.id


def test_csdesk_export_uses_the_customer_id_or_recreates_the_customer(db: object) -> None:
    existing = Customer.create(name="Sari Wulandari")
    exported = parsed(
        order("A1", customer_id=existing.id, customer_name="Sari Wulandari"),
        order("A2", customer_id=9001, customer_name="Budi Santoso", buyer_username="x"),
        order("A3", customer_id=9001, customer_name="Budi Santoso", buyer_username="y"),
        order("A4", customer_id=None, customer_name=""),
        file_format="csdesk",
    )
    import_parsed(exported)
    assert customer_of("A1").id == existing.id
    assert customer_of("A2").name == "Budi Santoso"
    assert customer_of("A2").id == customer_of("A3").id
    assert Order.get(Order.order_no == "A4").customer is None
    assert Customer.select().count() == 2
    assert CustomerIdentity.select().count() == 0


def test_the_mobile_shortcut_agrees_with_phonenumbers() -> None:
    import random

    from csdesk.services import fmt
    from csdesk.services.importing.customers_match import phone_e164

    rng = random.Random(7)
    for digits in range(6, 15):
        for prefix in ("0", "62", "+62", "+62 ", "(+62) ", "0-", "62-"):
            for _ in range(40):
                number = prefix + "8" + "".join(rng.choice("0123456789") for _ in range(digits))
                assert phone_e164(number) == fmt.phone_e164(number), number
    assert phone_e164("(+62)812******32") is None
