"""The demo shop itself: "Hijab Ayu Collection" in Bandung, its admins, products and FAQ."""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.models import FaqEntry, Product, User
from csdesk.services import settings as shop_settings
from csdesk.services.demo_bulk import insert_rows

SHOP_NAME = "Hijab Ayu Collection"
SHOP_PHONE = "0812-2345-6789"
SHOP_ADDRESS = "Jl. Sukajadi No. 118, Kel. Pasteur, Kec. Sukajadi"
SHOP_CITY = "Bandung"
BANK_ACCOUNTS = (
    {"bank": "BCA", "number": "7310246891", "holder": "Ayu Lestari"},
    {"bank": "BSI", "number": "7123456789", "holder": "Ayu Lestari"},
    {"bank": "Mandiri", "number": "1300012345678", "holder": "Ayu Lestari"},
)
WHATSAPP_NAMES = ("Hijab Ayu", "Hijab Ayu Collection")
OWNER = "Ayu"
ADMIN = "Rina"


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: str
    variant: str
    price: int
    weight_grams: int
    kind: str  # "gamis" for dresses (size questions), "hijab" for the rest
    popularity: int


# (SKU prefix, name, kind, price, grams, popularity, sizes, colours: code → name)
_LINES: tuple[tuple[str, str, str, int, int, int, tuple[str, ...], dict[str, str]], ...] = (
    ("PCB", "Pashmina Ceruty Babydoll", "hijab", 45_000, 150, 9, (),
     {"DPK": "Dusty Pink", "MCA": "Mocca", "SGE": "Sage", "HTM": "Hitam", "NVY": "Navy"}),
    ("BMD", "Bergo Maryam Diamond", "hijab", 35_000, 120, 8, (),
     {"HTM": "Hitam", "MRN": "Maroon", "ARM": "Army", "LLC": "Lilac"}),
    ("SVM", "Segiempat Voal Motif", "hijab", 65_000, 130, 5, (),
     {"FLR": "Floral Peach", "TRL": "Tribal Cokelat", "DAU": "Daun Hijau"}),
    ("KSJ", "Khimar Syari Jersey", "hijab", 89_000, 250, 4, (),
     {"HTM": "Hitam", "CKS": "Cokelat Susu", "ABU": "Abu Muda", "BTS": "Biru Tosca"}),
    ("INR", "Inner Ninja Rajut", "hijab", 25_000, 60, 6, (),
     {"HTM": "Hitam", "PTH": "Putih", "CRM": "Cream", "MCA": "Mocca"}),
    ("MTP", "Mukena Travel Parasut", "hijab", 135_000, 400, 4, (),
     {"PTH": "Putih", "LLC": "Lilac", "SGE": "Sage", "DPK": "Dusty Pink"}),
    ("GKA", "Gamis Katun Rayon Aisyah", "gamis", 185_000, 450, 4, ("M", "L", "XL"),
     {"HTM": "Hitam", "NVY": "Navy"}),
    ("GSZ", "Gamis Syari Set Khimar Zahra", "gamis", 350_000, 700, 2, ("L", "XL"),
     {"MCA": "Mocca", "OLV": "Olive"}),
    ("TLN", "Tunik Linen Nadia", "gamis", 145_000, 300, 3, ("M", "L"),
     {"KRM": "Krem"}),
    ("BRS", "Bros Hijab Mutiara (isi 3)", "hijab", 25_000, 40, 2, (),
     {"GLD": "Gold", "SLV": "Silver"}),
)  # fmt: skip

FAQ: tuple[tuple[str, str, str], ...] = (
    ("Nomor rekening untuk transfer apa saja?",
     "BCA 7310246891, BSI 7123456789, Mandiri 1300012345678, semuanya a.n. Ayu Lestari. "
     "Mohon kirim bukti transfer lewat chat ya kak.", "Pembayaran"),
    ("Berapa ongkos kirimnya?",
     "Tergantung kota tujuan dan berat. Bandung mulai Rp9.000, Pulau Jawa sekitar "
     "Rp15.000–Rp24.000, luar Jawa mulai Rp28.000 per kg.", "Pengiriman"),
    ("Bisa bayar di tempat (COD)?",
     "Bisa lewat Shopee, TikTok Shop dan Lazada. Untuk order WhatsApp pembayaran transfer.",
     "Pembayaran"),
    ("Kapan pesanan dikirim?",
     "Pesanan yang dibayar sebelum jam 14.00 WIB dikirim hari itu juga, Senin–Sabtu.",
     "Pengiriman"),
    ("Bagaimana kalau barang rusak atau salah kirim?",
     "Kirim video unboxing dan foto barang maksimal 2×24 jam setelah paket diterima. "
     "Kami tukar barang atau refund, ongkir kami tanggung.", "Retur"),
    ("Ukuran gamis ada apa saja?",
     "M (LD 100 cm), L (LD 106 cm), XL (LD 112 cm), panjang 138 cm. Info tinggi dan berat "
     "badan, nanti admin bantu pilihkan.", "Produk"),
    ("Bahan pashmina ceruty menerawang tidak?",
     "Tidak menerawang, jatuh dan adem. Tidak perlu disetrika terlalu panas.", "Produk"),
    ("Ada harga reseller?",
     "Ada: minimal 12 pcs campur model dan warna, diskon 15%. Hubungi admin di WhatsApp.",
     "Pesanan"),
    ("Jam berapa admin membalas chat?",
     "Senin–Sabtu 08.00–17.00 WIB. Chat di luar jam itu dibalas di jam kerja berikutnya.",
     "Info toko"),
)  # fmt: skip


def products() -> list[DemoProduct]:
    """Every product variant the demo shop sells (~40), in catalogue order."""
    items = []
    for prefix, name, kind, price, grams, popularity, sizes, colours in _LINES:
        for code, colour in colours.items():
            if sizes:
                for size in sizes:
                    sku = f"{prefix}-{size}-{code}"
                    items.append(
                        DemoProduct(sku, name, f"{colour}, {size}", price, grams, kind, popularity)
                    )
            else:
                items.append(
                    DemoProduct(f"{prefix}-{code}", name, colour, price, grams, kind, popularity)
                )
    return items


def insert_users() -> dict[str, int]:
    """The owner and one admin (kept when they already exist); name → id."""
    ids = {}
    for name, role in ((OWNER, "owner"), (ADMIN, "admin")):
        user = User.get_or_none(User.name == name) or User.create(name=name, role=role)
        ids[name] = user.id
    return ids


def insert_products(catalog: list[DemoProduct], stock_for: list[int]) -> int:
    """Insert the catalogue (skipping SKUs the shop already has); returns how many were new."""
    existing = {row.sku for row in Product.select(Product.sku)}
    rows = [
        {
            "sku": item.sku,
            "name": item.name,
            "variant": item.variant,
            "price": item.price,
            "stock": stock,
            "weight_grams": item.weight_grams,
        }
        for item, stock in zip(catalog, stock_for, strict=True)
        if item.sku not in existing
    ]
    return insert_rows(Product, rows)


def insert_faq() -> int:
    existing = {row.question for row in FaqEntry.select(FaqEntry.question)}
    rows = [
        {"question": question, "answer": answer, "category": category}
        for question, answer, category in FAQ
        if question not in existing
    ]
    return insert_rows(FaqEntry, rows)


def write_shop_settings() -> shop_settings.ShopSettings:
    """Give the demo shop its profile, unless the shop already has a name of its own (a
    seller's real profile is never overwritten by `--force`)."""
    shop = shop_settings.load()
    if shop.shop_name:
        return shop
    shop.shop_name = SHOP_NAME
    shop.shop_phone = SHOP_PHONE
    shop.shop_address = SHOP_ADDRESS
    shop.shop_city = SHOP_CITY
    shop.bank_accounts = [shop_settings.BankAccount(**account) for account in BANK_ACCOUNTS]
    shop.whatsapp_names = list(WHATSAPP_NAMES)
    shop_settings.save(shop)
    return shop
