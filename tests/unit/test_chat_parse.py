"""WhatsApp export text → messages: the five dialects, day/month order, marks, placeholders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from csdesk.services.chats.parse import is_chat_text, parse_chat
from csdesk.services.importing.records import ImportFormatError

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
CHAT_FILES = sorted(name for name in EXPECTED if name.startswith("wa_"))
NNBSP = "\u202f"
LRM = "\u200e"


def test_the_five_samples_have_their_expected_counts_and_styles() -> None:
    assert len(CHAT_FILES) == 5
    for name in CHAT_FILES:
        expected = EXPECTED[name]
        chat = parse_chat((SAMPLES / name).read_text(encoding="utf-8"), name)
        multiline = sum("\n" in m.body for m in chat.messages)
        assert (chat.style, len(chat.messages), multiline) == (
            expected["style"],
            expected["messages"],
            expected["multiline"],
        ), name
        assert chat.senders == [expected["customer"], "Hijab Ayu"], name


def test_sample_times_read_in_the_files_own_day_month_order() -> None:
    first = {
        "wa_android_id.txt": dt.datetime(2025, 3, 13, 12, 32),
        "wa_android_en.txt": dt.datetime(2025, 3, 14, 11, 56),  # 3/14/25 11:56 AM
        "wa_android_en24.txt": dt.datetime(2025, 3, 15, 12, 21),
        "wa_ios_id.txt": dt.datetime(2025, 3, 16, 8, 7),
        "wa_ios_en.txt": dt.datetime(2025, 3, 17, 9, 54),
    }
    for name, at in first.items():
        chat = parse_chat((SAMPLES / name).read_text(encoding="utf-8"), name)
        assert chat.messages[0].at == at, name
    en = parse_chat((SAMPLES / "wa_android_en.txt").read_text(encoding="utf-8"), "x")
    # `3/14/25, 10:02 PM` and `3/15/25, 2:17 AM`
    assert en.messages[6].at == dt.datetime(2025, 3, 14, 22, 2)
    assert en.messages[8].at == dt.datetime(2025, 3, 15, 2, 17)


def test_multiline_body_keeps_its_lines_and_the_next_message_starts_clean() -> None:
    chat = parse_chat((SAMPLES / "wa_android_id.txt").read_text(encoding="utf-8"), "x")
    multi = [m for m in chat.messages if "\n" in m.body][0]
    assert multi.body == "Barangnya beda sama di foto kak, warnanya lebih gelap\nIni fotonya ya"
    assert multi.line == 8
    after = chat.messages[chat.messages.index(multi) + 1]
    assert after.body == "Baik kak, kami cek dulu ya 🙏" and after.sender == "Hijab Ayu"


def test_invisible_marks_and_tilde_leave_senders_and_bodies() -> None:
    text = (
        f"[16/03/25 08.07.00] ~ Dewi Lestari: Halo\n"
        f"{LRM}[16/03/25 08.08.00] \u202a+62 812-3456-4423\u202c: {LRM}Pesan ini dihapus.\n"
    )
    chat = parse_chat(text, "x")
    assert chat.senders == ["Dewi Lestari", "+62 812-3456-4423"]
    assert (chat.messages[1].body, chat.messages[1].kind) == ("Pesan ini dihapus.", "deleted")


@pytest.mark.parametrize(
    ("body", "kind", "attachment"),
    [
        ("<Media tidak disertakan>", "media", ""),
        ("<Media omitted>", "media", ""),
        ("IMG-20250305-WA0003.jpg (file terlampir)", "media", "IMG-20250305-WA0003.jpg"),
        ("IMG-20250305-WA0004.jpg (file attached)\nini fotonya", "media", "IMG-20250305-WA0004.jpg"),
        (f"{LRM}<terlampir: 00000012-PHOTO-2025-03-05-09-15-01.jpg>", "media",
         "00000012-PHOTO-2025-03-05-09-15-01.jpg"),
        ("<attached: ../../etc/passwd>", "media", "passwd"),
        ("gambar tidak disertakan", "media", ""),
        (f"{LRM}image omitted", "media", ""),
        (f"{LRM}video omitted", "media", ""),
        ("Pesan ini dihapus", "deleted", ""),
        (f"{LRM}Pesan ini dihapus.", "deleted", ""),
        ("This message was deleted", "deleted", ""),
        ("Fotonya di IMG-1.jpg ya kak", "text", ""),
    ],
)  # fmt: skip
def test_media_placeholders_and_deleted_markers(body: str, kind: str, attachment: str) -> None:
    chat = parse_chat(f"05/03/25 09.15 - Budi: {body}\n", "x")
    (message,) = chat.messages
    assert (message.kind, message.attachment) == (kind, attachment)
    assert message.body == body.replace(LRM, "")


def test_system_notices_are_not_messages() -> None:
    text = (
        "05/03/25 09.00 - Pesan dan panggilan dienkripsi secara end-to-end. Tidak seorang pun\n"
        "di luar chat ini yang dapat membacanya.\n"
        "05/03/25 09.01 - Budi menambahkan Siti\n"
        '05/03/25 09.02 - Budi mengubah subjek dari "A" menjadi "Promo: Lebaran"\n'
        "05/03/25 09.15 - Budi: Halo kak\n"
    )
    chat = parse_chat(text, "x")
    assert [(m.sender, m.body) for m in chat.messages] == [("Budi", "Halo kak")]


def test_iphone_notice_with_the_chat_name_is_recognised_by_its_text() -> None:
    text = (
        f"[3/17/25, 9:49:00{NNBSP}AM] Rina Wijaya: {LRM}Messages and calls are end-to-end "
        "encrypted. No one outside of this chat can read or listen to them.\n"
        f"[3/17/25, 9:50:00{NNBSP}AM] Rina Wijaya: {LRM}image omitted\n"
        f"[3/17/25, 9:51:00{NNBSP}AM] Rina Wijaya: Chatnya end-to-end encrypted kan kak?\n"
    )
    chat = parse_chat(text, "x")
    assert chat.notice_sender == "Rina Wijaya"
    assert [m.kind for m in chat.messages] == ["media", "text"]


def test_day_first_when_any_first_field_is_over_12() -> None:
    text = "3/5/25, 9:15\u202fAM - Budi: a\n13/5/25, 9:15\u202fPM - Budi: b\n"
    chat = parse_chat(text, "x")
    assert chat.day_first
    assert [m.at for m in chat.messages] == [
        dt.datetime(2025, 5, 3, 9, 15),
        dt.datetime(2025, 5, 13, 21, 15),
    ]


def test_month_first_when_any_second_field_is_over_12() -> None:
    chat = parse_chat("05/03/2025, 21:15 - Budi: a\n05/13/2025, 08:00 - Budi: b\n", "x")
    assert not chat.day_first
    assert chat.messages[0].at == dt.datetime(2025, 5, 3, 21, 15)


def test_ambiguous_dates_follow_the_dialect() -> None:
    twelve_hour = parse_chat("3/5/25, 9:15\u202fAM - Budi: Hello\n", "x")
    assert twelve_hour.messages[0].at == dt.datetime(2025, 3, 5, 9, 15)  # month first
    indonesian = parse_chat("03/05/25 09.15 - Budi: Halo\n", "x")
    assert indonesian.messages[0].at == dt.datetime(2025, 5, 3, 9, 15)  # day first
    english24 = parse_chat("03/05/2025, 09:15 - Budi: Hello\n", "x")
    assert english24.messages[0].at == dt.datetime(2025, 5, 3, 9, 15)


def test_midnight_and_noon_in_12_hour_clock() -> None:
    chat = parse_chat(
        "3/5/25, 12:05\u00a0AM - Budi: a\n3/5/25, 12:05 PM - Budi: b\n3/5/25, 1:05 pm - Budi: c\n",
        "x",
    )
    assert [m.at.hour for m in chat.messages] == [0, 12, 13]


def test_contradicting_day_month_order_is_refused_naming_the_line() -> None:
    text = "13/05/25 09.15 - Budi: a\n05/05/25 09.15 - Budi: b\n05/14/25 09.15 - Budi: c\n"
    with pytest.raises(ImportFormatError, match=r"^chat\.txt \(baris 3\): urutan hari/bulan"):
        parse_chat(text, "chat.txt")


def test_impossible_date_or_time_is_refused_naming_the_line() -> None:
    with pytest.raises(ImportFormatError, match=r"chat\.txt \(baris 2\): tanggal tidak valid"):
        parse_chat("28/02/25 09.15 - Budi: a\n31/02/25 09.15 - Budi: b\n", "chat.txt")
    with pytest.raises(ImportFormatError, match=r"chat\.txt \(baris 1\): jam tidak valid"):
        parse_chat("28/02/25 25.15 - Budi: a\n", "chat.txt")


def test_text_that_is_not_a_chat_is_refused_at_its_first_line() -> None:
    text = "\nDaftar harga kerudung\n05/03/25 09.15 - Budi: a\n"
    assert not is_chat_text(text)
    with pytest.raises(ImportFormatError, match=r"catatan\.txt \(baris 2\): bukan ekspor chat"):
        parse_chat(text, "catatan.txt")


def test_windows_line_ends_and_a_bom_are_read() -> None:
    text = "\ufeff05/03/25 09.15 - Budi: Halo\r\nbaris dua\r\n\r\n05/03/25 09.16 - Ayu: Ya\r\n"
    assert is_chat_text(text)
    chat = parse_chat(text, "x")
    assert [m.body for m in chat.messages] == ["Halo\nbaris dua", "Ya"]
