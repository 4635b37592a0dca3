"""Shopee Seller Centre export (sheet `orders`), Indonesian or English headers.

`Total Pembayaran` / `Grand Total` is the order's total, repeated on each item row: taken
from the order's first row, never summed.
"""

from __future__ import annotations

from collections.abc import Iterator

from csdesk.services.importing.formats import common
from csdesk.services.importing.records import OrderRecord, Problem
from csdesk.services.importing.registry import Format, register
from csdesk.services.importing.table import Row

FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": ("No. Pesanan", "Order ID", "Order SN"),
    "status": ("Status Pesanan", "Order Status"),
    "tracking_no": ("No. Resi", "Tracking Number*", "Tracking Number"),
    "courier": ("Opsi Pengiriman", "Shipping Option"),
    "ship_by": (
        "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)",
        "Ship By Date",
        "Estimated Ship Out Date",
    ),
    "ordered_at": ("Waktu Pesanan Dibuat", "Order Creation Date"),
    "paid_at": ("Waktu Pembayaran Dilakukan", "Order Paid Time", "Payment Time"),
    "shipped_at": ("Waktu Pengiriman Diatur", "Ship Time"),
    "completed_at": ("Waktu Pesanan Selesai", "Order Complete Time"),
    "payment_method": ("Metode Pembayaran", "Payment Method"),
    "product": ("Nama Produk", "Product Name"),
    "sku": ("Nomor Referensi SKU", "SKU Reference No.", "SKU Induk", "Parent SKU Reference No."),
    "variant": ("Nama Variasi", "Variation Name"),
    "unit_price": ("Harga Setelah Diskon", "Deal Price", "Harga Awal", "Original Price"),
    "quantity": ("Jumlah", "Quantity"),
    "subtotal": ("Total Harga Produk", "Product Subtotal"),
    "shipping_fee": ("Ongkos Kirim Dibayar oleh Pembeli", "Buyer Paid Shipping Fee"),
    "total": ("Total Pembayaran", "Grand Total"),
    "buyer_note": ("Catatan dari Pembeli", "Remark from buyer"),
    "seller_note": ("Catatan", "Note"),
    "buyer_username": ("Username (Pembeli)", "Username (Buyer)"),
    "recipient": ("Nama Penerima", "Receiver Name"),
    "phone": ("No. Telepon", "Phone Number"),
    "address": ("Alamat Pengiriman", "Delivery Address"),
    # `Town` in the English export is the district, not the city.
    "city": ("Kota/Kabupaten", "City"),
    "province": ("Provinsi", "Province"),
}


def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
    def start(row: Row) -> OrderRecord:
        return common.start_order("shopee", row, warnings)

    def add(order: OrderRecord, row: Row) -> None:
        order.items.append(common.item_of(row))

    return common.fold(rows, warnings, start, add)


SHOPEE = register(
    Format(
        name="shopee",
        fields=FIELDS,
        required=("order_no", "status", "ordered_at", "product", "quantity", "total"),
        build=build,
        sheet_names=("orders",),
    )
)
