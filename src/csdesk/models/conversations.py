"""Conversations on any channel and their messages."""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import BaseModel, VersionedModel
from csdesk.models.orders import ImportBatch, Order
from csdesk.models.people import Customer, User

CHANNELS = ("whatsapp", "instagram", "shopee", "tokopedia", "tiktok", "lazada", "phone", "email")
CONVERSATION_STATUSES = ("open", "pending", "snoozed", "closed")
DIRECTIONS = ("in", "out", "note")


class Conversation(VersionedModel):
    """A thread with one customer (or a group) on one channel.

    `waiting_since` is the time of the customer's oldest unanswered message (None when the shop
    spoke last); `first_response_due` is when the shop should have answered by.
    """

    channel = pw.CharField(default="whatsapp")
    customer = pw.ForeignKeyField(
        Customer, null=True, backref="conversations", on_delete="SET NULL"
    )
    title = pw.CharField(default="")
    status = pw.CharField(default="open", index=True)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    order = pw.ForeignKeyField(Order, null=True, on_delete="SET NULL")
    waiting_since = pw.DateTimeField(null=True, index=True)
    first_response_due = pw.DateTimeField(null=True)
    snoozed_until = pw.DateTimeField(null=True)
    last_message_at = pw.DateTimeField(null=True, index=True)
    last_message_preview = pw.CharField(default="")
    message_count = pw.IntegerField(default=0)


class Message(BaseModel):
    """One message. `kind`: text | media | deleted. `source_key` de-duplicates re-imports."""

    conversation = pw.ForeignKeyField(Conversation, backref="messages", on_delete="CASCADE")
    direction = pw.CharField()
    author = pw.CharField(default="")
    sent_at = pw.DateTimeField()
    body = pw.TextField(default="")
    kind = pw.CharField(default="text")
    attachment = pw.CharField(default="")
    source_key = pw.CharField(null=True)
    batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")

    class Meta:
        indexes = (
            (("conversation", "sent_at"), False),
            (("conversation", "source_key"), True),
        )
