"""The text of a WhatsApp "Export chat" → its messages (FORMATS.md, "WhatsApp Export chat").

Line formats, one dialect per file (the first dated line names it, `style`):
- `android_id` `05/03/25 09.15 - Budi: Halo`, `android_en` `3/5/25, 9:15 AM - Budi: Hi`,
  `android_en24` `05/03/2025, 21:15 - Budi: Hi`;
- `ios_id` `[05/03/25 09.15.01] Budi: Halo`, `ios_en` `[3/5/25, 9:15:01 AM] Budi: Hi`
  (`ios_en24` for a 24-hour English iPhone).
The space before AM/PM may be U+202F or U+00A0; the date may use `/`, `.` or `-`.

Rules:
- A line without the date prefix continues the message above it (multi-line messages); lines
  after a system notice belong to the notice. Trailing blank lines of a message are dropped.
- Day/month order comes from the whole file: a first field over 12 means day first, a second
  field over 12 month first (both in one file: refused); neither: 12-hour (AM/PM) files are
  month first, all others (Indonesian, 24-hour English) day first. Two-digit years are 20yy.
- Invisible marks (U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF) are removed from
  senders and bodies; a sender loses a leading `~` (non-contacts).
- A line with no `Sender: ` is a system notice, not a message. On iPhone system notices carry
  a sender (the chat's name) and a text starting with U+200E: such a text that reads like a
  notice (encryption, business account, security code, members added/removed, group changes)
  is a notice too; the encryption notice's sender is kept as `notice_sender` (the customer
  when nothing else tells). A "sender" with a double quote or over 80 characters is an
  Android group notice (`X changed the subject to "A: B"`).
- Every other line is a message, `kind` `media` for media placeholders (with `attachment` the
  file name the export names, if any) and `deleted` for deleted-message markers; the body is
  kept as written, so a caption below an attachment stays.
- The first non-blank line must be a dated line, else the text is no chat export.

Times are the shop's local clock, naive; run.py converts them to UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from csdesk.services.importing.records import ImportFormatError

MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_NO_MARKS = str.maketrans("", "", MARKS)
_LRM = "\u200e"

_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
_TIME = r"(\d{1,2})([.:])(\d{2})(?:[.:](\d{2}))?(?:[ \u202f\u00a0]?([AaPp])\.?[Mm]\.?)?"
_ANDROID = re.compile(rf"{_DATE},?[ \u202f\u00a0]{_TIME} - (.*)")
_IPHONE = re.compile(rf"\[{_DATE},?[ \u202f\u00a0]{_TIME}\] (.*)")

_OMITTED = re.compile(
    r"<?(?:media|gambar|foto|image|photo|video|audio|stiker|sticker|gif|dokumen|document"
    r"|kartu kontak|contact card)\s+(?:tidak disertakan|omitted)>?",
    re.IGNORECASE,
)
_ATTACHED_ANDROID = re.compile(r"(.+?) \((?:file terlampir|file attached)\)", re.IGNORECASE)
_ATTACHED_IPHONE = re.compile(r"<(?:terlampir|attached): (.+?)>", re.IGNORECASE)
_DELETED = re.compile(
    r"(?:pesan ini (?:telah )?dihapus|this message was deleted|anda menghapus pesan ini"
    r"|you deleted this message)\.?",
    re.IGNORECASE,
)
_ENCRYPTION = re.compile(r"end-to-end|dienkripsi|encrypted|terenkripsi", re.IGNORECASE)
_IPHONE_NOTICE = re.compile(
    r"end-to-end|dienkripsi|encrypted|terenkripsi|secure service from meta|layanan aman"
    r"|business account|akun bisnis|security code|kode keamanan|\badded\b|\bmenambahkan\b"
    r"|\bremoved\b|\bmengeluarkan\b|\bleft\b|\bkeluar\b|created group|membuat grup"
    r"|changed the (?:subject|group)|mengubah (?:subjek|nama|deskripsi|ikon)"
    r"|disappearing messages|pesan sementara",
    re.IGNORECASE,
)
_MAX_SENDER = 80


@dataclass(slots=True)
class ChatMessage:
    """One message: `line` is the file's 1-based line number of its first line."""

    line: int
    at: dt.datetime  # the shop's local clock, naive
    sender: str
    body: str
    kind: str = "text"  # text | media | deleted
    attachment: str = ""  # the media file name the export names, "" when none


@dataclass
class ParsedChat:
    file: str
    style: str
    day_first: bool
    messages: list[ChatMessage] = field(default_factory=list)
    notice_sender: str | None = None

    @property
    def senders(self) -> list[str]:
        """Every sender, in the order they first wrote."""
        return list(dict.fromkeys(m.sender for m in self.messages))


def strip_marks(text: str) -> str:
    return text.translate(_NO_MARKS)


def clean_sender(text: str) -> str:
    """`‪+62 812-3456-7890‬` → `+62 812-3456-7890`, `~ Dewi` → `Dewi`, spaces collapsed."""
    return " ".join(strip_marks(text).strip().lstrip("~").split())


def is_chat_text(text: str) -> bool:
    """Does `text` start (after blank lines) with a dated WhatsApp line?"""
    for line in text[:4096].split("\n"):
        line = line.lstrip(MARKS).rstrip("\r")
        if line.strip():
            return _dated(line) is not None
    return False


def _dated(line: str) -> re.Match[str] | None:
    first = line[:1]
    if first == "[":
        return _IPHONE.match(line)
    if first.isdigit():
        return _ANDROID.match(line)
    return None


# A dated line as read: line number, the two date fields, year, hour, minute, second, AM/PM
# letter, iPhone?, time separator, and the text after the prefix (marks still in).
_Raw = tuple[int, int, int, int, int, int, int, str, bool, str, str]


def parse_chat(text: str, file: str) -> ParsedChat:
    """Parse a whole export; raises ImportFormatError naming `file` and the line."""
    raws, continuations = _read_lines(text, file)
    if not raws:
        raise ImportFormatError(file, "bukan ekspor chat WhatsApp: tidak ada baris bertanggal")
    day_first = _day_first(raws, file)
    first = raws[0]
    chat = ParsedChat(file, _style(first), day_first)
    dates: dict[tuple[int, int, int], dt.date] = {}
    for raw in raws:
        number, a, b, year, hour, minute, second, ampm, iphone, _, rest = raw
        found = _split_sender(rest, iphone)
        if found is None:
            continue
        sender, body, notice = found
        if notice:
            if chat.notice_sender is None and _ENCRYPTION.search(body):
                chat.notice_sender = sender
            continue
        key = (a, b, year)
        day = dates.get(key)
        if day is None:
            day = dates[key] = _date(raw, day_first, file)
        at = dt.datetime.combine(day, _time(raw, file))
        extra = continuations.get(number)
        if extra:
            body = "\n".join([body, *(strip_marks(x) for x in extra)]).rstrip()
        chat.messages.append(ChatMessage(number, at, sender, body, *_kind(body)))
    return chat


def _read_lines(text: str, file: str) -> tuple[list[_Raw], dict[int, list[str]]]:
    """The dated lines, and the continuation lines of each (by its line number)."""
    raws: list[_Raw] = []
    continuations: dict[int, list[str]] = {}
    current: list[str] | None = None
    for number, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        match = _dated(line.lstrip(MARKS))
        if match is None:
            if current is not None:
                current.append(line)
            elif not raws and line.strip(MARKS + " \t"):
                raise ImportFormatError(
                    file,
                    "bukan ekspor chat WhatsApp: baris tidak diawali tanggal dan jam",
                    row=number,
                )
            continue
        a, b, year, hour, sep, minute, second, ampm, rest = match.groups()
        raws.append(
            (
                number,
                int(a),
                int(b),
                int(year),
                int(hour),
                int(minute),
                int(second or 0),
                (ampm or "").upper(),
                line.lstrip(MARKS)[0] == "[",
                sep,
                rest,
            )
        )
        current = continuations[number] = []
    return raws, {k: v for k, v in continuations.items() if v}


def _day_first(raws: list[_Raw], file: str) -> bool:
    day_line = next((r[0] for r in raws if r[1] > 12), None)
    month_line = next((r[0] for r in raws if r[2] > 12), None)
    if day_line is not None and month_line is not None:
        raise ImportFormatError(
            file,
            "urutan hari/bulan tidak konsisten: ada tanggal hari-dulu dan bulan-dulu",
            row=max(day_line, month_line),
        )
    if day_line is not None:
        return True
    if month_line is not None:
        return False
    return not any(r[7] for r in raws)


def _style(raw: _Raw) -> str:
    iphone, sep, ampm = raw[8], raw[9], raw[7]
    device = "ios" if iphone else "android"
    if sep == ".":
        return f"{device}_id"
    return f"{device}_en" if ampm else f"{device}_en24"


def _date(raw: _Raw, day_first: bool, file: str) -> dt.date:
    number, a, b, year = raw[0], raw[1], raw[2], raw[3]
    day, month = (a, b) if day_first else (b, a)
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        order = "hari/bulan" if day_first else "bulan/hari"
        raise ImportFormatError(
            file, f"tanggal tidak valid: {a}/{b}/{year} (dibaca {order})", row=number
        ) from None


def _time(raw: _Raw, file: str) -> dt.time:
    number, hour, minute, second, ampm = raw[0], raw[4], raw[5], raw[6], raw[7]
    if ampm:
        if not 1 <= hour <= 12:
            raise ImportFormatError(file, f"jam tidak valid: {hour} {ampm}M", row=number)
        hour = hour % 12 + (12 if ampm == "P" else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ImportFormatError(
            file, f"jam tidak valid: {hour:02d}.{minute:02d}", row=number
        ) from None


def _split_sender(rest: str, iphone: bool) -> tuple[str, str, bool] | None:
    """(sender, body without marks, is a notice), or None for a line with no sender."""
    colon = rest.find(": ")
    if colon < 0:
        if not rest.endswith(":"):
            return None
        colon = len(rest) - 1
    raw_sender = rest[:colon]
    if '"' in raw_sender or "\u201c" in raw_sender or len(raw_sender) > _MAX_SENDER:
        return None
    sender = clean_sender(raw_sender)
    if not sender:
        return None
    raw_body = rest[colon + 2 :]
    body = strip_marks(raw_body)
    notice = iphone and raw_body.startswith(_LRM) and _IPHONE_NOTICE.search(body) is not None
    return sender, body, notice and _kind(body)[0] == "text"


def _kind(body: str) -> tuple[str, str]:
    """(kind, attachment name) of a body: media placeholders and deleted markers by their
    first line."""
    first = body.split("\n", 1)[0].strip()
    if _OMITTED.fullmatch(first):
        return "media", ""
    attached = _ATTACHED_ANDROID.fullmatch(first) or _ATTACHED_IPHONE.fullmatch(first)
    if attached:
        return "media", _base_name(attached.group(1))
    if _DELETED.fullmatch(first):
        return "deleted", ""
    return "text", ""


def _base_name(name: str) -> str:
    """The last part of a name the export gives, never a path."""
    return re.split(r"[\\/]", name.strip())[-1]
