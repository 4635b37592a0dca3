"""Demo conversations: the scripted chats of demo_scripts, given a customer, an order, a
channel, a state and times.

The state decides where a chat ends: waiting ones end on the customer's message (some already
past their first-response due time, some fresh), pending and open ones on the shop's reply,
snoozed ones parked until later, closed ones days ago. A chat about an order starts after the
order last moved, so "paketnya belum sampai" is never asked before the parcel left.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from csdesk.models import Conversation, Message
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.conversations import PREVIEW_CHARS, snooze_until_tomorrow
from csdesk.services.demo_bulk import insert_rows, next_id
from csdesk.services.demo_catalog import DemoProduct
from csdesk.services.demo_orders import DAY, SHIPPING_FEES, DemoOrder
from csdesk.services.demo_people import DemoCustomer
from csdesk.services.demo_scripts import SCRIPTS, Script, Turn

MINUTE = dt.timedelta(minutes=1)
STATE_SHARES = {
    "waiting_overdue": 15,
    "waiting_fresh": 15,
    "open": 10,
    "pending": 15,
    "snoozed": 8,
    "closed": 37,
}
CHANNEL_OF_MARKETPLACE = {
    "shopee": "shopee",
    "tokopedia": "tokopedia",
    "tiktok": "tiktok",
    "lazada": "whatsapp",
    "manual": "whatsapp",
}
# A chat about an order comes within this long after the order last moved.
ORDER_CHAT_WINDOW = 14 * DAY


@dataclass(frozen=True)
class ChatComplaint:
    """A conversation that ended up as a complaint: the complaint links back to it."""

    conversation_id: int
    order: DemoOrder
    category: str
    channel: str
    at: dt.datetime
    assignee: int | None
    closed: bool


@dataclass
class ChatResult:
    conversations: int
    messages: int
    complaints: list[ChatComplaint]


@dataclass
class _Chat:
    script: Script
    state: str
    customer: DemoCustomer
    order: DemoOrder | None
    channel: str
    turns: list[Turn]
    offsets: list[dt.timedelta]


def make_conversations(
    rng: random.Random,
    count: int,
    customers: list[DemoCustomer],
    orders: list[DemoOrder],
    catalog: list[DemoProduct],
    admins: dict[str, int],
    shop: shop_settings.ShopSettings,
    now: dt.datetime,
) -> ChatResult:
    """Insert `count` conversations with their messages."""
    pools: dict[str, list[DemoOrder]] = defaultdict(list)
    for order in orders:
        pools[order.status].append(order)
    states = list(STATE_SHARES)[:count]
    states += rng.choices(list(STATE_SHARES), list(STATE_SHARES.values()), k=count - len(states))
    rng.shuffle(states)
    scripts = list(SCRIPTS)[:count]
    scripts += rng.choices(SCRIPTS, k=count - len(scripts))
    rekening = "\n".join(f"{a.bank} {a.number} a.n. {a.holder}" for a in shop.bank_accounts)
    admin_names = list(admins)
    first_id = next_id(Conversation)
    conversations: list[dict[str, object]] = []
    messages: list[dict[str, object]] = []
    complaints: list[ChatComplaint] = []
    for offset, (script, state) in enumerate(zip(scripts, states, strict=True)):
        conv_id = first_id + offset
        chat = _plan(rng, script, state, customers, pools, now)
        start, end = _place(rng, chat, now, shop)
        admin = rng.choice(admin_names)
        assigned = admins[admin] if rng.random() < 0.6 else None
        values = _values(rng, chat, catalog, rekening)
        times = [start + (end - start) * _fraction(chat.offsets, i) for i in range(len(chat.turns))]
        rows = [
            _message(conv_id, turn, when, chat, admin, values)
            for turn, when in zip(chat.turns, times, strict=True)
        ]
        messages += rows
        conversations.append(_conversation(conv_id, chat, rows, assigned, now, shop))
        if chat.script.complaint and chat.order is not None:
            complaints.append(
                ChatComplaint(
                    conv_id,
                    chat.order,
                    chat.script.complaint,
                    chat.channel,
                    start,
                    assigned,
                    closed=chat.state == "closed",
                )
            )
    insert_rows(Conversation, conversations)
    insert_rows(Message, messages)
    return ChatResult(len(conversations), len(messages), complaints)


def _plan(
    rng: random.Random,
    script: Script,
    state: str,
    customers: list[DemoCustomer],
    pools: dict[str, list[DemoOrder]],
    now: dt.datetime,
) -> _Chat:
    order = None
    statuses = [status for status in script.order_statuses if pools[status]]
    if script.order_statuses and not statuses:
        # A tiny demo may have no order in that status: ask about shipping instead.
        script = next(s for s in SCRIPTS if s.key == "tanya_ongkir")
    elif statuses:
        order = _pick_order(rng, [pools[status] for status in statuses], state, now)
    customer = order.customer if order is not None else rng.choice(customers)
    if order is not None and order.marketplace != "manual" and rng.random() < 0.7:
        channel = CHANNEL_OF_MARKETPLACE[order.marketplace]
    else:
        channel = rng.choice(script.channels)
    turns = _cut(rng, list(script.turns), state)
    offsets = [dt.timedelta()]
    for before, turn in zip(turns, turns[1:], strict=False):
        offsets.append(offsets[-1] + _gap(rng, before.direction, turn.direction))
    return _Chat(script, state, customer, order, channel, turns, offsets)


def _pick_order(
    rng: random.Random, pools: list[list[DemoOrder]], state: str, now: dt.datetime
) -> DemoOrder:
    """An order for the chat; a chat still going on is about an order that moved recently
    (a closed chat is placed after its order instead, see `_place`)."""
    order = rng.choice(rng.choice(pools))
    for _ in range(60):
        if state == "closed" or order.anchor >= now - ORDER_CHAT_WINDOW:
            break
        order = rng.choice(rng.choice(pools))
    return order


def _cut(rng: random.Random, turns: list[Turn], state: str) -> list[Turn]:
    """Where the chat stops: on a customer's message while waiting, on a reply when answered."""
    if state.startswith("waiting"):
        ends = [i for i, turn in enumerate(turns) if turn.direction == "in" and i >= 2]
        return turns[: rng.choice(ends) + 1]
    if state in ("open", "pending"):
        last_reply = max(i for i, turn in enumerate(turns) if turn.direction == "out")
        return turns[: last_reply + 1]
    return turns


def _gap(rng: random.Random, before: str, after: str) -> dt.timedelta:
    if before == after:
        return rng.uniform(0.3, 3) * MINUTE
    if after == "in":
        return rng.uniform(1, 90) * MINUTE
    return rng.uniform(2, 40) * MINUTE


def _fraction(offsets: list[dt.timedelta], index: int) -> float:
    return offsets[index] / offsets[-1] if offsets[-1] else 0.0


def _place(
    rng: random.Random, chat: _Chat, now: dt.datetime, shop: shop_settings.ShopSettings
) -> tuple[dt.datetime, dt.datetime]:
    """The first and last message times for the chat's state (and its order, if any)."""
    duration = chat.offsets[-1]
    state = chat.state
    if state == "waiting_overdue":
        end = now - rng.uniform(20, 180) * MINUTE
        # Back off whole hours until the reply is overdue in business time (the shop may be
        # closed now: a chat from last night is due only after opening).
        for _ in range(24 * 14):
            waiting_since = end - (duration - chat.offsets[_waiting_index(chat.turns)])
            due = shop_settings.add_business_minutes(
                waiting_since, shop.first_response_minutes, shop
            )
            if due < now:
                break
            end -= 60 * MINUTE
    elif state == "waiting_fresh":
        end = now - rng.uniform(1, 10) * MINUTE
    elif state == "open":
        end = now - rng.uniform(5, 180) * MINUTE
    elif state == "pending":
        end = now - rng.uniform(2, 48) * 60 * MINUTE
    elif state == "snoozed":
        end = now - rng.uniform(1, 24) * 60 * MINUTE
    else:
        end = now - rng.uniform(1, 45) * DAY
    start = end - duration
    if chat.order is not None:
        anchor = chat.order.anchor + 5 * MINUTE
        if state == "closed" and not anchor <= start <= anchor + ORDER_CHAT_WINDOW:
            start = anchor + rng.uniform(0, 3) * DAY
            end = min(start + duration, now - MINUTE)
        # A chat that would start before its order squeezes in after it instead.
        start = min(max(start, anchor), end - 2 * MINUTE)
    return start, end


def _waiting_index(turns: list[Turn]) -> int:
    """The first message of the customer's last unanswered run."""
    index = len(turns) - 1
    while index > 0 and turns[index - 1].direction == "in":
        index -= 1
    return index


def _values(
    rng: random.Random, chat: _Chat, catalog: list[DemoProduct], rekening: str
) -> dict[str, str]:
    customer = chat.customer
    if chat.order is not None:
        product, quantity = chat.order.items[0]
    else:
        product, quantity = rng.choice(catalog), 1
    colour, _, size = product.variant.partition(", ")
    others = [p for p in catalog if p.name == product.name and p.variant != product.variant]
    low, high = SHIPPING_FEES[customer.city.zone]
    fee = rng.randint(low, high) * 1000
    order = chat.order
    return {
        "sapa": customer.greeting,
        "produk": product.name,
        "warna": colour,
        "warna2": rng.choice(others).variant.partition(", ")[0] if others else "Mocca",
        "ukuran": size or "L",
        "harga": fmt.rupiah(product.price),
        "kota": customer.city.name,
        "ongkir": fmt.rupiah(fee),
        "ongkir2": fmt.rupiah(fee + 1000),
        "total": fmt.rupiah(order.total if order else product.price + fee),
        "no_pesanan": order.order_no if order else "",
        "kurir": order.courier if order else "J&T Express",
        "resi": order.tracking_no if order else "",
        "rekening": rekening,
        "refund": fmt.rupiah(product.price * quantity),
    }


def _message(
    conv_id: int,
    turn: Turn,
    when: dt.datetime,
    chat: _Chat,
    admin: str,
    values: dict[str, str],
) -> dict[str, object]:
    customer = chat.customer
    if turn.direction == "in":
        author = customer.whatsapp_name if chat.channel == "whatsapp" else customer.handle
    else:
        author = admin
    attachment = turn.attachment.format(tanggal=f"{fmt.to_local(when):%Y%m%d}")
    return {
        "conversation": conv_id,
        "direction": turn.direction,
        "author": author,
        "sent_at": when,
        "body": turn.body.format_map(values),
        "kind": "media" if attachment else "text",
        "attachment": attachment,
    }


def _conversation(
    conv_id: int,
    chat: _Chat,
    rows: list[dict[str, object]],
    assigned: int | None,
    now: dt.datetime,
    shop: shop_settings.ShopSettings,
) -> dict[str, object]:
    spoken = [row for row in rows if row["direction"] != "note"]
    last = spoken[-1]
    last_at = last["sent_at"]
    assert isinstance(last_at, dt.datetime)
    waiting_since = first_due = snoozed_until = None
    if chat.state.startswith("waiting"):
        waiting_at = rows[_waiting_index(chat.turns)]["sent_at"]
        assert isinstance(waiting_at, dt.datetime)
        waiting_since = waiting_at
        first_due = shop_settings.add_business_minutes(
            waiting_at, shop.first_response_minutes, shop
        )
    status = {"waiting_overdue": "open", "waiting_fresh": "open"}.get(chat.state, chat.state)
    if status == "snoozed":
        snoozed_until = snooze_until_tomorrow(now, shop.zone)
    preview = str(last["body"]) or ("📷 Foto" if last["kind"] == "media" else "")
    return {
        "id": conv_id,
        "created_at": rows[0]["sent_at"],
        "updated_at": rows[-1]["sent_at"],
        "channel": chat.channel,
        "customer": chat.customer.id,
        "title": chat.customer.name,
        "status": status,
        "assignee": assigned,
        "order": chat.order.id if chat.order is not None else None,
        "waiting_since": waiting_since,
        "first_response_due": first_due,
        "snoozed_until": snoozed_until,
        "last_message_at": last_at,
        "last_message_preview": " ".join(preview.split())[:PREVIEW_CHARS],
        "message_count": len(rows),
    }
