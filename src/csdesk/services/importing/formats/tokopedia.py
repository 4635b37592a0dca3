"""Tokopedia legacy "Laporan Penjualan": title rows above the header, one row per item.

No creation time: the export holds paid orders, so the payment time is the order's time.
`Total Penjualan (IDR)` is per row; the order total is the sum of its rows (no shipping).
The buyer is `Nama Pembeli` + `No Telp Pembeli` (there is no username).
"""

from __future__ import annotations

from collections.abc import Iterator

from csdesk.services.importing.formats import common
from csdesk.services.importing.records import OrderRecord, Problem
from csdesk.services.importing.registry import Format, register
from csdesk.services.importing.table import Row

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("Nomor Invoice", "Invoice"),
    "ordered_at": ("Tanggal Pembayaran", "Waktu Pembayaran"),
    "status": ("Status Terakhir", "Status Pesanan"),
    "completed_at": ("Tanggal Pesanan Selesai",),
    "product": ("Nama Produk",),
    "sku": ("Nomor SKU", "SKU"),
    "buyer_note": ("Catatan Produk Pembeli",),
    "seller_note": ("Catatan Produk Penjual",),
    "quantity": ("Jumlah Produk Dibeli", "Jumlah Produk"),
    "unit_price": ("Harga Jual (IDR)", "Harga Awal (IDR)"),
    "subtotal": ("Total Penjualan (IDR)",),
    "buyer_name": ("Nama Pembeli",),
    "buyer_phone": ("No Telp Pembeli",),
    "recipient": ("Nama Penerima",),
    "phone": ("No Telp Penerima",),
    "address": ("Alamat Pengiriman",),
    "city": ("Kota",),
    "province": ("Provinsi",),
    "courier": ("Nama Kurir",),
    "service": ("Tipe Pengiriman",),
    "tracking_no": ("No Resi / Kode Booking", "No Resi"),
}


def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
    def start(row: Row) -> OrderRecord:
        order = common.start_order("tokopedia", row, warnings)
        order.paid_at = order.ordered_at
        return order

    def add(order: OrderRecord, row: Row) -> None:
        item = common.item_of(row)
        order.items.append(item)
        order.total += item.subtotal

    return common.fold(rows, warnings, start, add)


TOKOPEDIA = register(
    Format(
        name="tokopedia",
        fields=FIELDS,
        required=("order_no", "status", "ordered_at", "product", "quantity", "subtotal"),
        build=build,
    )
)
