"""Merging two records of one person, and undoing it exactly.

`merge_customers(keep, other)` moves everything of `other` to `keep` in one transaction: orders,
conversations (with their messages), complaints, identities and follow-ups. An identity `keep`
already has (same kind, marketplace, normalized value and masking) is not moved but removed, its
row kept in the merge record so that undo brings it back. Empty nickname and city of `keep` are
filled from `other`; notes and preferences are filled, or `other`'s text is added on a new line
when both have some; tags are united. `other` stays as a record pointing at `keep`
(`merged_into`), hidden from lists; order figures of both are recomputed.

Every change is written to a `CustomerMerge` row (`moved`, JSON), which `undo_merge` reads to
put each row back where it was. Undo is refused (ConflictError) when it can no longer be exact:
- the merge was already undone;
- `other` no longer points at `keep`, or `keep` has since been merged into someone else (undo
  that later merge first);
- a moved row has since been given to a third customer (an admin re-linked an order, …).
Rows deleted since (an undone import) are simply not restored. Things added to `keep` after the
merge (new orders, a later merge into `keep`) stay with `keep`. A field of `keep` the merge
filled is restored only while it still holds what the merge wrote (an admin's later edit wins);
tags lose only what the merge added. When neither customer was edited since, their `version`
and `updated_at` come back too, so the database is as it was before the merge.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerMerge,
    FollowUp,
    Order,
    database_proxy,
    utcnow,
)
from csdesk.models.base import BaseModel
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.details_customers import split_tags
from csdesk.services.list_sql import chunked, fetch_dicts, fetch_ids, fetch_tuples

# The rows that follow a customer, by the key they have in `CustomerMerge.moved`.
_OWNED: dict[str, tuple[type[BaseModel], pw.ForeignKeyField]] = {
    "orders": (Order, Order.customer),
    "conversations": (Conversation, Conversation.customer),
    "complaints": (Complaint, Complaint.customer),
    "identities": (CustomerIdentity, CustomerIdentity.customer),
    "follow_ups": (FollowUp, FollowUp.customer),
}
_OWNED_LABELS = {
    "orders": "pesanan",
    "conversations": "percakapan",
    "complaints": "keluhan",
    "identities": "identitas",
    "follow_ups": "tindak lanjut",
}
FILLED_ONLY_WHEN_EMPTY = ("nickname", "city")
FILLED_OR_APPENDED = ("notes", "preferences")
FIELD_LABELS = {
    "nickname": "Panggilan",
    "city": "Kota",
    "notes": "Catatan",
    "preferences": "Preferensi",
    "tags": "Tag",
}
_IDENTITY_COLUMNS = ("id", "kind", "marketplace", "value", "normalized", "masked", "created_at")


@dataclass(frozen=True)
class MergeResult:
    merge_id: int
    kept_id: int
    other_id: int
    orders: int
    conversations: int
    messages: int  # messages of the moved conversations
    complaints: int
    identities: int  # identities moved to the kept customer
    identities_dropped: int  # exact duplicates of an identity the kept customer had
    follow_ups: int
    fields: list[str]  # fields of the kept customer that changed: nickname, city, notes, …

    def summary(self) -> str:
        """`3 pesanan, 2 percakapan, 1 identitas dipindah` (what a message box says)."""
        return _summary(
            {
                "orders": self.orders,
                "conversations": self.conversations,
                "complaints": self.complaints,
                "identities": self.identities,
                "follow_ups": self.follow_ups,
            }
        )


@dataclass(frozen=True)
class MergeInfo:
    """One merge in a customer's history (either side of it)."""

    id: int
    kept_id: int
    kept_name: str
    other_id: int
    other_name: str
    at: dt.datetime
    author: str
    undone_at: dt.datetime | None
    undone_by: str
    orders: int
    conversations: int
    complaints: int
    identities: int  # moved and dropped duplicates together
    follow_ups: int
    fields: list[str]

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def summary(self) -> str:
        return _summary(
            {
                "orders": self.orders,
                "conversations": self.conversations,
                "complaints": self.complaints,
                "identities": self.identities,
                "follow_ups": self.follow_ups,
            }
        )


def _summary(counts: dict[str, int]) -> str:
    parts = [f"{n} {_OWNED_LABELS[key]}" for key, n in counts.items() if n]
    return (", ".join(parts) + " dipindah") if parts else "tidak ada data yang dipindah"


def _customer(customer_id: int) -> dict[str, Any]:
    rows = fetch_dicts(Customer.select().where(Customer.id == customer_id))
    if not rows:
        raise NotFoundError(f"Pelanggan #{customer_id} tidak ditemukan")
    return rows[0]


def _time(value: Any) -> str | None:
    """A stored time as ISO text for the JSON record (SQLite may hand back text)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def _untime(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _ids_of(column: pw.ForeignKeyField, customer_id: int) -> list[int]:
    model = column.model
    return fetch_ids(model.select(model.id).where(column == customer_id).order_by(model.id))


def _repoint(column: pw.ForeignKeyField, ids: Sequence[int], to: int, frm: int) -> None:
    model = column.model
    for chunk in chunked(ids):
        model.update({column: to}).where(model.id.in_(chunk), column == frm).execute()


def _same_tag(tag: str) -> str:
    return tag.replace(" ", "").casefold()


def _united_tags(kept: str, other: str) -> str:
    tags = split_tags(kept)
    seen = {_same_tag(t) for t in tags}
    for tag in split_tags(other):
        if _same_tag(tag) not in seen:
            seen.add(_same_tag(tag))
            tags.append(tag)
    return ", ".join(tags)


def _filled_fields(kept: dict[str, Any], other: dict[str, Any]) -> dict[str, str]:
    """The new values of `kept`'s fields that take something from `other`."""
    changes: dict[str, str] = {}
    for name in (*FILLED_ONLY_WHEN_EMPTY, *FILLED_OR_APPENDED):
        mine, theirs = kept[name].strip(), other[name].strip()
        if not theirs or mine == theirs:
            continue
        if not mine:
            changes[name] = other[name]
        elif name in FILLED_OR_APPENDED and theirs not in mine:
            changes[name] = f"{kept[name].rstrip()}\n{theirs}"
    tags = _united_tags(kept["tags"], other["tags"])
    if tags != ", ".join(split_tags(kept["tags"])):
        changes["tags"] = tags
    return changes


def _identity_key(row: dict[str, Any]) -> tuple[str, str, str, bool]:
    return (row["kind"], row["marketplace"], row["normalized"], bool(row["masked"]))


def _message_count(conversation_ids: Sequence[int]) -> int:
    total = 0
    for chunk in chunked(conversation_ids):
        query = Conversation.select(pw.fn.COALESCE(pw.fn.SUM(Conversation.message_count), 0))
        total += int(query.where(Conversation.id.in_(chunk)).scalar() or 0)
    return total


def merge_customers(
    keep_id: int, other_id: int, author: str = "", now: dt.datetime | None = None
) -> MergeResult:
    """Merge customer `other_id` into `keep_id`, all or nothing (see the module's text).

    NotFoundError for an unknown id; ValidationError for the same id twice or a customer that
    was already merged away."""
    if keep_id == other_id:
        raise ValidationError(f"Pelanggan #{keep_id} tidak bisa digabung dengan dirinya sendiri")
    now = now or utcnow()
    with database_proxy.atomic():
        kept, other = _customer(keep_id), _customer(other_id)
        for who in (kept, other):
            if who["merged_into"] is not None:
                raise ValidationError(
                    f"Pelanggan #{who['id']} ({who['name']}) sudah digabung ke pelanggan "
                    f"#{who['merged_into']}"
                )
        # The first write: on SQLite it takes the write lock, so nothing moves under us after;
        # the condition refuses a merge another desk made a moment ago.
        marked = (
            Customer.update(
                {
                    Customer.merged_into: keep_id,
                    Customer.version: Customer.version + 1,
                    Customer.updated_at: now,
                }
            )
            .where(Customer.id == other_id, Customer.merged_into.is_null())
            .execute()
        )
        if not marked:
            raise ValidationError(f"Pelanggan #{other_id} baru saja digabung oleh admin lain")

        moved: dict[str, Any] = {}
        for key, (_, column) in _OWNED.items():
            if key != "identities":
                ids = _ids_of(column, other_id)
                _repoint(column, ids, keep_id, other_id)
                moved[key] = ids
        kept_keys = {
            _identity_key(row)
            for row in fetch_dicts(
                CustomerIdentity.select().where(CustomerIdentity.customer == keep_id)
            )
        }
        moving: list[int] = []
        dropped: list[dict[str, Any]] = []
        others = CustomerIdentity.select().where(CustomerIdentity.customer == other_id)
        for row in fetch_dicts(others.order_by(CustomerIdentity.id)):
            if _identity_key(row) in kept_keys:
                dropped.append({name: row[name] for name in _IDENTITY_COLUMNS})
            else:
                moving.append(row["id"])
        _repoint(CustomerIdentity.customer, moving, keep_id, other_id)
        if dropped:
            CustomerIdentity.delete().where(
                CustomerIdentity.id.in_([row["id"] for row in dropped])
            ).execute()
        moved["identities"] = moving
        moved["dropped_identities"] = [
            {**row, "masked": bool(row["masked"]), "created_at": _time(row["created_at"])}
            for row in dropped
        ]

        changes = _filled_fields(kept, other)
        Customer.update(
            {
                **{getattr(Customer, name): value for name, value in changes.items()},
                Customer.version: Customer.version + 1,
                Customer.updated_at: now,
            }
        ).where(Customer.id == keep_id).execute()
        moved["fields"] = {name: [kept[name], value] for name, value in changes.items()}
        moved["kept_before"] = {
            "version": kept["version"],
            "updated_at": _time(kept["updated_at"]),
        }
        moved["other_before"] = {
            "version": other["version"],
            "updated_at": _time(other["updated_at"]),
        }
        refresh_customers([keep_id, other_id])
        merge = CustomerMerge.create(
            kept=keep_id, other=other_id, at=now, author=author, moved=json.dumps(moved)
        )
    return MergeResult(
        merge_id=merge.id,
        kept_id=keep_id,
        other_id=other_id,
        orders=len(moved["orders"]),
        conversations=len(moved["conversations"]),
        messages=_message_count(moved["conversations"]),
        complaints=len(moved["complaints"]),
        identities=len(moving),
        identities_dropped=len(dropped),
        follow_ups=len(moved["follow_ups"]),
        fields=list(changes),
    )


def _merge_record(merge_id: int) -> dict[str, Any]:
    rows = fetch_dicts(CustomerMerge.select().where(CustomerMerge.id == merge_id))
    if not rows:
        raise NotFoundError(f"Penggabungan #{merge_id} tidak ditemukan")
    return rows[0]


def _check_undoable(merge: dict[str, Any], moved: dict[str, Any]) -> None:
    merge_id, keep_id, other_id = merge["id"], merge["kept"], merge["other"]
    if merge["undone_at"] is not None:
        raise ConflictError(f"Penggabungan #{merge_id} sudah dibatalkan sebelumnya")
    kept, other = _customer(keep_id), _customer(other_id)
    if other["merged_into"] != keep_id:
        raise ConflictError(
            f"Penggabungan #{merge_id} tidak bisa dibatalkan: pelanggan #{other_id} tidak lagi "
            f"tergabung ke pelanggan #{keep_id}"
        )
    if kept["merged_into"] is not None:
        later = (
            CustomerMerge.select(CustomerMerge.id)
            .where(CustomerMerge.other == keep_id, CustomerMerge.undone_at.is_null())
            .order_by(CustomerMerge.id.desc())
            .scalar()
        )
        first = f"; batalkan penggabungan #{later} dulu" if later else ""
        raise ConflictError(
            f"Penggabungan #{merge_id} tidak bisa dibatalkan: pelanggan #{keep_id} sudah "
            f"digabung lagi ke pelanggan #{kept['merged_into']}{first}"
        )
    for key, (model, column) in _OWNED.items():
        for chunk in chunked(moved[key]):
            elsewhere = fetch_tuples(
                model.select(model.id, column)
                .where(model.id.in_(chunk), column.is_null() | (column != keep_id))
                .limit(1)
            )
            if elsewhere:
                row_id, owner = elsewhere[0]
                where = f"pelanggan #{owner}" if owner is not None else "tanpa pelanggan"
                raise ConflictError(
                    f"Penggabungan #{merge_id} tidak bisa dibatalkan: {_OWNED_LABELS[key]} "
                    f"#{row_id} sudah dipindah ke {where} sesudahnya"
                )


def _restore_customer(
    customer_id: int, before: dict[str, Any], values: dict[pw.Field, Any], now: dt.datetime
) -> None:
    """Write `values`; the version and time of before the merge come back when nobody edited
    the customer since (its version is still the merge's), else the version moves on."""
    current = _customer(customer_id)
    if current["version"] == before["version"] + 1:
        values[Customer.version] = before["version"]
        values[Customer.updated_at] = _untime(before["updated_at"])
    else:
        values[Customer.version] = Customer.version + 1
        values[Customer.updated_at] = now
    Customer.update(values).where(Customer.id == customer_id).execute()


def _restored_fields(kept: dict[str, Any], fields: dict[str, list[str]]) -> dict[pw.Field, Any]:
    values: dict[pw.Field, Any] = {}
    for name, (old, new) in fields.items():
        if name == "tags":
            added = {_same_tag(t) for t in split_tags(new)} - {
                _same_tag(t) for t in split_tags(old)
            }
            if kept["tags"] == new:
                values[Customer.tags] = old
            elif added:
                values[Customer.tags] = ", ".join(
                    t for t in split_tags(kept["tags"]) if _same_tag(t) not in added
                )
        elif kept[name] == new:
            values[getattr(Customer, name)] = old
    return values


def _identity_id_free(identity_id: int) -> bool:
    return not CustomerIdentity.select().where(CustomerIdentity.id == identity_id).exists()


def undo_merge(merge_id: int, author: str = "", now: dt.datetime | None = None) -> MergeInfo:
    """Put everything merge `merge_id` moved back on the other customer, in one transaction.

    Raises NotFoundError for an unknown merge and ConflictError when the undo could not be
    exact (see the module's text). `author` is who undid it (`MergeInfo.undone_by`)."""
    now = now or utcnow()
    with database_proxy.atomic():
        merge = _merge_record(merge_id)
        moved: dict[str, Any] = json.loads(merge["moved"])
        # Takes the write lock on SQLite before anything is checked, so the checks hold.
        CustomerMerge.update({CustomerMerge.undone_at: now}).where(
            CustomerMerge.id == merge_id
        ).execute()
        _check_undoable(merge, moved)
        keep_id, other_id = merge["kept"], merge["other"]
        for key, (_, column) in _OWNED.items():
            _repoint(column, moved[key], other_id, keep_id)
        for row in moved["dropped_identities"]:
            values = {
                **{name: row[name] for name in _IDENTITY_COLUMNS if name != "id"},
                "customer": other_id,
                "created_at": _untime(row["created_at"]),
            }
            if _identity_id_free(row["id"]):
                values["id"] = row["id"]
            CustomerIdentity.insert(values).execute()
        kept = _customer(keep_id)
        _restore_customer(
            keep_id, moved["kept_before"], _restored_fields(kept, moved["fields"]), now
        )
        _restore_customer(other_id, moved["other_before"], {Customer.merged_into: None}, now)
        refresh_customers([keep_id, other_id])
        moved["undone_by"] = author
        CustomerMerge.update({CustomerMerge.moved: json.dumps(moved)}).where(
            CustomerMerge.id == merge_id
        ).execute()
    return _info(_merge_record(merge_id))


def _info(merge: dict[str, Any]) -> MergeInfo:
    moved: dict[str, Any] = json.loads(merge["moved"])
    names = dict(
        fetch_tuples(
            Customer.select(Customer.id, Customer.name).where(
                Customer.id.in_([merge["kept"], merge["other"]])
            )
        )
    )
    return MergeInfo(
        id=merge["id"],
        kept_id=merge["kept"],
        kept_name=names.get(merge["kept"], ""),
        other_id=merge["other"],
        other_name=names.get(merge["other"], ""),
        at=merge["at"],
        author=merge["author"],
        undone_at=merge["undone_at"],
        undone_by=str(moved.get("undone_by", "")),
        orders=len(moved.get("orders", [])),
        conversations=len(moved.get("conversations", [])),
        complaints=len(moved.get("complaints", [])),
        identities=len(moved.get("identities", [])) + len(moved.get("dropped_identities", [])),
        follow_ups=len(moved.get("follow_ups", [])),
        fields=list(moved.get("fields", {})),
    )


def merges(customer_id: int) -> list[MergeInfo]:
    """Every merge this customer took part in (kept or merged away), newest first."""
    query = (
        CustomerMerge.select()
        .where((CustomerMerge.kept == customer_id) | (CustomerMerge.other == customer_id))
        .order_by(CustomerMerge.at.desc(), CustomerMerge.id.desc())
    )
    return [_info(row) for row in fetch_dicts(query)]
