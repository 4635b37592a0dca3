"""Scale: the Orders panel over 1,000,000 orders, side by side with pandas on the same rows.

csdesk's side opens the database as the app does and drives the Orders panel's own table model
(LazyTableModel over OrderListSource, offscreen Qt): for each search or filter, the time from
setting the query to having the first page of 30 rows formatted, and the process's peak RSS.
A big list shows its first ids at once and reads the rest on the thread pool; the time until
that whole list is in is reported too ("all ids"), and each run waits for it, so no run is
slowed by the previous one's background work.
The peer is what a seller's spreadsheet-minded helper would do instead: pandas holding the same
columns in memory (`read_sql`, timed separately) and filtering with `str.contains`.
Each side runs in its own process so their memory is measured apart.
Goals from the foundation issue: ≤ 100 ms to first page per search/filter, RSS ≤ 300 MB.

A second table drives the whole Pesanan panel (OrdersPanel, shown offscreen): opening it (from
building the widget to its first page of rows formatted and painted) and switching each status
tab (from the click to the tab's first page painted). The tab counts are read on the thread
pool; the time until they are in the tab captions is reported apart. Goal: ≤ 100 ms each.
A database without order items (built by an older bigdb) first gets one to three items per
order, so the product search has something to find.

    python benchmarks/bench_scale.py [--orders 1000000] [--db /tmp/csdesk-1m.sqlite] [--panel-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bigdb  # noqa: E402
import common
from common import machine, peak_rss_mb, save, table, timed  # noqa: E402

FIRST_PAGE = 30
REPEAT = 5

PRODUCTS = (
    ("Gamis Syari Wolfis", ("Hitam", "Navy", "Mocca", "Dusty Pink")),
    ("Kaos Polos Cotton Combed 30s", ("Putih L", "Hitam XL", "Abu M")),
    ("Kerudung Segi Empat Voal", ("Motif Bunga", "Polos Cream")),
    ("Celana Kulot Plisket", ("Hitam", "Milo")),
    ("Tas Selempang Kanvas", ("Coklat", "Hijau Army")),
    ("Sandal Jepit Karet Anak", ("Ukuran 28", "Ukuran 30")),
    ("Madu Hutan Asli 500 gr", ("",)),
    ("Keripik Pisang Cokelat", ("Pedas", "Original")),
)


def ensure_items(db: Path) -> float | None:
    """Give the orders of a database built without items (older bigdb) one to three items
    each, and bring its schema up to date (item_search is schema v2), so a product search has
    something to find. Returns the seconds taken, None when the items were there already."""
    from csdesk.models import db as dbmod
    from csdesk.models import schema

    database = dbmod.connect(str(db))
    try:
        schema.migrate(database)
        con = database.connection()
        if con.execute("SELECT 1 FROM order_item LIMIT 1").fetchone():
            return None
        started = time.perf_counter()
        rng = random.Random(7)
        with database.atomic():
            trigger = "SELECT sql FROM sqlite_master WHERE name = 'item_search_ai'"
            saved = con.execute(trigger).fetchone()[0]
            con.execute("DROP TRIGGER item_search_ai")
            rows = []
            for order_id, total in con.execute("SELECT id, total FROM orders").fetchall():
                count = rng.choice((1, 1, 1, 2, 3))
                for n in range(count):
                    kind = rng.randrange(len(PRODUCTS))
                    product, variants = PRODUCTS[kind]
                    price = total // count if n else total - total // count * (count - 1)
                    sku = f"SKU-{kind:02d}{rng.randrange(100):02d}"
                    rows.append((order_id, sku, product, rng.choice(variants), 1, price, price))
            con.executemany(
                "INSERT INTO order_item (order_id, sku, product, variant, quantity, unit_price, "
                "subtotal) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            con.execute(
                "INSERT INTO item_search (rowid, product, sku, variant) "
                "SELECT id, product, sku, variant FROM order_item"
            )
            con.execute(saved)  # the trigger exactly as the schema wrote it
        return time.perf_counter() - started
    finally:
        database.close()


def pick_terms(db: Path) -> dict[str, dict[str, object]]:
    """Search terms that exist in the database, chosen the way a seller would type them."""
    con = sqlite3.connect(db)
    total = con.execute("SELECT max(id) FROM orders").fetchone()[0]
    order_no, tracking = con.execute(
        "SELECT order_no, tracking_no FROM orders WHERE id >= ? AND tracking_no != '' LIMIT 1",
        (total // 2,),
    ).fetchone()
    buyer = con.execute("SELECT name FROM customer WHERE id = 4242").fetchone()[0]
    product, sku = con.execute(
        "SELECT product, sku FROM order_item WHERE id = (SELECT max(id) / 2 FROM order_item)"
    ).fetchone()
    con.close()
    return {
        "buyer name": {"search": buyer},
        # pandas holds no items: these two rows have no peer.
        "product name (two words)": {"search": " ".join(product.split()[:2]), "items": True},
        "SKU": {"search": sku, "items": True},
        "order number": {"search": order_no},
        "tracking number (8 digits)": {"search": tracking[3:11]},
        "status Perlu Dikirim": {"filters": {"status": "to_ship"}},
        "no filter (all orders)": {},
    }


def worker_csdesk(db: Path, terms: dict[str, dict[str, object]]) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from csdesk.services.database import open_database
    from csdesk.services.listing import ListQuery
    from csdesk.services.orders_list import OrderListSource
    from csdesk.ui.widgets.lazy_table import LazyTableModel

    app = QApplication([])
    started = time.perf_counter()
    open_database(str(db))
    model = LazyTableModel(OrderListSource())
    open_ms = (time.perf_counter() - started) * 1000
    results: dict[str, object] = {"open_ms": open_ms}
    for name, spec in terms.items():
        query = ListQuery(
            search=str(spec.get("search", "")),
            filters=dict(spec.get("filters", {})),  # type: ignore[call-overload]
        )

        pages, wholes = [], []
        for _ in range(REPEAT):
            started = time.perf_counter()
            model.set_query(query)
            for row in range(min(FIRST_PAGE, model.rowCount())):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column))
            pages.append((time.perf_counter() - started) * 1000)
            QThreadPool.globalInstance().waitForDone()
            app.processEvents()  # delivers the background result
            assert model.is_complete()
            wholes.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "first_ms": pages[0],
            "median_ms": statistics.median(pages),
            "all_ids_ms": statistics.median(wholes),
            "rows": model.rowCount(),
        }
    results["peak_rss_mb"] = peak_rss_mb()
    del app
    return results


def worker_panel(db: Path) -> dict[str, object]:
    """The Pesanan panel itself: open it, then click each status tab (REPEAT rounds)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from csdesk.services.database import open_database
    from csdesk.ui.panels.orders import OrdersPanel

    app = QApplication([])
    open_database(str(db))
    pool = QThreadPool.globalInstance()

    def first_page_shown(panel: OrdersPanel) -> None:
        model = panel.model
        for row in range(min(FIRST_PAGE, model.rowCount())):
            for column in range(model.columnCount()):
                model.data(model.index(row, column))
        panel.table.viewport().repaint()

    def settle() -> None:
        pool.waitForDone()
        app.processEvents()

    opens, counted = [], []
    panel = None
    for _ in range(REPEAT):
        if panel is not None:
            panel.deleteLater()
            settle()
        started = time.perf_counter()
        panel = OrdersPanel()
        panel.resize(1280, 800)
        panel.show()
        panel.ensure_loaded()
        first_page_shown(panel)
        opens.append((time.perf_counter() - started) * 1000)
        while panel.filter_bar.counts_pending():
            pool.waitForDone(5)
            app.processEvents()
        counted.append((time.perf_counter() - started) * 1000)
        settle()
    assert panel is not None and panel.filter_bar.tabs is not None
    results: dict[str, object] = {
        "open_ms": statistics.median(opens),
        "open_first_ms": opens[0],
        "counts_ms": statistics.median(counted),
    }
    tabs = panel.filter_bar.tabs
    labels = [c.label for c in OrdersPanel().source.filters[0].choices]
    switches: dict[str, list[float]] = {label: [] for label in labels}
    rows: dict[str, int] = {}
    for _ in range(REPEAT):
        for index, label in enumerate(labels):
            started = time.perf_counter()
            tabs.setCurrentIndex(index)
            first_page_shown(panel)
            switches[label].append((time.perf_counter() - started) * 1000)
            rows[label] = panel.model.rowCount()
            settle()
    results["tabs"] = {
        label: {"first_ms": times[0], "median_ms": statistics.median(times), "rows": rows[label]}
        for label, times in switches.items()
    }
    return results


def panel_table(result: dict[str, object]) -> str:
    rows = [
        ["open the Pesanan panel (first page shown)", "",
         f"{result['open_ms']:.0f} ms (first {result['open_first_ms']:.0f})"],
        ["tab counts in the captions (background)", "", f"{result['counts_ms']:.0f} ms"],
    ]  # fmt: skip
    tabs = result["tabs"]
    assert isinstance(tabs, dict)
    for label, timing in tabs.items():
        rows.append(
            [
                f"switch to tab {label}",
                f"{timing['rows']:,}".replace(",", "."),
                f"{timing['median_ms']:.0f} ms (first {timing['first_ms']:.0f})",
            ]
        )
    return table(["Pesanan panel", "rows", "median of 5"], rows)


def worker_pandas(db: Path, terms: dict[str, dict[str, object]]) -> dict[str, object]:
    import pandas as pd

    started = time.perf_counter()
    con = sqlite3.connect(db)
    frame = pd.read_sql(
        "SELECT o.id, o.order_no, o.marketplace, o.status, o.ordered_at, o.ship_by, "
        "o.buyer_name, o.recipient, o.city, o.courier, o.tracking_no, o.phone, o.total "
        "FROM orders o",
        con,
    )
    load_ms = (time.perf_counter() - started) * 1000
    results: dict[str, object] = {"load_ms": load_ms}
    for name, spec in terms.items():
        if spec.get("items"):
            continue
        term = str(spec.get("search", ""))
        status = dict(spec.get("filters", {})).get("status")  # type: ignore[call-overload]

        def first_page(term: str = term, status: object = status) -> None:
            rows = frame
            if status:
                rows = rows[rows["status"] == status]
            if term:
                mask = False
                for column in ("order_no", "tracking_no", "buyer_name", "recipient", "phone"):
                    mask = mask | rows[column].str.contains(term, case=False, regex=False)
                rows = rows[mask]
            rows.sort_values("ordered_at", ascending=False).head(FIRST_PAGE)

        first, median = timed(first_page)
        results[name] = {"first_ms": first, "median_ms": median}
    results["peak_rss_mb"] = peak_rss_mb()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/csdesk-bench-1m.sqlite"))
    parser.add_argument("--worker", choices=("csdesk", "pandas", "panel"))
    parser.add_argument("--panel-only", action="store_true", help="only the Pesanan panel table")
    args = parser.parse_args()
    if args.worker == "panel":
        print(json.dumps(worker_panel(args.db)))
        return
    if args.worker:
        terms = pick_terms(args.db)
        work = worker_csdesk if args.worker == "csdesk" else worker_pandas
        print(json.dumps(work(args.db, terms)))
        return

    build_s = None
    if not args.db.exists():
        build_s = bigdb.build(args.db, orders=args.orders, customers=max(1, args.orders // 10))
    items_s = ensure_items(args.db)
    if items_s is not None:
        print(f"Added order items in {items_s:.0f} s")
    panel = common.run_worker(__file__, "panel", args.db)
    panel_markdown = panel_table(panel)
    if args.panel_only:
        print(panel_markdown)
        return
    ours = common.run_worker(__file__, "csdesk", args.db)
    peer = common.run_worker(__file__, "pandas", args.db)
    rows = []
    for name in pick_terms(args.db):
        mine, theirs = ours[name], peer.get(name)
        assert isinstance(mine, dict)
        rows.append(
            [
                name,
                f"{mine['rows']:,}".replace(",", "."),
                f"{mine['median_ms']:.1f} ms (first {mine['first_ms']:.1f})",
                f"{mine['all_ids_ms']:.0f} ms",
                f"{theirs['median_ms']:.1f} ms" if isinstance(theirs, dict) else "(no items)",
                f"{theirs['median_ms'] / max(mine['median_ms'], 0.01):.1f}×"
                if isinstance(theirs, dict)
                else "",
            ]
        )
    rows.append(
        [
            "open database + panel model / pandas read_sql",
            "",
            f"{ours['open_ms']:.0f} ms",
            "",
            f"{peer['load_ms']:.0f} ms",
            f"{peer['load_ms'] / max(float(ours['open_ms']), 0.01):.0f}×",  # type: ignore[arg-type]
        ]
    )
    rows.append(
        ["peak RSS", "", f"{ours['peak_rss_mb']:.0f} MB", "", f"{peer['peak_rss_mb']:.0f} MB", ""]
    )
    headers = [
        "Orders panel, " + f"{args.orders:,} orders".replace(",", "."),
        "rows",
        "csdesk to first page",
        "csdesk all ids (background)",
        "pandas in memory",
        "pandas / csdesk",
    ]
    markdown = table(headers, rows)
    print(f"Machine: {machine()}")
    if build_s is not None:
        print(f"Built the database in {build_s:.0f} s")
    print()
    print(markdown)
    print()
    print(panel_markdown)
    save("scale", {"csdesk": ours, "pandas": peer, "panel": panel, "machine": machine(),
                   "build_s": build_s}, markdown + "\n\n" + panel_markdown)  # fmt: skip


if __name__ == "__main__":
    main()
