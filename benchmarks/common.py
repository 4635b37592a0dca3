"""Shared bits of the benchmarks: timing, memory, the machine, and the table they print."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).parent / "out"


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """(first run, median of the runs) in milliseconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return runs[0], statistics.median(runs)


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux/macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()}, Python {platform.python_version()}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (the README takes it as printed)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def save(name: str, data: dict[str, object], markdown: str) -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
    (OUT / f"{name}.md").write_text(markdown + "\n")


def run_worker(script: str, kind: str, db: Path) -> dict[str, object]:
    """Run `script --worker KIND --db DB` in a fresh process (its memory measured apart) and
    read the JSON it prints last."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, script, "--worker", kind, "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
