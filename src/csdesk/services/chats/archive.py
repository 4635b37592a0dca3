"""Opening a WhatsApp export safely: a chat `.txt`, or a `.zip` of chats and media.

What the file is comes from its first bytes (a zip starts `PK\\x03\\x04`), not its name.

A zip is judged from its directory before anything is unpacked, as order files are
(DESIGN.md, reliability rules): a member over 1 MB compressed more than 100 times, or more
than 2 GB unpacked in all, refuses the whole file, naming the member. While unpacking, no
member may yield more than its cap, whatever its header claims: chat text 50 MB (read into
memory), media 100 MB (a larger media member is not stored: its message keeps the name the
export gave, with a warning).

Each `.txt` member whose first line is a dated WhatsApp line is a chat (a zip may hold
several); every other member is media, known only by its last name part (`a/b/IMG-1.jpg` is
`IMG-1.jpg`), which is how messages name their attachments. Media is written only into
`attachments_dir()/whatsapp/`, under a generated name (the hash of its content and a short
extension), never by the member's own path; equal files are stored once, so importing again
writes nothing new. `MediaStore` remembers the files it created, so a rolled-back import can
remove them.

The chat's name (`WhatsApp Chat with X.txt`, `Chat WhatsApp dengan X.txt`, `WhatsApp Chat -
X.zip`) is kept as `name_hint`: people.py uses it to tell the customer from the shop.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from csdesk.paths import attachments_dir
from csdesk.services.chats.parse import is_chat_text
from csdesk.services.importing.readers import BOMB_MAX_RATIO, BOMB_MIN_MEMBER, MAX_UNPACKED
from csdesk.services.importing.records import ImportFormatError

TEXT_CAP = 50 << 20
MEDIA_CAP = 100 << 20
MEDIA_FOLDER = "whatsapp"
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_NAME_IN_FILE = re.compile(
    r"^(?:WhatsApp Chat with|WhatsApp Chat -|Chat WhatsApp dengan|Chat WhatsApp -"
    r"|Chat WhatsApp with)\s*(.+?)(?:\s*\(\d+\))?$",
    re.IGNORECASE,
)
_CHAT_NAMES = ("_chat", "whatsapp chat", "chat whatsapp")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class ChatText:
    """One chat: `file` names it in messages (`export.zip:_chat.txt` inside a zip)."""

    file: str
    text: str
    name_hint: str | None


@dataclass
class ChatSource:
    """A .txt or .zip as read: its chats, and its media members by last name part."""

    path: Path
    chats: list[ChatText]
    media: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def name_hint(file_name: str) -> str | None:
    """`X` of `WhatsApp Chat with X.txt` and its kin, else None."""
    match = _NAME_IN_FILE.match(Path(file_name).stem.strip())
    return match.group(1).strip() if match else None


def read_source(path: str | Path) -> ChatSource:
    """Read a chat export; raises ImportFormatError naming the file (and member, line)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFormatError(path.name, f"tidak dapat dibuka ({exc.strerror or exc})") from None
    if size == 0:
        raise ImportFormatError(path.name, "berkas kosong")
    if head == _ZIP_MAGIC:
        return _read_zip(path)
    if size > TEXT_CAP:
        raise ImportFormatError(path.name, "teks chat lebih dari 50 MB, tidak dibaca")
    text = decode(path.read_bytes(), path.name)
    return ChatSource(path, [ChatText(path.name, text, name_hint(path.name))])


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM; else refused, naming the line."""
    try:
        if data[:2] in _UTF16_BOMS:
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(file, "bukan teks UTF-8", row=line) from None


def _read_zip(path: Path) -> ChatSource:
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS:
        raise ImportFormatError(path.name, "zip rusak atau terpotong") from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        _check_directory(path.name, members)
        source = ChatSource(path, [])
        for info in members:
            base = member_name(info.filename)
            label = f"{path.name}:{base}"
            if base.casefold().endswith(".txt"):
                text = _chat_text(archive, info, label, path.name)
                if text is not None:
                    hint = name_hint(base) or name_hint(path.name)
                    source.chats.append(ChatText(label, text, hint))
                    continue
            if info.file_size > MEDIA_CAP:
                source.warnings.append(f"{label}: lampiran lebih dari 100 MB, tidak disimpan")
            elif info.flag_bits & 0x1:
                source.warnings.append(f"{label}: lampiran terkunci sandi, tidak disimpan")
            else:
                source.media.setdefault(base, info)
    if not source.chats:
        raise ImportFormatError(path.name, "tidak ada chat WhatsApp (.txt) di dalam zip")
    return source


def _chat_text(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, file: str
) -> str | None:
    """The text of a `.txt` member that is a chat, None for any other text (a document sent
    in the chat). A chat-named member over the text cap is refused."""
    if info.file_size > TEXT_CAP:
        if member_name(info.filename).casefold().startswith(_CHAT_NAMES):
            raise ImportFormatError(label, "teks chat lebih dari 50 MB, tidak dibaca")
        return None
    data = _read_capped(archive, info, TEXT_CAP, file)
    if not is_chat_text(data[:4096].decode("utf-8", "ignore")):
        return None
    return decode(data, label)


def member_name(filename: str) -> str:
    """The last part of a member's name: the only part csdesk ever uses."""
    return re.split(r"[\\/]", filename)[-1]


def _check_directory(file: str, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > BOMB_MIN_MEMBER and ratio > BOMB_MAX_RATIO:
            raise ImportFormatError(
                file,
                f"berkas ditolak: isi '{info.filename}' memampat {ratio:.0f} kali lipat "
                "(zip bomb?), tidak dibuka",
            )
    if total > MAX_UNPACKED:
        raise ImportFormatError(file, "berkas ditolak: isi zip lebih dari 2 GB bila dibuka")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, file: str) -> bytes:
    with _open_member(archive, info, file) as handle:
        return b"".join(_chunks(handle, info, cap, file))


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> IO[bytes]:
    try:
        return archive.open(info)
    except _ZIP_ERRORS as exc:
        raise ImportFormatError(file, f"isi '{info.filename}' tidak dapat dibuka ({exc})") from None


def _chunks(handle: IO[bytes], info: zipfile.ZipInfo, cap: int, file: str) -> Iterator[bytes]:
    """The member's bytes in chunks; refused when it unpacks to more than `cap`, whatever its
    header claims."""
    size = 0
    while True:
        try:
            chunk = handle.read(_CHUNK)
        except _ZIP_ERRORS as exc:
            raise ImportFormatError(file, f"isi '{info.filename}' rusak ({exc})") from None
        if not chunk:
            return
        size += len(chunk)
        if size > cap:
            raise ImportFormatError(
                file,
                f"berkas ditolak: isi '{info.filename}' lebih besar dari yang tercatat (zip bomb?)",
            )
        yield chunk


class MediaStore:
    """Writes a zip's media into the attachment folder during one chat's import."""

    def __init__(self, source: ChatSource) -> None:
        self.source = source
        self.created: list[Path] = []
        self._saved: dict[str, str | None] = {}
        self._archive: zipfile.ZipFile | None = None

    def save(self, name: str) -> str | None:
        """Store the media member a message names; its path relative to attachments_dir()
        (`whatsapp/<hash>.jpg`), or None when the export does not hold it."""
        if name in self._saved:
            return self._saved[name]
        info = self.source.media.get(name)
        saved = None if info is None else self._write(info)
        self._saved[name] = saved
        return saved

    def _write(self, info: zipfile.ZipInfo) -> str:
        if self._archive is None:
            try:
                self._archive = zipfile.ZipFile(self.source.path)
            except _ZIP_ERRORS:
                raise ImportFormatError(self.source.path.name, "zip rusak atau terpotong") from None
        folder = attachments_dir() / MEDIA_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.blake2b(digest_size=16)
        descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=".masuk-")
        temp = Path(temp_name)
        try:
            with os.fdopen(descriptor, "wb") as out, self._open(info) as handle:
                for chunk in _chunks(handle, info, MEDIA_CAP, self.source.path.name):
                    digest.update(chunk)
                    out.write(chunk)
            suffix = _SUFFIX.search(member_name(info.filename))
            target = folder / (digest.hexdigest() + (suffix.group(0).lower() if suffix else ""))
            if target.exists():
                temp.unlink()
            else:
                os.replace(temp, target)
                self.created.append(target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return f"{MEDIA_FOLDER}/{target.name}"

    def _open(self, info: zipfile.ZipInfo) -> IO[bytes]:
        assert self._archive is not None
        return _open_member(self._archive, info, self.source.path.name)

    def discard_created(self) -> None:
        """Remove the files this store created (the import they belonged to rolled back)."""
        for path in self.created:
            path.unlink(missing_ok=True)
        self.created.clear()

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None
