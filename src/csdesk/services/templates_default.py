"""The starter set of quick replies a new shop gets: the answers sellers type all day.

They follow the seeds' etiquette: greet, call the customer by name, thank, apologise when it is
due, answer exactly what was asked, and say when the admin will reply. Placeholders are filled
when a reply is inserted; `{panggilan|kak}` falls back to "kak" for a customer with no nickname.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.models import Template


@dataclass(frozen=True)
class TemplateSeed:
    title: str
    shortcut: str
    category: str
    body: str


DEFAULT_TEMPLATES: tuple[TemplateSeed, ...] = (
    TemplateSeed(
        "Salam pembuka",
        "/salam",
        "Sapaan",
        "Halo {panggilan|kak} 😊 Terima kasih sudah menghubungi kami. "
        "Ada yang bisa kami bantu hari ini?",
    ),
    TemplateSeed(
        "Mohon ditunggu",
        "/tunggu",
        "Sapaan",
        "Baik {panggilan|kak}, mohon ditunggu sebentar ya, kami cek dulu 🙏",
    ),
    TemplateSeed(
        "Nomor rekening",
        "/rek",
        "Pembayaran",
        "Untuk pembayaran bisa transfer ke rekening berikut ya {panggilan|kak}:\n"
        "{rekening}\n\n"
        "Setelah transfer, mohon kirim foto bukti transfernya di sini supaya pesanan bisa "
        "segera kami proses. Terima kasih 🙏",
    ),
    TemplateSeed(
        "Konfirmasi pesanan",
        "/konfirmasi",
        "Pesanan",
        "Terima kasih {panggilan|kak}, pesanan {no_pesanan} sudah kami terima ✅\n"
        "Total pembayaran {total} (sudah termasuk ongkir). Pesanan kami kirim setelah "
        "pembayaran masuk ya.",
    ),
    TemplateSeed(
        "Pengingat pembayaran",
        "/ingatbayar",
        "Pembayaran",
        "Halo {panggilan|kak} 😊 Sekadar mengingatkan, pesanan {no_pesanan} sebesar {total} "
        "masih menunggu pembayaran. Kalau sudah transfer, mohon kirim bukti transfernya ya. "
        "Kalau ada kendala, kabari kami saja 🙏",
    ),
    TemplateSeed(
        "Format order WhatsApp",
        "/format",
        "Pesanan",
        "Untuk order lewat WhatsApp, mohon isi format berikut ya {panggilan|kak}:\n"
        "Nama penerima:\n"
        "No. HP:\n"
        "Alamat lengkap (kelurahan, kecamatan, kota):\n"
        "Produk, warna, ukuran, jumlah:\n"
        "Kurir pilihan:",
    ),
    TemplateSeed(
        "Stok ready",
        "/ready",
        "Produk",
        "Ready {panggilan|kak} 😊 Mau warna yang mana? Bisa langsung checkout, atau kirim "
        "format order di sini nanti kami bantu hitungkan totalnya.",
    ),
    TemplateSeed(
        "Stok habis",
        "/stokhabis",
        "Produk",
        "Mohon maaf sekali {panggilan|kak}, untuk varian tersebut stoknya sedang kosong 🙏 "
        "Insya Allah restock minggu depan. Mau kami kabari kalau sudah ready, atau "
        "{panggilan|kak} berkenan lihat warna lain yang masih tersedia?",
    ),
    TemplateSeed(
        "Tanya ukuran",
        "/ukuran",
        "Produk",
        "Boleh diinfokan tinggi dan berat badannya {panggilan|kak}? Nanti kami bantu pilihkan "
        "ukuran yang pas 😊\n"
        "Gamis: M (LD 100 cm), L (LD 106 cm), XL (LD 112 cm), panjang 138 cm.",
    ),
    TemplateSeed(
        "Ongkos kirim",
        "/ongkir",
        "Pengiriman",
        "Ongkir tergantung kota tujuan dan berat paket ya {panggilan|kak}. Boleh diinfokan "
        "kecamatan dan kota tujuannya? Nanti kami cekkan ongkir termurah dari J&T, JNE, "
        "SiCepat dan lainnya 😊",
    ),
    TemplateSeed(
        "Nomor resi",
        "/resi",
        "Pengiriman",
        "Pesanan {panggilan|kak} nomor {no_pesanan} sudah kami kirim lewat {kurir} ya 📦\n"
        "Nomor resi: {resi}\n"
        "Bisa dilacak di aplikasi atau website kurir. Terima kasih sudah berbelanja 🙏",
    ),
    TemplateSeed(
        "Paket belum sampai",
        "/lacak",
        "Keluhan",
        "Mohon maaf paketnya belum sampai, {panggilan|kak} 🙏 Kami bantu cek ke {kurir} "
        "dengan resi {resi} ya. Begitu ada kabar dari kurir, langsung kami infokan.",
    ),
    TemplateSeed(
        "Mohon maaf (keluhan)",
        "/maaf",
        "Keluhan",
        "Mohon maaf atas ketidaknyamanannya, {panggilan|kak} 🙏 Keluhan {panggilan|kak} "
        "sudah kami catat dan sedang kami cek. Boleh dibantu kirimkan foto barang dan nomor "
        "pesanannya? Kami usahakan solusi terbaik secepatnya.",
    ),
    TemplateSeed(
        "Minta video unboxing",
        "/unboxing",
        "Keluhan",
        "Supaya keluhan bisa kami proses dan ajukan ke marketplace, mohon dibantu kirim video "
        "unboxing (dari paket masih tersegel sampai dibuka) dan foto barangnya ya "
        "{panggilan|kak} 🙏",
    ),
    TemplateSeed(
        "Refund diproses",
        "/refund",
        "Keluhan",
        "Refund untuk pesanan {no_pesanan} sudah kami proses ya {panggilan|kak}. Dana biasanya "
        "masuk dalam 1–3 hari kerja. Sekali lagi mohon maaf atas ketidaknyamanannya 🙏",
    ),
    TemplateSeed(
        "Barang pengganti dikirim",
        "/ganti",
        "Keluhan",
        "Mohon maaf sekali atas kendalanya, {panggilan|kak} 🙏 Kami kirimkan barang pengganti "
        "tanpa biaya dengan nomor pesanan {no_pesanan}. Nomor resinya kami kabari begitu "
        "paketnya dikirim ya.",
    ),
    TemplateSeed(
        "Kompensasi",
        "/kompensasi",
        "Keluhan",
        "Mohon maaf atas ketidaknyamanannya, {panggilan|kak} 🙏 Sebagai permohonan maaf, kami "
        "berikan kompensasi untuk pesanan {no_pesanan}. Terima kasih sudah sabar dan tetap "
        "percaya belanja di sini.",
    ),
    TemplateSeed(
        "Jam operasional",
        "/jam",
        "Info toko",
        "Jam operasional admin kami: {jam_operasional}. Chat di luar jam tersebut tetap kami "
        "balas di jam kerja berikutnya ya {panggilan|kak} 😊",
    ),
    TemplateSeed(
        "Pesan di luar jam kerja",
        "/away",
        "Info toko",
        "Halo {panggilan|kak}, terima kasih sudah menghubungi kami 🙏 Saat ini admin sedang "
        "di luar jam operasional ({jam_operasional}). Pesan {panggilan|kak} akan kami balas "
        "secepatnya di jam kerja berikutnya.",
    ),
    TemplateSeed(
        "Terima kasih",
        "/makasih",
        "Sapaan",
        "Terima kasih banyak sudah berbelanja di toko kami, {panggilan|kak} 🙏 Semoga suka "
        "dengan barangnya. Kalau berkenan, mohon bantu beri ulasan bintang 5 ya ⭐",
    ),
)


def install_default_templates() -> int:
    """Add every starter template whose shortcut the shop does not have yet; returns how many.

    A shortcut already present is left alone, so a seller's own wording is never overwritten.
    """
    existing = {row.shortcut for row in Template.select(Template.shortcut)}
    missing = [seed for seed in DEFAULT_TEMPLATES if seed.shortcut not in existing]
    for seed in missing:
        Template.create(
            title=seed.title, shortcut=seed.shortcut, category=seed.category, body=seed.body
        )
    return len(missing)
