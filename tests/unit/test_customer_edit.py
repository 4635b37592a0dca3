"""Editing a customer's profile and contacts: saved as typed (trimmed), conflicts reported,
contacts normalised like imports so the next import still finds the customer."""

from __future__ import annotations

import pytest

from csdesk.errors import ConflictError, ValidationError
from csdesk.models import Customer, CustomerIdentity
from csdesk.services.customer_edit import (
    ProfileDraft,
    add_identity,
    remove_identity,
    update_profile,
)
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.details_customers import customer_detail
from csdesk.services.listing import ListQuery


@pytest.fixture
def sari(db: object) -> Customer:
    return Customer.create(name="Sari Wulandari")


def test_profile_saved_trimmed_with_tags_deduplicated(sari: Customer) -> None:
    draft = ProfileDraft(
        name="  Sari   Wulandari ",
        nickname="Kak Sari",
        city="Bandung",
        preferences="Ukuran L, suka warna pastel",
        notes="Minta bubble wrap tebal",
        tags=["VIP", " reseller ", "vip", ""],
    )
    version = update_profile(sari.id, draft, expected_version=1, author="Rina")
    assert version == 2
    detail = customer_detail(sari.id)
    assert (detail.name, detail.nickname, detail.city) == ("Sari Wulandari", "Kak Sari", "Bandung")
    assert detail.preferences == "Ukuran L, suka warna pastel"
    assert detail.tags == ["VIP", "reseller"]
    # The new nickname is searchable right away (the search index follows the row).
    assert CustomerListSource().ids(ListQuery(search="kak sari")) == [sari.id]


def test_a_save_over_another_desks_save_is_refused(sari: Customer) -> None:
    update_profile(sari.id, ProfileDraft(name="Sari W."), expected_version=1)
    with pytest.raises(ConflictError, match="admin lain"):
        update_profile(sari.id, ProfileDraft(name="Sari Wulan"), expected_version=1)
    assert Customer.get_by_id(sari.id).name == "Sari W."


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (ProfileDraft(name="   "), "Nama pelanggan wajib diisi"),
        (ProfileDraft(name="Sari", tags=["a,b"]), "koma"),
        (ProfileDraft(name="Sari", notes="x" * 2001), "Catatan terlalu panjang"),
    ],
)
def test_bad_profiles_are_refused_and_nothing_changes(
    sari: Customer, draft: ProfileDraft, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        update_profile(sari.id, draft, expected_version=1)
    assert Customer.get_by_id(sari.id).version == 1


def test_a_merged_away_customer_is_edited_on_the_survivor(sari: Customer) -> None:
    old = Customer.create(name="Sari lama", merged_into=sari)
    with pytest.raises(ValidationError, match="sudah digabung ke Sari Wulandari"):
        update_profile(old.id, ProfileDraft(name="X"), expected_version=1)


def test_a_phone_is_stored_as_typed_and_found_in_any_format(sari: Customer) -> None:
    identity_id = add_identity(sari.id, "phone", "0812-3456-7890")
    identity = CustomerIdentity.get_by_id(identity_id)
    assert (identity.value, identity.normalized) == ("0812-3456-7890", "+6281234567890")
    assert CustomerListSource().ids(ListQuery(search="+62 812 3456 7890")) == [sari.id]


def test_someone_elses_phone_is_refused_naming_them(sari: Customer) -> None:
    budi = Customer.create(name="Budi Santoso")
    add_identity(budi.id, "phone", "081234567890")
    with pytest.raises(ValidationError, match=r"milik pelanggan Budi Santoso .*gabungkan"):
        add_identity(sari.id, "phone", "+62 812-3456-7890")
    with pytest.raises(ValidationError, match="sudah tercatat untuk Budi Santoso"):
        add_identity(budi.id, "phone", "0812 3456 7890")
    assert CustomerIdentity.select().count() == 1


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("phone", "62812****7890", "disamarkan"),
        ("phone", "12", "bukan nomor telepon"),
        ("email", "sari at gmail", "bukan alamat email"),
        ("marketplace", "sari.w", "Pilih marketplace"),
        ("fax", "123", "Jenis kontak tidak dikenal"),
    ],
)
def test_bad_contacts_are_refused(sari: Customer, kind: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        add_identity(sari.id, kind, value)
    assert CustomerIdentity.select().count() == 0


def test_instagram_email_and_username_are_normalised_and_removable(sari: Customer) -> None:
    ig = add_identity(sari.id, "instagram", "@Sari.Hijab")
    add_identity(sari.id, "email", "Sari@Mail.com")
    add_identity(sari.id, "marketplace", "Sari_W", marketplace="shopee")
    rows = {(i.kind, i.value, i.normalized) for i in CustomerIdentity.select()}
    assert rows == {
        ("instagram", "@Sari.Hijab", "sari.hijab"),
        ("email", "Sari@Mail.com", "sari@mail.com"),
        ("marketplace", "Sari_W", "sari_w"),
    }
    remove_identity(ig)
    assert [i.kind for i in customer_detail(sari.id).identities] == ["email", "marketplace"]
