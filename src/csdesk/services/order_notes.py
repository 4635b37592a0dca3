"""Internal notes on an order: what admins tell each other ("sudah konfirmasi stok ke gudang"),
never shown to the buyer.

A note is an OrderEvent of kind "note" (its text in `detail`, its admin in `author`), so it
also appears in the order's history among imports and edits. Notes are listed newest first;
the UI shows their times in the shop's zone.
"""

from __future__ import annotations

import datetime as dt

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Order, OrderEvent, utcnow
from csdesk.services.details_common import EventLine

NOTE_KIND = "note"
MAX_NOTE_CHARS = 4000


def add_order_note(
    order_id: int, text: str, author: str, now: dt.datetime | None = None
) -> EventLine:
    """Write a note on the order. Refused: empty text (spaces only), text over
    MAX_NOTE_CHARS characters, an order that no longer exists."""
    text = text.strip()
    if not text:
        raise ValidationError("Catatan internal masih kosong")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(
            f"Catatan terlalu panjang ({len(text)} karakter, paling banyak {MAX_NOTE_CHARS})."
        )
    if not Order.select().where(Order.id == order_id).exists():
        raise NotFoundError(f"Pesanan #{order_id} tidak ditemukan")
    event = OrderEvent.create(
        order=order_id, at=now or utcnow(), kind=NOTE_KIND, author=author.strip(), detail=text
    )
    return EventLine(at=event.at, kind=NOTE_KIND, author=event.author, detail=text)


def order_notes(order_id: int) -> list[EventLine]:
    """The order's notes, newest first."""
    select = (
        OrderEvent.select()
        .where((OrderEvent.order == order_id) & (OrderEvent.kind == NOTE_KIND))
        .order_by(OrderEvent.at.desc(), OrderEvent.id.desc())
    )
    return [EventLine(at=e.at, kind=e.kind, author=e.author, detail=e.detail) for e in select]
