"""Chat exports in a zip: media stored only under the attachment folder, hostile members, caps."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from import_factories import dump

from csdesk.models import Conversation, Message
from csdesk.paths import attachments_dir
from csdesk.services.chats import archive
from csdesk.services.chats.run import ImportCancelled, ImportFormatError, import_chat_files

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
TABLES = ("customer", "customer_identity", "conversation", "message", "import_batch")
PHOTO = b"\xff\xd8\xff\xe0" + b"JPEG-bytes" * 50


def make_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            out.writestr(name, data)
    return path


def chat(*bodies: str) -> bytes:
    lines = ["05/03/25 09.00 - Ayu: Halo kak"]
    lines += [f"05/03/25 09.{10 + n:02d} - Budi: {body}" for n, body in enumerate(bodies)]
    return ("\n".join(lines) + "\n").encode()


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_media_of_a_zip_is_stored_under_a_generated_name(db: object, tmp_path: Path) -> None:
    source = make_zip(
        tmp_path / "in" / "WhatsApp Chat - Budi.zip",
        [
            ("_chat.txt", chat("IMG-20250305-WA0003.jpg (file terlampir)", "Ada warna lain?")),
            ("IMG-20250305-WA0003.jpg", PHOTO),
            ("IMG-20250305-WA0099.jpg", b"not referenced"),
        ],
    )
    result = import_chat_files([source])
    assert result.chats[0].customers == ["Budi"]  # the zip's name tells the customer
    media = Message.get(Message.kind == "media")
    assert media.attachment.startswith("whatsapp/") and media.attachment.endswith(".jpg")
    assert "IMG" not in media.attachment
    assert (attachments_dir() / media.attachment).read_bytes() == PHOTO
    assert files_under(attachments_dir()) == [attachments_dir() / media.attachment]
    again = import_chat_files([source])
    assert again.as_dict()["messages_new"] == 0
    assert files_under(attachments_dir()) == [attachments_dir() / media.attachment]


def test_hostile_member_names_write_nothing_outside_the_attachment_folder(
    db: object, db_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    hostile = [
        "../../evil1.jpg",
        "/tmp/evil2.jpg",
        "..\\..\\evil3.jpg",
        "attachments/whatsapp/evil4.jpg",
        f"{attachments_dir()}/evil5.jpg",
        "csdesk-data/attachments/../../evil6.jpg",
        "whatsapp",
    ]
    names = [archive.member_name(name) for name in hostile]
    source = make_zip(
        tmp_path / "in" / "chat.zip",
        [("_chat.txt", chat(*(f"{name} (file terlampir)" for name in names)))]
        + [(name, PHOTO + name.encode()) for name in hostile],
    )
    inputs = set(files_under(tmp_path / "in"))
    import_chat_files([source], me="Ayu")
    stored = [m.attachment for m in Message.select().where(Message.kind == "media")]
    assert len(stored) == len(hostile)
    assert all(a.startswith("whatsapp/") for a in stored)
    media_folder = attachments_dir() / "whatsapp"
    for path in files_under(tmp_path):
        assert (
            path in inputs
            or path.parent == media_folder
            or path.parent == db_path.parent / "backups"
            or path.name.startswith(db_path.name)
        ), path
    assert len(files_under(media_folder)) == len(hostile)
    assert not any(p.name.startswith("evil") for p in files_under(tmp_path) if p not in inputs)
    assert not Path("/tmp/evil2.jpg").exists()


def test_a_zip_bomb_member_is_refused_naming_it(db: object, db_path: Path, tmp_path: Path) -> None:
    source = make_zip(
        tmp_path / "bom.zip",
        [("_chat.txt", chat("Halo")), ("VID-20250305-WA0001.mp4", bytes(20 << 20))],
    )
    before = dump(db_path, TABLES)
    with pytest.raises(
        ImportFormatError, match=r"^bom\.zip: berkas ditolak: isi 'VID-20250305-WA0001\.mp4'"
    ):
        import_chat_files([source], me="Ayu")
    assert dump(db_path, TABLES) == before
    assert files_under(attachments_dir()) == []


def test_a_member_that_unpacks_to_more_than_its_header_says_is_refused(
    db: object, tmp_path: Path
) -> None:
    source = make_zip(tmp_path / "bohong.zip", [("_chat.txt", chat("Halo") * 2000)])
    data = bytearray(source.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 100)  # claims 100 bytes unpacked
    source.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError, match=r"^bohong\.zip: isi '_chat\.txt' rusak"):
        import_chat_files([source], me="Ayu")
    assert Message.select().count() == 0


def test_several_chats_in_one_zip_are_each_a_chat(db: object, tmp_path: Path) -> None:
    note = b"Voal 35.000\nPashmina 45.000\n"
    source = make_zip(
        tmp_path / "chats.zip",
        [
            ("WhatsApp Chat with Budi.txt", chat("Harga?", "catatan.txt (file terlampir)")),
            ("WhatsApp Chat with Siti.txt", chat("Halo").replace(b"Budi", b"Siti")),
            ("catatan.txt", note),
        ],
    )
    result = import_chat_files([source])
    assert sorted(c.customers[0] for c in result.chats) == ["Budi", "Siti"]
    assert result.as_dict()["conversations"] == 2
    assert Conversation.select().count() == 2
    media = Message.get(Message.kind == "media")
    assert (attachments_dir() / media.attachment).read_bytes() == note


def test_cancel_removes_the_media_it_stored(db: object, db_path: Path, tmp_path: Path) -> None:
    source = make_zip(
        tmp_path / "chat.zip",
        [("_chat.txt", chat("IMG-1.jpg (file terlampir)")), ("IMG-1.jpg", PHOTO)],
    )
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        import_chat_files([source], me="Ayu", is_cancelled=cancelled)
    assert all(rows == [] for rows in dump(db_path, TABLES).values())
    assert files_under(attachments_dir()) == []


def test_media_over_the_cap_is_not_stored_and_the_message_keeps_its_name(
    db: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MEDIA_CAP", 100)
    source = make_zip(
        tmp_path / "chat.zip",
        [("_chat.txt", chat("VID-1.mp4 (file terlampir)")), ("VID-1.mp4", PHOTO)],
    )
    result = import_chat_files([source], me="Ayu")
    assert result.warnings == ["chat.zip:VID-1.mp4: lampiran lebih dari 100 MB, tidak disimpan"]
    assert Message.get(Message.kind == "media").attachment == "VID-1.mp4"
    assert files_under(attachments_dir()) == []


def test_chat_text_over_the_cap_is_refused(
    db: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "TEXT_CAP", 100)
    text = tmp_path / "besar.txt"
    text.write_bytes(chat("Halo") * 10)
    with pytest.raises(ImportFormatError, match=r"^besar\.txt: teks chat lebih dari 50 MB"):
        import_chat_files([text], me="Ayu")
    source = make_zip(tmp_path / "besar.zip", [("_chat.txt", chat("Halo") * 10)])
    with pytest.raises(ImportFormatError, match=r"^besar\.zip:_chat\.txt: teks chat lebih"):
        import_chat_files([source], me="Ayu")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.txt", b"", r"^kosong\.txt: berkas kosong"),
        ("latin.txt", b"05/03/25 09.15 - Budi: Halo\n05/03/25 09.16 - Budi: caf\xe9\n",
         r"^latin\.txt \(baris 2\): bukan teks UTF-8"),
        ("rusak.zip", b"PK\x03\x04 bukan zip", r"^rusak\.zip: zip rusak atau terpotong"),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_with_their_name(
    db: object, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=message):
        import_chat_files([path], me="Ayu")


def test_a_zip_without_a_chat_is_refused(db: object, tmp_path: Path) -> None:
    source = make_zip(tmp_path / "foto.zip", [("IMG-1.jpg", PHOTO), ("catatan.txt", b"Halo")])
    with pytest.raises(ImportFormatError, match=r"^foto\.zip: tidak ada chat WhatsApp"):
        import_chat_files([source], me="Ayu")


def test_chat_names_are_read_from_file_names() -> None:
    assert archive.name_hint("WhatsApp Chat with Budi Santoso.txt") == "Budi Santoso"
    assert archive.name_hint("Chat WhatsApp dengan Siti (2).txt") == "Siti"
    assert archive.name_hint("WhatsApp Chat - +62 812-3456-4423.zip") == "+62 812-3456-4423"
    assert archive.name_hint("_chat.txt") is None
