"""Import: `csdesk import-orders` of a 100,000-row Shopee export, side by side with pandas.

The file is make_shopee_export.py's (the real Shopee header layout, text cells as Shopee writes
them), generated once and kept under /tmp. The peer is `pandas.read_excel(path, dtype=str)`,
timed for that call alone (pandas already imported): it merely reads the sheet into a
DataFrame, with pandas' default xlsx engine (openpyxl). The same call with
`engine='calamine'`, the reader csdesk itself uses, is shown for reference. csdesk's side is the whole command as a seller runs it, timed from outside:
starting Python, reading and checking the file, the pre-import backup, matching customers and
writing every order in one transaction, into a fresh database; then the same file again into
that database (every order unchanged). Each side runs in its own process; peak RSS is the
child's own (`os.wait4`), and so is its CPU time. Goal from the import/export issue: csdesk in at most half pandas'
time, peak RSS ≤ 600 MB.

    python benchmarks/bench_import.py [--rows 100000] [--file /tmp/csdesk-bench-shopee-100000.xlsx]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, peak_rss_mb, save, table  # noqa: E402
from make_shopee_export import make_shopee_export  # noqa: E402

GOAL_RATIO = 0.5
GOAL_RSS_MB = 600


def worker_pandas(path: Path, engine: str | None) -> dict[str, object]:
    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_excel(path, dtype=str, engine=engine)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rows": len(frame),
        "peak_rss_mb": peak_rss_mb(),
    }


def run_child(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, the child's peak RSS in MB, its stdout) of one command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
        scale = 1024 * 1024 if platform.system() == "Darwin" else 1024
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, cpu, usage.ru_maxrss / scale, out.read().decode()


def run_csdesk(db: Path, path: Path, env: dict[str, str]) -> dict[str, object]:
    command = [sys.executable, "-m", "csdesk", "--db", str(db), "import-orders", str(path)]
    seconds, cpu, rss, out = run_child([*command, "--json"], env)
    (result,) = json.loads(out)["files"]
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": rss,
        **{
            key: result[key] for key in ("rows", "orders_new", "orders_updated", "orders_unchanged")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--worker-pandas", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_pandas:
        print(json.dumps(worker_pandas(args.worker_pandas, args.engine)))
        return

    path = args.file or Path(tempfile.gettempdir()) / f"csdesk-bench-shopee-{args.rows}.xlsx"
    generated = None
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial.xlsx")
        make_shopee_export(partial, args.rows)
        partial.rename(path)
        generated = time.perf_counter() - started

    env = {**os.environ, "CSDESK_DATA_DIR": tempfile.mkdtemp(prefix="csdesk-bench-")}

    def run_pandas(*engine: str) -> dict[str, object]:
        command = [sys.executable, __file__, "--worker-pandas", str(path), *engine]
        _, _, _, out = run_child(command, env)
        result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
        return result

    peer = run_pandas()
    peer_calamine = run_pandas("--engine", "calamine")
    db = Path(env["CSDESK_DATA_DIR"]) / "import.sqlite"
    first = run_csdesk(db, path, env)
    again = run_csdesk(db, path, env)

    pandas_s = float(peer["seconds"])  # type: ignore[arg-type]
    pandas_cpu = float(peer["cpu_seconds"])  # type: ignore[arg-type]

    def row(label: str, result: dict[str, object]) -> list[str]:
        seconds = float(result["seconds"])  # type: ignore[arg-type]
        cpu = float(result["cpu_seconds"])  # type: ignore[arg-type]
        return [
            label,
            f"{seconds:.1f} s",
            f"{seconds / pandas_s:.2f}",
            f"{cpu:.1f} s",
            f"{cpu / pandas_cpu:.2f}",
            f"{float(result['peak_rss_mb']):.0f} MB",  # type: ignore[arg-type]
        ]

    rows = [
        row("pandas `read_excel(dtype=str)` (reads the sheet only; the goal's peer)", peer),
        row("pandas `read_excel(dtype=str, engine='calamine')` (for reference)", peer_calamine),
        row(f"csdesk `import-orders`, empty database ({first['orders_new']:,} new orders)", first),
        row(f"csdesk `import-orders` again ({again['orders_unchanged']:,} unchanged)", again),
    ]
    headers = [
        f"{args.rows:,} Shopee item rows",
        "time",
        "÷ pandas",
        "CPU time",
        "÷ pandas",
        "peak RSS",
    ]
    markdown = (
        table(headers, rows)
        + f"\n\nGoal: csdesk ÷ pandas ≤ {GOAL_RATIO} and peak RSS ≤ {GOAL_RSS_MB} MB."
        + " csdesk's time is the whole command (Python start-up, backup, one transaction)."
        + " CPU time (user + system) is shown too: wall times move with a loaded machine."
    )
    print(f"Machine: {machine()}")
    if generated is not None:
        print(f"Generated {path} in {generated:.0f} s")
    print()
    print(markdown)
    save(
        "import",
        {
            "pandas": peer,
            "pandas_calamine": peer_calamine,
            "csdesk_first": first,
            "csdesk_again": again,
            "rows": args.rows,
            "machine": machine(),
        },
        markdown,
    )


if __name__ == "__main__":
    main()
