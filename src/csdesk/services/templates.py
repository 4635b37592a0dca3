"""Quick replies: the shop's saved answers (`/rek` → bank accounts) and filling their
placeholders from a customer, an order and the shop's settings.

A placeholder is `{nama}`; `{panggilan|kak}` falls back to "kak" when the customer has no
nickname. A placeholder that cannot be filled stays in the text as written and is reported, so
the admin sees it before sending rather than the customer seeing a blank.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import peewee as pw

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Customer, Order, OrderItem, Template, utcnow
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.labels import ORDER_STATUS_LABELS

# The placeholders a template may use, with what each means (shown as chips in the editor).
PLACEHOLDERS: dict[str, str] = {
    "nama": "Nama pelanggan",
    "panggilan": "Panggilan (mis. Kak Siti)",
    "no_pesanan": "Nomor pesanan",
    "produk": "Daftar barang pesanan",
    "total": "Total pesanan",
    "status": "Status pesanan",
    "kurir": "Kurir dan layanan",
    "resi": "Nomor resi",
    "alamat": "Alamat penerima",
    "toko": "Nama toko",
    "no_toko": "Nomor telepon toko",
    "rekening": "Rekening bank toko",
    "jam_operasional": "Jam operasional",
}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}]*))?\}")
_SHORTCUT = re.compile(r"/[a-z0-9_-]+")


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    title: str
    shortcut: str
    body: str
    category: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class FilledText:
    text: str
    missing: list[str]  # placeholders left unfilled (unknown, or no value and no fallback)


def _info(t: Template) -> TemplateInfo:
    return TemplateInfo(
        id=t.id,
        title=t.title,
        shortcut=t.shortcut,
        body=t.body,
        category=t.category,
        updated_at=t.updated_at,
    )


def list_templates(search: str = "") -> list[TemplateInfo]:
    """Every template, by title; `search` matches title, shortcut or body."""
    query = Template.select().order_by(Template.title, Template.id)
    words = search.strip()
    if words:
        pattern = f"%{words}%"
        query = query.where(
            Template.title**pattern | Template.shortcut**pattern | Template.body**pattern
        )
    return [_info(t) for t in query]


def get_template(template_id: int) -> TemplateInfo:
    template = Template.get_or_none(Template.id == template_id)
    if template is None:
        raise NotFoundError(f"Template #{template_id} tidak ditemukan")
    return _info(template)


def find_by_shortcut(shortcut: str) -> TemplateInfo | None:
    template = Template.get_or_none(Template.shortcut == shortcut.strip().lower())
    return _info(template) if template else None


def save_template(
    template_id: int | None, *, title: str, shortcut: str, body: str, category: str = ""
) -> TemplateInfo:
    """Create (`template_id` None) or update a template after checking what the admin typed."""
    title, body, category = title.strip(), body.strip(), category.strip()
    shortcut = shortcut.strip().lower()
    if not title:
        raise ValidationError("Judul template wajib diisi")
    if not body:
        raise ValidationError("Isi template wajib diisi")
    if not shortcut.startswith("/"):
        raise ValidationError('Shortcut harus diawali garis miring "/", contoh: /rek')
    if not _SHORTCUT.fullmatch(shortcut):
        raise ValidationError(
            "Shortcut hanya boleh berisi huruf, angka, - dan _ tanpa spasi, contoh: /cek_resi"
        )
    clash = Template.get_or_none(Template.shortcut == shortcut)
    if clash is not None and clash.id != template_id:
        raise ValidationError(f'Shortcut {shortcut} sudah dipakai template "{clash.title}"')
    fields = {"title": title, "shortcut": shortcut, "body": body, "category": category}
    try:
        if template_id is None:
            template = Template.create(**fields, updated_at=utcnow())
        else:
            existing = Template.get_or_none(Template.id == template_id)
            if existing is None:
                raise NotFoundError(f"Template #{template_id} tidak ditemukan")
            template = existing
            for name, value in fields.items():
                setattr(template, name, value)
            template.updated_at = utcnow()
            template.save()
    except pw.IntegrityError as exc:  # another desk saved the same shortcut a moment ago
        raise ValidationError(f"Shortcut {shortcut} sudah dipakai template lain") from exc
    return _info(template)


def delete_template(template_id: int) -> None:
    if not Template.delete().where(Template.id == template_id).execute():
        raise NotFoundError(f"Template #{template_id} tidak ditemukan")


def fill(body: str, context: Mapping[str, str]) -> FilledText:
    """Replace the placeholders of `body` with `context` values (or their `|fallback`)."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        key, fallback = match.group(1), match.group(2)
        value = context.get(key, "") if key in PLACEHOLDERS else ""
        if value:
            return value
        if fallback is not None and key in PLACEHOLDERS:
            return fallback
        if key not in missing:
            missing.append(key)
        return match.group(0)

    return FilledText(text=_PLACEHOLDER.sub(replace, body), missing=missing)


def bank_accounts_text(accounts: Iterable[shop_settings.BankAccount]) -> str:
    """One line per account: `BCA 1234567890 a.n. Ayu Lestari`."""
    return "\n".join(f"{a.bank} {a.number} a.n. {a.holder}" for a in accounts if a.number)


def business_hours_text(
    hours: Mapping[int, tuple[str, str] | None], zone: str = fmt.DEFAULT_ZONE
) -> str:
    """`Senin–Jumat 08.00–17.00, Sabtu 08.00–12.00 WIB`: consecutive days with the same hours
    read as one range; closed days are left out."""
    runs: list[tuple[int, int, tuple[str, str]]] = []
    for day in range(7):
        span = hours.get(day)
        if span is None:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == span:
            runs[-1] = (runs[-1][0], day, span)
        else:
            runs.append((day, day, span))
    parts = []
    for first, last, (opens, closes) in runs:
        days = fmt.DAYS_LONG[first]
        if last != first:
            days += f"–{fmt.DAYS_LONG[last]}"
        parts.append(f"{days} {opens.replace(':', '.')}–{closes.replace(':', '.')}")
    return f"{', '.join(parts)} {zone}" if parts else ""


def _shop_context() -> dict[str, str]:
    s = shop_settings.load()
    return {
        "toko": s.shop_name,
        "no_toko": fmt.phone_display(s.shop_phone) if s.shop_phone else "",
        "rekening": bank_accounts_text(s.bank_accounts),
        "jam_operasional": business_hours_text(s.business_hours, s.zone),
    }


def _items_text(order: Order) -> str:
    lines = []
    for item in OrderItem.select().where(OrderItem.order == order.id).order_by(OrderItem.id):
        name = f"{item.product} ({item.variant})" if item.variant else item.product
        lines.append(f"{name} x{item.quantity}")
    return "\n".join(lines)


def _order_context(order: Order) -> dict[str, str]:
    courier = " ".join(part for part in (order.courier, order.service) if part)
    address = ", ".join(part for part in (order.address, order.city, order.province) if part)
    return {
        "no_pesanan": order.order_no,
        "produk": _items_text(order),
        "total": fmt.rupiah(order.total),
        "status": ORDER_STATUS_LABELS.get(order.status, order.status),
        "kurir": courier,
        "resi": order.tracking_no,
        "alamat": address,
    }


def context_for(customer_id: int | None = None, order_id: int | None = None) -> dict[str, str]:
    """Placeholder values for a reply to this customer about this order (either may be None;
    the order's customer is used when no customer is given)."""
    context = _shop_context()
    order = Order.get_or_none(Order.id == order_id) if order_id is not None else None
    if order is not None:
        context.update(_order_context(order))
        if customer_id is None and order.customer is not None:
            customer_id = order.customer.id
    customer = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
    # {panggilan} is how a reply addresses the person: the nickname the shop keeps, else
    # "kak" and the first name (seed 003: greet customers by their name).
    if customer is not None:
        context["nama"] = customer.name
        context["panggilan"] = greeting_name(customer.name, customer.nickname)
    elif order is not None:
        context["nama"] = order.buyer_name or order.recipient
        context["panggilan"] = greeting_name(context["nama"], "") if context["nama"] else ""
    return {key: value for key, value in context.items() if value}


def sample_context() -> dict[str, str]:
    """What the template editor's preview is filled with: a made-up customer and order, and
    the shop's real settings."""
    return {
        **_shop_context(),
        "nama": "Siti Rahma",
        "panggilan": "Kak Siti",
        "no_pesanan": "2603051K7QX9PT",
        "produk": "Gamis Katun Rayon (Navy, L) x1\nPashmina Ceruty (Mocca) x2",
        "total": fmt.rupiah(189_000),
        "status": ORDER_STATUS_LABELS["shipped"],
        "kurir": "J&T Express EZ",
        "resi": "JP4821937745",
        "alamat": "Jl. Melati No. 12, RT 03/RW 05, Kota Bandung, Jawa Barat",
    }


def greeting_name(name: str, nickname: str) -> str:
    """How a message addresses the customer: their nickname ("Kak Siti"), else "kak" and the
    first word of their name, as the seeds' etiquette asks (call people by name)."""
    if nickname.strip():
        return nickname.strip()
    first = name.split()[0] if name.split() else ""
    return f"kak {first}" if first else "kak"


def order_status_message(
    *,
    order_no: str,
    status: str,
    courier: str,
    tracking_no: str,
    total: int,
    name: str,
    nickname: str = "",
) -> str:
    """A ready message telling the customer where their order stands (the "where is my
    package" question, answered in one paste)."""
    hello = f"Halo {greeting_name(name, nickname)}, pesanan {order_no}"
    if status in ("shipped", "delivered", "completed") and tracking_no:
        via = f" via {courier}" if courier else ""
        text = f"{hello} sudah dikirim{via} dengan nomor resi {tracking_no}."
        if status == "shipped":
            text += " Bisa dilacak di aplikasi atau website kurir ya."
        return text + " Terima kasih sudah berbelanja 🙏"
    if status == "unpaid":
        return (
            f"{hello} masih menunggu pembayaran sebesar {fmt.rupiah(total)}. "
            "Setelah transfer, mohon kirim bukti transfernya ya 🙏"
        )
    if status == "to_ship":
        return f"{hello} sudah kami terima dan sedang kami siapkan untuk dikirim ya 😊"
    if status == "cancelled":
        return f"{hello} sudah dibatalkan. Mohon maaf atas ketidaknyamanannya 🙏"
    if status == "returned":
        return f"{hello} sedang dalam proses pengembalian. Kami kabari perkembangannya ya 🙏"
    label = ORDER_STATUS_LABELS.get(status, status).lower()
    return f"{hello} saat ini berstatus {label}. Terima kasih 🙏"
