"""A customer's timeline: orders, chats, complaints, order notes, follow-ups and merges mixed
newest first, paged, and the merged-away customer's history on the survivor."""

from __future__ import annotations

from list_factories import at, complaint, conversation, customer, order

from csdesk.models import FollowUp, OrderEvent
from csdesk.services.customer_merge import merge_customers
from csdesk.services.customer_timeline import timeline
from csdesk.services.follow_ups import add_follow_up, mark_done


def story(db: object) -> tuple[int, int]:
    sari = customer("Sari Wulandari")
    first = order("2501A", ordered_at=at(1, 5), customer=sari, total=150_000)
    order("2502B", ordered_at=at(2, 1), customer=sari, status="to_ship", total=89_000)
    OrderEvent.create(order=first, at=at(1, 6), kind="note", author="Rina", detail="kirim bonus")
    conversation(
        customer=sari, channel="whatsapp", last_message_at=at(2, 3), message_count=4,
        last_message_preview="Kak, paketnya sudah sampai?",
    )  # fmt: skip
    complaint(
        "KL-2025-0001", customer=sari, order=first, created_at=at(1, 10),
        status="resolved", resolved_at=at(1, 12), resolution="replacement",
        description="Jahitan lepas",
    )  # fmt: skip
    follow_up = add_follow_up(sari.id, at(2, 10), "review", note="minta ulasan bintang 5")
    FollowUp.update(created_at=at(2, 9)).execute()  # made on 9 Feb (add_follow_up stamps now)
    mark_done(follow_up, now=at(2, 11), author="Dina")
    return sari.id, first.id


def test_every_kind_of_entry_newest_first(db: object) -> None:
    sari, first = story(db)
    entries = timeline(sari)
    titles = [e.title for e in entries]
    assert titles[0] == "Tindak lanjut selesai oleh Dina: Minta ulasan"
    assert "Chat WhatsApp · 4 pesan" in titles
    assert titles.index("Chat WhatsApp · 4 pesan") < titles.index("Pesanan 2502B")
    assert titles[-3:] == [
        "Keluhan KL-2025-0001 dibuka: Rusak",
        "Catatan pada pesanan 2501A — Rina",
        "Pesanan 2501A",
    ]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    note = next(e for e in entries if e.kind == "note")
    assert (note.detail, note.record_kind, note.record_id) == ("kirim bonus", "order", first)
    closed = next(e for e in entries if e.title.startswith("Keluhan KL-2025-0001 selesai"))
    assert closed.detail == "Ganti barang"


def test_pages_continue_before_the_last_entry_shown(db: object) -> None:
    sari, _ = story(db)
    everything = timeline(sari)
    first_page = timeline(sari, limit=3)
    second_page = timeline(sari, limit=50, before=first_page[-1].at)
    assert first_page + second_page == everything


def test_a_merged_customers_history_shows_on_the_survivor(db: object) -> None:
    sari, _ = story(db)
    old = customer("Sari (WA lama)")
    order("WA-2024-0007", ordered_at=at(1, 1), customer=old, total=45_000)
    merge_customers(sari, old.id, author="Rina")
    titles = [e.title for e in timeline(sari)]
    assert "Pesanan WA-2024-0007" in titles
    assert any(t == "Digabung dengan Sari (WA lama) oleh Rina" for t in titles)
