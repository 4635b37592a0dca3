"""Fill the open database with a believable Indonesian shop so every panel has content:
"Hijab Ayu Collection" in Bandung, its admins, products, customers, orders on every
marketplace, chats, complaints and quick replies.

Everything happens in one transaction: a cancelled or failed run leaves the database exactly as
it was. Names and order numbers depend only on `seed` (and the day, for the dates inside order
numbers); times are relative to `now`, so "late" and "due today" stay true whenever it runs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from csdesk.errors import CsdeskError, ValidationError
from csdesk.models import Order, database_proxy, utcnow
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.demo_bulk import next_id
from csdesk.services.demo_catalog import (
    ADMIN,
    OWNER,
    insert_faq,
    insert_products,
    insert_users,
    products,
    write_shop_settings,
)
from csdesk.services.demo_chats import make_conversations
from csdesk.services.demo_complaints import make_complaints
from csdesk.services.demo_follow_ups import make_follow_ups
from csdesk.services.demo_orders import insert_orders, make_orders
from csdesk.services.demo_people import insert_customers, insert_identities, make_customers
from csdesk.services.templates_default import install_default_templates

# Orders are written in chunks so a 100,000-order run reports progress and can be cancelled.
ORDER_CHUNK = 10_000
# Phases besides the order chunks: shop, customers, figures+identities, chats, complaints,
# templates.
OTHER_PHASES = 6


@dataclass
class DemoSummary:
    """What the demo added (counts of new rows)."""

    users: int
    products: int
    faq: int
    customers: int
    orders: int
    order_items: int
    conversations: int
    messages: int
    complaints: int
    templates: int


class DemoCancelled(CsdeskError):
    def __init__(self) -> None:
        super().__init__("Pengisian data contoh dibatalkan")


class DatabaseNotEmptyError(CsdeskError):
    """The database already has orders: demo data would mix with the shop's own."""


def generate_demo(
    orders: int = 1000,
    *,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    force: bool = False,
    now: dt.datetime | None = None,
) -> DemoSummary:
    """Add the demo shop with `orders` orders to the current database (see module doc).

    Refuses a database that already has orders unless `force`. `progress(done, total)` is
    called after each phase; `is_cancelled()` is asked between phases and a cancelled run
    raises DemoCancelled with nothing written. `now` (naive UTC) defaults to the clock.
    """
    if orders < 1:
        raise ValidationError("Jumlah pesanan contoh minimal 1")
    if not force and Order.select().exists():
        raise DatabaseNotEmptyError(
            "Database ini sudah berisi pesanan; data contoh hanya diisi ke database yang "
            "masih kosong"
        )
    now = (now or utcnow()).replace(microsecond=0)
    rng = random.Random(seed)
    chunks = -(-orders // ORDER_CHUNK)
    total = OTHER_PHASES + chunks
    done = 0

    def phase_done() -> None:
        nonlocal done
        if is_cancelled is not None and is_cancelled():
            raise DemoCancelled()
        done += 1
        if progress is not None:
            progress(done, total)

    if is_cancelled is not None and is_cancelled():
        raise DemoCancelled()
    if progress is not None:
        progress(0, total)
    with database_proxy.atomic():
        shop = write_shop_settings()
        admins = insert_users()
        catalog = products()
        stock = [0 if rng.random() < 0.1 else rng.randint(3, 120) for _ in catalog]
        new_products = insert_products(catalog, stock)
        faq = insert_faq()
        phase_done()

        customers = make_customers(rng, max(10, orders // 5))
        insert_customers(rng, customers)
        phase_done()

        taken = {(row.marketplace, row.order_no) for row in Order.select(
            Order.marketplace, Order.order_no
        )}  # fmt: skip
        demo_orders = make_orders(rng, customers, catalog, orders, next_id(Order), now, taken)
        items = 0
        for start in range(0, orders, ORDER_CHUNK):
            chunk = demo_orders[start : start + ORDER_CHUNK]
            items += insert_orders(rng, chunk, [OWNER, ADMIN])
            phase_done()

        refresh_customers([customer.id for customer in customers])
        insert_identities(rng, customers)
        phase_done()

        chats = make_conversations(
            rng, max(12, orders * 6 // 100), customers, demo_orders, catalog, admins, shop, now
        )
        phase_done()

        complaints = make_complaints(
            rng, max(10, orders // 40), demo_orders, chats.complaints, admins, now
        )
        phase_done()

        templates = install_default_templates()
        make_follow_ups(rng, demo_orders, OWNER, now)
        phase_done()
    return DemoSummary(
        users=len(admins),
        products=new_products,
        faq=faq,
        customers=len(customers),
        orders=len(demo_orders),
        order_items=items,
        conversations=chats.conversations,
        messages=chats.messages,
        complaints=complaints,
        templates=templates,
    )
