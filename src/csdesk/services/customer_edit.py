"""Editing a customer's profile and contacts from their page ("Ubah data pelanggan").

The profile (name, panggilan, city, preferences, notes, tags) is saved with the version the admin
opened, so a second desk's save in between is reported instead of silently overwritten.

Contacts (identities) follow the import's rules so the next import still finds this customer:
a phone is stored as typed with its E.164 as `normalized`; emails, marketplace usernames and
Instagram handles (without the `@`) lower-case; WhatsApp names case-folded. A phone or email
that already belongs to another customer is refused naming them (merge the two instead, so
nothing is split), and masked phones (`62812****90`) are refused: they identify nobody.

Removing a contact is allowed down to none: a customer typed in by hand may have no contact yet,
and a wrong number must be removable. Identities that imports rely on (marketplace usernames)
come back on the next import of that buyer's orders, which is what a seller expects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Customer, CustomerIdentity
from csdesk.models.base import database_proxy, fk_id
from csdesk.services import fmt
from csdesk.services.labels import MARKETPLACE_LABELS
from csdesk.services.locking import update_versioned

NAME_LIMIT = 120
NICKNAME_LIMIT = 60
CITY_LIMIT = 80
TEXT_LIMIT = 2000
TAG_LIMIT = 40
MAX_TAGS = 20
IDENTITY_KINDS: dict[str, str] = {
    "phone": "Telepon",
    "email": "Email",
    "whatsapp": "Nama WhatsApp",
    "instagram": "Instagram",
    "marketplace": "Username marketplace",
}
CONFLICT = (
    "Data pelanggan ini baru saja diubah admin lain. Perubahan Anda belum disimpan; "
    "data terbaru sudah ditampilkan, silakan ubah lagi."
)


@dataclass(frozen=True)
class ProfileDraft:
    name: str
    nickname: str = ""
    city: str = ""
    preferences: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)


def _missing(customer_id: int) -> str:
    return f"Pelanggan #{customer_id} tidak ditemukan"


def _living(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(_missing(customer_id))
    merged_into = fk_id(customer, "merged_into")
    if merged_into is not None:
        kept = Customer.get_or_none(Customer.id == merged_into)
        who = kept.name if kept else f"#{merged_into}"
        raise ValidationError(f"{customer.name} sudah digabung ke {who}; ubah data di profil {who}")
    return customer


def clean_tags(tags: list[str]) -> list[str]:
    """Trimmed, without empties or repeats (case-insensitive, first spelling kept)."""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if not tag:
            continue
        if "," in tag:
            raise ValidationError(f"Tag tidak boleh berisi koma: {tag!r}")
        if len(tag) > TAG_LIMIT:
            raise ValidationError(f"Tag terlalu panjang (maks. {TAG_LIMIT} huruf): {tag!r}")
        seen.setdefault(tag.casefold(), tag)
    if len(seen) > MAX_TAGS:
        raise ValidationError(f"Paling banyak {MAX_TAGS} tag per pelanggan")
    return list(seen.values())


def _checked(draft: ProfileDraft) -> dict[str, str]:
    name = " ".join(draft.name.split())
    if not name:
        raise ValidationError("Nama pelanggan wajib diisi")
    fields = {
        "name": (name, NAME_LIMIT, "Nama"),
        "nickname": (" ".join(draft.nickname.split()), NICKNAME_LIMIT, "Panggilan"),
        "city": (" ".join(draft.city.split()), CITY_LIMIT, "Kota"),
        "preferences": (draft.preferences.strip(), TEXT_LIMIT, "Preferensi"),
        "notes": (draft.notes.strip(), TEXT_LIMIT, "Catatan"),
    }
    for value, limit, caption in fields.values():
        if len(value) > limit:
            raise ValidationError(f"{caption} terlalu panjang (maks. {limit} huruf)")
    values = {key: value for key, (value, _limit, _caption) in fields.items()}
    values["tags"] = ", ".join(clean_tags(draft.tags))
    return values


def update_profile(
    customer_id: int, draft: ProfileDraft, *, expected_version: int, author: str = ""
) -> int:
    """Save the profile as the admin saw it at `expected_version`; returns the new version.
    ConflictError when another desk saved in between; a merged-away customer is refused."""
    values = _checked(draft)
    with database_proxy.atomic():
        _living(customer_id)
        return update_versioned(
            Customer,
            customer_id,
            expected_version,
            values,
            conflict_message=CONFLICT,
            missing_message=_missing(customer_id),
        )


def normalized_identity(kind: str, value: str) -> str:
    """The lookup key imports and captures use for an identity of `kind`."""
    if kind not in IDENTITY_KINDS:
        raise ValidationError(f"Jenis kontak tidak dikenal: {kind}")
    value = value.strip()
    if not value:
        raise ValidationError(f"{IDENTITY_KINDS[kind]} masih kosong")
    if kind == "phone":
        if fmt.is_masked_phone(value):
            raise ValidationError(
                f"Nomor {value} disamarkan marketplace dan tidak bisa dipakai; minta nomor lengkap"
            )
        e164 = fmt.phone_e164(value)
        if e164 is None:
            raise ValidationError(f"{value} bukan nomor telepon yang valid")
        return e164
    if kind == "email":
        if "@" not in value or " " in value:
            raise ValidationError(f"{value} bukan alamat email yang valid")
        return value.lower()
    if kind == "instagram":
        return value.lstrip("@").lower()
    if kind == "whatsapp":
        return value.casefold()
    return value.lower()


def add_identity(customer_id: int, kind: str, value: str, marketplace: str = "") -> int:
    """A new contact for the customer; returns its id. Refused when it is already theirs, or
    (a phone or email) someone else's, naming them so the admin can merge the two."""
    normalized = normalized_identity(kind, value)
    value = value.strip()
    if kind == "instagram":
        value = "@" + value.lstrip("@")
    if kind == "marketplace" and marketplace not in MARKETPLACE_LABELS:
        raise ValidationError("Pilih marketplace untuk username ini")
    if kind != "marketplace":
        marketplace = ""
    with database_proxy.atomic():
        customer = _living(customer_id)
        same = CustomerIdentity.select(CustomerIdentity.customer).where(
            CustomerIdentity.normalized == normalized,
            CustomerIdentity.kind == kind,
            CustomerIdentity.marketplace == marketplace,
        )
        owners = {fk_id(row, "customer") for row in same}
        if customer_id in owners:
            raise ValidationError(f"{value} sudah tercatat untuk {customer.name}")
        if owners and kind in ("phone", "email", "marketplace"):
            other = Customer.get_by_id(min(o for o in owners if o is not None))
            raise ValidationError(
                f"{value} sudah tercatat milik pelanggan {other.name} (#{other.id}). "
                "Jika orangnya sama, gabungkan kedua pelanggan."
            )
        identity = CustomerIdentity.create(
            customer=customer_id,
            kind=kind,
            marketplace=marketplace,
            value=value,
            normalized=normalized,
        )
    return int(identity.id)


def remove_identity(identity_id: int) -> None:
    """Remove one contact (a wrong number, an old email)."""
    with database_proxy.atomic():
        identity = CustomerIdentity.get_or_none(CustomerIdentity.id == identity_id)
        if identity is None:
            raise NotFoundError(f"Kontak #{identity_id} tidak ditemukan")
        _living(fk_id(identity, "customer") or 0)
        identity.delete_instance()
