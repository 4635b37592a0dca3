"""ParsedFile builders and table dumps shared by the order-import tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from csdesk.services.importing.records import ItemRecord, OrderRecord, ParsedFile

ORDERED = dt.datetime(2025, 3, 5, 2, 15)  # 09.15 WIB

DUMPED = ("orders", "order_item", "order_event", "customer", "customer_identity")


def order(order_no: str, **fields: Any) -> OrderRecord:
    values: dict[str, Any] = {
        "marketplace": "shopee",
        "order_no": order_no,
        "status": "to_ship",
        "raw_status": "Perlu Dikirim",
        "ordered_at": ORDERED,
        "buyer_username": "sari.w",
        "recipient": "Sari Wulandari",
        "phone": "0812-3456-7890",
        "address": "Jl. Melati 5",
        "city": "Bandung",
        "total": 150_000,
        "items": [ItemRecord("Gamis Katun", sku="GK-L", variant="L", unit_price=150_000,
                             subtotal=150_000)],
        "source_rows": [f'{{"No. Pesanan": "{order_no}"}}'],
        "first_row": 2,
    }  # fmt: skip
    values.update(fields)
    return OrderRecord(**values)


def parsed(*orders: OrderRecord, path: str = "pesanan.xlsx", file_format: str = "") -> ParsedFile:
    rows = sum(max(len(o.items), 1) for o in orders)
    return ParsedFile(path, file_format or orders[0].marketplace, rows, list(orders))


def dump(db_path: Path, tables: tuple[str, ...] = DUMPED) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of `tables`, read over a separate connection (what is committed)."""
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    finally:
        con.close()
