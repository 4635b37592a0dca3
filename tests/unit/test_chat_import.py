"""Importing WhatsApp chats into a real database: counts, customers, idempotence, timers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from import_factories import dump

from csdesk.models import Conversation, Customer, CustomerIdentity, ImportBatch, Message
from csdesk.services import settings
from csdesk.services.chats.run import (
    ImportCancelled,
    ImportFormatError,
    NeedsSellerName,
    import_chat_files,
)
from csdesk.services.search import global_search

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
CHAT_FILES = sorted(name for name in EXPECTED if name.startswith("wa_"))
SHOP = "Hijab Ayu"
TABLES = ("customer", "customer_identity", "conversation", "message", "import_batch")


def write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def messages_of(conv: Conversation) -> list[Message]:
    return list(conv.messages.order_by(Message.sent_at, Message.id))


def test_each_sample_imports_to_its_expected_counts_then_again_to_nothing(
    db: object, db_path: Path
) -> None:
    for name in CHAT_FILES:
        expected = EXPECTED[name]
        result = import_chat_files([SAMPLES / name], me=SHOP)
        assert result.as_dict() == {
            "messages_new": expected["messages"],
            "messages_skipped": 0,
            "conversations": 1,
            "customers_new": 1,
        }, name
        (chat,) = result.chats
        assert (chat.style, chat.customers) == (expected["style"], [expected["customer"]])
        conv = Conversation.get_by_id(chat.conversation_id)
        assert conv.customer.name == expected["customer"]
        stored = messages_of(conv)
        assert len(stored) == conv.message_count == expected["messages"]
        assert sum("\n" in m.body for m in stored) == expected["multiline"], name
        assert {m.direction for m in stored} == {"in", "out"}
        assert all(m.author == SHOP for m in stored if m.direction == "out")
        before = dump(db_path, TABLES)
        again = import_chat_files([SAMPLES / name], me=SHOP)
        assert again.as_dict() == {
            "messages_new": 0,
            "messages_skipped": expected["messages"],
            "conversations": 0,
            "customers_new": 0,
        }
        assert dump(db_path, TABLES) == before, name
    assert Customer.select().count() == len(CHAT_FILES)


def test_times_are_the_shops_zone_stored_as_utc(db: object) -> None:
    import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    first = Message.select().order_by(Message.id).first()
    # `13/03/25 12.32` WIB
    assert (first.sent_at, first.author, first.direction) == (
        dt.datetime(2025, 3, 13, 5, 32),
        "Budi Santoso",
        "in",
    )
    assert first.body == "Halo kak, kerudung voal warna mocca masih ready?"


def test_wita_shop_converts_with_its_own_offset(db: object, tmp_path: Path) -> None:
    shop = settings.load()
    shop.zone = "WITA"
    settings.save(shop)
    path = write(tmp_path, "c.txt", ["05/03/25 09.15 - Budi: Halo", "05/03/25 09.20 - Ayu: Ya"])
    import_chat_files([path], me="Ayu")
    assert Message.select().order_by(Message.id).first().sent_at == dt.datetime(2025, 3, 5, 1, 15)


def test_media_and_deleted_messages_are_kept_and_flagged(db: object) -> None:
    import_chat_files([SAMPLES / "wa_ios_en.txt"], me=SHOP)
    kinds = {kind: n for kind, n in _count_by(Message.kind)}
    assert kinds == {"text": 31, "media": 3, "deleted": 2}
    import_chat_files([SAMPLES / "wa_android_en24.txt"], me=SHOP)
    attached = Message.select().where(Message.attachment != "").order_by(Message.sent_at).first()
    assert (attached.kind, attached.attachment) == ("media", "IMG-20250315-WA0003.jpg")


def _count_by(column: object) -> list[tuple[str, int]]:
    from peewee import fn

    return list(Message.select(column, fn.COUNT(Message.id)).group_by(column).tuples())


def test_shop_names_in_settings_tell_outgoing_without_me(db: object) -> None:
    shop = settings.load()
    shop.whatsapp_names = ["hijab  ayu"]
    settings.save(shop)
    result = import_chat_files([SAMPLES / "wa_android_en.txt"])
    assert result.chats[0].customers == ["Siti Rahma"]
    assert Message.select().where(Message.direction == "out").count() == 14


def test_the_chat_name_in_the_file_name_tells_the_customer(db: object, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Budi Santoso.txt"
    shutil.copy(SAMPLES / "wa_android_id.txt", path)
    result = import_chat_files([path])
    assert result.chats[0].customers == ["Budi Santoso"]
    outgoing = {m.author for m in Message.select().where(Message.direction == "out")}
    assert outgoing == {SHOP}


def test_the_iphone_encryption_notice_names_the_customer(db: object) -> None:
    result = import_chat_files([SAMPLES / "wa_ios_id.txt"])
    assert result.chats[0].customers == ["Dewi Lestari"]


def test_without_a_hint_the_seller_name_is_asked_and_nothing_is_written(
    db: object, db_path: Path
) -> None:
    before = dump(db_path, TABLES)
    with pytest.raises(NeedsSellerName) as raised:
        import_chat_files([SAMPLES / "wa_ios_id.txt", SAMPLES / "wa_android_en.txt"])
    assert raised.value.senders == ["Siti Rahma", SHOP]
    assert raised.value.file == "wa_android_en.txt"
    assert dump(db_path, TABLES) == before
    with pytest.raises(NeedsSellerName, match="'Hijab Ayuu' tidak ada di antara pengirim"):
        import_chat_files([SAMPLES / "wa_android_en.txt"], me="Hijab Ayuu")
    assert dump(db_path, TABLES) == before


def test_a_longer_later_export_adds_only_its_new_tail(db: object, tmp_path: Path) -> None:
    lines = (SAMPLES / "wa_android_id.txt").read_text(encoding="utf-8").splitlines()
    early = write(tmp_path, "early.txt", lines[:12])  # 9 messages, the last one two lines
    first = import_chat_files([early], me=SHOP)
    assert first.as_dict()["messages_new"] == 9
    later = import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    assert later.as_dict() == {
        "messages_new": 9,
        "messages_skipped": 9,
        "conversations": 1,
        "customers_new": 0,
    }
    (conv,) = Conversation.select()
    assert conv.message_count == 18 and Message.select().count() == 18
    assert ImportBatch.select().where(ImportBatch.kind == "chats").count() == 2
    assert conv.last_message_preview == "Mohon maaf atas ketidaknyamanannya kak"
    assert conv.last_message_at == dt.datetime(2025, 3, 15, 2, 8)


def test_equal_messages_in_one_minute_are_all_kept_and_deduplicated_by_occurrence(
    db: object, tmp_path: Path
) -> None:
    three = ["05/03/25 09.15 - Budi: P", "05/03/25 09.15 - Budi: P", "05/03/25 09.15 - Budi: P"]
    import_chat_files([write(tmp_path, "a.txt", three[:2])], me="Ayu")
    result = import_chat_files([write(tmp_path, "b.txt", three)], me="Ayu")
    assert (result.as_dict()["messages_new"], result.as_dict()["messages_skipped"]) == (1, 2)
    assert Message.select().count() == 3


def test_a_phone_sender_is_the_customer_who_has_that_phone(db: object) -> None:
    buyer = Customer.create(name="Rudi Hartono")
    CustomerIdentity.create(
        customer=buyer, kind="phone", value="0812-3456-4423", normalized="+6281234564423"
    )
    other = Customer.create(name="Rudi (masked)")
    CustomerIdentity.create(
        customer=other, kind="phone", value="0812******23", normalized="0812******23", masked=True
    )
    result = import_chat_files([SAMPLES / "wa_android_en24.txt"], me=SHOP)
    assert result.as_dict()["customers_new"] == 0
    assert result.chats[0].customers == ["Rudi Hartono"]
    (conv,) = Conversation.select()
    assert conv.customer_id == buyer.id
    assert Customer.select().count() == 2


def test_a_new_phone_sender_is_found_again_by_its_phone(db: object, tmp_path: Path) -> None:
    import_chat_files([SAMPLES / "wa_android_en24.txt"], me=SHOP)
    (identity,) = CustomerIdentity.select()
    assert (identity.kind, identity.normalized) == ("phone", "+6281234564423")
    path = write(tmp_path, "c.txt", ["20/03/2025, 09:00 - 0812-3456-4423: Halo lagi kak"])
    result = import_chat_files([path], me=SHOP)
    assert result.as_dict()["customers_new"] == 0
    assert Conversation.select().count() == 1


def test_a_name_sender_is_found_by_its_whatsapp_identity_not_by_a_customer_name(
    db: object, tmp_path: Path
) -> None:
    Customer.create(name="Budi Santoso")  # a marketplace buyer: names alone never match
    import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    assert Customer.select().where(Customer.name == "Budi Santoso").count() == 2
    (identity,) = CustomerIdentity.select()
    assert (identity.kind, identity.value, identity.normalized) == (
        "whatsapp",
        "Budi Santoso",
        "budi santoso",
    )
    path = write(tmp_path, "c.txt", ["20/03/25 09.00 - budi santoso: Kak, paketnya sampai"])
    assert import_chat_files([path], me=SHOP).as_dict()["customers_new"] == 0
    assert Conversation.select().count() == 1


def test_a_merged_customer_leads_to_the_one_it_merged_into(db: object) -> None:
    import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    old = Customer.get()
    keep = Customer.create(name="Budi S.")
    Customer.update(merged_into=keep.id).where(Customer.id == old.id).execute()
    result = import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    assert result.chats[0].customers == ["Budi S."]


def test_a_group_chat_is_one_conversation_with_a_customer_per_sender(
    db: object, tmp_path: Path
) -> None:
    path = tmp_path / "WhatsApp Chat with Reseller Bandung.txt"
    path.write_text(
        "05/03/25 09.00 - Budi: Kak ready?\n"
        "05/03/25 09.05 - Siti: Saya juga mau\n"
        "05/03/25 09.10 - Ayu: Ready kak\n",
        encoding="utf-8",
    )
    with pytest.raises(NeedsSellerName):
        import_chat_files([path])
    result = import_chat_files([path], me="Ayu")
    assert result.as_dict()["customers_new"] == 2
    (conv,) = Conversation.select()
    assert (conv.title, conv.customer_id, conv.message_count) == ("Reseller Bandung", None, 3)
    assert import_chat_files([path], me="Ayu").as_dict()["messages_new"] == 0


def test_response_timer_crosses_the_evening_and_sunday(db: object, tmp_path: Path) -> None:
    # Default hours: Monday–Saturday 08:00–17:00, Sunday closed; 15 minutes to answer.
    path = write(
        tmp_path,
        "c.txt",
        [
            "15/03/25 10.00 - Ayu: Selamat pagi kak",  # Saturday
            "15/03/25 16.55 - Budi: Kak masih buka?",
            "15/03/25 16.58 - Budi: Mau pesan 2",
        ],
    )
    import_chat_files([path], me="Ayu")
    (conv,) = Conversation.select()
    assert conv.waiting_since == dt.datetime(2025, 3, 15, 9, 55)  # Saturday 16.55 WIB
    assert conv.first_response_due == dt.datetime(2025, 3, 17, 1, 10)  # Monday 08.10 WIB
    reply = write(
        tmp_path,
        "c2.txt",
        [
            "15/03/25 10.00 - Ayu: Selamat pagi kak",
            "15/03/25 16.55 - Budi: Kak masih buka?",
            "15/03/25 16.58 - Budi: Mau pesan 2",
            "17/03/25 08.05 - Ayu: Bisa kak",
        ],
    )
    import_chat_files([reply], me="Ayu")
    conv = Conversation.get_by_id(conv.id)
    assert (conv.waiting_since, conv.first_response_due) == (None, None)
    assert conv.last_message_preview == "Bisa kak"


def test_response_timer_skips_a_holiday_after_the_night(db: object, tmp_path: Path) -> None:
    shop = settings.load()
    shop.holidays = [dt.date(2025, 3, 29)]  # Saturday, Nyepi
    settings.save(shop)
    path = write(
        tmp_path,
        "c.txt",
        ["28/03/25 19.30 - Ayu: Sudah dikirim ya kak", "28/03/25 20.00 - Budi: Resinya kak?"],
    )
    import_chat_files([path], me="Ayu")
    (conv,) = Conversation.select()
    assert conv.waiting_since == dt.datetime(2025, 3, 28, 13, 0)
    assert conv.first_response_due == dt.datetime(2025, 3, 31, 1, 15)  # Monday 08.15 WIB


def test_a_new_customer_message_reopens_a_closed_conversation(db: object, tmp_path: Path) -> None:
    first = ["05/03/25 09.00 - Budi: Makasih kak", "05/03/25 09.05 - Ayu: Sama-sama kak"]
    import_chat_files([write(tmp_path, "a.txt", first)], me="Ayu")
    Conversation.update(status="closed").execute()
    import_chat_files([write(tmp_path, "b.txt", [*first, "07/03/25 10.00 - Budi: Kak?"])], me="Ayu")
    conv = Conversation.get()
    assert conv.status == "open"
    assert conv.waiting_since == dt.datetime(2025, 3, 7, 3, 0)


def test_imported_messages_are_found_by_search(db: object) -> None:
    import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    found = global_search("ketidaknyamanannya")
    assert any(hit.kind == "conversation" for hit in found)


def test_a_text_that_is_not_a_chat_is_refused_and_nothing_written(
    db: object, db_path: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "catatan.txt", ["Daftar harga", "Voal 35.000"])
    with pytest.raises(ImportFormatError, match=r"^catatan\.txt \(baris 1\): bukan ekspor chat"):
        import_chat_files([SAMPLES / "wa_android_id.txt", path], me=SHOP)
    assert all(rows == [] for rows in dump(db_path, TABLES).values())


def test_cancel_rolls_the_chat_back(db: object, db_path: Path) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP, is_cancelled=cancelled)
    assert all(rows == [] for rows in dump(db_path, TABLES).values())


def test_the_import_is_backed_up_first(db: object, db_path: Path) -> None:
    import_chat_files([SAMPLES / "wa_android_id.txt"], me=SHOP)
    (backup,) = (db_path.parent / "backups").glob("*pre-import*")
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT count(*) FROM message").fetchone() == (0,)
    finally:
        con.close()


def test_a_chat_only_the_shop_wrote_needs_the_customers_name(db: object, tmp_path: Path) -> None:
    lines = ["05/03/25 09.00 - Ayu: Kak, pesanannya sudah dikirim ya"]
    with pytest.raises(ImportFormatError, match=r"^c\.txt: hanya penjual yang menulis"):
        import_chat_files([write(tmp_path, "c.txt", lines)], me="Ayu")
    assert Message.select().count() == 0
    named = write(tmp_path, "Chat WhatsApp dengan Budi.txt", lines)
    result = import_chat_files([named], me="Ayu")
    assert result.chats[0].customers == ["Budi"]
    assert Message.get().direction == "out"
    assert Conversation.get().waiting_since is None
