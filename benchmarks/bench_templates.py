"""Quick replies: `templates.fill()` of every default template with a real context (a demo
customer and their shipped order, the shop's settings), side by side with a bare `str.format`
of the same text as the peer.

The peer gets the body with `{panggilan|kak}` rewritten to `{panggilan}` and a dict that
already holds every value (fallbacks applied), built before timing: the floor Python's own
formatting sets, with no fallbacks, no missing-placeholder report. `context_for` (the database
reads behind a context, done once when a conversation opens) is timed on its own. Goal from
the replying issue: filling a template under 5 ms.

    python benchmarks/bench_templates.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, save, table  # noqa: E402

GOAL_MS = 5.0
_FALLBACK = re.compile(r"\{([a-z_]+)\|[^{}]*\}")


def median_us(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - started) / 1000)
    return statistics.median(samples)


def real_context() -> tuple[dict[str, str], int, int]:
    """The context of the first shipped order with a tracking number and a customer."""
    from csdesk.models import Order
    from csdesk.services import templates

    order = (
        Order.select()
        .where(Order.status == "shipped", Order.tracking_no != "", Order.customer.is_null(False))
        .order_by(Order.id)
        .first()
    )
    if order is None:
        raise SystemExit("the demo has no shipped order with a resi")
    return templates.context_for(order.customer_id, order.id), order.customer_id, order.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=300)
    args = parser.parse_args()

    from csdesk.services import templates
    from csdesk.services.database import open_database
    from csdesk.services.demo import generate_demo
    from csdesk.services.templates_default import DEFAULT_TEMPLATES

    with tempfile.TemporaryDirectory() as folder:
        open_database(str(Path(folder) / "bench.sqlite"))
        generate_demo(args.orders)
        context, customer_id, order_id = real_context()
        context_us = median_us(lambda: templates.context_for(customer_id, order_id), 200)

        rows, data, fill_times = [], [], []
        for seed in DEFAULT_TEMPLATES:
            body = seed.body
            filled = templates.fill(body, context)
            values = dict(context)
            for key, fallback in re.findall(r"\{([a-z_]+)\|([^{}]*)\}", body):
                values.setdefault(key, fallback)
            plain = _FALLBACK.sub(r"{\1}", body)
            assert plain.format_map(values) == filled.text or filled.missing, seed.shortcut
            ours = median_us(lambda b=body: templates.fill(b, context), args.runs)
            peer = median_us(lambda p=plain, v=values: p.format_map(v), args.runs)
            fill_times.append(ours)
            rows.append(
                [
                    seed.shortcut,
                    f"{len(body)}",
                    f"{ours:.1f}",
                    f"{peer:.1f}",
                    f"{ours / peer:.0f}×" if peer else "–",
                    ", ".join(filled.missing) or "–",
                ]
            )
            data.append(
                {
                    "shortcut": seed.shortcut,
                    "chars": len(body),
                    "fill_us": round(ours, 2),
                    "format_us": round(peer, 2),
                    "missing": filled.missing,
                }
            )
    worst = max(fill_times)
    markdown = table(
        ["template", "chars", "fill() median µs", "str.format µs", "ratio", "left empty"], rows
    )
    markdown += (
        f"\n\ncontext_for (customer + order + settings from SQLite): {context_us:.0f} µs median"
        f"\nslowest fill(): {worst:.1f} µs; with context_for "
        f"{(worst + context_us) / 1000:.2f} ms — goal under {GOAL_MS:.0f} ms: "
        f"{'met' if (worst + context_us) / 1000 < GOAL_MS else 'NOT met'}"
    )
    save(
        "templates",
        {"machine": machine(), "runs": args.runs, "context_for_us": context_us, "templates": data},
        markdown,
    )
    print(f"Machine: {machine()}\n")
    print(markdown)


if __name__ == "__main__":
    main()
