"""What a reader hands the importer: orders already normalized, with their source rows.

A reader turns one file (Shopee, TikTok Shop, Tokopedia legacy, Lazada or csdesk's own export)
into a `ParsedFile`: one `OrderRecord` per order number, items folded from the item rows,
money as integer rupiah, times as naive UTC (the file's shop-local times converted), statuses
normalized to models.orders.ORDER_STATUSES with the raw text kept. Problems that do not stop
the file are `Problem`s in `warnings`; a file that cannot be imported raises
`ImportFormatError` naming the file, row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from csdesk.errors import CsdeskError


@dataclass(frozen=True)
class Problem:
    """A warning tied to a place in the file: `row` is the sheet's 1-based row number."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFormatError(CsdeskError):
    """The file cannot be imported; the message names the file, and row/column where known."""

    def __init__(self, file: str, message: str, *, row: int | None = None, column: str = ""):
        where = []
        if row is not None:
            where.append(f"baris {row}")
        if column:
            where.append(f"kolom '{column}'")
        place = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{file}{place}: {message}")
        self.file = file
        self.row = row
        self.column = column
        self.reason = message


class MissingColumnsError(ImportFormatError):
    """Needed columns were not found: what a column-mapping dialog needs to ask the user.

    `missing` are field names (`order_no`, `ordered_at`…), `headers` the header row as read,
    `file_format` the best-matching format; `read_orders(..., file_format=…, mapping={field:
    header})` then reads the file with the user's choice.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        file_format: str,
        missing: list[str],
        headers: list[str],
        row: int | None = None,
    ):
        super().__init__(file, message, row=row)
        self.file_format = file_format
        self.missing = missing
        self.headers = headers


class ImportCancelled(CsdeskError):
    """The user cancelled the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Impor dibatalkan")


@dataclass
class ItemRecord:
    product: str
    sku: str = ""
    variant: str = ""
    quantity: int = 1
    unit_price: int = 0
    subtotal: int = 0


@dataclass
class OrderRecord:
    marketplace: str  # shopee | tiktok | tokopedia | lazada | manual
    order_no: str
    status: str  # normalized (models.orders.ORDER_STATUSES)
    raw_status: str = ""
    ordered_at: dt.datetime | None = None  # naive UTC
    paid_at: dt.datetime | None = None
    ship_by: dt.datetime | None = None
    shipped_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    buyer_name: str = ""
    buyer_username: str = ""
    buyer_phone: str = ""  # as in the file; may be masked
    recipient: str = ""
    phone: str = ""  # the recipient's, as in the file; may be masked
    address: str = ""
    city: str = ""
    province: str = ""
    courier: str = ""
    service: str = ""
    tracking_no: str = ""
    payment_method: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    shipping_fee: int = 0
    total: int = 0
    items: list[ItemRecord] = field(default_factory=list)
    # The file's rows for this order, each already JSON text (kept small in memory).
    source_rows: list[str] = field(default_factory=list)
    first_row: int = 0  # sheet row of the order's first item row
    # Only the csdesk format carries these: the customer the order belonged to when exported.
    customer_id: int | None = None
    customer_name: str = ""
    # Tokopedia invoice number carried by TikTok Shop rows after the merge (FORMATS.md).
    linked_order_no: str = ""


@dataclass
class ParsedFile:
    path: str
    file_format: str  # shopee | tiktok | tokopedia | lazada | csdesk
    rows: int  # data rows read (header and description rows not counted)
    orders: list[OrderRecord]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(len(order.items) for order in self.orders)
