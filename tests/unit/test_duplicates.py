"""Duplicate suggestions: the pairs a seller sees, with their evidence; masked phones never."""

from __future__ import annotations

import time

import peewee as pw
from list_factories import customer, identity

from csdesk.models import Customer, CustomerIdentity, Setting
from csdesk.services.bulk import insert_rows
from csdesk.services.customer_merge import merge_customers, undo_merge
from csdesk.services.duplicates import (
    dismiss_pair,
    dismissed_pairs,
    likely_duplicates,
    normalize_city,
    normalize_name,
)


def phone(who: Customer, written: str, e164: str) -> CustomerIdentity:
    return identity(who, "phone", written, normalized=e164)


def pairs() -> dict[tuple[str, str], list[str]]:
    return {(p.a_name, p.b_name): p.evidence for p in likely_duplicates()}


def test_same_phone_in_another_format(db: pw.Database) -> None:
    a, b = customer("Sari Wulandari"), customer("Sari")
    phone(a, "0812-3456-7890", "+6281234567890")
    phone(b, "+62 812 3456 7890", "+6281234567890")
    customer("Budi")

    [found] = likely_duplicates()

    assert (found.a_id, found.b_id, found.a_name, found.b_name) == (
        a.id,
        b.id,
        "Sari Wulandari",
        "Sari",
    )
    assert found.evidence == [
        "Nomor HP sama: +62 812-3456-7890 (ditulis 0812-3456-7890 / +62 812 3456 7890)"
    ]


def test_masked_phones_are_never_evidence(db: pw.Database) -> None:
    """Two buyers behind the same Shopee mask are not one person; flagged or not."""
    a, b, c, d = customer("Rina"), customer("Dewi"), customer("Ayu"), customer("Tari")
    for who in (a, b):
        identity(who, "phone", "(+62)812******32", normalized="(+62)812******32", masked=True)
    # Masked phones an older writer stored without their flag are still refused.
    for who in (c, d):
        identity(who, "phone", "******56", normalized="******56")

    assert likely_duplicates() == []


def test_masked_phone_beside_real_evidence_adds_nothing(db: pw.Database) -> None:
    a, b = customer("Rina"), customer("Rina A")
    for who in (a, b):
        identity(who, "phone", "******56", normalized="******56", masked=True)
        identity(who, "email", "RINA@mail.com" if who is a else "rina@mail.com",
                 normalized="rina@mail.com")  # fmt: skip

    [found] = likely_duplicates()

    assert found.evidence == ["Email sama: rina@mail.com"]


def test_same_name_and_city(db: pw.Database) -> None:
    customer("Kak Sari  W.", city="Kota Bandung")
    customer("sari w", city="Bandung")
    customer("Sari W", city="Kab. Bandung")  # another place
    customer("Sari W")  # no city: a name alone is no evidence
    customer("Bu Dewi", city="Solo")
    customer("Dewi Lestari", city="Solo")

    assert pairs() == {
        ("Kak Sari  W.", "sari w"): ["Nama dan kota sama: Kak Sari  W. / sari w, Kota Bandung"]
    }


def test_strongest_evidence_first_and_combined(db: pw.Database) -> None:
    a, b = customer("Ayu", city="Depok"), customer("Ayu", city="depok")
    c, d = customer("Budi"), customer("Budi S")
    phone(c, "081111111111", "+6281111111111")
    phone(d, "6281111111111", "+6281111111111")
    for who in (a, b):
        phone(who, "0822-2222-2222", "+6282222222222")

    found = likely_duplicates()

    assert [(p.a_id, p.b_id, p.score) for p in found] == [(a.id, b.id, 4), (c.id, d.id, 3)]
    assert found[0].evidence == [
        "Nomor HP sama: +62 822-2222-2222 (ditulis 0822-2222-2222)",
        "Nama dan kota sama: Ayu, Depok",
    ]
    assert len(likely_duplicates(limit=1)) == 1


def test_a_value_many_customers_share_is_no_evidence(db: pw.Database) -> None:
    """The shop's own number typed as the buyer's: ten customers, not 45 pairs."""
    for n in range(10):
        phone(customer(f"Pembeli {n}"), "0811000000", "+62811000000")
    assert likely_duplicates() == []


def test_merged_customers_and_dismissed_pairs_are_left_out(db: pw.Database) -> None:
    a, b, c = customer("Sari"), customer("Sari W"), customer("Sari Wulan")
    for who in (a, b, c):
        identity(who, "email", "sari@example.com")
    assert len(likely_duplicates()) == 3

    dismiss_pair(c.id, a.id)
    assert dismissed_pairs() == {(a.id, c.id)}
    assert {(p.a_id, p.b_id) for p in likely_duplicates()} == {(a.id, b.id), (b.id, c.id)}

    merge = merge_customers(a.id, b.id)
    # b's email went to a (a duplicate, dropped): b is gone from the suggestions.
    assert likely_duplicates() == []

    undo_merge(merge.merge_id)
    assert {(p.a_id, p.b_id) for p in likely_duplicates()} == {(a.id, b.id), (b.id, c.id)}


def test_dismissals_survive_and_a_damaged_setting_only_brings_pairs_back(
    db: pw.Database,
) -> None:
    a, b = customer("Sari"), customer("Sari W")
    for who in (a, b):
        identity(who, "email", "sari@example.com")
    dismiss_pair(a.id, b.id)
    dismiss_pair(b.id, a.id)
    assert Setting.get_by_id("duplicates_dismissed").value == f"[[{a.id}, {b.id}]]"
    assert likely_duplicates() == []

    Setting.update(value="rusak").where(Setting.key == "duplicates_dismissed").execute()
    assert len(likely_duplicates()) == 1


def test_normalize() -> None:
    assert normalize_name("Bu Hj. Siti Aminah") == "siti aminah"
    assert normalize_name("Kak") == "kak"  # nothing else to keep
    assert normalize_name("Mas Bayu_") == "bayu_"
    assert normalize_city(" KOTA  Bandung ") == "bandung"
    assert normalize_city("Kab. Bandung") == "kab bandung"


def test_many_customers_quickly(db: pw.Database) -> None:
    """20,000 customers with a phone each, 50 pairs among them: found without comparing
    everyone with everyone (a quadratic pass would take minutes here)."""
    customers = [{"id": n, "name": f"Pelanggan {n}", "city": "Bandung"} for n in range(1, 20_001)]
    identities = [
        {"customer": n, "kind": "phone", "marketplace": "", "value": f"0812{n:08d}",
         "normalized": f"+62812{(n if n > 100 else (n + 1) // 2):08d}", "masked": False}
        for n in range(1, 20_001)
    ]  # fmt: skip
    with db.atomic():
        insert_rows(Customer, customers)
        insert_rows(CustomerIdentity, identities)

    started = time.perf_counter()
    found = likely_duplicates()
    elapsed = time.perf_counter() - started

    assert len(found) == 50
    assert {(p.a_id, p.b_id) for p in found} == {(n, n + 1) for n in range(1, 101, 2)}
    assert elapsed < 2.0
