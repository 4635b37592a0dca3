"""Who is who in a chat: which senders are the shop, and which customer each other sender is.

The shop (FORMATS.md): the sender named by `--me`, else any sender among the shop's WhatsApp
names in Settings. Without either, the chat's name (`WhatsApp Chat with X.txt`), else the
sender of the iPhone encryption notice, is the customer, and in a two-person chat the other
sender is the shop. Otherwise NeedsSellerName: the GUI asks, the CLI asks for `--me`.
A `--me` that is none of the senders of a chat with several senders is refused the same way
(a typo would make the shop its own customer); a chat in which only one person wrote may be
all customer. Names compare case- and space-insensitively, phones by E.164.

The customer of a sender:
- a phone sender (`+62 812-3456-7890`) is the customer with that real phone, whatever the
  source of the phone (a Tokopedia buyer, a manual order); else a new customer named as the
  export shows the number, with that phone identity;
- a name sender is the customer with that WhatsApp-name identity; else a new customer of that
  name with that identity. Names never match a customer's own name: two "Budi"s stay apart.
Several customers with one identity: the oldest; a merged customer: the one it merged into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from csdesk.errors import CsdeskError
from csdesk.models import Customer, CustomerIdentity
from csdesk.services.chats.parse import ParsedChat, clean_sender
from csdesk.services.importing.customers_match import phone_e164

_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{8,}$")
_MERGE_HOPS = 10


class NeedsSellerName(CsdeskError):
    """The chat does not tell which sender is the shop. `senders` are the names in the file;
    `given` is the `--me` that matched none of them, if any."""

    def __init__(self, file: str, senders: list[str], given: str | None = None) -> None:
        names = ", ".join(senders)
        if given:
            message = f"{file}: '{given}' tidak ada di antara pengirim ({names})"
        else:
            message = f"{file}: nama toko di chat ini belum diketahui (pengirim: {names})"
        super().__init__(message)
        self.file = file
        self.senders = senders
        self.given = given


@dataclass(frozen=True)
class Found:
    customer_id: int
    name: str
    created: bool


def sender_phone(sender: str) -> str | None:
    """E.164 of a sender shown as a phone number, else None."""
    if not _PHONE_LIKE.match(sender):
        return None
    return phone_e164(sender)


def same_person_key(name: str) -> str:
    name = clean_sender(name)
    return sender_phone(name) or name.casefold()


def seller_senders(
    chat: ParsedChat, me: str | None, shop_names: list[str], name_hint: str | None
) -> set[str]:
    """The senders of `chat` that are the shop (may be empty: only the customer wrote)."""
    senders = chat.senders
    keys = {sender: same_person_key(sender) for sender in senders}
    if me and me.strip():
        mine = {s for s in senders if keys[s] == same_person_key(me)}
        if not mine and len(senders) > 1:
            raise NeedsSellerName(chat.file, senders, given=me.strip())
        return mine
    shop = {same_person_key(name) for name in shop_names if name.strip()}
    mine = {s for s in senders if keys[s] in shop}
    if mine:
        return mine
    for hint in (name_hint, chat.notice_sender):
        if not hint or len(senders) > 2:
            continue
        customer = same_person_key(hint)
        if customer in keys.values():
            return {s for s in senders if keys[s] != customer}
    raise NeedsSellerName(chat.file, senders)


def find_or_create(sender: str) -> Found:
    """The customer who wrote as `sender`, created when nobody has that phone or name."""
    phone = sender_phone(sender)
    if phone is not None:
        query = CustomerIdentity.select(CustomerIdentity.customer).where(
            (CustomerIdentity.kind == "phone")
            & (CustomerIdentity.normalized == phone)
            & (CustomerIdentity.masked == False)  # noqa: E712
        )
        kind, normalized = "phone", phone
    else:
        normalized = sender.casefold()
        query = CustomerIdentity.select(CustomerIdentity.customer).where(
            (CustomerIdentity.kind == "whatsapp") & (CustomerIdentity.normalized == normalized)
        )
        kind = "whatsapp"
    row = query.order_by(CustomerIdentity.customer).tuples().first()
    if row is not None:
        customer = _surviving(int(row[0]))
        return Found(customer.id, customer.name, created=False)
    customer = Customer.create(name=sender)
    CustomerIdentity.create(customer=customer.id, kind=kind, value=sender, normalized=normalized)
    return Found(customer.id, sender, created=True)


def _surviving(customer_id: int) -> Customer:
    customer = Customer.get_by_id(customer_id)
    for _ in range(_MERGE_HOPS):  # merge chains are short; the bound guards against a cycle
        merged_into: int | None = customer.__data__.get("merged_into")
        if merged_into is None:
            break
        customer = Customer.get_by_id(merged_into)
    return customer
