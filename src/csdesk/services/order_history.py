"""An order's history as people read it: one sentence per event, whatever wrote it.

Imports store their events' details as JSON (the file, and for an update every changed field's
old and new value, which undo needs); other writers store a plain sentence. `event_text` turns
either into Indonesian: "Diimpor dari shopee-nov.xlsx", "Diperbarui dari shopee-des.xlsx:
status Perlu Dikirim → Dikirim; no. resi — → JX123". Detail that is not JSON is already a
sentence ("Label A6 dicetak") and is shown as written; an event without detail shows its kind's
label ("Pembayaran dikonfirmasi").
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from csdesk.services import fmt
from csdesk.services.labels import ORDER_EVENT_LABELS, ORDER_STATUS_LABELS, label

FIELD_LABELS = {
    "status": "status",
    "raw_status": "status marketplace",
    "tracking_no": "no. resi",
    "courier": "kurir",
    "service": "layanan",
    "recipient": "penerima",
    "phone": "telepon",
    "address": "alamat",
    "city": "kota",
    "province": "provinsi",
    "total": "total",
    "shipping_fee": "ongkir",
    "paid_at": "dibayar",
    "ship_by": "kirim sebelum",
    "shipped_at": "dikirim",
    "completed_at": "selesai",
    "buyer_note": "catatan pembeli",
    "seller_note": "catatan penjual",
    "payment_method": "pembayaran",
}
_MONEY = {"total", "shipping_fee"}
_SHOWN_CHANGES = 4  # more are summarised as "+N perubahan lain"


def _value(name: str, value: Any, zone: str) -> str:
    if value in (None, ""):
        return "—"
    if name == "status":
        return label(ORDER_STATUS_LABELS, str(value))
    if name in _MONEY and isinstance(value, int):
        return fmt.rupiah(value)
    if name.endswith("_at") or name == "ship_by":
        try:
            return fmt.datetime_long(dt.datetime.fromisoformat(str(value)), zone)
        except ValueError:
            return str(value)
    return str(value)


def _changes(changes: dict[str, Any], zone: str) -> str:
    parts = []
    for name, pair in changes.items():
        if name == "raw_status" and "status" in changes:
            continue  # the normalised status already says it
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        caption = FIELD_LABELS.get(name, name)
        parts.append(f"{caption} {_value(name, old, zone)} → {_value(name, new, zone)}")
    shown = parts[:_SHOWN_CHANGES]
    if len(parts) > _SHOWN_CHANGES:
        shown.append(f"+{len(parts) - _SHOWN_CHANGES} perubahan lain")
    return "; ".join(shown)


def event_text(kind: str, detail: str, zone: str = fmt.DEFAULT_ZONE) -> str:
    """One readable sentence for an order event (see the module docstring)."""
    title = label(ORDER_EVENT_LABELS, kind)
    data: Any = None
    if detail.startswith("{"):
        try:
            data = json.loads(detail)
        except ValueError:
            data = None
    if not isinstance(data, dict):
        return detail or title
    file_name = str(data.get("file") or "")
    text = f"{title} dari {file_name}" if file_name else title
    changes = data.get("changes")
    if isinstance(changes, dict) and changes:
        text += f": {_changes(changes, zone)}"
    if isinstance(data.get("items"), dict):
        text += "; daftar barang berubah"
    return text
