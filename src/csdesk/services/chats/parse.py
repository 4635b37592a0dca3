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
# A regex, not str.translate: most lines have no mark, and a search that finds none is cheap.
_MARK = re.compile(f"[{MARKS}]")
_LRM = "\u200e"

_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
_TIME = r"(\d{1,2})([.:])(\d{2})(?:[.:](\d{2}))?(?:[ \u202f\u00a0]?([AaPp])\.?[Mm]\.?)?"
_ANDROID = re.compile(rf"{_DATE},?[ \u202f\u00a0]{_TIME} - (.*)")
_IPHONE = re.compile(rf"\[{_DATE},?[ \u202f\u00a0]{_TIME}\] (.*)")

# One pattern for every placeholder, tried once per message: the groups tell which it was.
_PLACEHOLDER = re.compile(
    r"(?P<omitted><?(?:media|gambar|foto|image|photo|video|audio|stiker|sticker|gif|dokumen"
    r"|document|kartu kontak|contact card)\s+(?:tidak disertakan|omitted)>?)"
    r"|(?P<android>.+?) \((?:file terlampir|file attached)\)"
    r"|<(?:terlampir|attached): (?P<iphone>.+?)>"
    r"|(?P<deleted>(?:pesan ini (?:telah )?dihapus|this message was deleted"
    r"|anda menghapus pesan ini|you deleted this message)\.?)",
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
    return _MARK.sub("", text) if _MARK.search(text) else text


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


# A dated line as read: line number, its date and time fields as written (day-or-month,
# month-or-day, year; hour, minute, second, AM/PM letter), iPhone?, time separator, and the
# text after the prefix (marks still in). Dates and times repeat: each is converted once.
_DateKey = tuple[str, str, str]
_TimeKey = tuple[str, str, str, str]
_Raw = tuple[int, _DateKey, _TimeKey, bool, str, str]


def parse_chat(text: str, file: str) -> ParsedChat:
    """Parse a whole export; raises ImportFormatError naming `file` and the line."""
    raws, continuations, date_lines = _read_lines(text, file)
    if not raws:
        raise ImportFormatError(file, "bukan ekspor chat WhatsApp: tidak ada baris bertanggal")
    day_first = _day_first(date_lines, any(raw[2][3] for raw in raws), file)
    chat = ParsedChat(file, _style(raws[0]), day_first)
    dates = {key: _date(key, line, day_first, file) for key, line in date_lines.items()}
    times: dict[_TimeKey, dt.time] = {}
    senders: dict[str, str] = {}
    for number, date_key, time_key, iphone, _, rest in raws:
        found = _split_sender(rest, iphone, senders)
        if found is None:
            continue
        sender, body, notice = found
        if notice:
            if chat.notice_sender is None and _ENCRYPTION.search(body):
                chat.notice_sender = sender
            continue
        clock = times.get(time_key)
        if clock is None:
            clock = times[time_key] = _time(time_key, number, file)
        at = dt.datetime.combine(dates[date_key], clock)
        extra = continuations.get(number)
        if extra:
            body = "\n".join([body, *(strip_marks(x) for x in extra)]).rstrip()
        chat.messages.append(ChatMessage(number, at, sender, body, *_kind(body)))
    return chat


def _read_lines(
    text: str, file: str
) -> tuple[list[_Raw], dict[int, list[str]], dict[_DateKey, int]]:
    """The dated lines, the continuation lines of each (by its line number), and each date
    as written with the first line it is on."""
    raws: list[_Raw] = []
    continuations: dict[int, list[str]] = {}
    date_lines: dict[_DateKey, int] = {}
    current = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        bare = line.lstrip(MARKS)
        match = _dated(bare)
        if match is None:
            if current:
                continuations.setdefault(current, []).append(line)
            elif bare.strip():
                raise ImportFormatError(
                    file,
                    "bukan ekspor chat WhatsApp: baris tidak diawali tanggal dan jam",
                    row=number,
                )
            continue
        a, b, year, hour, sep, minute, second, ampm, rest = match.groups()
        date_key = (a, b, year)
        if date_key not in date_lines:
            date_lines[date_key] = number
        time_key = (hour, minute, second or "0", (ampm or "").upper())
        raws.append((number, date_key, time_key, bare[0] == "[", sep, rest))
        current = number
    return raws, continuations, date_lines


def _day_first(date_lines: dict[_DateKey, int], twelve_hour: bool, file: str) -> bool:
    day_line = min((n for (a, _, _), n in date_lines.items() if int(a) > 12), default=None)
    month_line = min((n for (_, b, _), n in date_lines.items() if int(b) > 12), default=None)
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
    return not twelve_hour


def _style(raw: _Raw) -> str:
    iphone, sep, ampm = raw[3], raw[4], raw[2][3]
    device = "ios" if iphone else "android"
    if sep == ".":
        return f"{device}_id"
    return f"{device}_en" if ampm else f"{device}_en24"


def _date(key: _DateKey, number: int, day_first: bool, file: str) -> dt.date:
    a, b, year = (int(x) for x in key)
    day, month = (a, b) if day_first else (b, a)
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        order = "hari/bulan" if day_first else "bulan/hari"
        raise ImportFormatError(
            file, f"tanggal tidak valid: {'/'.join(key)} (dibaca {order})", row=number
        ) from None


def _time(key: _TimeKey, number: int, file: str) -> dt.time:
    hour, minute, second = (int(x) for x in key[:3])
    ampm = key[3]
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


def _split_sender(rest: str, iphone: bool, senders: dict[str, str]) -> tuple[str, str, bool] | None:
    """(sender, body without marks, is a notice), or None for a line with no sender.
    `senders`: cleaned senders by their raw text, filled as they come."""
    colon = rest.find(": ")
    if colon < 0:
        if not rest.endswith(":"):
            return None
        colon = len(rest) - 1
    raw_sender = rest[:colon]
    if '"' in raw_sender or "\u201c" in raw_sender or len(raw_sender) > _MAX_SENDER:
        return None
    sender = senders.get(raw_sender)
    if sender is None:
        sender = senders[raw_sender] = clean_sender(raw_sender)
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
    found = _PLACEHOLDER.fullmatch(first)
    if found is None:
        return "text", ""
    if found.group("deleted"):
        return "deleted", ""
    named = found.group("android") or found.group("iphone")
    return "media", _base_name(named) if named else ""


def _base_name(name: str) -> str:
    """The last part of a name the export gives, never a path."""
    return re.split(r"[\\/]", name.strip())[-1]
