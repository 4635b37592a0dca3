"""Marketplace status texts → csdesk's normalized statuses (the table in FORMATS.md)."""

from __future__ import annotations

_TABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "shopee": {
        "unpaid": ("Belum Bayar", "Unpaid"),
        "to_ship": ("Perlu Dikirim", "To ship", "To Ship"),
        "shipped": ("Dikirim", "Shipping", "Shipped"),
        "completed": ("Selesai", "Completed"),
        "cancelled": ("Batal", "Dibatalkan", "Cancelled"),
        "returned": (
            "Pengembalian",
            "Pengembalian Dana",
            "Return/Refund",
            "Pengembalian Barang/Dana",
        ),
    },
    "tiktok": {
        "unpaid": ("Unpaid", "Belum dibayar"),
        "to_ship": ("To ship", "Awaiting shipment", "Awaiting collection", "Perlu dikirim"),
        "shipped": ("Shipped", "In transit", "Dikirim", "Dalam pengiriman"),
        "delivered": ("Delivered", "Terkirim"),
        "completed": ("Completed", "Selesai"),
        "cancelled": ("Cancelled", "Canceled", "Dibatalkan"),
    },
    "tokopedia": {
        "unpaid": ("Menunggu Pembayaran",),
        "to_ship": ("Menunggu Konfirmasi", "Pesanan Diproses", "Menunggu Pickup"),
        "shipped": ("Dalam Pengiriman", "Pesanan Dikirim"),
        "delivered": ("Pesanan Tiba", "Tiba di Tujuan"),
        "completed": ("Pesanan Selesai", "Selesai"),
        "cancelled": ("Pesanan Dibatalkan", "Dibatalkan"),
        "returned": ("Dikomplain", "Pengembalian", "Komplain"),
    },
    "lazada": {
        "unpaid": ("unpaid",),
        "to_ship": ("pending", "packed", "ready_to_ship", "ready to ship", "repacked"),
        "shipped": ("shipped",),
        "delivered": ("delivered",),
        "cancelled": ("canceled", "cancelled"),
        "returned": ("returned", "failed", "shipped_back", "lost"),
    },
}


def _key(raw: str) -> str:
    return "".join(raw.split()).casefold()


_LOOKUP: dict[str, dict[str, str]] = {
    marketplace: {_key(raw): status for status, texts in table.items() for raw in texts}
    for marketplace, table in _TABLE.items()
}


def normalize(marketplace: str, raw: str) -> str | None:
    """The normalized status of a raw text, None when the marketplace has no such status."""
    return _LOOKUP[marketplace].get(_key(raw))


# Where the unit rows of one (Lazada) order disagree, the order takes the furthest state: a
# cancelled unit beside delivered ones does not cancel the order, a returned unit ends it, and
# an unknown status stands only when no row says anything known.
_RANK = {
    "other": 0,
    "cancelled": 1,
    "unpaid": 2,
    "to_ship": 3,
    "shipped": 4,
    "delivered": 5,
    "completed": 6,
    "returned": 7,
}


def furthest(current: str, new: str) -> str:
    return new if _RANK[new] > _RANK[current] else current
