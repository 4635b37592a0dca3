"""Customers at scale: 100,000 customers with 1,000,000 orders, side by side with pandas.

Measured (csdesk's own services, as the Pelanggan panel calls them):
- search to first page: `CustomerListSource.ids(query, limit=PAGE)` + `rows(first page)` for a
  name fragment, a phone typed in another format than stored, a rare username, and the loyal
  segment filter. The peer holds customers and identities in a pandas DataFrame (loading timed
  apart) and filters with `str.contains` / equality. Goal ≤ 100 ms.
- opening a profile with 500 orders and 5,000 messages: `customer_detail` + `timeline` +
  `customer_follow_ups` + `merges`, everything the customer page reads. Goal ≤ 200 ms.
- keeping lifetime values current: refreshing the figures of the 1,000 customers an import
  touched (`refresh_customers(ids)`, what imports do) against recomputing all 100,000.

The database (bigdb.build, then identities and one busy customer added) is built once at --db.

    python benchmarks/bench_customers.py [--orders 1000000] [--db /tmp/csdesk-bench-customers.sqlite]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

import bigdb
import common
from common import machine, peak_rss_mb, save, table, timed

PAGE = 50
BUSY_ORDERS = 500
BUSY_MESSAGES = 5_000


def _phone(rng: random.Random) -> str:
    digits = "8" + "".join(rng.choice("0123456789") for _ in range(10))
    return f"0{digits}"


def add_people(db: Path, seed: int = 5) -> None:
    """Each customer gets a phone (as written: dashes for half of them, plain otherwise, E.164
    as `normalized`) and a marketplace username; customer 1 gets 500 orders and 5,000 messages."""
    rng = random.Random(seed)
    con = sqlite3.connect(db)
    con.execute("PRAGMA cache_size = -500000")
    now = "2026-11-23 03:00:00"
    rows = []
    for (cid,) in con.execute("SELECT id FROM customer"):
        phone = _phone(rng)
        written = f"{phone[:4]}-{phone[4:8]}-{phone[8:]}" if cid % 2 else phone
        rows.append((cid, "phone", "", written, "+62" + phone[1:], 0, now))
        rows.append((cid, "marketplace", "shopee", f"user{cid:06d}x", f"user{cid:06d}x", 0, now))
    trigger = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'customer_identity_search_ai'"
    ).fetchone()[0]
    with con:
        con.execute("DROP TRIGGER customer_identity_search_ai")
        con.executemany(
            "INSERT INTO customer_identity (customer_id, kind, marketplace, value, normalized, "
            "masked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        con.execute(
            "UPDATE customer_search SET identities = (SELECT group_concat(value, ' ') FROM "
            "customer_identity WHERE customer_id = customer_search.rowid)"
        )
        con.execute(trigger)
        con.execute(
            "UPDATE orders SET customer_id = 1 WHERE id IN "
            f"(SELECT id FROM orders WHERE customer_id != 1 ORDER BY random() LIMIT {BUSY_ORDERS})"
        )
        per = BUSY_MESSAGES // 5
        start = dt.datetime(2026, 1, 1)
        for n in range(5):
            cur = con.execute(
                "INSERT INTO conversation (version, created_at, updated_at, channel, customer_id, "
                "title, status, last_message_at, last_message_preview, message_count) "
                "VALUES (1, ?, ?, 'whatsapp', 1, '', 'closed', ?, 'makasih kak', ?)",
                (now, now, str(start + dt.timedelta(days=30 * n + 1)), per),
            )
            conv = cur.lastrowid
            con.executemany(
                "INSERT INTO message (conversation_id, direction, author, body, sent_at, kind, "
                "attachment) VALUES (?, ?, '', ?, ?, 'text', '')",
                [
                    (
                        conv,
                        "in" if m % 2 else "out",
                        f"pesan ke-{m} tentang gamis navy",
                        str(start + dt.timedelta(days=30 * n, minutes=m)),
                    )
                    for m in range(per)
                ],
            )
    con.close()
    # The busy customer's figures (an UPDATE of orders bypasses the services on purpose).
    from csdesk.services.customer_stats import refresh_customers
    from csdesk.services.database import close_database, open_database

    open_database(str(db))
    refresh_customers(None)
    close_database()


def pick_terms(db: Path) -> dict[str, dict[str, object]]:
    con = sqlite3.connect(db)
    (customers,) = con.execute("SELECT count(*) FROM customer").fetchone()
    (phone,) = con.execute(
        "SELECT value FROM customer_identity WHERE kind = 'phone' AND value LIKE '%-%' LIMIT 1 "
        "OFFSET ?",
        (777 % max(1, customers // 2),),
    ).fetchone()
    (user,) = con.execute(
        "SELECT value FROM customer_identity WHERE kind = 'marketplace' LIMIT 1 OFFSET ?",
        (4321 % customers,),
    ).fetchone()
    con.close()
    digits = phone.replace("-", "")
    typed = f"+62 {digits[1:4]} {digits[4:8]} {digits[8:]}"  # stored 0812-…, typed +62 812 …
    return {
        "name fragment 'simanjun'": {"search": "simanjun"},
        f"phone typed '{typed}'": {"search": typed, "e164": "+62" + digits[1:]},
        f"rare username '{user}'": {"search": user},
        "segment loyal": {"segment": "loyal"},
    }


def worker_csdesk(db: Path) -> dict[str, object]:
    from csdesk.services.customer_merge import merges
    from csdesk.services.customer_stats import refresh_customers
    from csdesk.services.customer_timeline import timeline
    from csdesk.services.customers_list import CustomerListSource
    from csdesk.services.database import open_database
    from csdesk.services.details_customers import customer_detail
    from csdesk.services.follow_ups import customer_follow_ups
    from csdesk.services.listing import ListQuery

    open_database(str(db))
    results: dict[str, object] = {}
    source = CustomerListSource()
    for name, spec in pick_terms(db).items():
        filters = {"segment": str(spec["segment"])} if "segment" in spec else {}
        query = ListQuery(search=str(spec.get("search", "")), filters=filters)

        def first_page(query: ListQuery = query) -> int:
            ids = source.ids(query, limit=PAGE)
            source.rows(ids[:PAGE])
            return len(ids)

        first, median = timed(first_page)
        results[name] = {"first_ms": first, "median_ms": median, "found": first_page()}

    def profile() -> None:
        customer_detail(1)
        timeline(1)
        customer_follow_ups(1)
        merges(1)

    first, median = timed(profile)
    results["profile"] = {"first_ms": first, "median_ms": median}
    touched = random.Random(3).sample(range(1, 100_001), 1_000)  # ids past the last: no rows
    first, median = timed(lambda: refresh_customers(touched), repeat=3)
    results["refresh_1000"] = {"first_ms": first, "median_ms": median}
    first, median = timed(lambda: refresh_customers(None), repeat=1)
    results["refresh_all"] = {"first_ms": first, "median_ms": median}
    results["customers"] = (
        sqlite3.connect(db).execute("SELECT count(*) FROM customer").fetchone()[0]
    )
    results["peak_rss_mb"] = peak_rss_mb()
    return results


def worker_pandas(db: Path) -> dict[str, object]:
    import pandas as pd

    started = time.perf_counter()
    con = sqlite3.connect(db)
    people = pd.read_sql(
        "SELECT c.id, c.name, c.nickname, c.order_count, c.lifetime_value, c.last_order_at, "
        "i.kind, i.value, i.normalized FROM customer c LEFT JOIN customer_identity i "
        "ON i.customer_id = c.id",
        con,
    )
    results: dict[str, object] = {"load_ms": (time.perf_counter() - started) * 1000}
    for name, spec in pick_terms(db).items():

        def first_page(spec: dict[str, object] = spec) -> None:
            rows = people
            if "segment" in spec:
                rows = rows[(rows["order_count"] >= 3) | (rows["lifetime_value"] >= 1_000_000)]
            elif "e164" in spec:
                rows = rows[rows["normalized"] == spec["e164"]]
            else:
                term = str(spec["search"])
                mask = False
                for column in ("name", "nickname", "value"):
                    mask = mask | rows[column].str.contains(term, case=False, regex=False)
                rows = rows[mask]
            rows.drop_duplicates("id").sort_values("last_order_at", ascending=False).head(PAGE)

        first, median = timed(first_page)
        results[name] = {"first_ms": first, "median_ms": median}
    results["peak_rss_mb"] = peak_rss_mb()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/csdesk-bench-customers.sqlite"))
    parser.add_argument("--worker", choices=("csdesk", "pandas"))
    args = parser.parse_args()
    if args.worker:
        work = worker_csdesk if args.worker == "csdesk" else worker_pandas
        print(json.dumps(work(args.db)))
        return
    if not args.db.exists():
        started = time.perf_counter()
        bigdb.build(args.db, orders=args.orders, customers=max(1, args.orders // 10))
        add_people(args.db)
        print(f"Built {args.db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    ours = common.run_worker(__file__, "csdesk", args.db)
    peer = common.run_worker(__file__, "pandas", args.db)
    rows = []
    for name in pick_terms(args.db):
        mine, theirs = ours[name], peer[name]
        assert isinstance(mine, dict) and isinstance(theirs, dict)
        rows.append(
            [
                f"search to first page: {name}",
                f"{mine['median_ms']:.1f} ms (first {mine['first_ms']:.0f})",
                f"{theirs['median_ms']:.1f} ms",
                f"{theirs['median_ms'] / mine['median_ms']:.1f}",
            ]
        )
    profile = ours["profile"]
    assert isinstance(profile, dict)
    rows.append(
        [
            f"open a profile ({BUSY_ORDERS} orders, {BUSY_MESSAGES:,} messages)",
            f"{profile['median_ms']:.1f} ms (first {profile['first_ms']:.0f})",
            "—",
            "(goal ≤ 200 ms)",
        ]
    )
    some, every = ours["refresh_1000"], ours["refresh_all"]
    assert isinstance(some, dict) and isinstance(every, dict)
    rows.append(
        [
            "lifetime values after an import touching 1,000 customers",
            f"{some['median_ms']:.0f} ms",
            f"{every['median_ms']:.0f} ms (recompute all {ours['customers']:,})",
            f"{every['median_ms'] / some['median_ms']:.0f}",
        ]
    )
    markdown = table(
        ["what", "csdesk", "instead (pandas / full recompute)", "instead ÷ csdesk"], rows
    )
    markdown += (
        f"\n\npandas first loads the customers with their identities: {peer['load_ms']:.0f} ms, "
        f"peak RSS {peer['peak_rss_mb']:.0f} MB; csdesk peak RSS {ours['peak_rss_mb']:.0f} MB."
        f"\nMachine: {machine()}, SQLite {sqlite3.sqlite_version}."
    )
    print(markdown)
    save("customers", {"csdesk": ours, "pandas": peer, "machine": machine()}, markdown)


if __name__ == "__main__":
    main()
