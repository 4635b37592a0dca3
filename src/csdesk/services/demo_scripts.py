"""What the demo's chats say: the everyday questions and complaints of the seeds, answered the
way they teach (greet by name, thank, apologise, answer exactly what was asked, use emoji).

Placeholders are filled per conversation: {sapa} (the customer's nickname, else "kak"),
{produk} {warna} {warna2} {harga} {kota} {ongkir} {ongkir2} {total} {no_pesanan} {kurir}
{resi} {rekening} {refund} {ukuran}.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    direction: str  # in | out | note
    body: str
    attachment: str = ""  # a photo or video the customer sent (file name only)


@dataclass(frozen=True)
class Script:
    key: str
    channels: tuple[str, ...]
    order_statuses: tuple[str, ...]  # which orders the chat is about; empty = none
    complaint: str  # the complaint category it leads to; empty = none
    turns: tuple[Turn, ...]


def _in(body: str, attachment: str = "") -> Turn:
    return Turn("in", body, attachment)


def _out(body: str) -> Turn:
    return Turn("out", body)


def _note(body: str) -> Turn:
    return Turn("note", body)


SHOP_CHANNELS = ("whatsapp", "instagram")
MARKET_CHANNELS = ("shopee", "tokopedia", "tiktok")

SCRIPTS: tuple[Script, ...] = (
    Script("tanya_stok", SHOP_CHANNELS, (), "", (
        _in("Assalamualaikum kak, {produk} warna {warna} masih ready?"),
        _out("Waalaikumsalam {sapa} 😊 Masih ready kak, tinggal sedikit ya."),
        _in("Harganya berapa kak?"),
        _out("{produk} harganya {harga} kak, bahannya adem dan tidak menerawang 🙏"),
        _in("Ongkir ke {kota} berapa ya?"),
        _out("Ongkir ke {kota} pakai J&T {ongkir} kak, estimasi 2–3 hari."),
        _in("Oke kak aku ambil 1 ya. Transfer ke mana?"),
        _out("Bisa transfer ke:\n{rekening}\nTotalnya {total} ya kak 🙏"),
        _in("Sudah transfer ya kak, ini buktinya", "bukti-transfer.jpg"),
        _out("Terima kasih {sapa}, pembayarannya sudah masuk ✅ Pesanan dikirim hari ini, "
             "resinya nanti kami kabari ya."),
        _in("Siap kak makasih 🙏"),
    )),
    Script("tanya_ukuran", SHOP_CHANNELS + MARKET_CHANNELS, (), "", (
        _in("Halo kak, gamisnya ukurannya ada apa aja?"),
        _out("Halo {sapa} 😊 Ada M, L dan XL kak. Boleh info tinggi dan berat badannya?"),
        _in("Tinggi 158 berat 60 kak, cocoknya yang mana?"),
        _out("Untuk tinggi 158 dan berat 60 pas di ukuran {ukuran} kak 🙏"),
        _in("Busui friendly gak kak?"),
        _out("Busui friendly kak, ada resleting depan dan wudhu friendly juga 😊"),
        _in("Oke kak nanti aku checkout ya"),
        _out("Siap kak, ditunggu ya 🙏 Terima kasih"),
    )),
    Script("tanya_ongkir", SHOP_CHANNELS + MARKET_CHANNELS, (), "", (
        _in("Halo kak, ongkir ke {kota} berapa ya?"),
        _out("Halo {sapa} 😊 Ke {kota} pakai JNE REG {ongkir}, J&T {ongkir2} kak."),
        _in("Kalau beli 3 pashmina masih 1 kg kak?"),
        _out("Masih 1 kg kak, aman 👍"),
        _in("Oke makasih kak"),
        _out("Sama-sama kak, ditunggu pesanannya ya 🙏"),
    )),
    Script("tanya_rekening", ("whatsapp",), ("to_ship", "shipped"), "", (
        _in("Kak minta no rekening dong"),
        _out("Halo {sapa} 😊 Bisa transfer ke:\n{rekening}"),
        _in("Sudah tf ya kak {total}", "bukti-tf.jpg"),
        _out("Baik kak, kami cek dulu ya 🙏"),
        _note("Dana sudah masuk di BCA, pesanan lanjut dikemas"),
        _out("Pembayaran sudah kami terima kak, terima kasih 🙏 Pesanan {no_pesanan} segera "
             "kami kemas."),
        _in("Alhamdulillah, makasih kak"),
    )),
    Script("tanya_resi", SHOP_CHANNELS + MARKET_CHANNELS, ("shipped",), "", (
        _in("Kak pesananku {no_pesanan} udah dikirim belum ya?"),
        _out("Halo {sapa} 😊 Mohon ditunggu, kami cek dulu ya."),
        _out("Sudah dikirim kak lewat {kurir}, nomor resinya {resi} 📦"),
        _in("Oke kak makasih"),
        _out("Sama-sama kak, ditunggu paketnya ya 🙏"),
    )),
    Script("belum_sampai", SHOP_CHANNELS + MARKET_CHANNELS, ("shipped",), "not_arrived", (
        _in("Kak paketnya belum sampai juga, udah 5 hari 😔"),
        _in("Resinya {resi}"),
        _out("Mohon maaf atas ketidaknyamanannya {sapa} 🙏 Kami bantu cek ke {kurir} dulu ya."),
        _note("Tracking: paket tertahan di gudang transit. Sudah lapor ke CS {kurir}."),
        _out("Kak, info dari {kurir} paketnya tertahan di gudang transit karena kiriman sedang "
             "banyak. Estimasi sampai 1–2 hari lagi ya kak."),
        _in("Yah padahal mau dipakai acara besok kak"),
        _out("Kami mengerti kak, mohon maaf sekali 🙏 Kami pantau terus dan kabari begitu ada "
             "kabar."),
        _in("Kak gimana update paketnya?"),
        _out("Sudah kami cek kak, hari ini paketnya dibawa kurir ke alamat kakak 🙏"),
        _in("Alhamdulillah udah sampai kak, makasih ya"),
    )),
    Script("terlambat", MARKET_CHANNELS, ("to_ship",), "late", (
        _in("Kak pesanan {no_pesanan} kok belum dikirim? Udah 3 hari"),
        _out("Mohon maaf {sapa} 🙏 Pesanan kakak terlambat karena antrean packing sedang "
             "banyak. Hari ini juga kami kirim ya."),
        _in("Beneran ya kak, soalnya buat lebaran"),
        _note("Prioritaskan packing pesanan ini hari ini"),
        _out("Insya Allah kak, nanti resinya langsung kami infokan 🙏"),
    )),
    Script("beda_warna", SHOP_CHANNELS + MARKET_CHANNELS, ("delivered", "completed"),
           "differs_from_picture", (
        _in("Kak kok warnanya beda sama di foto ya? Aku pesen {warna} yang datang lebih gelap"),
        _in("Ini kak fotonya", "IMG-{tanggal}-WA0012.jpg"),
        _out("Mohon maaf {sapa} 🙏 Boleh dibantu kirim video unboxing-nya kak? Supaya kami "
             "bisa cek."),
        _in("Ini kak videonya", "VID-{tanggal}-WA0003.mp4"),
        _note("Cek video: memang salah ambil warna di gudang. Setujui tukar, ongkir ditanggung "
              "toko."),
        _out("Terima kasih kak, setelah kami cek memang ada kesalahan dari kami 🙏 Kami kirim "
             "ganti warna {warna} ya, ongkir kami tanggung."),
        _in("Oke kak makasih ya responnya cepat 🙏"),
    )),
    Script("salah_kirim", SHOP_CHANNELS + MARKET_CHANNELS, ("delivered", "completed"),
           "wrong_item", (
        _in("Kak aku pesan {produk} ukuran {ukuran} tapi yang datang beda ukuran 😢"),
        _out("Mohon maaf sekali {sapa} 🙏 Boleh kirim foto label ukurannya kak?"),
        _in("Ini kak", "IMG-{tanggal}-WA0021.jpg"),
        _out("Benar kak, kami salah kirim ukuran. Barangnya kami tukar ya, kurir akan jemput "
             "paketnya dan ongkir kami tanggung."),
        _in("Oke kak ditunggu"),
    )),
    Script("rusak", SHOP_CHANNELS + MARKET_CHANNELS, ("delivered", "completed"), "damaged", (
        _in("Kak {produk}-nya sobek di bagian jahitan 😭"),
        _in("", "IMG-{tanggal}-WA0007.jpg"),
        _out("Ya Allah mohon maaf sekali {sapa} 🙏 Boleh kirim video unboxing-nya kak?"),
        _in("Ada kak, ini", "VID-{tanggal}-WA0002.mp4"),
        _out("Terima kasih kak. Kami bisa refund {refund} atau tukar barang, kakak pilih yang "
             "mana?"),
        _in("Tukar aja kak, suka modelnya"),
        _out("Siap kak, barang pengganti kami kirim besok ya 🙏"),
    )),
    Script("kualitas", SHOP_CHANNELS + MARKET_CHANNELS, ("completed",), "quality", (
        _in("Kak bahannya kok tipis ya, beda sama yang dulu aku beli"),
        _out("Mohon maaf {sapa} 🙏 Boleh kami tahu pesanan yang mana dan fotonya kak?"),
        _in("Yang {produk} warna {warna}", "IMG-{tanggal}-WA0015.jpg"),
        _note("Kemungkinan batch baru dari konveksi, cek ke supplier"),
        _out("Terima kasih masukannya kak, kami cek ke konveksi dulu ya. Sementara kami "
             "kirimkan voucher potongan untuk belanja berikutnya 🙏"),
    )),
    Script("kurang_item", SHOP_CHANNELS + MARKET_CHANNELS, ("delivered", "completed"),
           "missing_item", (
        _in("Kak aku pesan 2 tapi yang datang cuma 1"),
        _out("Mohon maaf kak 🙏 Boleh kirim foto paket dan isinya?"),
        _in("Ini kak", "IMG-{tanggal}-WA0004.jpg"),
        _note("Cek packing: kurang 1 pcs, kirim susulan"),
        _out("Benar kak, ada kekurangan dari kami. Kami kirim susulan hari ini ya, resinya kami "
             "infokan 🙏"),
        _in("Oke kak ditunggu"),
    )),
    Script("lambat_balas", SHOP_CHANNELS, ("to_ship", "shipped"), "unfriendly_service", (
        _in("Kak dari kemarin chat gak dibalas-balas 😒"),
        _out("Mohon maaf sekali {sapa}, kemarin chat sedang sangat ramai 🙏 Ada yang bisa kami "
             "bantu?"),
        _in("Mau tanya pesanan {no_pesanan} kapan dikirim"),
        _out("Pesanan kakak dikirim hari ini ya, resinya menyusul 🙏"),
        _in("Ok"),
    )),
    Script("stok_habis", SHOP_CHANNELS + MARKET_CHANNELS, (), "", (
        _in("Kak {produk} warna {warna} ada?"),
        _out("Mohon maaf sekali kak, warna {warna} sedang kosong 🙏 Insya Allah restock minggu "
             "depan."),
        _in("Yah, kalau warna lain yang mirip ada kak?"),
        _out("Ada warna {warna2} kak, masih satu nuansa. Mau kami kirim fotonya?"),
        _in("Boleh kak"),
        _out("Ini fotonya kak 😊"),
        _in("Cantik kak, aku ambil yang ini aja"),
        _out("Siap {sapa} 😊 Silakan kirim format order-nya ya, nanti kami hitungkan totalnya."),
    )),
    Script("cod", ("shopee", "tiktok"), (), "", (
        _in("Kak bisa COD gak?"),
        _out("Bisa kak, pilih metode pembayaran COD saat checkout ya 😊"),
        _in("Kalau ke {kota} berapa lama sampainya kak?"),
        _out("Estimasi 2–4 hari kerja kak, tergantung kurir 🙏"),
    )),
    Script("reseller", ("whatsapp",), (), "", (
        _in("Kak, mau tanya harga reseller dong"),
        _out("Halo {sapa} 😊 Untuk reseller minimal ambil 12 pcs campur model, diskon 15% kak."),
        _in("Kalau pashmina ceruty boleh campur warna?"),
        _out("Boleh kak, bebas campur warna 👍"),
        _in("Oke kak aku hitung dulu ya"),
        _note("Calon reseller dari {kota}, follow up minggu depan"),
    )),
    Script("ganti_ukuran", SHOP_CHANNELS + MARKET_CHANNELS, ("unpaid",), "", (
        _in("Kak pesanan {no_pesanan} mau dibatalkan bisa?"),
        _out("Bisa kak, boleh tahu alasannya? Siapa tahu bisa kami bantu 😊"),
        _in("Mau ganti ukuran jadi XL kak"),
        _out("Oh bisa kak, tidak perlu batal. Kami catat ganti jadi XL ya 🙏"),
        _in("Wah makasih banyak kak"),
    )),
    Script("terima_kasih", SHOP_CHANNELS + MARKET_CHANNELS, ("completed",), "", (
        _in("Kak paketnya udah sampai, bagus banget bahannya 😍"),
        _out("Alhamdulillah, terima kasih {sapa} 🙏 Semoga berkah dipakainya. Jangan lupa kasih "
             "bintang 5 ya kak ⭐"),
        _in("Siap kak, nanti order lagi"),
        _out("Aamiin, ditunggu orderan berikutnya ya kak 😊"),
    )),
)  # fmt: skip

COMPLAINT_SCRIPTS = {script.complaint: script for script in SCRIPTS if script.complaint}
