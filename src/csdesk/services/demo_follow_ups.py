"""Demo follow-ups: a few of every reason, placed around the day the demo is made so the
Dasbor's "Tindak lanjut hari ini" shows one overdue, some due today, and the customers' pages
show later and finished ones."""

from __future__ import annotations

import datetime as dt
import random

from csdesk.models import Complaint, FollowUp
from csdesk.services.demo_orders import DAY, HOUR, DemoOrder

# (reason, days from today (negative: overdue), done?, note)
PLAN = (
    ("payment", -1, False, "Transfer belum masuk, kirim pengingat sopan"),
    ("review", 0, False, "Paket sudah diterima, minta ulasan bintang 5"),
    ("complaint", 0, False, "Tanyakan apakah barang pengganti sudah sesuai"),
    ("restock", 0, False, "Kabari kalau gamis navy ukuran L sudah datang"),
    ("restock", 1, False, "Pashmina warna dusty pink masuk hari Kamis"),
    ("review", 3, False, "Minta foto pemakaian untuk testimoni"),
    ("payment", -3, True, "Sudah transfer, terima kasih"),
    ("other", -6, True, "Kirim katalog lebaran"),
)


def make_follow_ups(
    rng: random.Random, orders: list[DemoOrder], author: str, now: dt.datetime
) -> int:
    """Insert PLAN's follow-ups for customers who bought (order linked where it fits);
    returns how many."""
    bought = [o for o in orders if o.status in ("completed", "delivered")]
    unpaid = [o for o in orders if o.status == "unpaid"] or bought
    complaint = (
        Complaint.select(Complaint.id, Complaint.customer)
        .where(Complaint.status.not_in(("resolved", "rejected")), Complaint.customer.is_null(False))
        .first()
    )
    made = 0
    for reason, days, done, note in PLAN:
        pool = unpaid if reason == "payment" else bought
        if not pool:
            continue
        order = rng.choice(pool)
        customer, complaint_id = order.customer.id, None
        if reason == "complaint" and complaint is not None:
            customer, complaint_id = complaint.customer_id, complaint.id
        hours = rng.randint(1, 3) * HOUR
        due = now + days * DAY + (hours if days > 0 else -hours)
        FollowUp.create(
            customer=customer,
            due_at=due,
            reason=reason,
            note=note,
            status="done" if done else "open",
            order_id=None if complaint_id else order.id,
            complaint_id=complaint_id,
            author=author,
            created_at=due - 2 * DAY,
            done_at=due if done else None,
            done_by=author if done else "",
        )
        made += 1
    return made
