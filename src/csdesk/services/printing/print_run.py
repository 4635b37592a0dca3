"""A print run of shipping labels: choose the orders, render the PDF, then mark them printed.

Rendering and marking are separate steps on purpose: the GUI renders on a worker thread, shows
the preview, and marks the orders only after the seller printed or saved; the CLI does both.
`render_labels_pdf` writes no database rows, and writes the PDF to a hidden file beside the
target that is renamed over it at the end, so a cancel or an error leaves no file behind (and
an existing file at the target untouched).

Printing an order twice is allowed (a label gets torn, the printer jams), but `already_printed`
lets the caller warn first. Marking moves each order's `version` on, so an admin editing the
address of an order whose label just went out reloads and sees that first.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee as pw

from csdesk.errors import CsdeskError, NotFoundError, ValidationError
from csdesk.models import Order, OrderEvent, database_proxy, utcnow
from csdesk.models.base import run_sql
from csdesk.models.orders import ORDER_STATUSES
from csdesk.services import fmt, settings
from csdesk.services.labels import ORDER_STATUS_LABELS
from csdesk.services.list_sql import CHUNK, chunked, fetch_ids
from csdesk.services.printing.label_data import iter_labels
from csdesk.services.printing.sizes import DEFAULT_SIZE, label_size

if TYPE_CHECKING:
    from csdesk.services.printing.label_pdf import Sender


@dataclass(frozen=True)
class RenderResult:
    labels: int
    pages: int
    path: Path


@dataclass(frozen=True)
class PrintedBefore:
    order_id: int
    order_no: str
    printed_at: dt.datetime  # naive UTC


class PrintCancelled(CsdeskError):
    """The user cancelled; no file was written (an existing file at the target is untouched)."""

    def __init__(self) -> None:
        super().__init__("Pencetakan label dibatalkan; file tidak ditulis")


class PrintError(CsdeskError):
    """The PDF could not be written (folder missing, read-only, disk full)."""


def _rows(query: pw.Select) -> list[tuple[Any, ...]]:
    sql, params = query.sql()
    return list(run_sql(database_proxy.obj, sql, params).fetchall())


def _as_datetime(value: Any) -> dt.datetime:
    """A raw SQLite cursor gives stored times as text; PostgreSQL gives datetimes."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def status_key(status: str) -> str:
    """The stored status for `status`: a key (`to_ship`) or its Indonesian name in any case
    (`perlu dikirim`). ValidationError for anything else."""
    wanted = " ".join(status.split()).casefold()
    for key in ORDER_STATUSES:
        if wanted in (key, ORDER_STATUS_LABELS.get(key, key).casefold()):
            return key
    known = ", ".join(f"{key} ({ORDER_STATUS_LABELS.get(key, key)})" for key in ORDER_STATUSES)
    raise ValidationError(f"Status tidak dikenal: {status!r} (pilih: {known})")


def order_ids_for(order_nos: Sequence[str] = (), status: str | None = None) -> list[int]:
    """The orders to print: by number, in the order given (a number used on two marketplaces
    gives both), or every order with `status` (key or Indonesian name), earliest ship-by
    deadline first (then the oldest order). NotFoundError names numbers that do not exist."""
    wanted = list(dict.fromkeys(no.strip() for no in order_nos if no.strip()))
    if wanted and status:
        raise ValidationError("Pilih nomor pesanan atau status, tidak keduanya")
    if status:
        key = status_key(status)
        ids = fetch_ids(
            Order.select(Order.id)
            .where(Order.status == key)
            .order_by(Order.ship_by.is_null(), Order.ship_by, Order.ordered_at, Order.id)
        )
        if not ids:
            raise NotFoundError(f"Tidak ada pesanan berstatus {ORDER_STATUS_LABELS[key]}")
        return ids
    if not wanted:
        raise ValidationError("Sebutkan nomor pesanan atau status pesanan yang akan dicetak")
    found: dict[str, list[int]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        query = (
            Order.select(Order.id, Order.order_no)
            .where(Order.order_no.in_(chunk))
            .order_by(Order.marketplace, Order.id)
        )
        for order_id, order_no in _rows(query):
            found.setdefault(order_no, []).append(order_id)
    missing = [no for no in wanted if no not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (f" dan {len(missing) - 5} lainnya" if missing[5:] else "")
        raise NotFoundError(f"Nomor pesanan tidak ditemukan: {shown}")
    return [order_id for no in wanted for order_id in found[no]]


def already_printed(order_ids: Sequence[int]) -> list[PrintedBefore]:
    """The orders among `order_ids` whose label was printed before, in the order given."""
    found: dict[int, PrintedBefore] = {}
    for chunk in chunked(order_ids):
        query = Order.select(Order.id, Order.order_no, Order.printed_at).where(
            Order.id.in_(chunk), Order.printed_at.is_null(False)
        )
        for order_id, order_no, printed_at in _rows(query):
            found[order_id] = PrintedBefore(order_id, order_no, _as_datetime(printed_at))
    return [found[i] for i in dict.fromkeys(order_ids) if i in found]


def _sender() -> tuple[Sender, str]:
    """The shop as the labels show it, and the print time in the shop's zone."""
    # reportlab (~0.25 s to import) loads on the first print, not when the window starts.
    from csdesk.services.printing.label_pdf import Sender, load_logo

    shop = settings.load()
    sender = Sender(
        name=shop.shop_name.strip(),
        phone=fmt.phone_display(shop.shop_phone.strip()),
        city=shop.shop_city.strip(),
        logo=load_logo(shop.logo_path),
    )
    return sender, fmt.datetime_long(utcnow(), shop.zone)


def _temp_beside(target: Path) -> Path:
    """A hidden file in the target's folder, so the final rename never crosses file systems."""
    if target.is_dir():
        raise PrintError(f"{target} adalah folder; pilih nama file .pdf")
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=".pdf.part", dir=target.parent
        )
    except FileNotFoundError as exc:
        raise PrintError(f"Folder {target.parent} tidak ada; file tidak ditulis") from exc
    except OSError as exc:
        raise PrintError(
            f"Folder {target.parent} tidak bisa ditulisi ({exc.strerror or exc}); "
            "file tidak ditulis"
        ) from exc
    os.close(handle)
    return Path(name)


def render_labels_pdf(
    order_ids: Sequence[int],
    target: Path,
    size: str = DEFAULT_SIZE,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> RenderResult:
    """The labels of `order_ids`, in that order, as a PDF at `target` (see the module doc).

    `progress(done, total)` runs after each label; `is_cancelled()` is asked before each and a
    cancelled run raises PrintCancelled. Writes nothing to the database.
    """
    label = label_size(size)
    if not order_ids:
        raise ValidationError("Tidak ada pesanan untuk dicetak")
    target = Path(target)
    total = len(order_ids)

    def after_each(done: int) -> None:
        if progress is not None:
            progress(done, total)
        if done < total and is_cancelled is not None and is_cancelled():
            raise PrintCancelled()

    if is_cancelled is not None and is_cancelled():
        raise PrintCancelled()
    from csdesk.services.printing.label_pdf import write_labels

    sender, printed = _sender()
    temp = _temp_beside(target)
    try:
        labels, pages = write_labels(
            iter_labels(order_ids), temp, label, sender, printed, after_each
        )
        os.replace(temp, target)
    except OSError as exc:
        raise PrintError(f"File {target} tidak bisa ditulis: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return RenderResult(labels=labels, pages=pages, path=target)


def mark_printed(
    order_ids: Sequence[int], size: str, author: str = "", now: dt.datetime | None = None
) -> int:
    """Record that the labels of `order_ids` were printed, in one transaction: `printed_at` =
    `now` (naive UTC, default the clock) and one OrderEvent "printed" per order ("Label A6
    dicetak"). Ids that are not orders are skipped. Returns the number of orders marked."""
    label = label_size(size)
    now = now or utcnow()
    detail = f"Label {label.name} dicetak"
    marked = 0
    with database_proxy.atomic():
        for chunk in chunked(list(dict.fromkeys(order_ids))):
            ids = fetch_ids(Order.select(Order.id).where(Order.id.in_(chunk)))
            if not ids:
                continue
            Order.update(
                {
                    Order.printed_at: now,
                    Order.version: Order.version + 1,
                    Order.updated_at: now,
                }
            ).where(Order.id.in_(ids)).execute()
            OrderEvent.insert_many(
                [
                    {"order": i, "at": now, "kind": "printed", "author": author, "detail": detail}
                    for i in ids
                ]
            ).execute()
            marked += len(ids)
    return marked
