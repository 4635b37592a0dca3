"""Demo orders: who bought what, where, when, and how far each order has come.

Every status is present, with times that stay true relative to "now": a few orders are past
their ship-by deadline, a few are due today. Order numbers and tracking numbers follow each
marketplace's and courier's own style, so the order panels and search look like the real thing.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from csdesk.models import Order, OrderEvent, OrderItem
from csdesk.services import fmt
from csdesk.services.demo_bulk import insert_rows, next_id, replayed_insert_triggers
from csdesk.services.demo_catalog import DemoProduct
from csdesk.services.demo_people import DemoCustomer
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
HISTORY_DAYS = 120

MARKETPLACE_SHARES = {"shopee": 40, "tiktok": 20, "tokopedia": 17, "lazada": 8, "manual": 15}
STATUS_SHARES = {
    "unpaid": 0.03,
    "to_ship": 0.07,
    "shipped": 0.08,
    "delivered": 0.05,
    "cancelled": 0.07,
    "returned": 0.04,
}  # the rest are completed

RAW_STATUS = {
    "shopee": ("Belum Bayar", "Perlu Dikirim", "Dikirim", "Pesanan Diterima", "Selesai",
               "Batal", "Pengembalian Barang/Dana"),
    "tiktok": ("Belum dibayar", "Akan dikirim", "Dikirim", "Terkirim", "Selesai",
               "Dibatalkan", "Dikembalikan"),
    "tokopedia": ("Menunggu Pembayaran", "Pesanan Baru", "Dalam Pengiriman", "Tiba di Tujuan",
                  "Pesanan Selesai", "Dibatalkan", "Pengembalian Dana"),
    "lazada": ("unpaid", "ready_to_ship", "shipped", "delivered", "confirmed", "canceled",
               "returned"),
}  # fmt: skip
_RAW_ORDER = ("unpaid", "to_ship", "shipped", "delivered", "completed", "cancelled", "returned")

# courier → (service, tracking number prefix, digits after it)
COURIERS = {
    "J&T Express": ("EZ", "JP", 10),
    "JNE": ("REG", "BDOAA", 11),
    "SiCepat": ("REG", "00", 10),
    "AnterAja": ("Reguler", "10", 12),
    "SPX Express": ("Standard", "SPXID0", 11),
    "Ninja Xpress": ("Standard", "NLIDAP", 9),
    "GoSend": ("Instant", "GK-11-", 9),
}
COURIER_SHARES = {
    "shopee": {"SPX Express": 45, "J&T Express": 25, "SiCepat": 10, "JNE": 10, "AnterAja": 10},
    "tiktok": {"J&T Express": 40, "JNE": 20, "SiCepat": 20, "Ninja Xpress": 20},
    "tokopedia": {"JNE": 30, "SiCepat": 25, "AnterAja": 20, "J&T Express": 20, "GoSend": 5},
    "lazada": {"Ninja Xpress": 50, "J&T Express": 30, "JNE": 20},
    "manual": {"JNE": 40, "J&T Express": 35, "SiCepat": 20, "GoSend": 5},
}
PAYMENT_METHODS = {
    "shopee": ("ShopeePay", "COD", "SPayLater", "Transfer Bank"),
    "tiktok": ("COD", "DANA", "GoPay", "Transfer Bank"),
    "tokopedia": ("GoPay", "Virtual Account BCA", "Virtual Account BRI"),
    "lazada": ("COD", "Lazada Wallet", "Kartu Kredit"),
    "manual": ("Transfer BCA", "Transfer BSI", "Transfer Mandiri"),
}
SHIPPING_FEES = {"bandung": (8, 12), "jabar": (10, 16), "jawa": (15, 24), "luar": (28, 65)}
BUYER_NOTES = (
    "Warna jangan sampai salah ya kak 🙏",
    "Tolong packing rapi, buat kado",
    "Titip di pos satpam kalau tidak ada orang",
    "Kirim secepatnya ya kak, mau dipakai kondangan",
    "Minta bonus bros ya kak hehe",
    "Jangan ditulis harganya di paket ya, buat hadiah",
    "Tolong dicek dulu tidak ada noda sebelum dikirim",
)
SELLER_NOTES = ("Sudah konfirmasi via chat", "Reseller, harga khusus", "Bonus bros 1")


@dataclass(slots=True)
class DemoOrder:
    id: int
    marketplace: str
    customer: DemoCustomer
    status: str
    ordered_at: dt.datetime
    paid_at: dt.datetime | None = None
    ship_by: dt.datetime | None = None
    shipped_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    order_no: str = ""
    courier: str = ""
    tracking_no: str = ""
    shipping_fee: int = 0
    items: list[tuple[DemoProduct, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(product.price * quantity for product, quantity in self.items) + self.shipping_fee

    @property
    def anchor(self) -> dt.datetime:
        """When the order last moved: what a chat or complaint about it comes after."""
        return self.shipped_at or self.paid_at or self.ordered_at


def status_plan(count: int) -> list[str]:
    """Statuses for `count` orders in their target shares; every status once `count` ≥ 7."""
    plan = []
    for status, share in STATUS_SHARES.items():
        plan += [status] * max(int(count * share), 1 if count >= len(_RAW_ORDER) else 0)
    plan = plan[:count]
    return plan + ["completed"] * (count - len(plan))


def buyers_for(rng: random.Random, customers: list[DemoCustomer], count: int) -> list[int]:
    """The customer index of each order: one-time buyers, regulars, and loyal ones with many.

    About one customer in twelve never orders (they only chatted); everyone else buys at least
    once while there are orders enough, and loyal customers take the bulk of the rest.
    """
    buyers = [index for index in range(len(customers)) if index % 12 != 11]
    picks = buyers[:count]
    weights = [12 if customers[i].loyal else (0 if i % 3 == 0 else 2) for i in buyers]
    picks += rng.choices(buyers, weights, k=count - len(picks))
    rng.shuffle(picks)
    return picks


def make_orders(
    rng: random.Random,
    customers: list[DemoCustomer],
    catalog: list[DemoProduct],
    count: int,
    first_id: int,
    now: dt.datetime,
    taken: set[tuple[str, str]],
) -> list[DemoOrder]:
    """`count` orders sorted by time with ids from `first_id`; `taken` holds the (marketplace,
    order number) pairs already in the database, and grows with the new ones."""
    statuses = status_plan(count)
    rng.shuffle(statuses)
    buyers = buyers_for(rng, customers, count)
    marketplaces = list(MARKETPLACE_SHARES)
    market_weights = list(MARKETPLACE_SHARES.values())
    late_left = due_today_left = max(1, min(8, statuses.count("to_ship") // 5))
    today_end = _end_of_local_day(now)
    orders: list[DemoOrder] = []
    for status, buyer in zip(statuses, buyers, strict=True):
        customer = customers[buyer]
        marketplace = rng.choices(marketplaces, market_weights)[0]
        # A handful of orders on the first marketplaces so every one appears in small demos.
        if len(orders) < len(marketplaces):
            marketplace = marketplaces[len(orders)]
        customer.marketplaces.add(marketplace)
        order = DemoOrder(0, marketplace, customer, status, now)
        if status == "to_ship" and late_left:
            late_left -= 1
            _times(rng, order, now, ship_by=now - rng.uniform(1, 20) * HOUR)
        elif status == "to_ship" and due_today_left:
            due_today_left -= 1
            _times(rng, order, now, ship_by=now + (today_end - now) * rng.uniform(0.05, 0.95))
        else:
            _times(rng, order, now)
        order.courier = _courier(rng, marketplace, customer)
        low, high = SHIPPING_FEES[customer.city.zone]
        order.shipping_fee = rng.randint(low, high) * 1000
        order.items = _items(rng, catalog, customer)
        orders.append(order)
    orders.sort(key=lambda order: order.ordered_at)
    manual_seq: dict[int, int] = {}
    for offset, order in enumerate(orders):
        order.id = first_id + offset
        order.order_no = _order_no(rng, order, manual_seq, taken)
        # A marketplace hands out the resi when the seller arranges pickup, before the label is
        # printed: most orders waiting to ship already have one (every fifth not yet).
        arranged = order.status == "to_ship" and order.marketplace != "manual" and offset % 5
        if order.shipped_at is not None or arranged:
            service_prefix, digits = COURIERS[order.courier][1:]
            order.tracking_no = service_prefix + _digits(rng, digits)
    return orders


def _end_of_local_day(now: dt.datetime) -> dt.datetime:
    local = fmt.to_local(now)
    midnight = dt.datetime.combine(local.date() + DAY, dt.time())
    return fmt.to_utc(midnight) - dt.timedelta(minutes=1)


def _times(
    rng: random.Random, order: DemoOrder, now: dt.datetime, ship_by: dt.datetime | None = None
) -> None:
    """Fill the order's times so they agree with its status and with `now`."""
    status = order.status
    pay_delay = rng.uniform(0.05, 6) * HOUR
    if ship_by is not None:
        order.paid_at = ship_by - 2 * DAY
        order.ordered_at = order.paid_at - pay_delay
        order.ship_by = ship_by
        return
    days_ago = {
        "unpaid": (0.02, 1.5),
        "to_ship": (0.05, 1.5),
        "shipped": (2, 7),
        "delivered": (4, 12),
        "completed": (7, HISTORY_DAYS),
        "cancelled": (0.5, HISTORY_DAYS),
        "returned": (10, HISTORY_DAYS),
    }[status]
    order.ordered_at = now - rng.uniform(*days_ago) * DAY
    if status == "unpaid" or (status == "cancelled" and rng.random() < 0.7):
        return
    # Paid a while after ordering, but never in the future for an order placed minutes ago.
    order.paid_at = order.ordered_at + min(pay_delay, (now - order.ordered_at) / 2)
    order.ship_by = order.paid_at + 2 * DAY
    if status in ("to_ship", "cancelled"):
        return
    order.shipped_at = min(order.paid_at + rng.uniform(0.2, 1.5) * DAY, now - HOUR)
    if status == "completed":
        order.completed_at = min(order.shipped_at + rng.uniform(2, 6) * DAY, now - HOUR)


def _courier(rng: random.Random, marketplace: str, customer: DemoCustomer) -> str:
    shares = COURIER_SHARES[marketplace]
    courier = rng.choices(list(shares), list(shares.values()))[0]
    # GoSend is same-city only.
    if courier == "GoSend" and customer.city.zone != "bandung":
        return "J&T Express"
    return courier


def _items(
    rng: random.Random, catalog: list[DemoProduct], customer: DemoCustomer
) -> list[tuple[DemoProduct, int]]:
    lines = rng.choices((1, 2, 3, 4), (50, 30, 13, 7))[0]
    weights = [product.popularity for product in catalog]
    chosen: dict[str, tuple[DemoProduct, int]] = {}
    for product in rng.choices(catalog, weights, k=lines):
        if customer.reseller:
            quantity = rng.randint(3, 12)
        else:
            quantity = rng.choices((1, 2, 3), (80, 16, 4))[0]
        chosen.setdefault(product.sku, (product, quantity))
    return list(chosen.values())


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choices(string.digits, k=count))


def _order_no(
    rng: random.Random,
    order: DemoOrder,
    manual_seq: dict[int, int],
    taken: set[tuple[str, str]],
) -> str:
    local = fmt.to_local(order.ordered_at)
    while True:
        if order.marketplace == "shopee":
            tail = "".join(rng.choices(string.ascii_uppercase + string.digits, k=8))
            number = f"{local:%y%m%d}{tail}"
        elif order.marketplace == "tiktok":
            number = "57" + _digits(rng, 16)
        elif order.marketplace == "tokopedia":
            number = f"INV/{local:%Y%m%d}/MPL/{_digits(rng, 10)}"
        elif order.marketplace == "lazada":
            number = rng.choice("345678") + _digits(rng, 14)
        else:
            manual_seq[local.year] = manual_seq.get(local.year, 0) + 1
            number = f"WA-{local.year}-{manual_seq[local.year]:04d}"
        key = (order.marketplace, number)
        if key not in taken:
            taken.add(key)
            return number


def order_rows(rng: random.Random, orders: list[DemoOrder]) -> Iterator[dict[str, object]]:
    for order in orders:
        customer = order.customer
        status_index = _RAW_ORDER.index(order.status)
        raw = RAW_STATUS.get(order.marketplace)
        yield {
            "id": order.id,
            "created_at": order.ordered_at,
            "updated_at": order.completed_at or order.anchor,
            "marketplace": order.marketplace,
            "order_no": order.order_no,
            "customer": customer.id,
            "status": order.status,
            "raw_status": raw[status_index] if raw else ORDER_STATUS_LABELS[order.status],
            "ordered_at": order.ordered_at,
            "paid_at": order.paid_at,
            "ship_by": order.ship_by,
            "shipped_at": order.shipped_at,
            "completed_at": order.completed_at,
            "buyer_name": customer.name,
            "buyer_username": (
                customer.whatsapp_name if order.marketplace == "manual" else customer.handle
            ),
            "courier": order.courier,
            "service": COURIERS[order.courier][0],
            "tracking_no": order.tracking_no,
            "recipient": customer.name,
            "phone": _order_phone(order.marketplace, customer.phone),
            "address": customer.address,
            "city": customer.city.name,
            "province": customer.city.province,
            "buyer_note": rng.choice(BUYER_NOTES) if rng.random() < 0.2 else "",
            "seller_note": (
                SELLER_NOTES[1]
                if customer.reseller
                else rng.choice(SELLER_NOTES)
                if rng.random() < 0.05
                else ""
            ),  # fmt: skip
            "payment_method": rng.choice(PAYMENT_METHODS[order.marketplace]),
            "shipping_fee": order.shipping_fee,
            "total": order.total,
            "printed_at": order.shipped_at - HOUR if order.shipped_at else None,
        }


def _order_phone(marketplace: str, phone: str) -> str:
    """Shopee and TikTok exports mask the buyer's phone; the others give it whole."""
    if marketplace == "shopee":
        return f"(+62){phone[1:4]}******{phone[-2:]}"
    if marketplace == "tiktok":
        return f"(+62){phone[1:2]}*******{phone[-2:]}"
    if marketplace in ("tokopedia", "lazada"):
        return "62" + phone[1:]
    return phone


def item_rows(orders: list[DemoOrder]) -> Iterator[dict[str, object]]:
    for order in orders:
        for product, quantity in order.items:
            yield {
                "order": order.id,
                "sku": product.sku,
                "product": product.name,
                "variant": product.variant,
                "quantity": quantity,
                "unit_price": product.price,
                "subtotal": product.price * quantity,
            }


def event_rows(orders: list[DemoOrder], admins: list[str]) -> Iterator[dict[str, object]]:
    for order in orders:
        if order.marketplace == "manual":
            kind, author = "created", admins[order.id % len(admins)]
            detail = "Dibuat dari chat WhatsApp"
        else:
            kind, author = "imported", ""
            detail = f"Diimpor dari ekspor pesanan {MARKETPLACE_LABELS[order.marketplace]}"
        yield {"order": order.id, "at": order.ordered_at, "kind": kind, "author": author,
               "detail": detail}  # fmt: skip


def insert_orders(rng: random.Random, orders: list[DemoOrder], admins: list[str]) -> int:
    """Orders, then their items and events; returns the number of items."""
    with replayed_insert_triggers(Order, orders[0].id):
        insert_rows(Order, order_rows(rng, orders))
    with replayed_insert_triggers(OrderItem, next_id(OrderItem)):
        items = insert_rows(OrderItem, item_rows(orders))
    insert_rows(OrderEvent, event_rows(orders, admins))
    return items
