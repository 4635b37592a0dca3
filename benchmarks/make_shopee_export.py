"""A large Shopee Seller Centre export, in the real header layout, for import benchmarks.

    python benchmarks/make_shopee_export.py OUT.xlsx [--rows 100000] [--seed 1]

N item rows (orders of 1-3 items, order-level fields repeated on each item row), text cells
as Shopee writes them (`37.200`, `2025-03-01 11:05`, 17-digit order numbers), written with
xlsxwriter's constant_memory mode so that a million rows need no more memory than ten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import xlsxwriter

HEADERS = (
    "No. Pesanan", "Status Pesanan", "Alasan Pembatalan", "Status Pembatalan/ Pengembalian",
    "No. Resi", "Opsi Pengiriman", "Antar ke counter/ pick-up",
    "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)", "Waktu Pengiriman Diatur",
    "Waktu Pesanan Dibuat", "Waktu Pembayaran Dilakukan", "Metode Pembayaran", "SKU Induk",
    "Nama Produk", "Nomor Referensi SKU", "Nama Variasi", "Harga Awal", "Harga Setelah Diskon",
    "Jumlah", "Returned quantity", "Total Harga Produk", "Total Diskon", "Diskon Dari Penjual",
    "Diskon Dari Shopee", "Berat Produk", "Jumlah Produk di Pesan", "Total Berat",
    "Voucher Ditanggung Penjual", "Cashback Koin", "Voucher Ditanggung Shopee", "Paket Diskon",
    "Paket Diskon (Diskon dari Shopee)", "Paket Diskon (Diskon dari Penjual)",
    "Potongan Koin Shopee", "Diskon Kartu Kredit", "Ongkos Kirim Dibayar oleh Pembeli",
    "Estimasi Potongan Biaya Pengiriman", "Ongkos Kirim Pengembalian Barang", "Total Pembayaran",
    "Perkiraan Ongkos Kirim", "Catatan dari Pembeli", "Catatan", "Username (Pembeli)",
    "Nama Penerima", "No. Telepon", "Alamat Pengiriman", "Kota/Kabupaten", "Provinsi",
    "Waktu Pesanan Selesai",
)  # fmt: skip
PRODUCTS = (
    ("KRD-01", "Kerudung Segi Empat Voal Premium", ("Hitam", "Mocca", "Dusty Pink"), 37200),
    ("GMS-02", "Gamis Katun Rayon Motif Bunga", ("S", "M", "L", "XL"), 129000),
    ("MKN-03", "Mukena Travel Parasut + Tas", ("Putih", "Hitam"), 89500),
    ("PSM-04", "Pashmina Ceruty Baby Doll", ("Hitam", "Navy", "Maroon"), 25000),
    ("TAS-05", "Tas Selempang Kanvas Wanita", ("Hitam", "Krem"), 64900),
    ("KAO-06", "Kaos Kaki Jempol Muslimah (3 pasang)", ("All size",), 18000),
)
STATUSES = ("Perlu Dikirim", "Dikirim", "Selesai", "Selesai", "Selesai", "Batal", "Belum Bayar")
COURIERS = ("SiCepat REG", "J&T Express", "JNE Reguler", "Ninja Xpress", "AnterAja")
NAMES = ("Rina", "Reza", "Yuni", "Nadia", "Dewi", "Budi", "Siti", "Fajar", "Wulan", "Bayu")
SURNAMES = ("Saputra", "Halim", "Gunawan", "Santoso", "Hidayat", "Wibowo", "Lestari", "Nugroho")
CITIES = (
    ("KOTA BANDUNG", "JAWA BARAT"), ("KAB. BOGOR", "JAWA BARAT"), ("KOTA DENPASAR", "BALI"),
    ("KOTA JAKARTA SELATAN", "DKI JAKARTA"), ("KOTA SURABAYA", "JAWA TIMUR"),
    ("KOTA MEDAN", "SUMATERA UTARA"), ("KAB. SLEMAN", "DI YOGYAKARTA"),
)  # fmt: skip


def rupiah_text(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def make_shopee_export(path: Path, rows: int, seed: int = 1) -> int:
    """Write `rows` item rows to `path`; returns the number of orders."""
    rng = random.Random(seed)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("orders")
    sheet.write_row(0, 0, HEADERS)
    column = {name: index for index, name in enumerate(HEADERS)}
    start = dt.datetime(2025, 3, 1, 8, 0)
    written = orders = 0
    while written < rows:
        orders += 1
        created = start + dt.timedelta(minutes=orders * 3)
        status = rng.choice(STATUSES)
        first, last = rng.choice(NAMES), rng.choice(SURNAMES)
        city, province = rng.choice(CITIES)
        fee = rng.choice((0, 12000, 18500))
        lines = []
        for _ in range(min(rng.randint(1, 3), rows - written)):
            sku, product, variants, price = rng.choice(PRODUCTS)
            variant, quantity = rng.choice(variants), rng.randint(1, 3)
            lines.append((sku, product, variant, price, quantity))
        total = fee + sum(price * quantity for *_, price, quantity in lines)
        order = {
            "No. Pesanan": f"2503{created:%y%m%d}{orders:07d}",
            "Status Pesanan": status,
            "No. Resi": f"JX{rng.randrange(10**9, 10**10)}"
            if status in ("Dikirim", "Selesai")
            else "",
            "Opsi Pengiriman": rng.choice(COURIERS),
            "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)": f"{created + dt.timedelta(days=2):%Y-%m-%d %H:%M}",
            "Waktu Pesanan Dibuat": f"{created:%Y-%m-%d %H:%M}",
            "Waktu Pembayaran Dilakukan": f"{created + dt.timedelta(minutes=3):%Y-%m-%d %H:%M}",
            "Metode Pembayaran": rng.choice(("ShopeePay", "COD", "Transfer Bank")),
            "Ongkos Kirim Dibayar oleh Pembeli": rupiah_text(fee),
            "Total Pembayaran": rupiah_text(total),
            "Catatan dari Pembeli": rng.choice(("", "", "Kirim hari ini bisa?")),
            "Username (Pembeli)": f"{first.lower()}{last[:3].lower()}{rng.randrange(100000)}",
            "Nama Penerima": f"{first} {last}",
            "No. Telepon": f"628{rng.randrange(10**9, 10**10)}",
            "Alamat Pengiriman": f"Jl. {rng.choice(SURNAMES)} No. {rng.randint(1, 150)}, RT 0{rng.randint(1, 9)}/RW 0{rng.randint(1, 9)}",
            "Kota/Kabupaten": city,
            "Provinsi": province,
            "Waktu Pesanan Selesai": f"{created + dt.timedelta(days=4):%Y-%m-%d %H:%M}"
            if status == "Selesai"
            else "",
        }
        for sku, product, variant, price, quantity in lines:
            item = {
                "SKU Induk": sku,
                "Nama Produk": product,
                "Nomor Referensi SKU": f"{sku}-{variant[:3].upper()}",
                "Nama Variasi": variant,
                "Harga Awal": rupiah_text(price),
                "Harga Setelah Diskon": rupiah_text(price),
                "Jumlah": quantity,
                "Total Harga Produk": rupiah_text(price * quantity),
            }
            written += 1
            for name, value in (*order.items(), *item.items()):
                if value != "":
                    sheet.write(written, column[name], value)
    workbook.close()
    return orders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    orders = make_shopee_export(args.out, args.rows, args.seed)
    print(f"{args.out}: {args.rows} item rows, {orders} orders")


if __name__ == "__main__":
    main()
