"""Export: `export_orders` of 100,000 item rows, side by side with pandas `DataFrame.to_excel`.

The shop is the demo generator's (realistic names, addresses, notes, several items per order),
with enough orders for the wanted item rows; the export takes the first orders by id whose
items add up to at most that many rows. csdesk's side is the whole export as `export-orders`
runs it: reading the database, converting times to the shop's zone, writing the workbook. The
peer gets the SAME rows already in memory as a DataFrame (same columns, values and types:
text, integer rupiah, local datetimes) and is timed only for `to_excel`, with xlsxwriter as
its engine (pandas' fastest; openpyxl is slower still). Each side runs in its own process, so peak RSS is its own.
Goal from the import/export issue: csdesk no slower than `to_excel`.

    python benchmarks/bench_export.py [--rows 100000] [--db /tmp/csdesk-bench-export.sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, peak_rss_mb, save, table, timed  # noqa: E402

ITEMS_PER_ORDER_GUESS = 1.7  # the demo shop's mean, so one generation is usually enough


def build(db: Path, rows: int) -> float:
    from csdesk.services.database import open_database
    from csdesk.services.demo import generate_demo

    started = time.perf_counter()
    open_database(str(db))
    generate_demo(int(rows / ITEMS_PER_ORDER_GUESS * 1.1) + 10)
    return time.perf_counter() - started


def pick_ids(db: Path, rows: int) -> list[int]:
    """The first orders by id whose item rows (one for an order without items) fit in `rows`."""
    con = sqlite3.connect(db)
    counted = con.execute(
        "SELECT o.id, max(count(i.id), 1) FROM orders o "
        "LEFT JOIN order_item i ON i.order_id = o.id GROUP BY o.id ORDER BY o.id"
    ).fetchall()
    con.close()
    ids, total = [], 0
    for order_id, items in counted:
        if total + items > rows:
            break
        ids.append(order_id)
        total += items
    if total < rows * 0.99:
        raise SystemExit(f"only {total} item rows in {db}; delete it to build a bigger shop")
    return ids


def worker_csdesk(db: Path, ids: list[int], repeat: int) -> dict[str, object]:
    from csdesk.services.database import open_database
    from csdesk.services.exporting.orders_xlsx import ExportResult, export_orders

    open_database(str(db))
    out = Path(tempfile.mkdtemp()) / "pesanan.xlsx"
    result: list[ExportResult] = []

    def run() -> None:
        result.append(export_orders(out, order_ids=ids))

    first, median = timed(run, repeat)
    return {
        "first_ms": first,
        "median_ms": median,
        "rows": result[-1].rows,
        "orders": result[-1].orders,
        "file_mb": out.stat().st_size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }


def frame_of(db: Path, ids: list[int]):  # type: ignore[no-untyped-def]
    """The export's rows as a DataFrame, built as csdesk would (not timed)."""
    import pandas as pd

    from csdesk.services.database import open_database
    from csdesk.services.exporting.csdesk_columns import COLUMNS, header_text
    from csdesk.services.exporting.orders_xlsx import order_rows, shop_time
    from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS, label

    open_database(str(db))
    convert = {
        "time": lambda v: shop_time(v, "WIB"),
        "status": lambda v: label(ORDER_STATUS_LABELS, v),
        "marketplace": lambda v: label(MARKETPLACE_LABELS, v),
    }
    converters = [convert.get(c.kind) for c in COLUMNS]
    data = [
        [v if f is None or v is None else f(v) for f, v in zip(converters, row[1:], strict=True)]
        for _, rows in order_rows(ids, [], None)
        for row in rows
    ]
    frame = pd.DataFrame(data, columns=[header_text(c, "WIB") for c in COLUMNS])
    return frame


def worker_pandas(db: Path, ids: list[int], repeat: int) -> dict[str, object]:
    frame = frame_of(db, ids)
    out = Path(tempfile.mkdtemp()) / "pesanan.xlsx"

    def run() -> None:
        frame.to_excel(out, sheet_name="Pesanan", index=False, engine="xlsxwriter")

    first, median = timed(run, repeat)
    return {
        "first_ms": first,
        "median_ms": median,
        "rows": len(frame),
        "file_mb": out.stat().st_size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_worker(kind: str, db: Path, rows: int, repeat: int) -> dict[str, object]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            kind,
            "--db",
            str(db),
            "--rows",
            str(rows),
            "--repeat",
            str(repeat),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "CSDESK_DATA_DIR": tempfile.mkdtemp()},
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, default=Path("/tmp/csdesk-bench-export.sqlite"))
    parser.add_argument("--worker", choices=("csdesk", "pandas"))
    args = parser.parse_args()
    if args.worker:
        work = worker_csdesk if args.worker == "csdesk" else worker_pandas
        print(json.dumps(work(args.db, pick_ids(args.db, args.rows), args.repeat)))
        return

    build_s = None
    if not args.db.exists():
        os.environ.setdefault("CSDESK_DATA_DIR", tempfile.mkdtemp())
        build_s = build(args.db, args.rows)
    ours = run_worker("csdesk", args.db, args.rows, args.repeat)
    peer = run_worker("pandas", args.db, args.rows, args.repeat)
    ratio = float(peer["median_ms"]) / max(float(ours["median_ms"]), 0.01)  # type: ignore[arg-type]

    def number(value: object) -> str:
        return f"{value:,}".replace(",", ".")

    rows = [
        [
            f"csdesk `export_orders` (reads the database, {number(ours['orders'])} orders)",
            number(ours["rows"]),
            f"{float(ours['median_ms']) / 1000:.2f} s (first {float(ours['first_ms']) / 1000:.2f})",  # type: ignore[arg-type]
            f"{ours['peak_rss_mb']:.0f} MB",
            f"{ours['file_mb']:.1f} MB",
        ],
        [
            "pandas `DataFrame.to_excel` (xlsxwriter; rows already in memory)",
            number(peer["rows"]),
            f"{float(peer['median_ms']) / 1000:.2f} s (first {float(peer['first_ms']) / 1000:.2f})",  # type: ignore[arg-type]
            f"{peer['peak_rss_mb']:.0f} MB",
            f"{peer['file_mb']:.1f} MB",
        ],
    ]
    headers = ["Export to xlsx", "item rows", "time (median)", "peak RSS", "file"]
    markdown = (
        table(headers, rows) + f"\n\npandas / csdesk: {ratio:.1f}× (higher is better for csdesk)"
    )
    print(f"Machine: {machine()}")
    if build_s is not None:
        print(f"Built the demo shop in {build_s:.0f} s")
    print()
    print(markdown)
    save(
        "export",
        {"csdesk": ours, "pandas": peer, "machine": machine(), "build_s": build_s},
        markdown,
    )


if __name__ == "__main__":
    main()
