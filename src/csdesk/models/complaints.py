"""Complaints (keluhan), their evidence and their event log."""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import BaseModel, VersionedModel, utcnow
from csdesk.models.conversations import Conversation
from csdesk.models.orders import Order
from csdesk.models.people import Customer, User

COMPLAINT_CATEGORIES = (
    "out_of_stock",
    "differs_from_picture",
    "quality",
    "late",
    "not_arrived",
    "damaged",
    "wrong_item",
    "missing_item",
    "unfriendly_service",
    "other",
)
COMPLAINT_STATUSES = (
    "new",
    "waiting_customer",
    "waiting_courier",
    "waiting_marketplace",
    "resolved",
    "rejected",
)
OPEN_COMPLAINT_STATUSES = COMPLAINT_STATUSES[:4]
RESOLUTIONS = ("replacement", "refund", "partial_refund", "compensation", "explanation")
PRIORITIES = ("low", "normal", "high", "urgent")


class Complaint(VersionedModel):
    code = pw.CharField(unique=True)  # KL-2026-0012
    customer = pw.ForeignKeyField(Customer, null=True, backref="complaints", on_delete="SET NULL")
    order = pw.ForeignKeyField(Order, null=True, backref="complaints", on_delete="SET NULL")
    conversation = pw.ForeignKeyField(Conversation, null=True, on_delete="SET NULL")
    category = pw.CharField(index=True)
    priority = pw.CharField(default="normal")
    status = pw.CharField(default="new", index=True)
    channel = pw.CharField(default="")
    description = pw.TextField(default="")
    resolution = pw.CharField(default="")
    refund_amount = pw.BigIntegerField(default=0)
    cost = pw.BigIntegerField(default=0)
    due_at = pw.DateTimeField(null=True, index=True)
    resolved_at = pw.DateTimeField(null=True)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    # Schema v5: the replacement order sent for it, a due date an admin set by hand (not from
    # the marketplace window), and the evidence checklist items ticked by hand (JSON list).
    replacement_order = pw.ForeignKeyField(
        Order, null=True, backref="replacement_for", on_delete="SET NULL"
    )
    due_overridden = pw.BooleanField(default=False)
    checklist_done = pw.TextField(default="[]")


class ComplaintItem(BaseModel):
    """An item the complaint is about (schema v5): copied from the order's item when chosen
    there (`order_item_id`), so reports by product/SKU survive a re-import of the order."""

    complaint = pw.ForeignKeyField(Complaint, backref="items", on_delete="CASCADE")
    order_item_id = pw.IntegerField(null=True)
    product = pw.CharField()
    sku = pw.CharField(default="", index=True)
    variant = pw.CharField(default="")
    quantity = pw.IntegerField(default=1)


class ComplaintEvidence(BaseModel):
    complaint = pw.ForeignKeyField(Complaint, backref="evidence", on_delete="CASCADE")
    path = pw.CharField()  # relative to the app's attachment folder
    kind = pw.CharField(default="photo")
    added_at = pw.DateTimeField(default=utcnow)
    original_name = pw.CharField(default="")  # schema v5: the file's name on the seller's disk
    size = pw.BigIntegerField(default=0)  # schema v5: bytes
    author = pw.CharField(default="")  # schema v5


class ComplaintEvent(BaseModel):
    complaint = pw.ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    at = pw.DateTimeField(default=utcnow)
    author = pw.CharField(default="")
    kind = pw.CharField()  # created | status | note | resolution | evidence
    detail = pw.TextField(default="")
