"""Labels: `render_labels_pdf` of 500 orders in A6, A4 (4 per sheet) and thermal 80 mm, side by
side with a bare reportlab canvas drawing the same strings without any layout.

csdesk's side is the whole render as the GUI and `print-confirmations` run it: reading the
orders and items in batches, the shop settings, fitting each label, two Code 128 barcodes per
label, DejaVu fonts embedded, the file written and renamed. The peer gets the same strings
already in memory (not timed) and draws each on its own line, one label per A6 page, in the
same embedded font, with no wrapping, fitting or barcodes: the floor reportlab itself sets.
Each side runs in its own process, so peak RSS is its own. Goal from the labels issue: 500
labels to PDF in under 10 s.

    python benchmarks/bench_labels.py [--labels 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, peak_rss_mb, save, table, timed  # noqa: E402

SIZES = ("a6", "a4", "80mm")


def build(db: Path, labels: int) -> None:
    from csdesk.services.database import open_database
    from csdesk.services.demo import generate_demo

    open_database(str(db))
    generate_demo(labels)


def first_ids(labels: int) -> list[int]:
    from csdesk.models import Order

    return [o.id for o in Order.select(Order.id).order_by(Order.id).limit(labels)]


def worker_csdesk(db: Path, labels: int, size: str, repeat: int) -> dict[str, object]:
    from csdesk.services.database import open_database
    from csdesk.services.printing.print_run import RenderResult, render_labels_pdf

    open_database(str(db))
    ids = first_ids(labels)
    out = Path(tempfile.mkdtemp()) / "label.pdf"
    result: list[RenderResult] = []
    first, median = timed(lambda: result.append(render_labels_pdf(ids, out, size)), repeat)
    return {
        "first_ms": first,
        "median_ms": median,
        "labels": result[-1].labels,
        "pages": result[-1].pages,
        "file_mb": out.stat().st_size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }


def worker_bare(db: Path, labels: int, repeat: int) -> dict[str, object]:
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from csdesk.services.database import open_database
    from csdesk.services.printing.label_data import load_labels
    from csdesk.services.printing.text import FONT, register_fonts

    open_database(str(db))
    register_fonts()
    strings = [
        [label.marketplace, f"{label.courier} {label.service}", label.tracking_no,
         label.recipient, label.phone, label.address, f"{label.city}, {label.province}",
         label.order_no, label.buyer_note,
         *(f"{i.quantity}× {i.product} — {i.variant}" for i in label.items)]
        for label in load_labels(first_ids(labels))
    ]  # fmt: skip
    out = Path(tempfile.mkdtemp()) / "bare.pdf"

    def run() -> None:
        canvas = Canvas(str(out), pagesize=(105 * mm, 148 * mm), pageCompression=1)
        for lines in strings:
            canvas.setFont(FONT, 8)
            for n, line in enumerate(lines):
                canvas.drawString(4 * mm, 140 * mm - n * 10, line)
            canvas.showPage()
        canvas.save()

    first, median = timed(run, repeat)
    return {
        "first_ms": first,
        "median_ms": median,
        "labels": len(strings),
        "pages": len(strings),
        "file_mb": out.stat().st_size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }


def in_process(*args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True, check=True
    )
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        side, db, *size = args.worker
        if side == "csdesk":
            data = worker_csdesk(Path(db), args.labels, size[0], args.repeat)
        else:
            data = worker_bare(Path(db), args.labels, args.repeat)
        print(json.dumps(data))
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CSDESK_DATA_DIR"] = tmp
        db = Path(tmp) / "labels.sqlite"
        build(db, args.labels)
        common = ["--labels", str(args.labels), "--repeat", str(args.repeat)]
        results = {size: in_process("csdesk", str(db), size, *common) for size in SIZES}
        results["bare"] = in_process("bare", str(db), *common)
    bare_ms = float(results["bare"]["median_ms"])  # type: ignore[arg-type]
    rows = []
    for key, data in results.items():
        median = float(data["median_ms"])  # type: ignore[arg-type]
        name = "bare reportlab canvas, strings only, A6" if key == "bare" else f"csdesk {key}"
        rows.append([
            name, f"{data['labels']}", f"{data['pages']}", f"{median / 1000:.2f} s",
            f"{float(data['pages']) / (median / 1000):.0f}",  # type: ignore[arg-type]
            f"{float(data['peak_rss_mb']):.0f} MB",  # type: ignore[arg-type]
            f"{float(data['file_mb']):.1f} MB",  # type: ignore[arg-type]
            f"{median / bare_ms:.1f}×",
        ])  # fmt: skip
    headers = [f"labels to PDF (median of {args.repeat})", "labels", "pages", "time",
               "pages/s", "peak RSS", "file", "vs bare"]  # fmt: skip
    markdown = table(headers, rows)
    print(f"Machine: {machine()}\n")
    print(markdown)
    save("labels", {"results": results, "machine": machine()}, markdown)


if __name__ == "__main__":
    main()
