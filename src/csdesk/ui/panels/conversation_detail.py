"""One conversation: the thread, who the customer is (recent orders, open complaints), the
order the chat is about, and the admin's actions: close/reopen, snooze, assign, internal note,
link an order or write a manual one, and a reply copied to the clipboard for WhatsApp/the
marketplace chat and logged as the shop's answer.

Keys (window-wide while the Inbox shows; each button's tooltip names its key):
Ctrl+Shift+C close/reopen, Ctrl+Shift+S snooze until tomorrow, Ctrl+Shift+I internal note,
Ctrl+Shift+A assign, Ctrl+Shift+L link an order, Ctrl+Shift+N manual order, Ctrl+Shift+K open
a complaint from the chat.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import conversations, details, details_conversations, fmt, settings
from csdesk.services.labels import CHANNEL_LABELS, CONVERSATION_STATUS_LABELS, label
from csdesk.ui.dialogs.link_order import LinkOrderDialog
from csdesk.ui.dialogs.manual_order import ManualOrderDialog
from csdesk.ui.panels.conversation_thread import ThreadView
from csdesk.ui.panels.detail_parts import ComplaintTable, CustomerCard, OrderTable
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.panels.reply_composer import ReplyComposer
from csdesk.ui.widgets.card import Badge, LinkButton, heading_label, muted_label
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

        # The order this chat is about: opens on click; "Lepas" unties it.
        linked = QHBoxLayout()
        self.linked_caption = muted_label(self.tr("Pesanan terkait"))
        self.linked_order = LinkButton("", self)
        self.linked_order.setObjectName("linkedOrder")
        self.linked_order.setToolTip(self.tr("Buka pesanan ini"))
        self.linked_order.clicked.connect(self._open_linked_order)
        self.unlink_button = LinkButton(self.tr("Lepas tautan"), self)
        self.unlink_button.setToolTip(self.tr("Percakapan ini bukan tentang pesanan itu"))
        self.unlink_button.clicked.connect(self.unlink_order)
        # Caption and "Lepas tautan" above, the order on a line of its own: a Tokopedia
        # INV/… number beside both pushed the pane wider than the narrowest splitter.
        linked.addWidget(self.linked_caption)
        linked.addStretch(1)
        linked.addWidget(self.unlink_button)
        linked.setContentsMargins(0, 0, 0, 0)
        linked_box = QVBoxLayout()
        linked_box.setContentsMargins(0, 0, 0, 0)
        linked_box.setSpacing(0)
        linked_box.addLayout(linked)
        linked_box.addWidget(self.linked_order, 0, Qt.AlignmentFlag.AlignLeft)
        self.linked_row = QWidget()
        self.linked_row.setLayout(linked_box)
        self.content.addWidget(self.linked_row)

        actions = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.clicked.connect(self.toggle_closed)
        # Short captions: four buttons must fit the narrowest detail pane (420 px).
        self.snooze_button = QPushButton(self.tr("Tunda"))
        self.snooze_button.setToolTip(
            self.tr("Tunda sampai besok: muncul lagi besok pukul 08.00 (Ctrl+Shift+S)")
        )
        self.snooze_button.clicked.connect(self.snooze)
        self.note_button = QPushButton(self.tr("Catatan"))
        self.note_button.setToolTip(
            self.tr("Catatan internal, hanya terlihat oleh admin (Ctrl+Shift+I)")
        )
        self.note_button.clicked.connect(self.ask_note)
        # Order work from the chat, and the complaint the chat turns out to be.
        self.chat_menu = QMenu(self)
        self.more_button = QPushButton(self.tr("Pesanan"))
        self.more_button.setToolTip(
            self.tr(
                "Tautkan pesanan (Ctrl+Shift+L), buat pesanan manual (Ctrl+Shift+N) "
                "atau buat keluhan (Ctrl+Shift+K)"
            )
        )
        self.more_button.setMenu(self.chat_menu)
        self.link_action = self.add_chat_action(
            self.tr("Tautkan pesanan…"), self.ask_link_order, "Ctrl+Shift+L"
        )
        self.manual_order_action = self.add_chat_action(
            self.tr("Buat pesanan manual…"), self.new_manual_order, "Ctrl+Shift+N"
        )
        self.unlink_action = self.add_chat_action(
            self.tr("Lepas tautan pesanan"), self.unlink_order
        )
        self.complaint_action = self.add_chat_action(
            self.tr("Buat keluhan…"), self.new_complaint, "Ctrl+Shift+K"
        )
        actions.addWidget(self.close_button)
        actions.addWidget(self.snooze_button)
        actions.addWidget(self.note_button)
        actions.addWidget(self.more_button)
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
        self.thread.older_requested.connect(self.load_older)
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
        bar.valueChanged.connect(self._on_scrolled)
        self._follow_latest = True
        self._keep_from_bottom: int | None = None  # set while older messages are added
        self.content.addWidget(self.thread_scroll, 1)
        self.reply = ReplyComposer()
        self.reply.send_requested.connect(self.copy_and_log)
        self.content.addWidget(self.reply)

        for keys, slot in (
            ("Ctrl+Shift+C", self.toggle_closed),
            ("Ctrl+Shift+S", self.snooze),
            ("Ctrl+Shift+I", self.ask_note),
            ("Ctrl+Shift+A", self.focus_assignee),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.assignee.setToolTip(self.tr("Admin yang menangani percakapan ini (Ctrl+Shift+A)"))
        self.manual_dialog: ManualOrderDialog | None = None
        self.link_dialog: LinkOrderDialog | None = None

    def add_chat_action(self, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
        """An entry of the "Pesanan" menu, its key working while the pane shows."""
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        self.chat_menu.addAction(action)
        self.addAction(action)
        return action

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
        self.close_button.setToolTip(
            (self.tr("Buka lagi percakapan ini") if closed else self.tr("Tandai selesai"))
            + " (Ctrl+Shift+C)"
        )
        self.snooze_button.setEnabled(not closed)
        self._show_linked_order(d.linked_order)
        can_order = customer is not None
        self.manual_order_action.setEnabled(can_order)
        self.assignee.clear()
        self.assignee.addItem(self.tr("Belum ditugaskan"), None)
        for user in conversations.list_users():
            self.assignee.addItem(user.name, user.id)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(d.assignee_id)))

        self._follow_latest = True
        self._keep_from_bottom = None
        self.thread.set_messages(d.messages, self.zone, older_hidden=d.earlier_messages)
        self.reply.set_context(
            customer.id if customer else None,
            d.order_id,
            d.id,
            d.channel,
            phone=d.phone,
            email=d.email,
            is_complaint=bool(d.open_complaints),
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
        bar = self.thread_scroll.verticalScrollBar()
        if self._keep_from_bottom is not None:
            # Older messages came in above: the one being read stays where it was.
            bar.setValue(maximum - self._keep_from_bottom)
        elif self._follow_latest:
            # A conversation opens at its newest message, where the admin answers.
            bar.setValue(maximum)

    def _on_scrolled(self, value: int) -> None:
        # Scrolled up to read older messages: stay there when the pane is resized.
        maximum = self.thread_scroll.verticalScrollBar().maximum()
        self._follow_latest = value >= maximum
        if self._keep_from_bottom is not None:
            self._keep_from_bottom = maximum - value

    def _show_linked_order(self, order: details.OrderLine | None) -> None:
        self.linked_row.setVisible(order is not None)
        self.unlink_action.setEnabled(order is not None)
        if order is None:
            return
        # The resi goes in the tooltip: number and status already fill the pane's width.
        text = f"{order.order_no} · {order.status_label}"
        tip = self.tr("Buka pesanan ini")
        if order.tracking_no:
            tip += f"\n{order.courier} {order.tracking_no}".rstrip()
        # "J&T" would lose its "&" to a mnemonic.
        self.linked_order.setText(text.replace("&", "&&"))
        self.linked_order.setToolTip(tip)

    def _open_linked_order(self) -> None:
        if self.detail is not None and self.detail.order_id is not None:
            self.open_record.emit("order", self.detail.order_id)

    # --- the thread -----------------------------------------------------------------------

    def load_older(self) -> None:
        """The page before the oldest message shown ("Tampilkan pesan sebelumnya")."""
        first = self.thread.first_message
        if self.detail is None or first is None:
            return
        if not isinstance(first, details.MessageLine):
            return
        older, left = details_conversations.messages_before(self.detail.id, first)
        bar = self.thread_scroll.verticalScrollBar()
        self._keep_from_bottom = bar.maximum() - bar.value()
        self.thread.prepend_messages(older, left)

    def focus_reply(self) -> None:
        """Enter on the list: straight to typing the answer."""
        if self.detail is not None:
            self.reply.edit.setFocus()

    def focus_assignee(self) -> None:
        if self.detail is not None:
            self.assignee.setFocus()
            self.assignee.showPopup()

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
        if self.detail is None:
            return
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

    # --- orders ---------------------------------------------------------------------------

    def ask_link_order(self) -> None:
        """ "Tautkan pesanan…": the customer's orders, or any order by its number."""
        d = self.detail
        if d is None:
            return
        dialog = LinkOrderDialog(
            customer_id=d.customer.id if d.customer else None, current=d.order_id, parent=self
        )
        dialog.chosen.connect(self.link_order)
        self.link_dialog = dialog
        dialog.open()

    def link_order(self, order_id: int) -> None:
        d = self.detail
        if d is None or order_id == d.order_id:
            return
        self.run_action(
            lambda: conversations.link_order(
                d.id, order_id, author=self.author, expected_version=d.version
            )
        )

    def unlink_order(self) -> None:
        d = self.detail
        if d is None or d.order_id is None:
            return
        self.run_action(
            lambda: conversations.link_order(
                d.id, None, author=self.author, expected_version=d.version
            )
        )

    def new_manual_order(self) -> None:
        """A manual order for this chat's customer, linked to the chat once saved."""
        d = self.detail
        if d is None or d.customer is None:
            return
        dialog = ManualOrderDialog(customer_id=d.customer.id, parent=self, author=self.author)
        dialog.saved.connect(self._manual_order_saved)
        self.manual_dialog = dialog
        dialog.open()

    def _manual_order_saved(self, order_id: int) -> None:
        # The dialog stays open on its confirmation page; the chat links the order now.
        if self.detail is not None and self.detail.order_id != order_id:
            self.reload()
            self.link_order(order_id)

    # --- complaints -----------------------------------------------------------------------

    def new_complaint(self) -> None:
        """ "Buat keluhan…": a complaint about this chat's order (if linked), from its customer
        and channel; once saved the Keluhan panel shows it."""
        d = self.detail
        if d is None:
            return
        self.start_complaint(
            customer_id=d.customer.id if d.customer else None,
            order_id=d.order_id,
            conversation_id=d.id,
            channel=d.channel,
        )
