"""Small builders for list, search, dashboard and detail tests: real rows through the models.

`NOW` is Wednesday 5 March 2025 12.00 WIB (05.00 UTC); the shop's day in WIB runs from
4 March 17.00 UTC to 5 March 17.00 UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    Message,
    Order,
    User,
)

NOW = dt.datetime(2025, 3, 5, 5, 0)


def clock() -> dt.datetime:
    return NOW


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A naive UTC time in 2025."""
    return dt.datetime(2025, month, day, hour, minute)


def customer(name: str, **fields: Any) -> Customer:
    return Customer.create(name=name, **fields)


def identity(who: Customer, kind: str, value: str, **fields: Any) -> CustomerIdentity:
    fields.setdefault("normalized", value.lower())
    return CustomerIdentity.create(customer=who, kind=kind, value=value, **fields)


def order(
    order_no: str,
    *,
    ordered_at: dt.datetime,
    marketplace: str = "shopee",
    status: str = "completed",
    **fields: Any,
) -> Order:
    return Order.create(
        order_no=order_no,
        ordered_at=ordered_at,
        marketplace=marketplace,
        status=status,
        **fields,
    )


def user(name: str) -> User:
    return User.create(name=name)


def conversation(**fields: Any) -> Conversation:
    return Conversation.create(**fields)


def message(conv: Conversation, body: str, *, sent_at: dt.datetime, **fields: Any) -> Message:
    fields.setdefault("direction", "in")
    return Message.create(conversation=conv, body=body, sent_at=sent_at, **fields)


def complaint(code: str, *, category: str = "damaged", **fields: Any) -> Complaint:
    return Complaint.create(code=code, category=category, **fields)
