"""One conversation: the thread, who the customer is (recent orders, open complaints), and the
admin's actions: close/reopen, snooze, assign, internal note, and a reply copied to the
clipboard for WhatsApp/the marketplace chat and logged as the shop's answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import conversations, details, fmt, settings, templates
from csdesk.services.labels import CHANNEL_LABELS, CONVERSATION_STATUS_LABELS, label
from csdesk.ui.panels.conversation_thread import ReplyBox, ThreadView
from csdesk.ui.panels.detail_parts import ComplaintTable, CustomerCard, OrderTable
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.widgets.card import Badge, heading_label, muted_label
from csdesk.ui.widgets.fields import copy_to_clipboard

THREAD_MIN_HEIGHT = 160
RELATED_MAX_HEIGHT = 240


class ConversationDetailView(DetailView):
    empty_icon = "fa5s.comments"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Pilih percakapan di daftar untuk membaca dan membalasnya"), parent
        )
        self.detail: details.ConversationDetail | None = None
        self.zone = "WIB"

        head = QHBoxLayout()
        self.title = heading_label()
        self.title.setObjectName("conversationTitle")
        self.channel = Badge()
        self.status = Badge()
        head.addWidget(self.title, 1)
        head.addWidget(self.channel, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(head)

        info = QHBoxLayout()
        self.subtitle = muted_label()
        self.assignee = QComboBox()
        self.assignee.setToolTip(self.tr("Admin yang menangani percakapan ini"))
        self.assignee.activated.connect(self._on_assign)
        info.addWidget(self.subtitle, 1)
        info.addWidget(muted_label(self.tr("Ditangani")))
        info.addWidget(self.assignee)
        self.content.addLayout(info)

        actions = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setToolTip(self.tr("Tandai selesai (Ctrl+Shift+T)"))
        self.close_button.clicked.connect(self.toggle_closed)
        self.snooze_button = QPushButton(self.tr("Tunda sampai besok"))
        self.snooze_button.setToolTip(self.tr("Muncul lagi besok pukul 08.00"))
        self.snooze_button.clicked.connect(self.snooze)
        self.note_button = QPushButton(self.tr("Catatan internal"))
        self.note_button.setToolTip(self.tr("Catatan yang hanya terlihat oleh admin"))
        self.note_button.clicked.connect(self.ask_note)
        actions.addWidget(self.close_button)
        actions.addWidget(self.snooze_button)
        actions.addWidget(self.note_button)
        actions.addStretch(1)
        self.content.addLayout(actions)

        # The customer sits above the thread, not beside it: beside it, at the widths the
        # Inbox gives this pane, the card was squeezed unreadable. Their orders and
        # complaints fold away so the thread keeps the height.
        self.customer_card = CustomerCard()
        self.customer_card.open_customer.connect(lambda cid: self.open_record.emit("customer", cid))
        self.related_toggle = QToolButton()
        self.related_toggle.setCheckable(True)
        self.related_toggle.setAutoRaise(True)
        self.related_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.related_toggle.toggled.connect(self._show_related)
        self.customer_card.add_header_widget(self.related_toggle)
        self.related = QWidget()
        related_layout = QVBoxLayout(self.related)
        related_layout.setContentsMargins(0, 0, 0, 0)
        self.orders_title = muted_label(self.tr("Pesanan terakhir"))
        self.orders = OrderTable()
        self.orders.activated_id.connect(lambda oid: self.open_record.emit("order", oid))
        self.no_orders = muted_label(self.tr("Belum ada pesanan."))
        self.complaints_title = muted_label(self.tr("Komplain terbuka"))
        self.complaints = ComplaintTable()
        self.complaints.activated_id.connect(lambda cid: self.open_record.emit("complaint", cid))
        for widget in (
            self.orders_title,
            self.orders,
            self.no_orders,
            self.complaints_title,
            self.complaints,
        ):
            related_layout.addWidget(widget)
        self.related_scroll = QScrollArea()
        self.related_scroll.setWidgetResizable(True)
        self.related_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.related_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.related_scroll.setMaximumHeight(RELATED_MAX_HEIGHT)
        self.related_scroll.setWidget(self.related)
        self.related_scroll.hide()
        self.customer_card.add(self.related_scroll)
        self.content.addWidget(self.customer_card)

        # The thread scrolls by itself, so the reply box stays in view under a long chat.
        self.thread = ThreadView()
        self.thread_scroll = QScrollArea()
        self.thread_scroll.setObjectName("threadScroll")
        self.thread_scroll.setWidgetResizable(True)
        self.thread_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.thread_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thread_scroll.setMinimumHeight(THREAD_MIN_HEIGHT)
        # Its height is whatever the pane has left; a preferred height (the whole thread)
        # would make the pane itself scroll and push the reply box out of view.
        self.thread_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.thread_scroll.setWidget(self.thread)
        bar = self.thread_scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_latest_in_view)
        # Scrolled up to read older messages: stay there when the pane is resized.
        bar.valueChanged.connect(
            lambda value: setattr(self, "_follow_latest", value >= bar.maximum())
        )
        self._follow_latest = True
        self.content.addWidget(self.thread_scroll, 1)
        self.reply = ReplyBox()
        self.reply.send_requested.connect(self.copy_and_log)
        self.content.addWidget(self.reply)

        QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.toggle_closed)

    def load(self, record_id: int) -> None:
        d = details.conversation_detail(record_id)
        shop = settings.load()
        self.zone = shop.zone
        self.detail = d
        customer = d.customer
        self.title.setText(customer.name if customer else (d.title or self.tr("Tanpa nama")))
        self.channel.set_status(d.channel, label(CHANNEL_LABELS, d.channel))
        self.status.set_status(d.status, label(CONVERSATION_STATUS_LABELS, d.status))
        parts = [self.tr("%d pesan") % d.message_count]
        if d.waiting_since is not None:
            waited = fmt.duration((utcnow() - d.waiting_since).total_seconds())
            parts.append(self.tr("menunggu balasan %s") % waited)
        if d.status == "snoozed" and d.snoozed_until is not None:
            parts.append(
                self.tr("ditunda sampai %s") % fmt.datetime_long(d.snoozed_until, self.zone)
            )
        self.subtitle.setText(" · ".join(parts))

        closed = d.status == "closed"
        self.close_button.setText(self.tr("Buka lagi") if closed else self.tr("Tutup"))
        self.snooze_button.setEnabled(not closed)
        self.assignee.clear()
        self.assignee.addItem(self.tr("Belum ditugaskan"), None)
        for user in conversations.list_users():
            self.assignee.addItem(user.name, user.id)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(d.assignee_id)))

        self._follow_latest = True
        self.thread.set_messages(d.messages, self.zone, older_hidden=d.earlier_messages)
        self.reply.set_context(
            templates.context_for(
                customer_id=customer.id if customer else None, order_id=d.order_id
            )
        )
        self.customer_card.set_customer(customer, d.title)
        self.orders.set_orders(d.recent_orders, self.zone)
        self.no_orders.setVisible(not d.recent_orders)
        self.complaints.set_complaints(d.open_complaints, self.zone, utcnow())
        self.complaints_title.setVisible(bool(d.open_complaints))
        parts = [self.tr("Pesanan (%d)") % len(d.recent_orders)]
        if d.open_complaints:
            parts.append(self.tr("Komplain (%d)") % len(d.open_complaints))
        self.related_toggle.setText(" · ".join(parts))
        self._show_related(self.related_toggle.isChecked())

    def _show_related(self, shown: bool) -> None:
        self.related_scroll.setVisible(shown)
        self.related_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.related_toggle.setToolTip(
            self.tr("Sembunyikan pesanan dan komplain")
            if shown
            else self.tr("Tampilkan pesanan terakhir dan komplain terbuka")
        )

    def _keep_latest_in_view(self, _minimum: int, maximum: int) -> None:
        # A conversation opens at its newest message, where the admin answers.
        if self._follow_latest:
            self.thread_scroll.verticalScrollBar().setValue(maximum)

    # --- actions --------------------------------------------------------------------------

    def toggle_closed(self) -> None:
        d = self.detail
        if d is None or self.current_id is None:
            return
        status = "open" if d.status == "closed" else "closed"
        self.run_action(
            lambda: conversations.set_status(
                d.id, status, author=self.author, expected_version=d.version
            )
        )

    def snooze(self) -> None:
        d = self.detail
        if d is None:
            return
        until = conversations.snooze_until_tomorrow(utcnow(), self.zone)
        self.run_action(
            lambda: conversations.set_status(
                d.id, "snoozed", author=self.author, expected_version=d.version, snoozed_until=until
            )
        )

    def _on_assign(self, index: int) -> None:
        d = self.detail
        if d is None:
            return
        user_id = self.assignee.itemData(index)
        if user_id == d.assignee_id:
            return
        self.run_action(
            lambda: conversations.assign(
                d.id, user_id, expected_version=d.version, author=self.author
            )
        )

    def ask_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Catatan internal"), self.tr("Hanya terlihat oleh admin:")
        )
        if ok:
            self.add_note(text)

    def add_note(self, text: str) -> None:
        d = self.detail
        if d is not None:
            self.run_action(lambda: conversations.add_note(d.id, text, self.author))

    def copy_and_log(self, text: str) -> None:
        d = self.detail
        if d is None:
            return
        copy_to_clipboard(text)
        if self.run_action(lambda: conversations.log_reply(d.id, text, self.author)):
            self.reply.clear()
