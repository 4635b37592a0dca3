"""Customers, their identities across channels, and the shop's admins."""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import BaseModel, VersionedModel, utcnow


class User(BaseModel):
    """An admin at a desk. `role` is `owner` or `admin`."""

    name = pw.CharField(unique=True)
    role = pw.CharField(default="admin")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "users"  # `user` is reserved in PostgreSQL


class Customer(VersionedModel):
    """One person across channels. A merged customer points at the one it was merged into.

    `order_count`, `lifetime_value`, `first_order_at` and `last_order_at` are kept current by
    the services that add orders, so lists never aggregate the order table per row.
    """

    name = pw.CharField(index=True)
    nickname = pw.CharField(default="")
    tags = pw.TextField(default="")  # comma-separated, shown as chips
    notes = pw.TextField(default="")
    preferences = pw.TextField(default="")
    city = pw.CharField(default="")
    merged_into = pw.ForeignKeyField("self", null=True, backref="merged", on_delete="SET NULL")
    first_order_at = pw.DateTimeField(null=True)
    last_order_at = pw.DateTimeField(null=True, index=True)
    order_count = pw.IntegerField(default=0)
    lifetime_value = pw.BigIntegerField(default=0)


class CustomerIdentity(BaseModel):
    """A way to recognise a customer.

    kind: `phone`, `email`, `marketplace` (with `marketplace` + username), `whatsapp` (a WhatsApp
    display name), `instagram`. `value` is what the source showed; `normalized` is what matching
    uses (E.164 for phones, lower-case for names). Masked phones are stored with `masked=True` and
    are never used to match people.
    """

    customer = pw.ForeignKeyField(Customer, backref="identities", on_delete="CASCADE")
    kind = pw.CharField()
    marketplace = pw.CharField(default="")
    value = pw.CharField()
    normalized = pw.CharField(index=True)
    masked = pw.BooleanField(default=False)
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kind", "marketplace", "normalized"), False),)


class CustomerMerge(BaseModel):
    """One merge of `other` into `kept`, with what moved so it can be undone exactly.

    `moved` is JSON: the ids of the orders, conversations, complaints, identities and follow-ups
    that were re-pointed, and the fields of `kept` it changed (with their old values).
    """

    kept = pw.ForeignKeyField(Customer, backref="merges_kept", on_delete="CASCADE")
    other = pw.ForeignKeyField(Customer, backref="merges_into", on_delete="CASCADE")
    at = pw.DateTimeField(default=utcnow)
    author = pw.CharField(default="")
    moved = pw.TextField(default="{}")
    undone_at = pw.DateTimeField(null=True)


class FollowUp(BaseModel):
    """Something to do for a customer on a day: remind a payment, ask for a review, tell them a
    product is back in stock, check on a complaint. `status` is `open`, `done` or `snoozed`
    (then `due_at` is the new day); `order`/`complaint` ids point at what it is about."""

    customer = pw.ForeignKeyField(Customer, backref="follow_ups", on_delete="CASCADE")
    due_at = pw.DateTimeField(index=True)
    reason = pw.CharField()  # payment | review | restock | complaint | other
    note = pw.TextField(default="")
    status = pw.CharField(default="open", index=True)
    order_id = pw.IntegerField(null=True)
    complaint_id = pw.IntegerField(null=True)
    author = pw.CharField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    done_at = pw.DateTimeField(null=True)
    done_by = pw.CharField(default="")  # who marked it done (schema v4)
