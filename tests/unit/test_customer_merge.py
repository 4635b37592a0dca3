"""Merging two records of one buyer: nothing lost, segment and figures follow, undo is exact."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from import_factories import dump
from list_factories import NOW, at, complaint, conversation, customer, identity, message, order

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import Customer, CustomerMerge, FollowUp, Order
from csdesk.services.customer_merge import merge_customers, merges, undo_merge
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.details_customers import customer_detail

TABLES = (
    "customer",
    "customer_identity",
    "orders",
    "conversation",
    "message",
    "complaint",
    "follow_up",
)


def owned(db_path: Path, customer_id: int) -> dict[str, int]:
    """What a customer has, counted over a separate connection (what was committed)."""
    con = sqlite3.connect(db_path)
    try:
        one = lambda sql: con.execute(sql, (customer_id,)).fetchone()[0]  # noqa: E731
        return {
            "orders": one("SELECT COUNT(*) FROM orders WHERE customer_id = ?"),
            "conversations": one("SELECT COUNT(*) FROM conversation WHERE customer_id = ?"),
            "messages": one(
                "SELECT COUNT(*) FROM message JOIN conversation c ON c.id = conversation_id "
                "WHERE c.customer_id = ?"
            ),
            "complaints": one("SELECT COUNT(*) FROM complaint WHERE customer_id = ?"),
            "identities": one("SELECT COUNT(*) FROM customer_identity WHERE customer_id = ?"),
            "follow_ups": one("SELECT COUNT(*) FROM follow_up WHERE customer_id = ?"),
        }
    finally:
        con.close()


def follow_up(who: Customer, reason: str = "review") -> FollowUp:
    return FollowUp.create(customer=who, due_at=at(3, 6, 2), reason=reason)


@pytest.fixture
def pair(db: pw.Database) -> tuple[Customer, Customer]:
    """Sari as two records: one from Shopee (one order) and one from WhatsApp (two orders, a
    chat of three messages, a complaint, a follow-up), sharing her phone."""
    sari = customer("Sari Wulandari", city="Bandung", tags="reseller", notes="Suka warna pastel")
    identity(sari, "phone", "0812-3456-7890", normalized="+6281234567890")
    identity(sari, "marketplace", "sari.w", marketplace="shopee")
    order("S1", ordered_at=at(1, 10), customer=sari, total=150_000)

    wa = customer("Sari", nickname="Kak Sari", tags="VIP, Reseller", notes="Alamat kantor")
    identity(wa, "phone", "+62 812 3456 7890", normalized="+6281234567890")
    identity(wa, "whatsapp", "Sari Hijab")
    identity(wa, "email", "Sari@Example.com", normalized="sari@example.com")
    order("W1", marketplace="manual", ordered_at=at(2, 1), customer=wa, total=200_000)
    order("W2", marketplace="manual", ordered_at=at(2, 20), customer=wa, total=300_000)
    chat = conversation(customer=wa, channel="whatsapp", message_count=3)
    for n in range(3):
        message(chat, f"pesan {n}", sent_at=at(2, 1, n))
    complaint("KL-2025-0001", customer=wa)
    follow_up(wa)
    refresh_customers([sari.id, wa.id])
    return sari, wa


def test_merge_moves_everything_and_loses_nothing(
    db: pw.Database, db_path: Path, pair: tuple[Customer, Customer]
) -> None:
    sari, wa = pair
    before_kept, before_other = owned(db_path, sari.id), owned(db_path, wa.id)

    result = merge_customers(sari.id, wa.id, author="Rina", now=NOW)

    after_kept, after_other = owned(db_path, sari.id), owned(db_path, wa.id)
    # The shared phone is not doubled: one identity dropped as an exact duplicate.
    expected = {k: before_kept[k] + before_other[k] for k in before_kept}
    expected["identities"] -= 1
    assert after_kept == expected
    assert after_other == dict.fromkeys(before_other, 0)
    assert (result.orders, result.conversations, result.messages) == (2, 1, 3)
    assert (result.complaints, result.follow_ups) == (1, 1)
    assert (result.identities, result.identities_dropped) == (2, 1)
    assert result.summary() == (
        "2 pesanan, 1 percakapan, 1 keluhan, 2 identitas, 1 tindak lanjut dipindah"
    )

    kept = Customer.get_by_id(sari.id)
    assert kept.nickname == "Kak Sari"  # was empty
    assert kept.city == "Bandung"  # kept's own value stays
    assert kept.notes == "Suka warna pastel\nAlamat kantor"
    assert kept.tags == "reseller, VIP"  # "Reseller" is the same tag
    assert (kept.order_count, kept.lifetime_value) == (3, 650_000)
    assert kept.first_order_at == at(1, 10) and kept.last_order_at == at(2, 20)
    other = Customer.get_by_id(wa.id)
    assert other.merged_into_id == sari.id
    assert (other.order_count, other.lifetime_value) == (0, 0)
    assert sorted(result.fields) == ["nickname", "notes", "tags"]


def test_the_merge_is_recorded(pair: tuple[Customer, Customer]) -> None:
    sari, wa = pair
    result = merge_customers(sari.id, wa.id, author="Rina", now=NOW)

    for side in (sari.id, wa.id):
        [info] = merges(side)
        assert (info.id, info.kept_id, info.other_id) == (result.merge_id, sari.id, wa.id)
        assert (info.kept_name, info.other_name) == ("Sari Wulandari", "Sari")
        assert (info.at, info.author, info.undone) == (NOW, "Rina", False)
        assert (info.orders, info.identities, info.follow_ups) == (2, 3, 1)
    assert merges(999) == []


def test_kept_customer_becomes_loyal(pair: tuple[Customer, Customer]) -> None:
    """One order plus two: the shop's default makes a customer loyal from three orders."""
    sari, wa = pair
    assert customer_detail(sari.id, NOW).segment == "baru"
    assert customer_detail(wa.id, NOW).segment == "pernah_komplain"

    merge_customers(sari.id, wa.id, now=NOW)

    assert customer_detail(sari.id, NOW).segment == "loyal"


def test_two_new_customers_become_repeat(db: pw.Database) -> None:
    a, b = customer("Dewi"), customer("Dewi A.")
    order("D1", ordered_at=at(3, 1), customer=a)
    order("D2", ordered_at=at(3, 2), customer=b)
    refresh_customers([a.id, b.id])
    assert {customer_detail(c.id, NOW).segment for c in (a, b)} == {"baru"}

    merge_customers(a.id, b.id, now=NOW)

    assert customer_detail(a.id, NOW).segment == "berulang"


def test_undo_puts_every_row_back(
    db: pw.Database, db_path: Path, pair: tuple[Customer, Customer]
) -> None:
    sari, wa = pair
    before = dump(db_path, TABLES)

    result = merge_customers(sari.id, wa.id, now=NOW)
    assert dump(db_path, TABLES) != before
    info = undo_merge(result.merge_id, author="Rina", now=NOW + dt.timedelta(hours=1))

    assert dump(db_path, TABLES) == before
    assert info.undone_at == NOW + dt.timedelta(hours=1) and info.undone_by == "Rina"
    assert merges(sari.id)[0].undone
    with pytest.raises(ConflictError, match="sudah dibatalkan"):
        undo_merge(result.merge_id)


def test_merge_again_after_undo(pair: tuple[Customer, Customer]) -> None:
    sari, wa = pair
    first = merge_customers(sari.id, wa.id, now=NOW)
    undo_merge(first.merge_id, now=NOW)

    second = merge_customers(wa.id, sari.id, now=NOW)  # the other way round this time

    assert second.orders == 1 and Customer.get_by_id(wa.id).order_count == 3
    assert [m.id for m in merges(sari.id)] == [second.merge_id, first.merge_id]


def test_undo_keeps_an_admins_later_edit(db_path: Path, pair: tuple[Customer, Customer]) -> None:
    sari, wa = pair
    result = merge_customers(sari.id, wa.id, now=NOW)
    kept = Customer.get_by_id(sari.id)
    Customer.update(
        nickname="Teh Sari", tags=kept.tags + ", grosir", version=Customer.version + 1
    ).where(Customer.id == sari.id).execute()

    undo_merge(result.merge_id, now=NOW)

    kept = Customer.get_by_id(sari.id)
    assert kept.nickname == "Teh Sari"  # typed after the merge: stays
    assert kept.notes == "Suka warna pastel"  # only the merge wrote it: back
    assert kept.tags == "reseller, grosir"  # the merge's VIP gone, the admin's tag stays
    assert kept.version == 4  # moved on: an admin holding version 3 must reload
    assert owned(db_path, wa.id)["orders"] == 2


def test_undo_refused_once_the_kept_customer_was_merged_again(
    db_path: Path, pair: tuple[Customer, Customer]
) -> None:
    sari, wa = pair
    third = customer("Sari W")
    first = merge_customers(sari.id, wa.id, now=NOW)
    second = merge_customers(third.id, sari.id, now=NOW)
    before = dump(db_path, TABLES)

    with pytest.raises(ConflictError, match=f"batalkan penggabungan #{second.merge_id} dulu"):
        undo_merge(first.merge_id)

    assert dump(db_path, TABLES) == before
    assert CustomerMerge.get_by_id(first.merge_id).undone_at is None
    undo_merge(second.merge_id)
    undo_merge(first.merge_id)
    assert owned(db_path, wa.id)["orders"] == 2 and owned(db_path, sari.id)["orders"] == 1


def test_undo_refused_when_an_order_went_to_someone_else(
    db_path: Path, pair: tuple[Customer, Customer]
) -> None:
    sari, wa = pair
    third = customer("Rina")
    result = merge_customers(sari.id, wa.id, now=NOW)
    w1 = Order.get(Order.order_no == "W1")
    Order.update(customer=third).where(Order.id == w1.id).execute()
    before = dump(db_path, TABLES)

    with pytest.raises(ConflictError, match=f"pesanan #{w1.id} sudah dipindah ke pelanggan"):
        undo_merge(result.merge_id)
    assert dump(db_path, TABLES) == before


def test_deleted_rows_do_not_block_undo(db_path: Path, pair: tuple[Customer, Customer]) -> None:
    sari, wa = pair
    result = merge_customers(sari.id, wa.id, now=NOW)
    Order.delete().where(Order.order_no == "W2").execute()

    undo_merge(result.merge_id)

    assert owned(db_path, wa.id)["orders"] == 1
    assert Customer.get_by_id(wa.id).order_count == 1


@pytest.mark.parametrize(
    ("keep", "other", "error", "message"),
    [
        ("sari", "sari", ValidationError, "dengan dirinya sendiri"),
        ("sari", 999, NotFoundError, "Pelanggan #999 tidak ditemukan"),
        (999, "wa", NotFoundError, "Pelanggan #999 tidak ditemukan"),
    ],
)
def test_refused_merges_change_nothing(
    db_path: Path,
    pair: tuple[Customer, Customer],
    keep: Any,
    other: Any,
    error: type[Exception],
    message: str,
) -> None:
    ids = {"sari": pair[0].id, "wa": pair[1].id}
    before = dump(db_path, TABLES)
    with pytest.raises(error, match=message):
        merge_customers(ids.get(keep, keep), ids.get(other, other))
    assert dump(db_path, TABLES) == before
    assert CustomerMerge.select().count() == 0


def test_an_already_merged_customer_is_refused_on_either_side(
    db_path: Path, pair: tuple[Customer, Customer]
) -> None:
    sari, wa = pair
    third = customer("Sari W")
    merge_customers(sari.id, wa.id, now=NOW)
    before = dump(db_path, TABLES)

    for keep, other in ((third.id, wa.id), (wa.id, third.id)):
        with pytest.raises(ValidationError, match=f"#{wa.id} .* sudah digabung ke pelanggan"):
            merge_customers(keep, other)
    assert dump(db_path, TABLES) == before


def test_unknown_merge(db: pw.Database) -> None:
    with pytest.raises(NotFoundError, match="Penggabungan #5 tidak ditemukan"):
        undo_merge(5)
