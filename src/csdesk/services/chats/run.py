"""Importing WhatsApp chat exports: read and check every chat, back up, then write each chat.

Every file is read and parsed, and the shop's sender settled, before anything is written: a
refused file (ImportFormatError) or a chat that does not tell who the shop is
(NeedsSellerName) means nothing is imported. Then the SQLite database is backed up and each
chat is written in its own transaction, with `synchronous=FULL`. A cancel (ImportCancelled)
or any error rolls back the chat being written and removes the media files it stored; chats
committed before it stay (one file is usually one chat).

A chat's conversation: one per customer on the channel `whatsapp`; a later export of the same
chat appends to it. A group chat (several customers) is one conversation without a customer,
titled with the chat's name, found again by that title.

Times in the export are the shop's local clock (Settings zone), stored UTC. A message's
`source_key` is a hash of (UTC time, sender, body, occurrence among equal earlier messages
of the file); with the conversation it is unique, so re-importing a chat, a longer later
export of it or the same chat from a zip adds only the messages not seen before, and changes
nothing else when there are none.

`attachment` of a media message: the stored file, relative to attachments_dir()
(`whatsapp/<hash>.jpg`), when the zip held it; else the file name the export gave (no folder),
or "" when it gave none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from csdesk.models import Conversation, ImportBatch, Message, utcnow
from csdesk.models.base import run_sql
from csdesk.services import fmt, settings
from csdesk.services.backup import backup_database
from csdesk.services.bulk import allocate_ids, insert_rows, is_sqlite, replayed_insert_triggers
from csdesk.services.chats.archive import ChatSource, ChatText, MediaStore, read_source
from csdesk.services.chats.parse import ChatMessage, ParsedChat, parse_chat
from csdesk.services.chats.people import Found, NeedsSellerName, find_or_create, seller_senders
from csdesk.services.chats.timing import refresh_conversation
from csdesk.services.importing.records import ImportCancelled, ImportFormatError

__all__ = [
    "ChatImportResult",
    "ChatResult",
    "ImportCancelled",
    "ImportFormatError",
    "NeedsSellerName",
    "import_chat_files",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
PROGRESS_EVERY = 2000
CHANNEL = "whatsapp"


@dataclass
class ChatResult:
    """What importing one chat did."""

    file: str
    style: str
    messages: int
    messages_new: int = 0
    messages_skipped: int = 0
    customers: list[str] = field(default_factory=list)
    customers_new: int = 0
    conversation_id: int | None = None
    conversation_changed: bool = False


@dataclass
class ChatImportResult:
    chats: list[ChatResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        """Exactly the object `import-chats --json` prints (DESIGN.md)."""
        return {
            "messages_new": sum(c.messages_new for c in self.chats),
            "messages_skipped": sum(c.messages_skipped for c in self.chats),
            "conversations": len({c.conversation_id for c in self.chats if c.conversation_changed}),
            "customers_new": sum(c.customers_new for c in self.chats),
        }


@dataclass
class _Prepared:
    source: ChatSource
    chat: ChatText
    parsed: ParsedChat
    sellers: set[str]


def import_chat_files(
    paths: Sequence[str | Path],
    me: str | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> ChatImportResult:
    """Import the chat exports `paths` (.txt or .zip) into the bound database.

    `me`: the shop's sender name in these chats (else Settings' WhatsApp names). Raises
    ImportFormatError or NeedsSellerName before writing anything, ImportCancelled when
    `is_cancelled()` turns true (the current chat rolled back).
    """
    shop = settings.load()
    result = ChatImportResult()
    prepared: list[_Prepared] = []
    for path in paths:
        source = read_source(path)
        result.warnings += source.warnings
        for chat in source.chats:
            parsed = parse_chat(chat.text, chat.file)
            if not parsed.messages:
                result.warnings.append(f"{chat.file}: tidak ada pesan, dilewati")
                continue
            sellers = seller_senders(parsed, me, shop.whatsapp_names, chat.name_hint)
            if set(parsed.senders) <= sellers and not (chat.name_hint or parsed.notice_sender):
                raise ImportFormatError(
                    chat.file, "hanya penjual yang menulis; pelanggan chat ini tidak diketahui"
                )
            prepared.append(_Prepared(source, chat, parsed, sellers))
    if not prepared:
        return result
    db = Message._meta.database
    if is_sqlite(db):
        backup_database(db.obj if isinstance(db, pw.DatabaseProxy) else db, reason="pre-import")
    counter = _Counter(sum(len(p.parsed.messages) for p in prepared), progress, is_cancelled)
    counter.check()
    with _durable_commits(db):
        for one in prepared:
            result.chats.append(_import_chat(one, shop, counter))
    counter.finish()
    return result


class _Counter:
    """Progress over all chats' messages; honours Cancel every PROGRESS_EVERY messages."""

    def __init__(self, total: int, progress: Progress | None, is_cancelled: Cancelled | None):
        self.done = 0
        self.total = total
        self.progress = progress
        self.is_cancelled = is_cancelled

    def step(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.check()
            if self.progress is not None:
                self.progress(self.done, self.total)

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise ImportCancelled()

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _import_chat(one: _Prepared, shop: settings.ShopSettings, counter: _Counter) -> ChatResult:
    parsed = one.parsed
    result = ChatResult(one.chat.file, parsed.style, len(parsed.messages))
    store = MediaStore(one.source)
    db = Message._meta.database
    try:
        with db.atomic():
            people = _customers(one)
            result.customers = [found.name for found in people.values()]
            result.customers_new = sum(found.created for found in people.values())
            conv_id, created = _conversation(one, people)
            result.conversation_id = conv_id
            rows, skipped = _new_rows(one, conv_id, shop.zone, store, counter)
            result.messages_new, result.messages_skipped = len(rows), skipped
            counter.check()
            if rows:
                _insert(rows, one)
                newest_in = max(
                    (r["sent_at"] for r in rows if r["direction"] == "in"), default=None
                )
                refresh_conversation(conv_id, shop, newest_incoming=newest_in)
            result.conversation_changed = created or bool(rows)
    except BaseException:
        store.discard_created()
        raise
    finally:
        store.close()
    return result


def _customers(one: _Prepared) -> dict[str, Found]:
    """The customer of each sender who is not the shop; a chat in which only the shop wrote
    belongs to the customer its name tells."""
    others = [s for s in one.parsed.senders if s not in one.sellers]
    if not others:
        hint = one.chat.name_hint or one.parsed.notice_sender or ""
        return {hint: find_or_create(hint)}
    return {sender: find_or_create(sender) for sender in others}


def _conversation(one: _Prepared, people: dict[str, Found]) -> tuple[int, bool]:
    """(conversation id, created?) of the chat."""
    whatsapp = Conversation.channel == CHANNEL
    if len(people) == 1:
        (found,) = people.values()
        title = found.name
        where = whatsapp & (Conversation.customer == found.customer_id)
        customer: int | None = found.customer_id
    else:
        title = one.chat.name_hint or "Grup WhatsApp: " + ", ".join(people)
        where = whatsapp & Conversation.customer.is_null() & (Conversation.title == title)
        customer = None
    row = Conversation.select(Conversation.id).where(where).order_by(Conversation.id).first()
    if row is not None:
        return int(row.id), False
    conv = Conversation.create(channel=CHANNEL, customer=customer, title=title)
    return int(conv.id), True


def _new_rows(
    one: _Prepared,
    conv_id: int,
    zone: str,
    store: MediaStore,
    counter: _Counter,
) -> tuple[list[dict[str, Any]], int]:
    """The rows of the messages not stored yet, and how many were."""
    query = Message.select(Message.source_key).where(
        (Message.conversation == conv_id) & Message.source_key.is_null(False)
    )
    seen: set[str] = {row[0] for row in query.tuples().iterator()}
    occurrences: Counter[tuple[dt.datetime, str, str]] = Counter()
    rows: list[dict[str, Any]] = []
    skipped = 0
    # The shop's zones (WIB/WITA/WIT) have no daylight saving: one offset serves every time.
    first = one.parsed.messages[0].at
    offset = first - fmt.to_utc(first, zone)
    for message in one.parsed.messages:
        counter.step()
        sent_at = message.at - offset
        equal = (sent_at, message.sender, message.body)
        key = source_key(sent_at, message.sender, message.body, occurrences[equal])
        occurrences[equal] += 1
        if key in seen:
            skipped += 1
            continue
        rows.append(
            {
                "conversation": conv_id,
                "direction": "out" if message.sender in one.sellers else "in",
                "author": message.sender,
                "sent_at": sent_at,
                "body": message.body,
                "kind": message.kind,
                "attachment": _attachment(message, store),
                "source_key": key,
            }
        )
    return rows, skipped


def source_key(sent_at: dt.datetime, sender: str, body: str, occurrence: int) -> str:
    """The de-duplication key of a message within its conversation (FORMATS.md)."""
    text = f"{sent_at.isoformat()}\x1f{sender}\x1f{body}\x1f{occurrence}"
    return "wa:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _attachment(message: ChatMessage, store: MediaStore) -> str:
    if message.kind != "media" or not message.attachment:
        return message.attachment
    return store.save(message.attachment) or message.attachment


def _insert(rows: list[dict[str, Any]], one: _Prepared) -> None:
    batch = ImportBatch.create(
        kind="chats",
        file_name=one.chat.file,
        file_format=one.parsed.style,
        rows=len(one.parsed.messages),
        created=len(rows),
        unchanged=len(one.parsed.messages) - len(rows),
        finished_at=utcnow(),
    )
    ids = allocate_ids(Message, len(rows))
    for row, message_id in zip(rows, ids, strict=True):
        row["id"] = message_id
        row["batch"] = batch.id
    with replayed_insert_triggers(Message, ids[0]):
        insert_rows(Message, rows)


@contextmanager
def _durable_commits(db: pw.Database) -> Iterator[None]:
    # WAL with synchronous=NORMAL may lose the last commits on power loss; an import the user
    # was told succeeded must not vanish.
    if not is_sqlite(db):
        yield
        return
    run_sql(db, "PRAGMA synchronous=FULL")
    try:
        yield
    finally:
        run_sql(db, "PRAGMA synchronous=NORMAL")
