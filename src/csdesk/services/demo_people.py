"""Demo customers: Indonesian names from several regions, the way they like to be addressed,
where they live, and how they show up on each channel (phone, marketplace handle, WhatsApp name).

Customers are made in memory first; orders then decide who bought where, and the identities
(one per marketplace actually used) are written after the orders.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from csdesk.models import Customer, CustomerIdentity
from csdesk.services import fmt
from csdesk.services.demo_bulk import insert_rows, next_id


@dataclass(frozen=True)
class NameGroup:
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    address_female: tuple[str, ...]  # how the shop greets her: "Teh", "Mbak", …
    address_male: tuple[str, ...]
    weight: int


NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup(  # Sundanese: the shop is in Bandung, so most buyers are
        ("Euis", "Neng", "Siti", "Rina", "Yanti", "Cucu", "Lilis", "Nining", "Ai", "Tati",
         "Wiwin", "Rika", "Dewi", "Imas", "Yuyun"),
        ("Asep", "Ujang", "Dadang", "Cecep", "Iwan", "Yayan"),
        ("Komalasari", "Nurhasanah", "Rosita", "Kurniasih", "Permatasari", "Sumiati",
         "Rahmawati", "Maryani", "Suryani", "Nurlaela", "Sundari", "Hidayat", "Supriatna"),
        ("Teh", "Neng"), ("Kang", "A"), 30),
    NameGroup(  # Javanese
        ("Sri", "Dewi", "Ratna", "Endah", "Wulan", "Rini", "Sekar", "Puji", "Indah",
         "Wahyu", "Tri", "Anik", "Sulastri"),
        ("Bambang", "Agus", "Joko", "Eko", "Budi"),
        ("Wahyuni", "Lestari", "Rahayu", "Purwanti", "Handayani", "Susanti", "Kusumawati",
         "Wulandari", "Setyaningsih", "Prasetyo", "Nugroho", "Wibowo"),
        ("Mbak", "Bu"), ("Mas", "Pak"), 24),
    NameGroup(  # Jakarta and the young urban Muslim names found everywhere
        ("Annisa", "Nabila", "Salsabila", "Zahra", "Aulia", "Putri", "Syifa", "Hana",
         "Dinda", "Khadijah", "Fatimah", "Nadia", "Alya", "Raisa"),
        ("Rizky", "Fajar", "Dimas", "Ilham"),
        ("Fauziah", "Azzahra", "Ramadhani", "Maharani", "Safitri", "Kurniawati",
         "Anggraini", "Pratiwi", "Amalia", "Rahman"),
        ("Kak",), ("Kak", "Mas"), 20),
    NameGroup(  # Batak (Mandailing, Angkola)
        ("Nurhayati", "Aisyah", "Rahma", "Fitri", "Lia", "Desi", "Sarah", "Mariani"),
        ("Rizal", "Fauzi", "Ahmad"),
        ("Nasution", "Lubis", "Harahap", "Siregar", "Hasibuan", "Daulay", "Rangkuti",
         "Pulungan"),
        ("Kak",), ("Bang",), 8),
    NameGroup(  # Minangkabau
        ("Rahmi", "Yulia", "Fitria", "Nurul", "Suci", "Rosmaini", "Elfi", "Yusnidar"),
        ("Rizki", "Hendra", "Afdal"),
        ("Chaniago", "Tanjung", "Piliang", "Koto", "Sikumbang", "Jambak", "Yanti"),
        ("Uni",), ("Uda",), 7),
    NameGroup(  # Chinese-Indonesian
        ("Lina", "Melinda", "Vivian", "Sherly", "Jessica", "Stefanie", "Fransiska", "Meiliana"),
        ("Hendra", "Kevin", "Steven"),
        ("Wijaya", "Halim", "Tanoto", "Gunawan", "Santoso", "Lim", "Kurniawan", "Salim",
         "Hartono"),
        ("Ci",), ("Koh",), 5),
    NameGroup(  # Bugis and Makassar
        ("Andi Nurul", "Andi Tenri", "Hasnah", "Sitti", "Irma", "Nurhalisa"),
        ("Andi Rahmat", "Syamsul"),
        ("Fadillah", "Hasanuddin", "Syam", "Baso", "Amir"),
        ("Kak",), ("Daeng",), 6),
)  # fmt: skip


@dataclass(frozen=True)
class City:
    name: str
    province: str
    zone: str  # "bandung", "jabar", "jawa" or "luar": what shipping costs and takes
    districts: tuple[str, ...]
    weight: int


CITIES: tuple[City, ...] = (
    City("Bandung", "Jawa Barat", "bandung", ("Coblong", "Sukajadi", "Antapani", "Buahbatu", "Cicendo", "Arcamanik"), 16),
    City("Kabupaten Bandung", "Jawa Barat", "bandung", ("Soreang", "Baleendah", "Dayeuhkolot"), 4),
    City("Cimahi", "Jawa Barat", "bandung", ("Cimahi Tengah", "Cimahi Utara"), 3),
    City("Bekasi", "Jawa Barat", "jabar", ("Bekasi Barat", "Bekasi Timur", "Jatiasih"), 6),
    City("Bogor", "Jawa Barat", "jabar", ("Bogor Tengah", "Tanah Sareal"), 5),
    City("Depok", "Jawa Barat", "jabar", ("Beji", "Sukmajaya", "Cimanggis"), 4),
    City("Tasikmalaya", "Jawa Barat", "jabar", ("Cihideung", "Tawang"), 3),
    City("Garut", "Jawa Barat", "jabar", ("Tarogong Kidul", "Garut Kota"), 2),
    City("Cirebon", "Jawa Barat", "jabar", ("Kejaksan", "Harjamukti"), 3),
    City("Jakarta Selatan", "DKI Jakarta", "jawa", ("Tebet", "Kebayoran Baru", "Pasar Minggu"), 6),
    City("Jakarta Timur", "DKI Jakarta", "jawa", ("Duren Sawit", "Cakung", "Jatinegara"), 5),
    City("Tangerang", "Banten", "jawa", ("Ciledug", "Karawaci", "Cipondoh"), 4),
    City("Semarang", "Jawa Tengah", "jawa", ("Banyumanik", "Tembalang"), 4),
    City("Yogyakarta", "DI Yogyakarta", "jawa", ("Gondokusuman", "Umbulharjo"), 4),
    City("Surakarta", "Jawa Tengah", "jawa", ("Laweyan", "Banjarsari"), 2),
    City("Surabaya", "Jawa Timur", "jawa", ("Wonokromo", "Rungkut", "Sukolilo"), 6),
    City("Malang", "Jawa Timur", "jawa", ("Lowokwaru", "Klojen"), 3),
    City("Medan", "Sumatera Utara", "luar", ("Medan Baru", "Medan Johor", "Medan Helvetia"), 4),
    City("Padang", "Sumatera Barat", "luar", ("Padang Utara", "Kuranji"), 3),
    City("Pekanbaru", "Riau", "luar", ("Tampan", "Marpoyan Damai"), 2),
    City("Palembang", "Sumatera Selatan", "luar", ("Ilir Timur I", "Kemuning"), 3),
    City("Makassar", "Sulawesi Selatan", "luar", ("Panakkukang", "Tamalate", "Rappocini"), 3),
    City("Balikpapan", "Kalimantan Timur", "luar", ("Balikpapan Kota", "Balikpapan Utara"), 2),
    City("Banjarmasin", "Kalimantan Selatan", "luar", ("Banjarmasin Utara", "Banjarmasin Tengah"), 2),
    City("Mataram", "Nusa Tenggara Barat", "luar", ("Ampenan", "Selaparang"), 2),
)  # fmt: skip

_STREETS = (
    "Jl. Melati",
    "Jl. Kenanga",
    "Jl. Merdeka",
    "Jl. Cempaka",
    "Jl. Mawar",
    "Gg. Masjid",
    "Jl. Raya Timur",
    "Jl. Pahlawan",
    "Jl. Kebon Jeruk",
    "Jl. Anggrek",
    "Jl. Sukamulya",
    "Jl. Babakan Sari",
    "Jl. Pesantren",
    "Jl. Flamboyan",
    "Jl. Nusa Indah",
)
_ESTATES = ("Perum Griya Asri", "Komplek Bumi Indah", "Perum Taman Sari", "Komplek Permata Hijau")
_PHONE_PREFIXES = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "852",
    "853",
    "856",
    "857",
    "858",
    "877",
    "878",
    "895",
    "896",
    "838",
    "831",
)
_PREFERENCES = (
    "Suka warna pastel, ukuran L",
    "Selalu pilih warna gelap (hitam, navy)",
    "Minta packing rapi, sering buat kado",
    "Suka pashmina ceruty, warna earth tone",
    "Gamis ukuran XL, suka yang busui friendly",
    "Lebih suka dikirim pakai JNE",
    "Minta dikabari kalau ada restock mukena",
    "Suka motif bunga kecil",
)
_NOTES = (
    "Biasa order lewat WhatsApp malam hari",
    "Pernah minta tukar ukuran, orangnya ramah",
    "Sering tanya stok dulu sebelum checkout",
    "Jualan lagi di kantornya",
)  # fmt: skip


@dataclass
class DemoCustomer:
    id: int
    name: str
    nickname: str
    male: bool
    phone: str  # as people write it: 0812xxxxxxxx
    city: City
    address: str
    handle: str  # marketplace username
    whatsapp_name: str
    email: str
    loyal: bool
    reseller: bool
    marketplaces: set[str] = field(default_factory=set)  # filled as orders are made

    @property
    def greeting(self) -> str:
        """How the shop addresses them in a chat: their nickname, else "kak"."""
        return self.nickname or "kak"


def make_customers(rng: random.Random, count: int) -> list[DemoCustomer]:
    """`count` customers with ids from the table's next free id, not yet inserted."""
    first_id = next_id(Customer)
    group_weights = [group.weight for group in NAME_GROUPS]
    city_weights = [city.weight for city in CITIES]
    customers = []
    for index in range(count):
        group = rng.choices(NAME_GROUPS, group_weights)[0]
        male = rng.random() < 0.12
        given = rng.choice(group.male if male else group.female)
        name = f"{given} {rng.choice(group.family)}"
        short = given.split()[-1]
        honorific = rng.choice(group.address_male if male else group.address_female)
        nickname = "" if rng.random() < 0.1 else f"{honorific} {short}"
        city = rng.choices(CITIES, city_weights)[0]
        loyal = rng.random() < 0.15
        customers.append(
            DemoCustomer(
                id=first_id + index,
                name=name,
                nickname=nickname,
                male=male,
                phone="0" + rng.choice(_PHONE_PREFIXES) + str(rng.randrange(10**7, 10**9)),
                city=city,
                address=_address(rng, city),
                handle=_handle(rng, name),
                whatsapp_name=_whatsapp_name(rng, name, short, male),
                email=f"{_handle(rng, name).replace('_', '.')}@gmail.com",
                loyal=loyal,
                reseller=loyal and rng.random() < 0.3,
            )
        )
    return customers


def _address(rng: random.Random, city: City) -> str:
    district = rng.choice(city.districts)
    if rng.random() < 0.3:
        block = f"{rng.choice('ABCDEFGH')}{rng.randint(1, 12)} No. {rng.randint(1, 40)}"
        return f"{rng.choice(_ESTATES)} Blok {block}, Kec. {district}"
    rt, rw = rng.randint(1, 12), rng.randint(1, 15)
    street = f"{rng.choice(_STREETS)} No. {rng.randint(1, 250)}"
    return f"{street}, RT {rt:02d}/RW {rw:02d}, Kec. {district}"


def _handle(rng: random.Random, name: str) -> str:
    words = [word.lower() for word in name.split()]
    style = rng.randrange(4)
    if style == 0:
        return "".join(words) + str(rng.randint(10, 99))
    if style == 1:
        return ".".join(words)
    if style == 2:
        return f"{words[0]}_{words[-1][:4]}{rng.randint(1, 999)}"
    return f"{rng.choice(('bunda', 'mama', 'ummi', 'hijab'))}{words[0]}{rng.randint(1, 99)}"


def _whatsapp_name(rng: random.Random, name: str, short: str, male: bool) -> str:
    if male or rng.random() < 0.5:
        return name
    return rng.choice((f"{short} 🌸", f"Bunda {short}", f"Ummi {short}", f"{name.split()[0]} ✨"))


def insert_customers(rng: random.Random, customers: list[DemoCustomer]) -> int:
    rows = []
    for person in customers:
        tags = ["langganan"] if person.loyal else []
        if person.reseller:
            tags.append("reseller")
        rows.append(
            {
                "id": person.id,
                "name": person.name,
                "nickname": person.nickname,
                "tags": ",".join(tags),
                "notes": rng.choice(_NOTES) if rng.random() < 0.08 else "",
                "preferences": rng.choice(_PREFERENCES) if rng.random() < 0.25 else "",
                "city": person.city.name,
            }
        )
    return insert_rows(Customer, rows)


def insert_identities(rng: random.Random, customers: list[DemoCustomer]) -> int:
    """Phone for everyone; a WhatsApp name, an email for some; a handle per marketplace used."""
    rows = []
    for person in customers:
        e164 = fmt.phone_e164(person.phone)
        if e164 is not None:
            rows.append(_identity(person.id, "phone", "", person.phone, e164))
        if "manual" in person.marketplaces or rng.random() < 0.5:
            rows.append(
                _identity(person.id, "whatsapp", "", person.whatsapp_name, person.whatsapp_name)
            )
        if rng.random() < 0.25:
            rows.append(_identity(person.id, "email", "", person.email, person.email))
        for marketplace in sorted(person.marketplaces - {"manual"}):
            rows.append(_identity(person.id, "marketplace", marketplace, person.handle))
    return insert_rows(CustomerIdentity, rows)


def _identity(
    customer_id: int, kind: str, marketplace: str, value: str, normalized: str | None = None
) -> dict[str, object]:
    return {
        "customer": customer_id,
        "kind": kind,
        "marketplace": marketplace,
        "value": value,
        "normalized": (normalized or value).lower(),
    }
