"""Indonesian names for every stored status, category and key: one place for lists, badges,
detail panes, reports and prints.

The database keeps short English keys (`to_ship`, `damaged`); people read these labels. A key
with no label (a value written by a newer version, or garbage in an import) shows as itself
rather than disappearing, so `label()` never raises.
"""

from __future__ import annotations

from collections.abc import Mapping

ORDER_STATUS_LABELS: dict[str, str] = {
    "unpaid": "Belum Bayar",
    "to_ship": "Perlu Dikirim",
    "shipped": "Dikirim",
    "delivered": "Sampai",
    "completed": "Selesai",
    "cancelled": "Dibatalkan",
    "returned": "Pengembalian",
    "other": "Lainnya",
}

MARKETPLACE_LABELS: dict[str, str] = {
    "shopee": "Shopee",
    "tiktok": "TikTok Shop",
    "tokopedia": "Tokopedia",
    "lazada": "Lazada",
    "manual": "Manual/WhatsApp",
}

CONVERSATION_STATUS_LABELS: dict[str, str] = {
    "open": "Terbuka",
    "pending": "Menunggu",
    "snoozed": "Ditunda",
    "closed": "Selesai",
}

CHANNEL_LABELS: dict[str, str] = {
    "whatsapp": "WhatsApp",
    "instagram": "Instagram",
    "shopee": "Shopee",
    "tokopedia": "Tokopedia",
    "tiktok": "TikTok Shop",
    "lazada": "Lazada",
    "phone": "Telepon",
    "email": "Email",
}

COMPLAINT_CATEGORY_LABELS: dict[str, str] = {
    "out_of_stock": "Stok habis",
    "differs_from_picture": "Beda dengan foto",
    "quality": "Kualitas tidak sesuai",
    "late": "Terlambat",
    "not_arrived": "Tidak sampai",
    "damaged": "Rusak",
    "wrong_item": "Salah kirim",
    "missing_item": "Kurang item",
    "unfriendly_service": "Pelayanan tidak ramah",
    "other": "Lainnya",
}

COMPLAINT_STATUS_LABELS: dict[str, str] = {
    "new": "Baru",
    "waiting_customer": "Menunggu Pelanggan",
    "waiting_courier": "Menunggu Kurir",
    "waiting_marketplace": "Menunggu Marketplace",
    "resolved": "Selesai",
    "rejected": "Ditolak",
}

RESOLUTION_LABELS: dict[str, str] = {
    "replacement": "Ganti barang",
    "refund": "Refund",
    "partial_refund": "Refund sebagian",
    "compensation": "Kompensasi/voucher",
    "explanation": "Penjelasan",
}

PRIORITY_LABELS: dict[str, str] = {
    "low": "Rendah",
    "normal": "Normal",
    "high": "Tinggi",
    "urgent": "Mendesak",
}

SEGMENT_LABELS: dict[str, str] = {
    "baru": "Baru",
    "berulang": "Berulang",
    "loyal": "Loyal",
    "pernah_komplain": "Pernah Komplain",
    "tidak_aktif": "Tidak Aktif",
}

# OrderEvent kinds, as the order's history names them. "note" is services/order_notes.NOTE_KIND.
ORDER_EVENT_LABELS: dict[str, str] = {
    "imported": "Diimpor",
    "updated": "Diperbarui",
    "created": "Dibuat",
    "edited": "Diubah",
    "cancelled": "Dibatalkan",
    "paid": "Pembayaran dikonfirmasi",
    "stock": "Stok",
    "printed": "Label dicetak",
    "note": "Catatan",
}

DIRECTION_LABELS: dict[str, str] = {
    "in": "Pelanggan",
    "out": "Toko",
    "note": "Catatan internal",
}


def label(labels: Mapping[str, str], key: str | None) -> str:
    """The Indonesian label of `key`; the key itself when unknown, empty text for None."""
    if key is None:
        return ""
    return labels.get(key, key)
