"""Confirming a manual order's bank transfer: which account, how much, when, and the proof.

Rules:
- Only an unpaid manual order is confirmed here (marketplaces confirm their own payments);
  two desks confirming the same order at once: the second is refused, nothing doubles.
- The amount must be above zero. An amount that differs from the order total, a transfer date
  in the future, or stock too short for the items are warnings, not refusals: the admin has
  the bank app open and decides (`payment_problems` before saving; the same warnings come back
  in the result).
- The proof (a photo or PDF of the transfer) is checked by its first bytes (JPEG, PNG, WebP,
  PDF; at most 10 MB) and copied into `attachments/payments/` under a generated name; the
  user's file name never becomes a path. If saving to the database fails, the copy is removed.
- On confirmation, in one transaction: a Payment row (copying the shop's account as it is now),
  the order → "to_ship" (Perlu Dikirim), paid at the transfer time, payment method
  "Transfer <bank>", ship-by the end (23.59 shop time) of the day after confirmation, the stock
  of its items taken (see manual_orders; stock may go below zero, with a warning, since the
  goods may be on hand while the count is behind), and an OrderEvent of kind "paid".
- The payment deadline of an unpaid order is its order time + `payment_deadline_hours`
  (Pengaturan, 24 by default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from csdesk.errors import ValidationError
from csdesk.models import Order, OrderEvent, Payment, database_proxy, utcnow
from csdesk.paths import attachments_dir
from csdesk.services import attachments, fmt
from csdesk.services import settings as shop_settings
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.labels import ORDER_STATUS_LABELS
from csdesk.services.manual_orders import (
    fk_id,
    get_order,
    item_drafts,
    manual_order,
    ship_by_after,
    stock_shortfalls,
)
from csdesk.services.order_stock import sku_quantities
from csdesk.services.products import StockChange, move_stock

PROOF_MAX_BYTES = 10 * 1024 * 1024
# What a proof may be, by its first bytes (services/attachments.py), and how big.
PROOF_LIMITS = {kind: PROOF_MAX_BYTES for kind in ("jpeg", "png", "webp", "pdf")}
PROOF_FOLDER = "payments"
OTHER_ACCOUNT = -1
# A transfer time this far ahead of the clock is a typo, not the bank's clock being fast.
_FUTURE_SLACK = dt.timedelta(minutes=5)


@dataclass
class PaymentDraft:
    account_index: int  # index into settings.load().bank_accounts; -1 = other/cash
    amount: int
    transferred_at: dt.datetime  # naive UTC
    proof_file: Path | None = None
    note: str = ""


@dataclass(frozen=True)
class PaymentLine:
    id: int
    bank: str
    account_number: str
    holder: str
    amount: int
    transferred_at: dt.datetime | None
    proof_path: Path | None  # absolute; None when there is none or the file is gone
    note: str
    author: str
    confirmed_at: dt.datetime


@dataclass(frozen=True)
class PaymentResult:
    payment_id: int
    stock_changes: list[StockChange]  # (sku, before, after)
    warnings: list[str]


def _check_proof(path: Path) -> str:
    """The proof's type after checking it is a photo or PDF of a sensible size."""
    return attachments.check_file(
        path, PROOF_LIMITS, "File bukti transfer", "foto (JPG, PNG, WebP) atau PDF"
    )


def _store_proof(path: Path, kind: str) -> Path:
    """Copy the proof under a generated name; returns the copy's absolute path."""
    return attachments.store_copy(path, PROOF_FOLDER, kind, PROOF_MAX_BYTES, "File bukti transfer")


def _account(index: int) -> shop_settings.BankAccount:
    if index == OTHER_ACCOUNT:
        return shop_settings.BankAccount(bank="", number="", holder="")
    accounts = shop_settings.load().bank_accounts
    if not 0 <= index < len(accounts):
        raise ValidationError("Pilih rekening tujuan transfer")
    return accounts[index]


def payment_problems(
    order_id: int, draft: PaymentDraft, now: dt.datetime | None = None
) -> list[str]:
    """Warnings to show before saving: the amount differs from the total, the transfer date
    is in the future, stock is short for the items."""
    order = get_order(order_id)
    now = now or utcnow()
    warnings = []
    if 0 < draft.amount < order.total:
        warnings.append(
            f"Jumlah transfer {fmt.rupiah(draft.amount)} kurang "
            f"{fmt.rupiah(order.total - draft.amount)} dari total {fmt.rupiah(order.total)}"
        )
    elif draft.amount > order.total:
        warnings.append(
            f"Jumlah transfer {fmt.rupiah(draft.amount)} lebih "
            f"{fmt.rupiah(draft.amount - order.total)} dari total {fmt.rupiah(order.total)}"
        )
    if draft.transferred_at > now + _FUTURE_SLACK:
        zone = shop_settings.load().zone
        warnings.append(
            f"Tanggal transfer {fmt.datetime_long(draft.transferred_at, zone)} belum terjadi"
        )
    for short in stock_shortfalls(item_drafts(order_id), order_id):
        warnings.append(
            f"Stok {short.product} ({short.sku}) tinggal {short.in_stock}, "
            f"pesanan ini butuh {short.wanted}"
        )
    return warnings


def confirm_payment(
    order_id: int, draft: PaymentDraft, author: str = "", now: dt.datetime | None = None
) -> PaymentResult:
    """Record the transfer and confirm the order (see the module's rules)."""
    now = now or utcnow()
    order = manual_order(order_id)
    if order.status != "unpaid":
        label = ORDER_STATUS_LABELS.get(order.status, order.status).lower()
        raise ValidationError(f"Pesanan {order.order_no} tidak menunggu pembayaran: {label}")
    if draft.amount <= 0:
        raise ValidationError("Jumlah transfer harus lebih dari Rp0")
    account = _account(draft.account_index)
    warnings = payment_problems(order_id, draft, now)
    kind = _check_proof(draft.proof_file) if draft.proof_file is not None else ""
    stored = _store_proof(draft.proof_file, kind) if draft.proof_file is not None else None
    try:
        with database_proxy.atomic():
            payment_id, changes = _confirm(order, draft, account, stored, author, now)
    except BaseException:
        if stored is not None:
            stored.unlink(missing_ok=True)
        raise
    customer_id = fk_id(order, "customer")
    if customer_id is not None:
        refresh_customers([customer_id])
    stock_warnings = [
        f"Stok {sku} sekarang {after} (minus), cek stok fisik"
        for sku, _, after in changes
        if after < 0
    ]
    return PaymentResult(payment_id, changes, [*warnings, *stock_warnings])


def _method(account: shop_settings.BankAccount) -> str:
    return f"Transfer {account.bank}" if account.bank else "Transfer/tunai lainnya"


def _confirm(
    order: Order,
    draft: PaymentDraft,
    account: shop_settings.BankAccount,
    stored: Path | None,
    author: str,
    now: dt.datetime,
) -> tuple[int, list[StockChange]]:
    # The status in the WHERE makes a second desk's confirmation of the same order a no-op.
    updated = (
        Order.update(
            {
                Order.status: "to_ship",
                Order.raw_status: ORDER_STATUS_LABELS["to_ship"],
                Order.paid_at: draft.transferred_at,
                Order.payment_method: _method(account),
                Order.ship_by: ship_by_after(now),
                Order.version: Order.version + 1,
                Order.updated_at: now,
            }
        )
        .where(Order.id == order.id, Order.status == "unpaid")
        .execute()
    )
    if not updated:
        raise ValidationError(f"Pesanan {order.order_no} baru saja dikonfirmasi admin lain")
    relative = attachments.relative(stored) if stored else ""
    payment = Payment.create(
        order=order.id,
        bank=account.bank,
        account_number=account.number,
        holder=account.holder,
        amount=draft.amount,
        transferred_at=draft.transferred_at,
        proof_path=relative,
        note=draft.note.strip(),
        author=author,
        confirmed_at=now,
    )
    zone = shop_settings.load().zone
    to = f"{account.bank} {account.number} a.n. {account.holder}" if account.bank else "lainnya"
    detail = (
        f"Pembayaran {fmt.rupiah(draft.amount)} dikonfirmasi ({to}), "
        f"ditransfer {fmt.datetime_long(draft.transferred_at, zone)}"
    )
    if stored is not None:
        detail += "; bukti transfer terlampir"
    OrderEvent.create(order=order.id, at=now, kind="paid", author=author, detail=detail)
    changes = move_stock(
        order.id,
        sku_quantities(item_drafts(order.id)),
        author=author,
        at=now,
        reason="Stok diambil (pembayaran dikonfirmasi)",
    )
    return int(payment.id), changes


def payments_for(order_id: int) -> list[PaymentLine]:
    """The order's confirmed payments, oldest first."""
    get_order(order_id)
    lines = []
    query = Payment.select().where(Payment.order == order_id)
    for p in query.order_by(Payment.confirmed_at, Payment.id):
        proof = attachments_dir() / p.proof_path if p.proof_path else None
        lines.append(
            PaymentLine(
                id=p.id,
                bank=p.bank,
                account_number=p.account_number,
                holder=p.holder,
                amount=p.amount,
                transferred_at=p.transferred_at,
                proof_path=proof if proof is not None and proof.is_file() else None,
                note=p.note,
                author=p.author,
                confirmed_at=p.confirmed_at,
            )
        )
    return lines


def payment_due(order_id: int) -> dt.datetime | None:
    """When an unpaid order's payment is due (naive UTC); None once it is not unpaid."""
    order = get_order(order_id)
    if order.status != "unpaid":
        return None
    hours = shop_settings.load().payment_deadline_hours
    return order.ordered_at + dt.timedelta(hours=hours)
