"""Detail panes fit the width the list panels give them: nothing cut off on the right, no
sideways scrolling, and the Inbox reply box in view under a long thread."""

from __future__ import annotations

import pytest
from peewee import fn
from pytestqt.qtbot import QtBot

from csdesk.models import Complaint, Conversation, Customer, Message, Order, OrderItem
from csdesk.services.demo import generate_demo
from csdesk.ui.panels.complaint_detail import ComplaintDetailView
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.panels.customer_detail import CustomerDetailView
from csdesk.ui.panels.detail_parts import RecordTable
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.panels.order_detail import OrderDetailView
from csdesk.ui.widgets.list_panel import DETAIL_MIN_WIDTH

PANE_WIDTH = 460  # the Pesanan/Pelanggan detail pane in a 1280×800 window


@pytest.fixture
def demo(db: object) -> None:
    generate_demo(300, seed=5)


def longest_order(marketplace: str) -> int:
    return (
        Order.select(Order.id)
        .where(Order.marketplace == marketplace)
        .order_by(fn.LENGTH(Order.order_no).desc(), Order.id)
        .first()
        .id
    )


def busiest(model, field) -> int:  # noqa: ANN001 - a peewee model and its counter
    return model.select(model.id).order_by(field.desc(), model.id).first().id


def shown(view: DetailView, record_id: int, qtbot: QtBot, width: int = PANE_WIDTH) -> None:
    qtbot.addWidget(view)
    view.resize(width, 760)
    view.show()
    view.show_id(record_id)
    qtbot.waitUntil(lambda: view.scroll.widget().width() > 0)


def assert_fits(view: DetailView) -> None:
    page = view.scroll.widget()
    assert page.minimumSizeHint().width() <= DETAIL_MIN_WIDTH
    assert page.width() <= view.scroll.viewport().width()
    for table in page.findChildren(RecordTable):
        if table.isVisibleTo(page) and table.rowCount():
            columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
            assert columns <= table.viewport().width(), type(table).__name__


@pytest.mark.parametrize("marketplace", ["tiktok", "tokopedia", "shopee"])
def test_order_detail_fits_with_long_order_numbers(
    demo: None, qtbot: QtBot, marketplace: str
) -> None:
    view = OrderDetailView()
    shown(view, longest_order(marketplace), qtbot)
    assert_fits(view)
    assert view.status.text()  # the status badge is whole, on its own line


def test_order_items_keep_quantities_and_prices_whole(demo: None, qtbot: QtBot) -> None:
    busiest_order = (
        OrderItem.select(OrderItem.order)
        .group_by(OrderItem.order)
        .order_by(fn.COUNT(OrderItem.id).desc())
        .first()
        .order_id
    )
    view = OrderDetailView()
    shown(view, busiest_order, qtbot)
    assert_fits(view)
    items = view.items
    for column in (2, 3, 4):  # Qty, Harga, Subtotal
        assert items.columnWidth(column) >= items.sizeHintForColumn(column)


def test_customer_detail_fits_with_many_orders(demo: None, qtbot: QtBot) -> None:
    view = CustomerDetailView()
    shown(view, busiest(Customer, Customer.order_count), qtbot)
    assert_fits(view)
    status = 2
    assert view.orders.columnWidth(status) >= view.orders.sizeHintForColumn(status)


def test_complaint_detail_fits(demo: None, qtbot: QtBot) -> None:
    view = ComplaintDetailView()
    shown(view, Complaint.select(Complaint.id).first().id, qtbot)
    assert_fits(view)


def test_complaint_about_a_tokopedia_order_fits(demo: None, qtbot: QtBot) -> None:
    """An INV/…/MPL/… number is the longest order number a complaint links to."""
    tokopedia = Complaint.select(Complaint.id).join(Order).where(Order.marketplace == "tokopedia")
    view = ComplaintDetailView()
    shown(view, tokopedia.first().id, qtbot, width=DETAIL_MIN_WIDTH)
    assert view.order_link.text().startswith("Pesanan INV/")
    assert_fits(view)


def test_conversation_fits_and_keeps_the_reply_box_in_view(demo: None, qtbot: QtBot) -> None:
    conv = busiest(Conversation, Conversation.message_count)
    for n in range(40):
        Message.create(
            conversation=conv,
            direction="in" if n % 2 else "out",
            author="Ayu",
            sent_at=Message.select(fn.MAX(Message.sent_at)).scalar(),
            body=f"Pesan panjang nomor {n} tentang ukuran, warna dan ongkos kirim ke Medan",
        )
    view = ConversationDetailView()
    shown(view, conv, qtbot, width=DETAIL_MIN_WIDTH)
    assert_fits(view)
    # The pane itself does not scroll: the thread does, and the reply box stays on screen.
    assert view.scroll.verticalScrollBar().maximum() == 0
    assert view.thread_scroll.verticalScrollBar().maximum() > 0
    bottom = view.reply.send_button.mapTo(view, view.reply.send_button.rect().bottomLeft())
    assert bottom.y() <= view.height()
    # It opens at the newest message.
    bar = view.thread_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())


def test_conversation_customer_orders_fold_out(demo: None, qtbot: QtBot) -> None:
    view = ConversationDetailView()
    shown(view, busiest(Conversation, Conversation.message_count), qtbot)
    assert view.related_scroll.isHidden()
    view.related_toggle.click()
    assert not view.related_scroll.isHidden()
    assert view.related_toggle.text().startswith("Pesanan (")
    assert_fits(view)


def test_list_columns_fit_long_order_numbers_and_money(demo: None, qtbot: QtBot) -> None:
    from csdesk.ui.panels.customers import CustomersPanel
    from csdesk.ui.panels.orders import OrdersPanel

    orders = OrdersPanel()
    qtbot.addWidget(orders)
    metrics = orders.table.fontMetrics()
    for text in ("INV/20261123/MPL/1234567890", "576474809305326056"):
        assert orders.table.columnWidth(0) >= metrics.horizontalAdvance(text) + 12
    customers = CustomersPanel()
    qtbot.addWidget(customers)
    spend = customers.model.column_of("lifetime_value")
    assert spend is not None
    assert customers.table.columnWidth(spend) >= metrics.horizontalAdvance("Rp99.999.999") + 12
