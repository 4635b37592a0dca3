"""The `csdesk` order format: the columns `export-orders` writes and `format_csdesk` reads.

One list for both sides, so the export and the reader cannot drift apart: a header renamed
here is renamed in both. `key` is the field's name on `OrderRecord`/`ItemRecord` (and the
column alias in the export's query); `kind` says how the value is written and read back.
Time headers carry the shop's zone (`Waktu Pesanan (WIB)`), so a file says which local time
it holds and the reader converts it back to UTC with that zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from csdesk.services import fmt

Kind = Literal["text", "money", "time", "int", "status", "marketplace", "customer_id"]

SHEET_NAME = "Pesanan"


@dataclass(frozen=True)
class CsdeskColumn:
    key: str
    header: str
    kind: Kind = "text"
    width: float = 14
    item: bool = False  # an item field (differs per row) rather than an order field


COLUMNS: tuple[CsdeskColumn, ...] = (
    CsdeskColumn("marketplace", "Marketplace", "marketplace", 13),
    CsdeskColumn("order_no", "No. Pesanan", width=24),
    CsdeskColumn("status", "Status", "status", 14),
    CsdeskColumn("raw_status", "Status Asli", width=16),
    CsdeskColumn("ordered_at", "Waktu Pesanan", "time", 19),
    CsdeskColumn("paid_at", "Waktu Bayar", "time", 19),
    CsdeskColumn("ship_by", "Kirim Sebelum", "time", 19),
    CsdeskColumn("shipped_at", "Waktu Kirim", "time", 19),
    CsdeskColumn("completed_at", "Waktu Selesai", "time", 19),
    CsdeskColumn("customer_id", "ID Pelanggan", "customer_id", 12),
    CsdeskColumn("customer_name", "Nama Pelanggan", width=22),
    CsdeskColumn("buyer_name", "Nama Pembeli", width=22),
    CsdeskColumn("buyer_username", "Username Pembeli", width=18),
    CsdeskColumn("recipient", "Penerima", width=22),
    CsdeskColumn("phone", "Telepon", width=17),
    CsdeskColumn("address", "Alamat", width=45),
    CsdeskColumn("city", "Kota", width=18),
    CsdeskColumn("province", "Provinsi", width=18),
    CsdeskColumn("courier", "Kurir", width=14),
    CsdeskColumn("service", "Layanan", width=12),
    CsdeskColumn("tracking_no", "No. Resi", width=20),
    CsdeskColumn("payment_method", "Metode Bayar", width=16),
    CsdeskColumn("buyer_note", "Catatan Pembeli", width=28),
    CsdeskColumn("seller_note", "Catatan Penjual", width=28),
    CsdeskColumn("shipping_fee", "Ongkir", "money", 12),
    CsdeskColumn("total", "Total Pesanan", "money", 14),
    CsdeskColumn("sku", "SKU", width=16, item=True),
    CsdeskColumn("product", "Produk", width=36, item=True),
    CsdeskColumn("variant", "Varian", width=16, item=True),
    CsdeskColumn("quantity", "Jumlah", "int", 8, item=True),
    CsdeskColumn("unit_price", "Harga Satuan", "money", 14, item=True),
    CsdeskColumn("subtotal", "Subtotal", "money", 14, item=True),
)

# The export's number formats; `"Rp"#,##0` shows 1250000 as Rp1,250,000 (Excel applies the
# reader's own thousands separator, so an Indonesian Excel shows Rp1.250.000).
MONEY_FORMAT = '"Rp"#,##0'
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

_ZONE_SUFFIX = re.compile(r"\s*\((" + "|".join(fmt.ZONES) + r")\)\s*$", re.IGNORECASE)


def header_text(column: CsdeskColumn, zone: str) -> str:
    """The header as written: time columns name the zone their values are in."""
    return f"{column.header} ({zone})" if column.kind == "time" else column.header


def normalize_header(text: str) -> tuple[str, str | None]:
    """(the header compared case- and space-insensitively, the zone it names if any)."""
    found = _ZONE_SUFFIX.search(text)
    zone = found.group(1).upper() if found else None
    if found:
        text = text[: found.start()]
    return " ".join(text.split()).casefold(), zone


BY_HEADER: dict[str, CsdeskColumn] = {normalize_header(c.header)[0]: c for c in COLUMNS}
