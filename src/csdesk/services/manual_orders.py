"""Manual orders: sales made in a WhatsApp, Instagram or phone chat, typed in by an admin.

A manual order is an Order with marketplace "manual", numbered `WA-<year>-<NNNN>` per year in
the shop's zone (the highest number used that year + 1; four digits at least, more after 9999).

Life of an order:
- paid by transfer: created "unpaid" (Belum Bayar); `payments.confirm_payment` moves it to
  "to_ship" once the transfer is checked;
- cash on delivery (COD): created "to_ship" straight away, payment method "COD";
- cancelled here while unpaid or waiting to ship; once shipped, a problem is a complaint or a
  return, not a cancellation.

Stock is taken when an order is confirmed, adjusted when a confirmed order's items change and
given back when it is cancelled; the rule and its helpers live in order_stock, whose public
names are importable from here too.

Items may change while the order is unpaid or waiting to ship; afterwards only the shipping
details and notes can. How it is paid (transfer or COD) may change only while unpaid; choosing
COD then confirms the order. The channel is recorded once, in the "created" event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import peewee as pw

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import (
    Customer,
    CustomerIdentity,
    Order,
    OrderEvent,
    OrderItem,
    database_proxy,
    utcnow,
)

# Re-exported (`X as X`): callers import fk_id and the stock names from here.
from csdesk.models.base import fk_id as fk_id
from csdesk.services import fmt, templates
from csdesk.services import settings as shop_settings
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS
from csdesk.services.locking import bump_version, update_versioned

# Re-exported (`X as X`): callers import the stock names from here.
from csdesk.services.order_stock import COD as COD
from csdesk.services.order_stock import MARKETPLACE as MARKETPLACE
from csdesk.services.order_stock import REPLACEMENT as REPLACEMENT
from csdesk.services.order_stock import Shortfall as Shortfall
from csdesk.services.order_stock import (
    adjust_after_edit,
    give_back,
    held_stock,
    shortfalls,
    take_for_cod,
)
from csdesk.services.order_stock import holds_stock as holds_stock
from csdesk.services.order_stock import sku_quantities as sku_quantities
from csdesk.services.products import move_stock

PREFIX = "WA"
# How the "created" event says where the order came from (the demo writes the first one too).
CHANNEL_ORIGINS: dict[str, str] = {
    "whatsapp": "Dibuat dari chat WhatsApp",
    "instagram": "Dibuat dari DM Instagram",
    "phone": "Dibuat dari telepon",
    "other": "Dibuat manual",
}
PAYMENTS = ("transfer", "cod", "replacement")
EDITABLE_ITEM_STATUSES = ("unpaid", "to_ship")
CANCELLABLE_STATUSES = ("unpaid", "to_ship")
CONFLICT = "Pesanan ini baru saja diubah oleh admin lain. Muat ulang lalu coba lagi."
_NUMBER_ATTEMPTS = 5


@dataclass
class ItemDraft:
    product: str
    variant: str = ""
    sku: str = ""
    quantity: int = 1
    unit_price: int = 0

    @property
    def subtotal(self) -> int:
        return self.quantity * self.unit_price


@dataclass
class CustomerDraft:
    name: str
    phone: str = ""
    nickname: str = ""


@dataclass
class ManualOrderDraft:
    customer_id: int | None = None
    new_customer: CustomerDraft | None = None
    channel: str = "whatsapp"  # whatsapp | instagram | phone | other
    recipient: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    province: str = ""
    courier: str = ""
    service: str = ""
    shipping_fee: int = 0
    payment: str = "transfer"  # transfer | cod
    buyer_note: str = ""
    seller_note: str = ""
    items: list[ItemDraft] = field(default_factory=list)

    @property
    def items_total(self) -> int:
        return sum(item.subtotal for item in self.items)

    @property
    def total(self) -> int:
        return self.items_total + self.shipping_fee


def _missing(order_id: int) -> str:
    return f"Pesanan #{order_id} tidak ditemukan"


def get_order(order_id: int) -> Order:
    """The order, or NotFoundError."""
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise NotFoundError(_missing(order_id))
    return order


def manual_order(order_id: int) -> Order:
    """The order if it is a manual one; ValidationError naming the marketplace otherwise."""
    order = get_order(order_id)
    if order.marketplace != MARKETPLACE:
        name = MARKETPLACE_LABELS.get(order.marketplace, order.marketplace)
        raise ValidationError(
            f"Pesanan {order.order_no} dari {name}; hanya pesanan manual yang diubah di sini"
        )
    return order


def ship_by_after(moment: dt.datetime) -> dt.datetime:
    """When a confirmed manual order should be shipped: the end (23.59) of the day after
    `moment`, in the shop's zone. Naive UTC in and out."""
    zone = shop_settings.load().zone
    local = fmt.to_local(moment, zone).replace(tzinfo=None)
    end = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(23, 59))
    return fmt.to_utc(end, zone)


def next_order_no(now: dt.datetime | None = None) -> str:
    """`WA-2026-0013`: the next number of the shop-local year of `now` (naive UTC)."""
    year = fmt.to_local(now or utcnow(), shop_settings.load().zone).year
    prefix = f"{PREFIX}-{year}-"
    used = Order.select(Order.order_no).where(
        Order.marketplace == MARKETPLACE, Order.order_no.startswith(prefix)
    )
    tails = [order.order_no[len(prefix) :] for order in used]
    numbers = [int(tail) for tail in tails if tail.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def stock_shortfalls(items: Sequence[ItemDraft], order_id: int | None = None) -> list[Shortfall]:
    """Items (grouped by SKU) wanting more than is in stock. Only SKUs that are products
    count; an order that already holds stock counts its own pieces as available."""
    held = held_stock(get_order(order_id)) if order_id is not None else Counter[str]()
    return shortfalls(items, held)


def customer_phone(customer_id: int) -> str:
    """The customer's first real phone as it was written, "" when they have none."""
    for identity in CustomerIdentity.select().where(
        CustomerIdentity.customer == customer_id,
        CustomerIdentity.kind == "phone",
        CustomerIdentity.masked == False,  # noqa: E712 (peewee expression)
    ):
        if fmt.phone_e164(identity.value):
            return str(identity.value)
    return ""


def shipping_from_customer(customer_id: int) -> ManualOrderDraft:
    """A draft for this customer, shipped where their latest order with an address went, else
    to their name and real phone."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"Pelanggan #{customer_id} tidak ditemukan")
    last = (
        Order.select()
        .where(Order.customer == customer_id, Order.address != "")
        .order_by(Order.ordered_at.desc(), Order.id.desc())
        .first()
    )
    draft = ManualOrderDraft(customer_id=customer_id)
    if last is None:
        draft.recipient, draft.phone = customer.name, customer_phone(customer_id)
        return draft
    draft.recipient = last.recipient or customer.name
    draft.phone = last.phone if fmt.phone_e164(last.phone) else customer_phone(customer_id)
    draft.address, draft.city, draft.province = last.address, last.city, last.province
    return draft


def customer_by_phone(phone: str) -> int | None:
    """The customer who already has this (real) phone, if any."""
    e164 = fmt.phone_e164(phone)
    if e164 is None:
        return None
    identity = CustomerIdentity.get_or_none(
        CustomerIdentity.kind == "phone", CustomerIdentity.normalized == e164
    )
    return fk_id(identity, "customer") if identity else None


def _check(draft: ManualOrderDraft) -> None:
    if draft.channel not in CHANNEL_ORIGINS:
        raise ValidationError(f"Saluran pesanan tidak dikenal: {draft.channel}")
    if draft.payment not in PAYMENTS:
        raise ValidationError("Pilih cara bayar: transfer atau COD")
    if not draft.items:
        raise ValidationError("Pesanan belum berisi barang")
    for number, item in enumerate(draft.items, 1):
        if not item.product.strip():
            raise ValidationError(f"Barang ke-{number}: nama produk wajib diisi")
        if item.quantity < 1:
            raise ValidationError(f"Barang ke-{number} ({item.product}): jumlah minimal 1")
        if item.unit_price < 0:
            raise ValidationError(f"Barang ke-{number} ({item.product}): harga tidak boleh negatif")
    if draft.shipping_fee < 0:
        raise ValidationError("Ongkir tidak boleh negatif")
    if draft.customer_id is None and draft.new_customer is None:
        raise ValidationError("Pilih pelanggan atau isi nama pelanggan baru")
    new = draft.new_customer
    if draft.customer_id is None and new is not None and not new.name.strip():
        raise ValidationError("Nama pelanggan baru wajib diisi")


def customer_for(customer_id: int | None, new: CustomerDraft | None) -> tuple[Customer, bool]:
    """(the customer — a merged one's survivor —, created?): the chosen customer, or a new one
    with a phone identity when its phone is real. A phone that already belongs to someone is
    refused, naming them, rather than making a duplicate. Manual orders and quick capture both
    use this."""
    if customer_id is not None:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise ValidationError(f"Pelanggan #{customer_id} tidak ditemukan")
        seen = {customer.id}
        while (kept := fk_id(customer, "merged_into")) is not None and kept not in seen:
            seen.add(kept)
            customer = Customer.get_by_id(kept)
        return customer, False
    if new is None or not new.name.strip():
        raise ValidationError("Pilih pelanggan, atau isi nama pelanggan baru")
    owner = customer_by_phone(new.phone)
    if owner is not None:
        name = Customer.get_by_id(owner).name
        raise ValidationError(
            f"Nomor {new.phone.strip()} sudah tercatat milik pelanggan {name}; pilih pelanggan itu"
        )
    customer = Customer.create(name=new.name.strip(), nickname=new.nickname.strip())
    e164 = fmt.phone_e164(new.phone)
    if e164:
        CustomerIdentity.create(
            customer=customer.id, kind="phone", value=new.phone.strip(), normalized=e164
        )
    return customer, True


def _customer_for(draft: ManualOrderDraft) -> Customer:
    """The draft's customer (see customer_for; _check already refused a draft with neither)."""
    return customer_for(draft.customer_id, draft.new_customer)[0]


def _item_rows(order_id: int, items: Sequence[ItemDraft]) -> list[dict[str, object]]:
    return [
        {
            "order": order_id,
            "sku": item.sku.strip(),
            "product": item.product.strip(),
            "variant": item.variant.strip(),
            "quantity": item.quantity,
            "unit_price": item.unit_price,
            "subtotal": item.subtotal,
        }
        for item in items
    ]


def _order_fields(draft: ManualOrderDraft, customer: Customer) -> dict[str, object]:
    return {
        "customer": customer.id,
        "buyer_name": customer.name,
        "recipient": draft.recipient.strip() or customer.name,
        "phone": draft.phone.strip(),
        "address": draft.address.strip(),
        "city": draft.city.strip(),
        "province": draft.province.strip(),
        "courier": draft.courier.strip(),
        "service": draft.service.strip(),
        "shipping_fee": draft.shipping_fee,
        "buyer_note": draft.buyer_note.strip(),
        "seller_note": draft.seller_note.strip(),
        "total": draft.total,
    }


def _confirmed_cod(now: dt.datetime) -> dict[str, object]:
    return {
        "status": "to_ship",
        "raw_status": ORDER_STATUS_LABELS["to_ship"],
        "payment_method": COD,
        "ship_by": ship_by_after(now),
    }


def create_manual_order(
    draft: ManualOrderDraft, author: str = "", now: dt.datetime | None = None
) -> int:
    """Save a new manual order (and its new customer) in one transaction; returns its id."""
    _check(draft)
    now = now or utcnow()
    for attempt in range(_NUMBER_ATTEMPTS):
        try:
            with database_proxy.atomic():
                return _create(draft, author, now)
        except pw.IntegrityError:
            # Another desk took the same number a moment ago: number again.
            if attempt == _NUMBER_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _create(draft: ManualOrderDraft, author: str, now: dt.datetime) -> int:
    customer = _customer_for(draft)
    status: dict[str, object] = {
        "status": "unpaid",
        "raw_status": ORDER_STATUS_LABELS["unpaid"],
        "payment_method": "Transfer",
    }
    if draft.payment == "cod":
        status = _confirmed_cod(now)
    elif draft.payment == "replacement":
        status = {**_confirmed_cod(now), "payment_method": REPLACEMENT}
    order = Order.create(
        marketplace=MARKETPLACE,
        order_no=next_order_no(now),
        ordered_at=now,
        created_at=now,
        updated_at=now,
        **_order_fields(draft, customer),
        **status,
    )
    OrderItem.insert_many(_item_rows(order.id, draft.items)).execute()
    how = {"cod": "Bayar COD", "replacement": "Barang pengganti, tanpa bayar"}.get(
        draft.payment, "Bayar transfer"
    )
    OrderEvent.create(
        order=order.id,
        at=now,
        kind="created",
        author=author,
        detail=f"{CHANNEL_ORIGINS[draft.channel]}\n{how}, total {fmt.rupiah(draft.total)}",
    )
    if draft.payment == "cod":
        take_for_cod(order.id, draft.items, author=author, at=now)
    elif draft.payment == "replacement":
        move_stock(
            order.id, sku_quantities(draft.items), author=author, at=now,
            reason="Stok diambil (barang pengganti)",
        )  # fmt: skip
    refresh_customers([customer.id])
    return int(order.id)


def item_drafts(order_id: int) -> list[ItemDraft]:
    query = OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id)
    return [
        ItemDraft(
            product=item.product,
            variant=item.variant,
            sku=item.sku,
            quantity=item.quantity,
            unit_price=item.unit_price,
        )
        for item in query
    ]


def _channel(order_id: int) -> str:
    created = (
        OrderEvent.select(OrderEvent.detail)
        .where(OrderEvent.order == order_id, OrderEvent.kind == "created")
        .order_by(OrderEvent.id)
        .first()
    )
    first_line = created.detail.split("\n", 1)[0] if created else ""
    for channel, origin in CHANNEL_ORIGINS.items():
        if first_line == origin:
            return channel
    return "other"


def load_draft(order_id: int) -> tuple[ManualOrderDraft, int]:
    """The order as a draft for the edit dialog, and the version to save it against."""
    order = manual_order(order_id)
    draft = ManualOrderDraft(
        customer_id=fk_id(order, "customer"),
        channel=_channel(order_id),
        recipient=order.recipient,
        phone=order.phone,
        address=order.address,
        city=order.city,
        province=order.province,
        courier=order.courier,
        service=order.service,
        shipping_fee=order.shipping_fee,
        payment={COD: "cod", REPLACEMENT: "replacement"}.get(order.payment_method, "transfer"),
        buyer_note=order.buyer_note,
        seller_note=order.seller_note,
        items=item_drafts(order_id),
    )
    return draft, int(order.version)


def _items_text(items: Sequence[ItemDraft]) -> str:
    parts = []
    for item in items:
        name = f"{item.product} ({item.variant})" if item.variant else item.product
        parts.append(f"{name} x{item.quantity} @{fmt.rupiah(item.unit_price)}")
    return "; ".join(parts)


def _item_keys(items: Sequence[ItemDraft]) -> list[tuple[str, str, str, int, int]]:
    return [
        (i.sku.strip(), i.product.strip(), i.variant.strip(), i.quantity, i.unit_price)
        for i in items
    ]


_FIELD_LABELS = {
    "recipient": "Penerima",
    "phone": "No. HP",
    "address": "Alamat",
    "city": "Kota",
    "province": "Provinsi",
    "courier": "Kurir",
    "service": "Layanan",
    "buyer_note": "Catatan pembeli",
    "seller_note": "Catatan penjual",
}


def _changes(order: Order, new: dict[str, object], customer: Customer) -> list[str]:
    lines = []
    if fk_id(order, "customer") != customer.id:
        before = order.customer.name if order.customer else "-"
        lines.append(f"Pelanggan: {before} → {customer.name}")
    for key, label in _FIELD_LABELS.items():
        if getattr(order, key) != new[key]:
            lines.append(f"{label}: {getattr(order, key) or '-'} → {new[key] or '-'}")
    if order.shipping_fee != new["shipping_fee"]:
        fee = new["shipping_fee"]
        assert isinstance(fee, int)
        lines.append(f"Ongkir: {fmt.rupiah(order.shipping_fee)} → {fmt.rupiah(fee)}")
    return lines


def update_manual_order(
    order_id: int,
    draft: ManualOrderDraft,
    expected_version: int,
    author: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Save an edited manual order (see the module's rules for what may change when)."""
    _check(draft)
    now = now or utcnow()
    with database_proxy.atomic():
        order = manual_order(order_id)
        if order.version != expected_version:
            raise ConflictError(CONFLICT)
        if order.status == "cancelled":
            raise ValidationError(f"Pesanan {order.order_no} sudah dibatalkan, tidak bisa diubah")
        old_items = item_drafts(order_id)
        items_changed = _item_keys(old_items) != _item_keys(draft.items)
        if items_changed and order.status not in EDITABLE_ITEM_STATUSES:
            label = ORDER_STATUS_LABELS.get(order.status, order.status).lower()
            raise ValidationError(
                f"Barang pesanan {order.order_no} tidak bisa diubah: pesanan sudah {label}"
            )
        old_payment = {COD: "cod", REPLACEMENT: "replacement"}.get(order.payment_method, "transfer")
        to_cod = old_payment == "transfer" and draft.payment == "cod"
        if draft.payment != old_payment and order.status != "unpaid":
            raise ValidationError(
                f"Cara bayar pesanan {order.order_no} tidak bisa diubah setelah dikonfirmasi"
            )
        held_before = held_stock(order)
        customer = _customer_for(draft)
        fields = _order_fields(draft, customer)
        lines = _changes(order, fields, customer)
        if items_changed:
            lines.append(f"Barang: {_items_text(old_items)} → {_items_text(draft.items)}")
        if draft.payment != old_payment:
            lines.append("Cara bayar: Transfer → COD" if to_cod else "Cara bayar: COD → Transfer")
            if not to_cod:
                fields.update(payment_method="Transfer")
        if to_cod:
            fields.update(_confirmed_cod(now))
        if not lines:
            return
        if order.total != draft.total:
            lines.append(f"Total: {fmt.rupiah(order.total)} → {fmt.rupiah(draft.total)}")
        update_versioned(
            Order,
            order_id,
            expected_version,
            fields,
            conflict_message=CONFLICT,
            missing_message=_missing(order_id),
        )
        if items_changed:
            OrderItem.delete().where(OrderItem.order == order_id).execute()
            OrderItem.insert_many(_item_rows(order_id, draft.items)).execute()
        OrderEvent.create(
            order=order_id, at=now, kind="edited", author=author, detail="\n".join(lines)
        )
        if to_cod:
            take_for_cod(order_id, draft.items, author=author, at=now)
        elif items_changed:
            adjust_after_edit(order_id, held_before, draft.items, author=author, at=now)
        before = fk_id(order, "customer")
        refresh_customers([customer.id] if before is None else [customer.id, before])


def cancel_manual_order(
    order_id: int, author: str = "", reason: str = "", now: dt.datetime | None = None
) -> None:
    """Cancel an unpaid or waiting-to-ship manual order, giving back the stock it holds."""
    now = now or utcnow()
    with database_proxy.atomic():
        order = manual_order(order_id)
        if order.status not in CANCELLABLE_STATUSES:
            label = ORDER_STATUS_LABELS.get(order.status, order.status).lower()
            raise ValidationError(f"Pesanan {order.order_no} sudah {label}, tidak bisa dibatalkan")
        held = held_stock(order)
        bump_version(
            Order,
            order_id,
            {"status": "cancelled", "raw_status": ORDER_STATUS_LABELS["cancelled"]},
        )
        detail = "Pesanan dibatalkan"
        if reason.strip():
            detail += f": {reason.strip()}"
        OrderEvent.create(order=order_id, at=now, kind="cancelled", author=author, detail=detail)
        give_back(order_id, held, author=author, at=now)
        customer_id = fk_id(order, "customer")
        if customer_id is not None:
            refresh_customers([customer_id])


def order_confirmation_text(order_id: int) -> str:
    """The shop's /konfirmasi template filled for this order; a plain confirmation when the
    shop deleted that template."""
    order = get_order(order_id)
    context = templates.context_for(None, order_id)
    template = templates.find_by_shortcut("/konfirmasi")
    if template is not None:
        return templates.fill(template.body, context).text
    body = (
        "Terima kasih {panggilan|kak}, pesanan {no_pesanan} sudah kami terima ✅\n"
        "{produk}\nTotal pembayaran {total} (sudah termasuk ongkir)."
    )
    if order.status == "unpaid" and context.get("rekening"):
        body += "\nPembayaran bisa transfer ke:\n{rekening}"
    return templates.fill(body, context).text
