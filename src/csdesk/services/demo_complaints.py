"""Demo complaints: every category and status, tied to real orders, with deadlines, outcomes
and an event log.

Complaints that grew out of a demo chat link to it and follow it (a closed chat's complaint is
settled, an open chat's is still being handled). The others are placed so that some open ones
are past their deadline and some are due today, whenever the demo is made.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

import peewee as pw

from csdesk.models import Complaint, ComplaintEvent
from csdesk.models.complaints import COMPLAINT_CATEGORIES
from csdesk.services import fmt
from csdesk.services.demo_bulk import insert_rows, next_id
from csdesk.services.demo_chats import CHANNEL_OF_MARKETPLACE, ChatComplaint
from csdesk.services.demo_orders import DAY, HOUR, DemoOrder
from csdesk.services.labels import (
    CHANNEL_LABELS,
    COMPLAINT_STATUS_LABELS,
    RESOLUTION_LABELS,
)

# Which orders each kind of complaint is about.
CATEGORY_ORDERS = {
    "out_of_stock": ("to_ship", "cancelled"),
    "differs_from_picture": ("delivered", "completed", "returned"),
    "quality": ("completed", "returned"),
    "late": ("to_ship", "shipped"),
    "not_arrived": ("shipped",),
    "damaged": ("delivered", "completed", "returned"),
    "wrong_item": ("delivered", "completed", "returned"),
    "missing_item": ("delivered", "completed"),
    "unfriendly_service": ("to_ship", "shipped", "completed"),
    "other": ("completed", "cancelled"),
}
CATEGORY_WEIGHTS = {
    "out_of_stock": 8, "differs_from_picture": 14, "quality": 10, "late": 14, "not_arrived": 12,
    "damaged": 12, "wrong_item": 10, "missing_item": 8, "unfriendly_service": 5, "other": 7,
}  # fmt: skip
STATUS_WEIGHTS = {
    "new": 12, "waiting_customer": 10, "waiting_courier": 10, "waiting_marketplace": 10,
    "resolved": 48, "rejected": 10,
}  # fmt: skip
DESCRIPTIONS = {
    "out_of_stock": "Sudah bayar {produk} warna {warna}, ternyata stok habis. Pembeli minta "
    "kepastian kapan dikirim atau refund.",
    "differs_from_picture": "Warna {produk} yang diterima lebih gelap dari foto di etalase. "
    "Pembeli mengirim foto pembanding.",
    "quality": "Bahan {produk} terasa lebih tipis dari pembelian sebelumnya, jahitan pinggir "
    "ada yang lepas.",
    "late": "Pesanan {no_pesanan} lewat batas kirim, pembeli menanyakan terus lewat chat.",
    "not_arrived": "Resi {resi} ({kurir}) tertahan di gudang transit lebih dari 5 hari, paket "
    "belum sampai.",
    "damaged": "{produk} sobek di bagian jahitan saat paket dibuka; ada video unboxing.",
    "wrong_item": "Pesan {produk} {warna}, yang diterima varian lain.",
    "missing_item": "Di paket hanya ada sebagian pesanan, {produk} tidak ada.",
    "unfriendly_service": "Pembeli kecewa chat-nya tidak dibalas seharian dan jawaban admin "
    "terasa ketus.",
    "other": "Pembeli minta nama penerima diganti dan dibuatkan nota untuk kantor setelah "
    "pesanan dibuat.",
}
# The statuses that make sense for each category (a late parcel waits on the courier, a
# colour complaint on the buyer's photos); a waiting status is also the middle step of a
# settled complaint's log.
DEFAULT_STATUS_OPTIONS = ("new", "waiting_customer", "waiting_marketplace", "resolved", "rejected")
STATUS_OPTIONS = {
    "out_of_stock": ("new", "waiting_customer", "resolved", "rejected"),
    "late": ("new", "waiting_courier", "resolved", "rejected"),
    "not_arrived": ("new", "waiting_courier", "waiting_marketplace", "resolved", "rejected"),
    "unfriendly_service": ("new", "resolved"),
    "other": ("new", "waiting_customer", "resolved", "rejected"),
}
# One complaint per status, so every status tab has something in the smallest demo too.
SHOWCASE = (
    ("late", "waiting_courier"),
    ("damaged", "waiting_marketplace"),
    ("differs_from_picture", "waiting_customer"),
    ("missing_item", "new"),
    ("wrong_item", "resolved"),
    ("quality", "rejected"),
)
WAITING_NOTES = {
    "waiting_customer": "Minta video unboxing dan foto label paket ke pembeli.",
    "waiting_courier": "Sudah ajukan pelacakan ke {kurir}, menunggu jawaban.",
    "waiting_marketplace": "Pengajuan pengembalian sedang ditinjau marketplace.",
}
REJECT_NOTE = "Tidak ada video unboxing; sesuai ketentuan toko klaim tidak bisa diproses."


@dataclass
class _Plan:
    category: str
    status: str
    order: DemoOrder
    created: dt.datetime
    due: dt.datetime
    resolved: dt.datetime | None
    channel: str
    conversation: int | None
    assignee: int | None


def make_complaints(
    rng: random.Random,
    count: int,
    orders: list[DemoOrder],
    from_chats: list[ChatComplaint],
    admins: dict[str, int],
    now: dt.datetime,
) -> int:
    """Insert about `count` complaints (more when needed to cover every category and status)
    with their events; returns how many."""
    by_status: dict[str, list[DemoOrder]] = defaultdict(list)
    for order in orders:
        by_status[order.status].append(order)
    pools = {
        category: [order for status in statuses for order in by_status[status]]
        for category, statuses in CATEGORY_ORDERS.items()
    }
    plans = [_from_chat(rng, chat, now) for chat in from_chats[: count // 3]]
    pairs = _own_pairs(rng, count - len(plans), {plan.category for plan in plans}, pools)
    admin_ids = list(admins.values())
    open_seen = 0
    for category, status in pairs:
        deadline = None
        if status not in ("resolved", "rejected"):
            deadline = ("overdue", "today", "later")[open_seen % 3]
            open_seen += 1
        created, due = _times(rng, deadline, now)
        order = _order_before(rng, pools[category], created)
        created = max(created, min(order.anchor + HOUR, now - 10 * dt.timedelta(minutes=1)))
        resolved = None
        if deadline is None:
            due = created + 2 * DAY
            resolved = max(min(created + rng.uniform(0.3, 4) * DAY, now - HOUR), created)
        channel = CHANNEL_OF_MARKETPLACE[order.marketplace]
        assignee = rng.choice(admin_ids) if rng.random() < 0.8 else None
        plans.append(
            _Plan(category, status, order, created, due, resolved, channel, None, assignee)
        )
    plans.sort(key=lambda plan: plan.created)
    return _insert(rng, plans, admins, now)


def _own_pairs(
    rng: random.Random, count: int, covered: set[str], pools: dict[str, list[DemoOrder]]
) -> list[tuple[str, str]]:
    """(category, status) of the complaints not from a chat: every status once, every category
    the chats left out, then a realistic mix; each status one that fits its category."""
    pairs = [pair for pair in SHOWCASE if pools[pair[0]]]
    covered = covered | {category for category, _ in pairs}
    for category in COMPLAINT_CATEGORIES:
        if category not in covered and pools[category]:
            pairs.append((category, _status_for(rng, category)))
    usable = [category for category in CATEGORY_WEIGHTS if pools[category]]
    weights = [CATEGORY_WEIGHTS[category] for category in usable]
    while len(pairs) < count:
        category = rng.choices(usable, weights)[0]
        pairs.append((category, _status_for(rng, category)))
    return pairs


def _status_for(rng: random.Random, category: str) -> str:
    options = STATUS_OPTIONS.get(category, DEFAULT_STATUS_OPTIONS)
    return rng.choices(options, [STATUS_WEIGHTS[status] for status in options])[0]


def _times(
    rng: random.Random, deadline: str | None, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """(created, due) for an open complaint with the given deadline, or a settled one."""
    if deadline == "overdue":
        due = now - rng.uniform(1, 30) * HOUR
    elif deadline == "today":
        local = fmt.to_local(now)
        day_end = fmt.to_utc(dt.datetime.combine(local.date(), dt.time(23, 59)))
        due = now + (day_end - now) * rng.uniform(0.1, 0.9)
    elif deadline == "later":
        due = now + rng.uniform(1.2, 2) * DAY
    else:
        created = now - rng.uniform(3, 100) * DAY
        return created, created + 2 * DAY
    return due - 2 * DAY, due


def _order_before(rng: random.Random, pool: list[DemoOrder], created: dt.datetime) -> DemoOrder:
    """An order that moved shortly before the complaint was made, when one can be found."""
    order = rng.choice(pool)
    for _ in range(60):
        if created - 14 * DAY <= order.anchor <= created:
            return order
        order = rng.choice(pool)
    return order


def _from_chat(rng: random.Random, chat: ChatComplaint, now: dt.datetime) -> _Plan:
    created = chat.at
    due = created + 2 * DAY
    if chat.closed:
        status = "rejected" if rng.random() < 0.15 else "resolved"
        resolved: dt.datetime | None = max(
            min(created + rng.uniform(0.3, 3) * DAY, now - HOUR), created
        )
    else:
        options = STATUS_OPTIONS.get(chat.category, DEFAULT_STATUS_OPTIONS)
        status = rng.choice([s for s in options if s not in ("resolved", "rejected")])
        resolved = None
    return _Plan(
        chat.category,
        status,
        chat.order,
        created,
        due,
        resolved,
        chat.channel,
        chat.conversation_id,
        chat.assignee,
    )


def _outcome(rng: random.Random, plan: _Plan) -> tuple[str, int, int]:
    """(resolution, refund amount, cost to the shop) of a settled complaint."""
    order = plan.order
    product, quantity = order.items[0]
    item = product.price * quantity
    category = plan.category
    if plan.status == "rejected":
        return "explanation", 0, 0
    if category == "out_of_stock":
        return "refund", item, item
    if category in ("differs_from_picture", "wrong_item"):
        return "replacement", 0, 2 * order.shipping_fee
    if category == "missing_item":
        return "replacement", 0, product.price + order.shipping_fee
    if category in ("quality", "damaged"):
        choice = rng.choice(("refund", "partial_refund", "replacement"))
        if choice == "refund":
            return choice, item, item
        if choice == "partial_refund":
            amount = item * rng.choice((3, 4, 5)) // 10 // 1000 * 1000
            return choice, amount, amount
        return choice, 0, product.price + order.shipping_fee
    if category == "not_arrived":
        # Most "lost" parcels turn up after the courier is chased; the rest are refunded, at
        # the shop's cost only for a manual order (marketplace couriers pay their claims).
        if rng.random() < 0.6:
            return "explanation", 0, 0
        cost = order.total if order.marketplace == "manual" else 0
        return "refund", order.total, cost
    if category in ("late", "unfriendly_service"):
        voucher = rng.choice((10_000, 15_000, 20_000))
        return ("compensation", 0, voucher) if rng.random() < 0.6 else ("explanation", 0, 0)
    return "explanation", 0, 0


def _codes(plans: list[_Plan]) -> list[str]:
    """`KL-2026-0001`…, numbered per year of the complaint, after any code already used."""
    next_seq: dict[int, int] = {}
    codes = []
    for plan in plans:
        year = fmt.to_local(plan.created).year
        if year not in next_seq:
            last = (
                Complaint.select(pw.fn.MAX(Complaint.code))
                .where(Complaint.code.startswith(f"KL-{year}-"))
                .scalar()
            )
            next_seq[year] = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        codes.append(f"KL-{year}-{next_seq[year]:04d}")
        next_seq[year] += 1
    return codes


def _insert(
    rng: random.Random, plans: list[_Plan], admins: dict[str, int], now: dt.datetime
) -> int:
    names = {user_id: name for name, user_id in admins.items()}
    first_id = next_id(Complaint)
    complaints = []
    events: list[dict[str, object]] = []
    for offset, (plan, code) in enumerate(zip(plans, _codes(plans), strict=True)):
        complaint_id = first_id + offset
        order = plan.order
        product, _ = order.items[0]
        values = {
            "produk": product.name,
            "warna": product.variant.partition(", ")[0],
            "no_pesanan": order.order_no,
            "resi": order.tracking_no or "-",
            "kurir": order.courier,
        }
        resolution, refund, cost = ("", 0, 0) if plan.resolved is None else _outcome(rng, plan)
        priority = "normal"
        if plan.category in ("damaged", "wrong_item", "missing_item", "not_arrived"):
            priority = "high"
        if plan.resolved is None and plan.due < now and plan.category in ("not_arrived", "damaged"):
            priority = "urgent"
        if plan.category == "other":
            priority = "low"
        complaints.append(
            {
                "id": complaint_id,
                "created_at": plan.created,
                "updated_at": plan.resolved or plan.created,
                "code": code,
                "customer": order.customer.id,
                "order": order.id,
                "conversation": plan.conversation,
                "category": plan.category,
                "priority": priority,
                "status": plan.status,
                "channel": plan.channel,
                "description": DESCRIPTIONS[plan.category].format_map(values),
                "resolution": resolution,
                "refund_amount": refund,
                "cost": cost,
                "due_at": plan.due,
                "resolved_at": plan.resolved,
                "assignee": plan.assignee,
            }
        )
        author = names.get(plan.assignee or 0, rng.choice(list(admins)))
        events += _events(rng, complaint_id, plan, author, values, resolution, refund, now)
    insert_rows(Complaint, complaints)
    insert_rows(ComplaintEvent, events)
    return len(complaints)


def _events(
    rng: random.Random,
    complaint_id: int,
    plan: _Plan,
    author: str,
    values: dict[str, str],
    resolution: str,
    refund: int,
    now: dt.datetime,
) -> list[dict[str, object]]:
    """created → (waiting for someone) → resolved/rejected, with a note and the outcome."""

    def event(at: dt.datetime, kind: str, detail: str) -> dict[str, object]:
        return {"complaint": complaint_id, "at": at, "author": author, "kind": kind,
                "detail": detail}  # fmt: skip

    channel = CHANNEL_LABELS.get(plan.channel, plan.channel)
    log = [event(plan.created, "created", f"Keluhan dicatat dari chat {channel}")]
    end = plan.resolved or now
    waiting = plan.status if plan.status.startswith("waiting") else None
    if plan.resolved is not None:
        options = STATUS_OPTIONS.get(plan.category, DEFAULT_STATUS_OPTIONS)
        middle = [status for status in options if status.startswith("waiting")]
        waiting = rng.choice(middle) if middle else None
    if waiting is not None:
        at = plan.created + (end - plan.created) * rng.uniform(0.1, 0.5)
        log.append(event(at, "status", _change("new", waiting)))
        log.append(event(at, "note", WAITING_NOTES[waiting].format_map(values)))
    if plan.resolved is not None:
        log.append(event(plan.resolved, "status", _change(waiting or "new", plan.status)))
        if plan.status == "rejected":
            log.append(event(plan.resolved, "note", REJECT_NOTE))
        else:
            outcome = RESOLUTION_LABELS[resolution]
            if refund:
                outcome += f" {fmt.rupiah(refund)}"
            log.append(event(plan.resolved, "resolution", outcome))
    return log


def _change(before: str, after: str) -> str:
    return f"{COMPLAINT_STATUS_LABELS[before]} → {COMPLAINT_STATUS_LABELS[after]}"
