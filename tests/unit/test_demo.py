from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from csdesk.models import (
    Complaint,
    ComplaintEvent,
    Conversation,
    Customer,
    CustomerIdentity,
    FaqEntry,
    Message,
    Order,
    OrderItem,
    Product,
    Setting,
    Template,
    User,
    schema,
    utcnow,
)
from csdesk.models import db as dbmod
from csdesk.models.complaints import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES
from csdesk.models.orders import MARKETPLACES, NON_REVENUE_STATUSES
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.demo import (
    DatabaseNotEmptyError,
    DemoCancelled,
    DemoSummary,
    generate_demo,
)
from csdesk.services.templates_default import DEFAULT_TEMPLATES

NOW = utcnow().replace(microsecond=0)
ORDER_STATUSES = {"unpaid", "to_ship", "shipped", "delivered", "completed", "cancelled", "returned"}


@pytest.fixture
def demo(db: object) -> DemoSummary:
    return generate_demo(1000, now=NOW)


def test_every_panel_gets_content(demo: DemoSummary) -> None:
    assert Order.select().count() == demo.orders == 1000
    assert Customer.select().count() == demo.customers >= 150
    assert Conversation.select().count() == demo.conversations >= 40
    assert Message.select().count() == demo.messages
    assert Complaint.select().count() == demo.complaints >= 20
    assert OrderItem.select().count() == demo.order_items
    assert Product.select().count() >= 35 and FaqEntry.select().count() >= 8
    assert Template.select().count() == len(DEFAULT_TEMPLATES) == demo.templates
    assert {(u.name, u.role) for u in User.select()} == {("Ayu", "owner"), ("Rina", "admin")}
    assert {o.status for o in Order.select(Order.status)} == ORDER_STATUSES
    assert {o.marketplace for o in Order.select(Order.marketplace)} == set(MARKETPLACES)


def test_shop_profile_and_bank_accounts(demo: DemoSummary) -> None:
    shop = shop_settings.load()
    assert shop.shop_name == "Hijab Ayu Collection"
    assert shop.shop_city == "Bandung"
    assert [a.bank for a in shop.bank_accounts] == ["BCA", "BSI", "Mandiri"]
    assert "Hijab Ayu" in shop.whatsapp_names
    asked = Message.select().where(Message.body.contains("BCA 7310246891")).count()
    assert asked > 0


def test_order_totals_are_items_plus_shipping(demo: DemoSummary) -> None:
    items = Counter[int]()
    for item in OrderItem.select():
        assert item.subtotal == item.quantity * item.unit_price
        assert 25_000 <= item.unit_price <= 350_000
        items[item.order_id] += item.subtotal
    for order in Order.select():
        assert 1 <= len(order.items) <= 4
        assert order.total == items[order.id] + order.shipping_fee, order.order_no
        assert order.shipping_fee > 0


def test_orders_look_like_their_marketplace(demo: DemoSummary) -> None:
    patterns = {
        "shopee": r"\d{6}[A-Z0-9]{8}",
        "tiktok": r"\d{18}",
        "tokopedia": r"INV/\d{8}/MPL/\d{10}",
        "lazada": r"\d{15}",
        "manual": r"WA-\d{4}-\d{4}",
    }
    waiting_with_resi = 0
    for order in Order.select():
        assert re.fullmatch(patterns[order.marketplace], order.order_no), order.order_no
        assert order.buyer_name and order.buyer_username and order.city and order.province
        shipped = order.status in ("shipped", "delivered", "completed", "returned")
        if order.status == "to_ship" and order.marketplace != "manual":
            # The marketplace gave most of these a resi already (pickup arranged).
            waiting_with_resi += bool(order.tracking_no)
        else:
            assert bool(order.tracking_no) == shipped, order.order_no
        assert order.ordered_at >= NOW - dt.timedelta(days=121)
        assert order.events.count() == 1
    assert waiting_with_resi > 0
    couriers = {o.courier for o in Order.select(Order.courier).distinct()}
    assert {"J&T Express", "JNE", "SiCepat", "SPX Express", "AnterAja", "Ninja Xpress"} <= couriers


def test_some_orders_are_late_and_some_due_today(demo: DemoSummary) -> None:
    to_ship = list(Order.select().where(Order.status == "to_ship"))
    late = [o for o in to_ship if o.ship_by < NOW]
    today = fmt.to_local(NOW).date()
    due_today = [o for o in to_ship if o.ship_by >= NOW and fmt.to_local(o.ship_by).date() == today]
    assert len(late) >= 3
    assert len(due_today) >= 3


def test_customer_figures_match_their_orders(demo: DemoSummary) -> None:
    expected: dict[int, list[int]] = {}
    for order in Order.select():
        counted = expected.setdefault(order.customer_id, [0, 0])
        counted[0] += 1
        if order.status not in NON_REVENUE_STATUSES:
            counted[1] += order.total
    for customer in Customer.select():
        count, value = expected.get(customer.id, [0, 0])
        assert (customer.order_count, customer.lifetime_value) == (count, value), customer.name
    counts = [figures[0] for figures in expected.values()]
    assert sum(1 for c in counts if c >= 3) >= 10  # loyal customers
    assert 1 in counts  # and one-time buyers
    tagged = Customer.select().where(Customer.tags.contains("langganan")).count()
    assert tagged > 0 and Customer.select().where(Customer.nickname != "").count() > 100


def test_identities_are_normalized_and_match_orders(demo: DemoSummary) -> None:
    phones = list(CustomerIdentity.select().where(CustomerIdentity.kind == "phone"))
    assert len(phones) == Customer.select().count()
    assert all(re.fullmatch(r"\+62\d{9,12}", p.normalized) for p in phones)
    handles = {
        (i.customer_id, i.marketplace, i.value)
        for i in CustomerIdentity.select().where(CustomerIdentity.kind == "marketplace")
    }
    for order in Order.select().where(Order.marketplace != "manual"):
        assert (order.customer_id, order.marketplace, order.buyer_username) in handles
    kinds = {i.kind for i in CustomerIdentity.select(CustomerIdentity.kind).distinct()}
    assert kinds == {"phone", "marketplace", "whatsapp", "email"}


def test_search_finds_a_demo_tracking_number(demo: DemoSummary, db: object) -> None:
    order = Order.select().where(Order.status == "shipped").order_by(Order.id).first()
    rows = db.execute_sql(  # type: ignore[attr-defined]
        "SELECT rowid FROM order_search WHERE order_search MATCH ?", (f'"{order.tracking_no}"',)
    ).fetchall()
    assert rows == [(order.id,)]
    indexed = db.execute_sql("SELECT count(*) FROM order_search").fetchone()  # type: ignore[attr-defined]
    assert indexed == (1000,)

    # The index keeps working for orders added after the demo.
    later = Order.create(
        marketplace="manual", order_no="WA-2099-0001", status="to_ship", ordered_at=NOW,
        tracking_no="JP9999999999",
    )  # fmt: skip
    found = db.execute_sql(  # type: ignore[attr-defined]
        "SELECT rowid FROM order_search WHERE order_search MATCH ?", ('"JP9999999999"',)
    ).fetchall()
    assert found == [(later.id,)]


def test_conversations_wait_answer_and_close(demo: DemoSummary) -> None:
    conversations = list(Conversation.select())
    assert {c.status for c in conversations} == {"open", "pending", "snoozed", "closed"}
    assert {"whatsapp", "instagram", "shopee", "tokopedia", "tiktok"} <= {
        c.channel for c in conversations
    }
    waiting = [c for c in conversations if c.waiting_since is not None]
    assert len(waiting) >= 5
    assert any(c.first_response_due < NOW for c in waiting)
    assert any(c.first_response_due > NOW for c in waiting)
    assert any(c.order_id is not None for c in conversations)
    assert any(c.assignee_id is not None for c in conversations)
    for conv in conversations:
        messages = list(conv.messages.order_by(Message.sent_at))
        assert 3 <= len(messages) == conv.message_count <= 15
        spoken = [m for m in messages if m.direction != "note"]
        assert conv.last_message_at == spoken[-1].sent_at
        assert conv.last_message_at <= NOW
        if conv.waiting_since is not None:
            assert spoken[-1].direction == "in" and conv.status == "open"
        if conv.status in ("pending", "closed"):
            assert conv.waiting_since is None
        assert "{" not in "".join(m.body for m in messages)
    assert Message.select().where(Message.direction == "note").count() > 0
    greeting = Message.select().where(Message.body.contains("kak")).count()
    assert greeting > Message.select().count() / 3


def test_complaints_cover_every_category_and_status(demo: DemoSummary) -> None:
    complaints = list(Complaint.select())
    assert {c.category for c in complaints} == set(COMPLAINT_CATEGORIES)
    assert {c.status for c in complaints} == set(COMPLAINT_STATUSES)
    codes = [c.code for c in complaints]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"KL-\d{4}-\d{4}", code) for code in codes)
    open_ones = [c for c in complaints if c.status not in ("resolved", "rejected")]
    assert any(c.due_at < NOW for c in open_ones)
    today = fmt.to_local(NOW).date()
    assert any(c.due_at >= NOW and fmt.to_local(c.due_at).date() == today for c in open_ones)
    assert any(c.conversation_id is not None for c in complaints)
    for complaint in complaints:
        assert complaint.customer_id == complaint.order.customer_id
        events = list(complaint.events.order_by(ComplaintEvent.at, ComplaintEvent.id))
        assert events[0].kind == "created" and events[0].author
        if complaint.status in ("resolved", "rejected"):
            assert complaint.resolution and complaint.resolved_at is not None
            assert events[-1].kind in ("resolution", "note")
        else:
            assert complaint.resolution == "" and complaint.resolved_at is None
    refunded = [c for c in complaints if c.resolution in ("refund", "partial_refund")]
    assert refunded and all(0 < c.refund_amount <= c.order.total for c in refunded)


def test_cancelled_run_leaves_the_database_empty(db: object) -> None:
    asked = []

    def is_cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3  # stop after the orders were written

    with pytest.raises(DemoCancelled, match="dibatalkan"):
        generate_demo(300, is_cancelled=is_cancelled, now=NOW)
    for model in (Order, OrderItem, Customer, CustomerIdentity, User, Product, Setting, Template):
        assert model.select().count() == 0, model.__name__
    assert db.execute_sql("SELECT count(*) FROM order_search").fetchone() == (0,)  # type: ignore[attr-defined]
    triggers = db.execute_sql(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'orders'"
    ).fetchall()
    assert {"order_search_ai", "order_search_au", "order_search_ad"} == {t[0] for t in triggers}


def test_progress_reaches_the_total(db: object) -> None:
    calls: list[tuple[int, int]] = []
    generate_demo(200, progress=lambda done, total: calls.append((done, total)), now=NOW)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_second_run_refuses_unless_forced(db: object) -> None:
    generate_demo(100, now=NOW)
    shop = shop_settings.load()
    shop.shop_name = "Toko Sendiri"
    shop_settings.save(shop)
    with pytest.raises(DatabaseNotEmptyError, match="sudah berisi pesanan"):
        generate_demo(100, now=NOW)
    assert Order.select().count() == 100

    summary = generate_demo(100, now=NOW, force=True)
    assert summary.orders == 100 and summary.templates == 0 and summary.products == 0
    assert Order.select().count() == 200
    assert User.select().count() == 2
    assert shop_settings.load().shop_name == "Toko Sendiri"
    codes = [c.code for c in Complaint.select()]
    assert len(set(codes)) == len(codes)


def _snapshot() -> tuple[list[str], list[str]]:
    orders = [o.order_no for o in Order.select().order_by(Order.id)]
    names = [c.name for c in Customer.select().order_by(Customer.id)]
    return orders, names


def test_same_seed_same_shop(db: object, tmp_path: Path) -> None:
    generate_demo(300, seed=11, now=NOW)
    first = _snapshot()
    other = dbmod.connect(str(tmp_path / "other.sqlite"))
    schema.migrate(other)
    try:
        generate_demo(300, seed=11, now=NOW)
        assert _snapshot() == first
    finally:
        other.close()
    third = dbmod.connect(str(tmp_path / "third.sqlite"))
    schema.migrate(third)
    try:
        generate_demo(300, seed=12, now=NOW)
        assert _snapshot()[0] != first[0]
    finally:
        third.close()
