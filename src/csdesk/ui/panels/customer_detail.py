"""One customer: who they are on every channel, what they like, what they bought, what they
said and what went wrong, so every admin treats a loyal customer as loyal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from csdesk.models import utcnow
from csdesk.services import details, fmt, settings
from csdesk.services.labels import MARKETPLACE_LABELS, SEGMENT_LABELS, label
from csdesk.ui import glyphs, theme
from csdesk.ui.dialogs.customer_edit import CustomerEditDialog
from csdesk.ui.dialogs.customer_merge import MergeWithDialog
from csdesk.ui.panels.customer_follow_ups import FollowUpsCard
from csdesk.ui.panels.customer_merges import MergeHistoryCard
from csdesk.ui.panels.customer_timeline import TimelineCard
from csdesk.ui.panels.detail_parts import ComplaintTable, OrderTable
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.widgets.card import Badge, Card, heading_label, muted_label, plain_label
from csdesk.ui.widgets.fields import FieldGrid

# (attribute, icon, words, shortcut, tooltip)
ACTIONS = (
    ("edit_button", "fa6s.pen", "Ubah", "F2", "Ubah nama, panggilan, preferensi, tag dan kontak"),
    ("follow_up_button", "fa6s.bell", "Tindak lanjut", "Ctrl+Shift+T",
     "Ingatkan: tagih transfer, minta ulasan, kabari stok datang"),
    ("complaint_button", "fa6s.triangle-exclamation", "Keluhan", "Ctrl+Shift+K",
     "Catat keluhan pelanggan ini"),
    ("merge_button", "fa6s.code-merge", "Gabungkan", "Ctrl+Shift+G",
     "Gabungkan dengan profil lain milik orang yang sama"),
)  # fmt: skip

IDENTITY_CAPTIONS = {
    "phone": "Telepon",
    "email": "Email",
    "whatsapp": "Nama WhatsApp",
    "instagram": "Instagram",
    "marketplace": "Username",
}


class CustomerDetailView(DetailView):
    empty_icon = "fa5s.user"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pilih pelanggan di daftar untuk melihat detailnya"), parent)
        head = QHBoxLayout()
        self.name = heading_label()
        self.name.setObjectName("customerName")
        self.segment = Badge()
        head.addWidget(self.name, 1)
        head.addWidget(self.segment)
        self.content.addLayout(head)
        self.subtitle = muted_label()
        self.content.addWidget(self.subtitle)
        self.tags = plain_label()
        self.tags.setStyleSheet("color: #0f766e; font-weight: 600;")
        self.content.addWidget(self.tags)
        actions = QHBoxLayout()
        actions.setSpacing(4)
        handlers = {
            "edit_button": self.edit,
            "follow_up_button": self.new_follow_up,
            "complaint_button": self.new_complaint,
            "merge_button": self.merge_with,
        }
        # Keys for these actions work in the whole Pelanggan panel (the list too), so the
        # panel installs them: see `shortcuts` and CustomersPanel.
        self.shortcuts: dict[str, Callable[[], object]] = {}
        for attribute, icon, words, keys, tip in ACTIONS:
            button = QToolButton(self)
            button.setIcon(glyphs.icon(icon, color=theme.ACCENT))
            button.setText(self.tr(words))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"{self.tr(tip)} ({keys})")
            button.clicked.connect(handlers[attribute])
            setattr(self, attribute, button)
            actions.addWidget(button)
            self.shortcuts[keys] = handlers[attribute]
        actions.addStretch(1)
        self.content.addLayout(actions)
        self.dialog: QWidget | None = None

        stats = Card(self.tr("Ringkasan"))
        self.stats = FieldGrid()
        for key, caption in (
            ("orders", self.tr("Pesanan")),
            ("lifetime_value", self.tr("Total belanja")),
            ("first_order", self.tr("Pesanan pertama")),
            ("last_order", self.tr("Pesanan terakhir")),
            ("open_complaints", self.tr("Komplain terbuka")),
        ):
            self.stats.add_field(key, caption)
        stats.add(self.stats)
        self.content.addWidget(stats)

        self.follow_ups = FollowUpsCard(self)
        self.follow_ups.changed.connect(self._changed_here)
        self.follow_ups.open_record.connect(self.open_record)
        self.content.addWidget(self.follow_ups)

        identities = Card(self.tr("Kontak & akun"))
        self.identities = FieldGrid()
        for kind, caption in IDENTITY_CAPTIONS.items():
            self.identities.add_field(kind, self.tr(caption), copyable=True)
        identities.add(self.identities)
        self.content.addWidget(identities)

        notes = Card(self.tr("Preferensi & catatan"))
        self.notes = FieldGrid()
        self.notes.add_field("preferences", self.tr("Preferensi"))
        self.notes.add_field("notes", self.tr("Catatan"))
        self.notes.add_field("city", self.tr("Kota"))
        notes.add(self.notes)
        self.content.addWidget(notes)

        self.complaints_card = Card(self.tr("Komplain"))
        self.complaints = ComplaintTable()
        self.complaints.activated_id.connect(lambda cid: self.open_record.emit("complaint", cid))
        self.complaints_card.add(self.complaints)
        self.content.addWidget(self.complaints_card)

        self.timeline = TimelineCard(self)
        self.timeline.open_record.connect(self.open_record)
        self.content.addWidget(self.timeline)

        self.orders_card = Card(self.tr("Pesanan terakhir"))
        self.orders = OrderTable()
        self.orders.activated_id.connect(lambda oid: self.open_record.emit("order", oid))
        self.no_orders = muted_label(self.tr("Belum ada pesanan."))
        self.orders_card.add(self.orders)
        self.orders_card.add(self.no_orders)
        self.content.addWidget(self.orders_card)

        self.merges = MergeHistoryCard(self)
        self.merges.changed.connect(self._changed_here)
        self.content.addWidget(self.merges)
        self.content.addStretch(1)

    def load(self, record_id: int) -> None:
        d = details.customer_detail(record_id)
        zone = settings.load().zone
        self.name.setText(d.name)
        self.segment.set_status(d.segment, label(SEGMENT_LABELS, d.segment))
        subtitle = [self.tr("Panggilan: %s") % d.nickname] if d.nickname else []
        if d.merged_into_id:
            subtitle.append(self.tr("Sudah digabung ke pelanggan #%d") % d.merged_into_id)
        self.subtitle.setText(" · ".join(subtitle))
        self.subtitle.setVisible(bool(subtitle))
        self.tags.setText("  ".join(f"#{tag}" for tag in d.tags))
        self.tags.setVisible(bool(d.tags))

        self.stats.set_value("orders", str(d.order_count))
        self.stats.set_value("lifetime_value", fmt.rupiah(d.lifetime_value))
        self.stats.set_value("first_order", fmt.datetime_long(d.first_order_at, zone))
        self.stats.set_value("last_order", fmt.datetime_long(d.last_order_at, zone))
        self.stats.set_value("open_complaints", str(d.open_complaints))

        grouped: dict[str, list[str]] = {kind: [] for kind in IDENTITY_CAPTIONS}
        for identity in d.identities:
            value = identity.value
            if identity.kind == "phone":
                value = fmt.phone_display(value)
            if identity.kind == "marketplace" and identity.marketplace:
                value = f"{value} ({label(MARKETPLACE_LABELS, identity.marketplace)})"
            grouped.setdefault(identity.kind, []).append(value)
        for kind in IDENTITY_CAPTIONS:
            values = grouped.get(kind, [])
            self.identities.set_value(kind, "\n".join(values))
            self.identities.set_row_visible(kind, bool(values))

        self.notes.set_value("preferences", d.preferences)
        self.notes.set_value("notes", d.notes)
        self.notes.set_value("city", d.city)

        self.orders_card.set_title(
            self.tr("Pesanan terakhir (%d dari %d)") % (len(d.recent_orders), d.order_count)
        )
        self.orders.set_orders(d.recent_orders, zone)
        self.no_orders.setVisible(not d.recent_orders)

        self.complaints.set_complaints(d.complaints, zone, utcnow())
        self.complaints_card.setVisible(bool(d.complaints))
        living = d.merged_into_id is None
        for button in (self.edit_button, self.follow_up_button, self.merge_button):
            button.setEnabled(living)
        self.follow_ups.author = self.merges.author = self.author
        self.follow_ups.load(record_id)
        self.timeline.load(record_id)
        self.merges.load(record_id)

    # --- actions --------------------------------------------------------------------------

    def edit(self) -> CustomerEditDialog | None:
        """ "Ubah" (F2): the profile and contacts; the page and the list follow the save."""
        if self.current_id is None or not self.edit_button.isEnabled():
            return None
        dialog = CustomerEditDialog(self.current_id, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self._changed_here())
        dialog.contacts_changed.connect(lambda _id: self._changed_here())
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_follow_up(self) -> None:
        if self.current_id is not None and self.follow_up_button.isEnabled():
            self.follow_ups.new_follow_up()

    def new_complaint(self) -> None:
        if self.current_id is not None:
            self.start_complaint(customer_id=self.current_id)

    def merge_with(self) -> MergeWithDialog | None:
        """ "Gabungkan…": fold another profile of the same person into this one."""
        if self.current_id is None or not self.merge_button.isEnabled():
            return None
        dialog = MergeWithDialog(self.current_id, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(lambda _id: self._changed_here())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed_here(self) -> None:
        self.reload()
        self.changed.emit()
