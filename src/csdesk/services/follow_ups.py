"""Follow-ups: something to do for a customer on a day (remind a payment, ask for a review, tell
them the item they asked about is back, check on a complaint), and the Dasbor's
'Tindak lanjut hari ini' list.

A follow-up is due on its `due_at` (naive UTC). Given a date rather than a time, it is due from
the start of that day in the shop's zone. "Today" is the shop's day (WIB/WITA/WIT), not UTC's:
at 23.30 WIB a follow-up for tomorrow is not yet in the list, at 00.05 it is. Snoozing moves the
due time on and marks it `snoozed`; done ones leave the list and stay in the customer's history.
A follow-up made for a customer who was merged away goes to the customer they were merged into.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee as pw

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Complaint, Customer, FollowUp, Order, utcnow
from csdesk.services import fmt
from csdesk.services.list_sql import day_bounds, fetch_dicts, shop_zone

REASON_LABELS: dict[str, str] = {
    "payment": "Pengingat pembayaran",
    "review": "Minta ulasan",
    "restock": "Kabari stok datang",
    "complaint": "Cek keluhan",
    "other": "Lainnya",
}
STATUS_LABELS: dict[str, str] = {"open": "Terbuka", "snoozed": "Ditunda", "done": "Selesai"}
PENDING = ("open", "snoozed")
NOTE_LIMIT = 2000
_MERGE_CHAIN = 10  # merge chains are short; the bound guards against a cycle


@dataclass(frozen=True)
class FollowUpLine:
    id: int
    customer_id: int
    customer_name: str
    nickname: str
    due_at: dt.datetime  # naive UTC
    reason: str  # a key of REASON_LABELS
    note: str
    status: str  # open | snoozed | done
    order_id: int | None
    order_no: str  # "" without an order
    complaint_id: int | None
    complaint_code: str  # "" without a complaint
    author: str  # who wrote it
    created_at: dt.datetime
    done_at: dt.datetime | None
    done_by: str  # who marked it done ("" while pending)
    overdue: bool  # pending and due before the start of the shop's day

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def due_text(due_at: dt.datetime, now: dt.datetime, zone: str) -> tuple[str, str]:
    """(state, words) for a pending follow-up due at `due_at` (naive UTC), by shop days:
    ("overdue", "Terlambat 2 hari"), ("today", "Hari ini"), ("tomorrow", "Besok") or
    ("later", "Kam, 27 Nov 2026")."""
    today = fmt.to_local(now, zone).date()
    day = fmt.to_local(due_at, zone).date()
    late = (today - day).days
    if late > 0:
        return "overdue", f"Terlambat {late} hari"
    if late == 0:
        return "today", "Hari ini"
    if late == -1:
        return "tomorrow", "Besok"
    return (
        "later",
        f"{fmt.DAYS[day.weekday()]}, {day.day:02d} {fmt.MONTHS[day.month - 1]} {day.year}",
    )


def shop_today(now: dt.datetime | None = None) -> dt.date:
    """The shop's day (WIB/WITA/WIT) at `now` (naive UTC): the day "Besok" counts from."""
    return fmt.to_local(now or utcnow(), shop_zone()).date()


def _due_time(due: dt.datetime | dt.date, zone: str) -> dt.datetime:
    if isinstance(due, dt.datetime):
        return due if due.tzinfo is None else due.astimezone(dt.UTC).replace(tzinfo=None)
    return fmt.to_utc(dt.datetime.combine(due, dt.time()), zone)


def _surviving_customer(customer_id: int) -> int:
    for _ in range(_MERGE_CHAIN):
        row = Customer.select(Customer.merged_into).where(Customer.id == customer_id).tuples()
        found = row.first()
        if found is None:
            raise NotFoundError(f"Pelanggan #{customer_id} tidak ditemukan")
        if found[0] is None:
            return customer_id
        customer_id = int(found[0])
    return customer_id


def add_follow_up(
    customer_id: int,
    due_at: dt.datetime | dt.date,
    reason: str,
    note: str = "",
    order_id: int | None = None,
    complaint_id: int | None = None,
    author: str = "",
) -> int:
    """A new open follow-up; returns its id. `due_at`: naive UTC time, or a shop-local day."""
    if reason not in REASON_LABELS:
        known = ", ".join(REASON_LABELS)
        raise ValidationError(f"Alasan tindak lanjut tidak dikenal: {reason!r} (pilih: {known})")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError(f"Catatan tindak lanjut terlalu panjang (maks. {NOTE_LIMIT} huruf)")
    if order_id is not None and not Order.select().where(Order.id == order_id).exists():
        raise NotFoundError(f"Pesanan #{order_id} tidak ditemukan")
    if complaint_id is not None and not (
        Complaint.select().where(Complaint.id == complaint_id).exists()
    ):
        raise NotFoundError(f"Keluhan #{complaint_id} tidak ditemukan")
    follow_up = FollowUp.create(
        customer=_surviving_customer(customer_id),
        due_at=_due_time(due_at, shop_zone()),
        reason=reason,
        note=note,
        order_id=order_id,
        complaint_id=complaint_id,
        author=author,
    )
    return int(follow_up.id)


def _lines(
    where: pw.Expression, order: Sequence[pw.Node], start_of_day: dt.datetime
) -> list[FollowUpLine]:
    query = (
        FollowUp.select(
            FollowUp,
            Customer.name,
            Customer.nickname,
            Order.order_no,
            Complaint.code,
        )
        .join(Customer, on=(FollowUp.customer == Customer.id))
        .switch(FollowUp)
        .join(Order, pw.JOIN.LEFT_OUTER, on=(FollowUp.order_id == Order.id))
        .switch(FollowUp)
        .join(Complaint, pw.JOIN.LEFT_OUTER, on=(FollowUp.complaint_id == Complaint.id))
        .where(where)
        .order_by(*order)
    )
    lines = []
    for row in fetch_dicts(query):
        pending = row["status"] in PENDING
        lines.append(
            FollowUpLine(
                id=row["id"],
                customer_id=row["customer"],
                customer_name=row["name"],
                nickname=row["nickname"],
                due_at=row["due_at"],
                reason=row["reason"],
                note=row["note"],
                status=row["status"],
                order_id=row["order_id"],
                order_no=row["order_no"] or "",
                complaint_id=row["complaint_id"],
                complaint_code=row["code"] or "",
                author=row["author"],
                created_at=row["created_at"],
                done_at=row["done_at"],
                done_by=row["done_by"],
                overdue=pending and row["due_at"] < start_of_day,
            )
        )
    return lines


def due_follow_ups(
    now: dt.datetime | None = None, include_later: bool = False
) -> list[FollowUpLine]:
    """Open and snoozed follow-ups due before the end of the shop's day (with `include_later`:
    every pending one), overdue first, then by due time."""
    start, end = day_bounds(now or utcnow(), shop_zone())
    where = FollowUp.status.in_(PENDING)
    if not include_later:
        where &= FollowUp.due_at < end
    return _lines(where, [FollowUp.due_at, FollowUp.id], start)


def customer_follow_ups(customer_id: int, now: dt.datetime | None = None) -> list[FollowUpLine]:
    """A customer's follow-ups: pending ones first (soonest due first), then done ones (latest
    done first)."""
    start, _ = day_bounds(now or utcnow(), shop_zone())
    done_last = pw.Case(None, [(FollowUp.status == "done", 1)], 0)
    order = [done_last, pw.Case(None, [(FollowUp.status == "done", FollowUp.done_at)], None).desc(),
             FollowUp.due_at, FollowUp.id]  # fmt: skip
    return _lines(FollowUp.customer == customer_id, order, start)


def _pending(follow_up_id: int) -> FollowUp:
    follow_up = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if follow_up is None:
        raise NotFoundError(f"Tindak lanjut #{follow_up_id} tidak ditemukan")
    if follow_up.status not in PENDING:
        raise ValidationError(f"Tindak lanjut #{follow_up_id} sudah selesai")
    return follow_up


def mark_done(follow_up_id: int, now: dt.datetime | None = None, author: str = "") -> None:
    """Done (by `author`): it leaves the Dasbor's list and stays in the customer's history."""
    _pending(follow_up_id)
    FollowUp.update(status="done", done_at=now or utcnow(), done_by=author).where(
        FollowUp.id == follow_up_id, FollowUp.status.in_(PENDING)
    ).execute()


def snooze(follow_up_id: int, until: dt.datetime | dt.date, now: dt.datetime | None = None) -> None:
    """Due again at `until` (a naive UTC time, or a shop-local day), which must be later."""
    _pending(follow_up_id)
    due = _due_time(until, shop_zone())
    if due <= (now or utcnow()):
        raise ValidationError("Tunda ke waktu yang akan datang")
    FollowUp.update(status="snoozed", due_at=due).where(
        FollowUp.id == follow_up_id, FollowUp.status.in_(PENDING)
    ).execute()


def snooze_days(follow_up_id: int, days: int, now: dt.datetime | None = None) -> dt.date:
    """Due again from the start of the shop day `days` after today (Besok = 1, Minggu depan =
    7); returns that day."""
    day = shop_today(now) + dt.timedelta(days=days)
    snooze(follow_up_id, day, now)
    return day
