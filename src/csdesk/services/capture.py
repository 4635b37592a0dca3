"""Quick capture: a message that reached the shop outside csdesk (a WhatsApp chat, an Instagram
DM, a marketplace chat, a phone call, an email) written into the inbox in a few keys.

Where it goes: the conversation of (customer, channel) — the oldest one, as the chat import
finds it — created when there is none. A closed or snoozed thread opens again, since the
customer is waiting once more.

What is read from the text:
- text that starts with a dated WhatsApp line (`[05/03/25 09.15.01] Budi: Halo`,
  `05/03/25 09.15 - Budi: Halo`, and the other dialects of services.chats.parse) is split
  into its messages with their own times (the shop's local clock). A sender who is the shop
  (a name in Pengaturan's WhatsApp names, the shop's name, or an admin's) wrote the shop's
  reply; every other sender is the customer. Each such message carries the chat import's
  `source_key`, so pasting the same snippet twice, or importing the full export later, adds
  nothing twice.
- any other text is one message from the customer at the time given (default: now).

The response timers then follow from the stored messages exactly as after a chat import
(chats.timing.refresh_conversation): waiting since the customer's oldest message after the
shop's last reply, due `first_response_minutes` of business time later.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import peewee as pw

from csdesk.errors import ValidationError
from csdesk.models import Conversation, Customer, CustomerIdentity, Message, User, utcnow
from csdesk.models.base import database_proxy
from csdesk.models.conversations import CHANNELS
from csdesk.services import fmt, settings
from csdesk.services.chats.parse import is_chat_text, parse_chat
from csdesk.services.chats.people import same_person_key, sender_phone
from csdesk.services.chats.run import source_key
from csdesk.services.chats.timing import refresh_conversation
from csdesk.services.importing.records import ImportFormatError
from csdesk.services.labels import CHANNEL_LABELS
from csdesk.services.list_sql import fetch_tuples
from csdesk.services.manual_orders import CustomerDraft, customer_by_phone, customer_for, fk_id

# Channels offered for a captured message, in the order sellers meet them (Lazada's chat is
# rare for the small sellers csdesk serves; it is still accepted).
CAPTURE_CHANNELS = ("whatsapp", "instagram", "shopee", "tokopedia", "tiktok", "phone", "email")
MAX_CHARS = 100_000  # a whole exported chat belongs in Impor chat, not a paste
SNIPPET_NAME = "teks tempelan"
# A captured time may run a little ahead of this computer's clock (a phone's clock), not more.
FUTURE_SLACK = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class CapturedLine:
    sent_at: dt.datetime  # naive UTC
    author: str
    body: str
    direction: str  # in | out
    kind: str = "text"
    source_key: str | None = None


@dataclass(frozen=True)
class Captured:
    conversation_id: int
    added: int  # messages written
    skipped: int  # already there (the same snippet pasted before)
    conversation_created: bool
    customer_created: bool


def shop_names(shop: settings.ShopSettings) -> list[str]:
    """Who the shop is in a pasted chat: its WhatsApp names, its name, its admins."""
    admins = [u.name for u in User.select(User.name).where(User.active == True)]  # noqa: E712
    return [name for name in [*shop.whatsapp_names, shop.shop_name, *admins] if name.strip()]


def split_text(
    text: str, at: dt.datetime, author: str, shop: settings.ShopSettings
) -> list[CapturedLine]:
    """The messages in `text` (see the module's note); `at` (naive UTC) and `author` are for
    text that is not a WhatsApp snippet."""
    text = text.strip()
    if not text:
        raise ValidationError("Pesan masih kosong: tempel atau ketik pesan pelanggan")
    if len(text) > MAX_CHARS:
        raise ValidationError(
            "Teks terlalu panjang untuk dicatat cepat; pakai Impor chat untuk ekspor chat lengkap"
        )
    if not is_chat_text(text):
        return [CapturedLine(at, author, text, "in")]
    parsed = parse_chat(text, SNIPPET_NAME)
    shop_keys = {same_person_key(name) for name in shop_names(shop)}
    occurrences: Counter[tuple[dt.datetime, str, str]] = Counter()
    lines = []
    for message in parsed.messages:
        sent_at = fmt.to_utc(message.at, shop.zone)
        equal = (sent_at, message.sender, message.body)
        key = source_key(sent_at, message.sender, message.body, occurrences[equal])
        occurrences[equal] += 1
        direction = "out" if same_person_key(message.sender) in shop_keys else "in"
        lines.append(
            CapturedLine(sent_at, message.sender, message.body, direction, message.kind, key)
        )
    if not lines:
        raise ValidationError("Teks tempelan tidak berisi pesan (hanya pemberitahuan WhatsApp)")
    return lines


def snippet_sender(text: str, shop: settings.ShopSettings) -> str | None:
    """The customer's name in a pasted WhatsApp snippet: its first sender who is not the shop
    (None for plain text or a snippet the shop alone wrote)."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS or not is_chat_text(text):
        return None
    try:
        parsed = parse_chat(text, SNIPPET_NAME)
    except ImportFormatError:
        return None
    shop_keys = {same_person_key(name) for name in shop_names(shop)}
    return next((s for s in parsed.senders if same_person_key(s) not in shop_keys), None)


def known_customer(sender: str) -> int | None:
    """The customer a snippet's sender already is, as the chat import would match them: by
    phone (a sender saved as a number), else by WhatsApp name, else by exactly that name
    when only one customer has it."""
    phone = sender_phone(sender)
    if phone is not None:
        return customer_by_phone(phone)
    row = (
        CustomerIdentity.select(CustomerIdentity.customer)
        .where(
            (CustomerIdentity.kind == "whatsapp")
            & (CustomerIdentity.normalized == sender.casefold())
        )
        .order_by(CustomerIdentity.customer)
        .first()
    )
    if row is not None:
        return fk_id(row, "customer")
    named = (
        Customer.select(Customer.id)
        .where(
            (pw.fn.LOWER(Customer.name) == sender.strip().lower()) & Customer.merged_into.is_null()
        )
        .limit(2)
    )
    found = [int(c.id) for c in named]
    return found[0] if len(found) == 1 else None


def capture(
    channel: str,
    text: str,
    *,
    customer_id: int | None = None,
    new_customer: CustomerDraft | None = None,
    at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Captured:
    """Write the message(s) in `text` from the customer (an existing `customer_id` or a
    `new_customer`) on `channel` at `at` (naive UTC, default now). One transaction."""
    if channel not in CHANNELS:
        raise ValidationError(f"Kanal tidak dikenal: {channel}")
    now = now or utcnow()
    at = at or now
    if at > now + FUTURE_SLACK:
        raise ValidationError("Waktu pesan belum terjadi: periksa tanggal dan jamnya")
    shop = settings.load()
    with database_proxy.atomic():
        customer, customer_created = customer_for(customer_id, new_customer)
        lines = split_text(text, at, customer.name, shop)
        conv_id, created = _conversation(customer, channel)
        seen = _stored_keys(conv_id, [line.source_key for line in lines if line.source_key])
        fresh = [line for line in lines if line.source_key is None or line.source_key not in seen]
        for line in fresh:
            Message.create(
                conversation=conv_id,
                direction=line.direction,
                author=line.author,
                sent_at=line.sent_at,
                body=line.body,
                kind=line.kind,
                source_key=line.source_key,
            )
        if fresh:
            newest_in = max((x.sent_at for x in fresh if x.direction == "in"), default=None)
            refresh_conversation(conv_id, shop, newest_incoming=newest_in)
    return Captured(
        conversation_id=conv_id,
        added=len(fresh),
        skipped=len(lines) - len(fresh),
        conversation_created=created,
        customer_created=customer_created,
    )


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel)


def _conversation(customer: Customer, channel: str) -> tuple[int, bool]:
    found = (
        Conversation.select(Conversation.id)
        .where((Conversation.customer == customer.id) & (Conversation.channel == channel))
        .order_by(Conversation.id)
        .first()
    )
    if found is not None:
        return int(found.id), False
    conv = Conversation.create(channel=channel, customer=customer.id, title=customer.name)
    return int(conv.id), True


def _stored_keys(conv_id: int, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    query = Message.select(Message.source_key).where(
        (Message.conversation == conv_id) & Message.source_key.in_(keys)
    )
    return {str(key) for (key,) in fetch_tuples(query)}
