"""What a file may change on an order that is already in the database (FORMATS.md "Common rules").

An order is compared field by field on its normalized values and its item set. Exports are
snapshots taken at different times, so an older file must not undo what a newer one brought:
a status never moves backwards (`cancelled`/`returned` are final), and an empty cell or a masked
phone never replaces a value already known (a TikTok row updating a Tokopedia legacy order has
masked phones and no buyer name, yet the order keeps the ones it had).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from csdesk.models.base import utcnow
from csdesk.services.fmt import is_masked_phone
from csdesk.services.importing.records import ItemRecord, OrderRecord, Problem

# The order's own normalized fields, in the order they are written and compared.
FIELDS = (
    "status",
    "raw_status",
    "ordered_at",
    "paid_at",
    "ship_by",
    "shipped_at",
    "completed_at",
    "buyer_name",
    "buyer_username",
    "courier",
    "service",
    "tracking_no",
    "recipient",
    "phone",
    "address",
    "city",
    "province",
    "buyer_note",
    "seller_note",
    "payment_method",
    "shipping_fee",
    "total",
)
TIME_FIELDS = frozenset({"ordered_at", "paid_at", "ship_by", "shipped_at", "completed_at"})
ITEM_FIELDS = ("sku", "product", "variant", "quantity", "unit_price", "subtotal")

# The forward path; an order may always move to a final status, never out of one.
_RANK = {"unpaid": 0, "to_ship": 1, "shipped": 2, "delivered": 3, "completed": 4}
FINAL = frozenset({"cancelled", "returned"})

Item = tuple[str, str, str, int, int, int]


def item_tuple(item: ItemRecord) -> Item:
    return (item.sku, item.product, item.variant, item.quantity, item.unit_price, item.subtotal)


def item_row(order_id: int, item: Item | list[Any]) -> dict[str, Any]:
    """An OrderItem row for `bulk.insert_rows` from an item tuple (or its JSON list)."""
    return {"order": order_id, **dict(zip(ITEM_FIELDS, item, strict=True))}


def record_values(record: OrderRecord) -> dict[str, Any]:
    """The record's values for FIELDS. A file without any time for an order still needs the
    required `ordered_at`: the payment time, else the moment of import."""
    values = {name: getattr(record, name) for name in FIELDS}
    if values["ordered_at"] is None:
        values["ordered_at"] = record.paid_at or utcnow().replace(microsecond=0)
    return values


def moves_backwards(old: str, new: str) -> bool:
    if old == new:
        return False
    if old in FINAL:
        return True
    if new in FINAL or old not in _RANK or new not in _RANK:
        return False  # `other` (an unknown status) cannot be ranked: take the file's word
    return _RANK[new] < _RANK[old]


@dataclass
class Comparison:
    """The outcome for one existing order: the changed fields (name → (old, new)), whether
    the item set is replaced, and the warnings to report."""

    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    items_differ: bool = False
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.items_differ


def _keeps_old(name: str, old: Any, new: Any) -> bool:
    if old in (None, ""):
        return False
    if new in (None, ""):
        return True
    return name == "phone" and is_masked_phone(str(new)) and not is_masked_phone(str(old))


def compare(
    record: OrderRecord, old: dict[str, Any], old_items: list[Item], label: str
) -> Comparison:
    """Compare the file's `record` with the stored order `old` (FIELDS) and its items."""
    result = Comparison()
    row = record.first_row or None
    if moves_backwards(old["status"], record.status):
        result.warnings.append(
            Problem(
                row,
                "status",
                f"Pesanan {label}: status mundur diabaikan "
                f"({old['status']} → {record.status}); pesanan tidak diubah",
            )
        )
        return result
    new_values = record_values(record)
    for name in FIELDS:
        before, after = old[name], new_values[name]
        if _keeps_old(name, before, after):
            if name == "tracking_no":
                result.warnings.append(
                    Problem(
                        row,
                        "tracking_no",
                        f"Pesanan {label}: no. resi kosong di file; resi {before} tetap dipakai",
                    )
                )
            continue
        if isinstance(before, dt.datetime) and isinstance(after, dt.datetime):
            equal = before.replace(microsecond=0) == after.replace(microsecond=0)
        else:
            equal = before == after
        if not equal:
            result.changes[name] = (before, after)
    new_items = sorted(item_tuple(item) for item in record.items)
    result.items_differ = new_items != sorted(old_items)
    return result


def to_json_value(value: Any) -> Any:
    """A field value as JSON (times as ISO text); `from_json_value` reverses it exactly."""
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value


def from_json_value(name: str, value: Any) -> Any:
    if name in TIME_FIELDS or name == "updated_at":
        return None if value is None else dt.datetime.fromisoformat(value)
    return value
