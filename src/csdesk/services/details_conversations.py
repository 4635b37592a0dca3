"""The conversation pane: the thread (its latest messages), and beside it the customer with
their recent orders and open complaints, so an admin answers without leaving the chat.

Long threads (a loyal customer's years of WhatsApp, 20,000 messages) are read a page at a
time: the newest `PAGE` messages with one indexed query, older pages (`OLDER_PAGE`) on
request by keyset (`messages_before`), so opening a thread costs the same whatever its
length. Each message becomes a few widgets (~2.5 ms with the app's style sheet), so the first
page is what the admin reads before answering, not a whole day's chat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from csdesk.errors import NotFoundError
from csdesk.models import (
    Complaint,
    Conversation,
    CustomerIdentity,
    Message,
    Order,
    User,
    utcnow,
)
from csdesk.models.complaints import OPEN_COMPLAINT_STATUSES
from csdesk.services import fmt
from csdesk.services.details_common import (
    ComplaintLine,
    ConversationLabels,
    CustomerSummary,
    OrderLine,
    complaint_lines,
    customer_summary,
    order_lines,
    record,
)
from csdesk.services.list_sql import fetch_dicts, fetch_tuples

CUSTOMER_ORDERS = 5
PAGE = 50
OLDER_PAGE = 100


@dataclass(frozen=True)
class MessageLine:
    id: int
    direction: str  # in | out | note
    author: str
    sent_at: dt.datetime
    body: str
    kind: str
    attachment: str


@dataclass(frozen=True)
class ConversationDetail(ConversationLabels):
    id: int
    channel: str
    status: str
    title: str
    assignee_id: int | None
    assignee_name: str
    order_id: int | None
    linked_order: OrderLine | None  # the order this chat is about (Conversation.order)
    waiting_since: dt.datetime | None
    first_response_due: dt.datetime | None
    snoozed_until: dt.datetime | None
    last_message_at: dt.datetime | None
    message_count: int
    version: int
    customer: CustomerSummary | None
    recent_orders: list[OrderLine]  # the customer's newest CUSTOMER_ORDERS
    open_complaints: list[ComplaintLine]  # the customer's
    messages: list[MessageLine]  # the last `limit`, oldest first
    earlier_messages: int  # how many older messages are not in `messages`
    phone: str = ""  # a real phone to open WhatsApp with ("" when none is known)
    email: str = ""  # the customer's first email, for a mailto: reply

    @property
    def display_name(self) -> str:
        """Who the thread is with: the customer, else the thread's own title."""
        return self.customer.name if self.customer else self.title


def _page(conversation_id: int, limit: int, before: MessageLine | None) -> list[MessageLine]:
    query = Message.select(
        Message.id,
        Message.direction,
        Message.author,
        Message.sent_at,
        Message.body,
        Message.kind,
        Message.attachment,
    ).where(Message.conversation == conversation_id)
    if before is not None:
        query = query.where(_older_than(before))
    query = query.order_by(Message.sent_at.desc(), Message.id.desc()).limit(limit)
    return [MessageLine(**row) for row in reversed(fetch_dicts(query))]


def _older_than(message: MessageLine) -> pw.Expression:
    """Shown before `message` in the thread (time, then id for messages of the same second)."""
    return (Message.sent_at < message.sent_at) | (
        (Message.sent_at == message.sent_at) & (Message.id < message.id)
    )


def _count_before(conversation_id: int, first: MessageLine | None) -> int:
    query = Message.select().where(Message.conversation == conversation_id)
    if first is not None:
        query = query.where(_older_than(first))
    return int(query.count())


def last_messages(conversation_id: int, limit: int = PAGE) -> tuple[list[MessageLine], int]:
    """The last `limit` messages oldest first, and how many earlier ones were left out."""
    lines = _page(conversation_id, limit, None)
    if len(lines) < limit:
        return lines, 0
    return lines, _count_before(conversation_id, lines[0])


def messages_before(
    conversation_id: int, first: MessageLine, limit: int = OLDER_PAGE
) -> tuple[list[MessageLine], int]:
    """The `limit` messages just before `first` (the oldest one shown), oldest first, and how
    many older ones are still left: "Tampilkan pesan sebelumnya"."""
    lines = _page(conversation_id, limit, first)
    if len(lines) < limit:
        return lines, 0
    return lines, _count_before(conversation_id, lines[0])


def conversation_detail(
    conversation_id: int, limit: int = PAGE, now: dt.datetime | None = None
) -> ConversationDetail:
    conv = record(Conversation, conversation_id)
    if conv is None:
        raise NotFoundError(f"Percakapan #{conversation_id} tidak ditemukan")
    assignee = record(User, conv["assignee"])
    messages, earlier = last_messages(conversation_id, limit)
    customer_id = conv["customer"]
    summary = customer_summary(customer_id, now or utcnow())
    if summary is None:
        orders, complaints = [], []
    else:
        orders = order_lines(Order.customer == customer_id, CUSTOMER_ORDERS)
        complaints = complaint_lines(
            (Complaint.customer == customer_id) & Complaint.status.in_(OPEN_COMPLAINT_STATUSES)
        )
    linked = order_lines(Order.id == conv["order"], 1) if conv["order"] is not None else []
    phone, email = _contacts(customer_id, conv["order"])
    return ConversationDetail(
        id=conversation_id,
        channel=conv["channel"],
        status=conv["status"],
        title=conv["title"],
        assignee_id=conv["assignee"],
        assignee_name=assignee["name"] if assignee else "",
        order_id=conv["order"],
        linked_order=linked[0] if linked else None,
        waiting_since=conv["waiting_since"],
        first_response_due=conv["first_response_due"],
        snoozed_until=conv["snoozed_until"],
        last_message_at=conv["last_message_at"],
        message_count=conv["message_count"],
        version=conv["version"],
        customer=summary,
        recent_orders=orders,
        open_complaints=complaints,
        messages=messages,
        earlier_messages=earlier,
        phone=phone,
        email=email,
    )


def _contacts(customer_id: int | None, order_id: int | None) -> tuple[str, str]:
    """Where a reply can go outside the app: the customer's first real phone, else the linked
    order's phone when it is real (masked marketplace phones never count); their first email."""
    phone = email = ""
    if customer_id is not None:
        identities = (
            CustomerIdentity.select(CustomerIdentity.kind, CustomerIdentity.value)
            .where(
                CustomerIdentity.customer == customer_id,
                CustomerIdentity.kind.in_(("phone", "email")),
                CustomerIdentity.masked == False,  # noqa: E712 - a peewee expression
            )
            .order_by(CustomerIdentity.id)
        )
        for kind, value in fetch_tuples(identities):
            if kind == "phone" and not phone and fmt.phone_e164(value):
                phone = str(value)
            elif kind == "email" and not email:
                email = str(value)
    if not phone and order_id is not None:
        order_phone = Order.select(Order.phone).where(Order.id == order_id).scalar() or ""
        if fmt.phone_e164(order_phone) and not fmt.is_masked_phone(order_phone):
            phone = str(order_phone)
    return phone, email


LINK_CHOICES = 50


def orders_to_link(customer_id: int | None, search: str = "") -> list[OrderLine]:
    """ "Tautkan pesanan…": the customer's newest orders, or with `search` any order whose
    number or resi contains it (the buyer may write from another account)."""
    text = search.strip()
    if text:
        return order_lines(
            Order.order_no.contains(text) | Order.tracking_no.contains(text), LINK_CHOICES
        )
    if customer_id is None:
        return []
    return order_lines(Order.customer == customer_id, LINK_CHOICES)
