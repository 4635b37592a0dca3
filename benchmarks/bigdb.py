"""Build a large csdesk database fast (the benchmarks' 1,000,000-order shop).

Rows go in through the raw sqlite3 connection's `executemany` (peewee's insert_many builds SQL
in Python, ~15x slower here), inside one transaction, after the normal schema migration. The
per-row search triggers are set aside while the rows go in and the FTS5 indexes are then filled
in one statement each (measured: 100k orders 26 s with the triggers, a few seconds without);
the triggers are put back exactly as the schema wrote them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

FIRST = (
    "Siti Budi Dewi Rina Agus Ayu Putri Rizky Fajar Nur Indah Eko Wulan Andi Sri Dian Ratna Hendra "
    "Yuni Bayu Lestari Tono Mega Citra Hadi Intan Rudi Novi Reza Sari Joko Fitri Bambang Maya "
    "Ucok Butet Uda Mei Ling Asep Cecep Neng Ujang Ketut Made Wayan Ayu"
).split()
LAST = (
    "Santoso Rahma Lestari Wijaya Saputra Hidayat Nasution Siregar Simanjuntak Tanjung Chaniago "
    "Kurniawan Wibowo Susanto Halim Gunawan Setiawan Pratama Utami Permata Hasibuan Lubis "
    "Sembiring Ginting Suryadi Purnomo Firmansyah Maulana Ramadhan Anggraini"
).split()
CITIES = (
    ("Kota Bandung", "Jawa Barat"),
    ("Jakarta Selatan", "DKI Jakarta"),
    ("Kota Surabaya", "Jawa Timur"),
    ("Kota Medan", "Sumatera Utara"),
    ("Kota Makassar", "Sulawesi Selatan"),
    ("Kota Semarang", "Jawa Tengah"),
    ("Kota Yogyakarta", "DI Yogyakarta"),
    ("Kota Denpasar", "Bali"),
    ("Kota Padang", "Sumatera Barat"),
    ("Kab. Bogor", "Jawa Barat"),
)
MARKETPLACES = ("shopee", "tiktok", "tokopedia", "lazada", "manual")
STATUS_WEIGHTS = {
    "completed": 60,
    "shipped": 10,
    "delivered": 5,
    "to_ship": 8,
    "unpaid": 4,
    "cancelled": 8,
    "returned": 5,
}
COURIERS = ("J&T Express", "JNE REG", "SiCepat", "AnterAja", "SPX Express", "Ninja Xpress")

ORDER_COLUMNS = (
    "version, created_at, updated_at, marketplace, order_no, customer_id, status, raw_status, "
    "ordered_at, paid_at, ship_by, shipped_at, completed_at, buyer_name, buyer_username, courier, "
    "service, tracking_no, recipient, phone, address, city, province, buyer_note, seller_note, "
    "payment_method, shipping_fee, total, printed_at, source_rows, batch_id"
)


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def build(path: Path, orders: int = 1_000_000, customers: int = 100_000, seed: int = 11) -> float:
    """Create a migrated database at `path` with the given counts; returns seconds taken."""
    from csdesk.models import db as dbmod
    from csdesk.models import schema

    started = time.perf_counter()
    rng = random.Random(seed)
    database = dbmod.connect(str(path))
    schema.migrate(database)
    con = database.connection()
    con.execute("PRAGMA cache_size = -1000000")  # 1 GB while building: random index inserts
    now = dt.datetime(2026, 11, 23, 3, 0, 0)
    stamp_now = _stamp(now)
    span_minutes = 2 * 365 * 24 * 60
    start = now - dt.timedelta(minutes=span_minutes)
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    bulk_triggers = ("order_search_ai", "customer_search_ai")
    with database.atomic():
        saved = [
            con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
            for name in bulk_triggers
        ]
        for name in bulk_triggers:
            con.execute(f"DROP TRIGGER {name}")
        people = []
        for cid in range(1, customers + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            people.append((cid, name, name.split()[0], stamp_now, stamp_now))
        con.executemany(
            "INSERT INTO customer (id, name, nickname, created_at, updated_at, version, tags, "
            "notes, preferences, city, order_count, lifetime_value) "
            "VALUES (?, ?, ?, ?, ?, 1, '', '', '', '', 0, 0)",
            people,
        )
        chunk: list[tuple[object, ...]] = []
        sql = f"INSERT INTO orders ({ORDER_COLUMNS}) VALUES ({', '.join(['?'] * 31)})"
        for oid in range(1, orders + 1):
            cid = rng.randint(1, customers)
            name = people[cid - 1][1]
            marketplace = MARKETPLACES[oid % len(MARKETPLACES)]
            status = rng.choices(statuses, weights)[0]
            # Ids grow with time, as they do when a shop imports day after day.
            ordered = start + dt.timedelta(minutes=oid * span_minutes // orders + rng.randint(0, 9))
            city, province = rng.choice(CITIES)
            tracking = (
                f"JX{rng.randint(10**9, 10**10 - 1)}"
                if status not in ("unpaid", "to_ship", "cancelled")
                else ""
            )
            total = rng.randint(3, 400) * 1000
            chunk.append(
                (
                    1,
                    stamp_now,
                    stamp_now,
                    marketplace,
                    f"{ordered:%y%m%d}{oid:09d}",
                    cid,
                    status,
                    status,
                    _stamp(ordered),
                    _stamp(ordered),
                    _stamp(ordered + dt.timedelta(days=2)),
                    None,
                    None,
                    name,
                    f"{name.split()[0].lower()}{cid}",
                    rng.choice(COURIERS),
                    "Reguler",
                    tracking,
                    name,
                    f"+62812{rng.randint(10**6, 10**7 - 1)}",
                    f"Jl. Merdeka No. {rng.randint(1, 200)}",
                    city,
                    province,
                    "",
                    "",
                    "Transfer",
                    10000,
                    total,
                    None,
                    "",
                    None,
                )  # fmt: skip
            )
            if len(chunk) == 50_000:
                con.executemany(sql, chunk)
                chunk.clear()
        if chunk:
            con.executemany(sql, chunk)
        con.execute(
            "INSERT INTO order_search (rowid, order_no, tracking_no, buyer, recipient, phone) "
            "SELECT id, order_no, tracking_no, buyer_name || ' ' || buyer_username, recipient, "
            "phone FROM orders"
        )
        con.execute(
            "INSERT INTO customer_search (rowid, name, nickname, identities) "
            "SELECT id, name, nickname, '' FROM customer"
        )
        for ddl in saved:
            con.execute(ddl)
        con.execute(
            "UPDATE customer SET order_count = s.n, lifetime_value = s.v, "
            "first_order_at = s.first, last_order_at = s.last FROM ("
            "SELECT customer_id, count(*) AS n, "
            "sum(CASE WHEN status IN ('unpaid', 'cancelled', 'returned') THEN 0 ELSE total END) AS v, "
            "min(ordered_at) AS first, max(ordered_at) AS last FROM orders GROUP BY customer_id"
            ") AS s WHERE customer.id = s.customer_id"
        )
    database.close()
    return time.perf_counter() - started
