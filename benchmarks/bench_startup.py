"""Start-up: `csdesk --self-test` over every panel vs a bare PySide6 window, in the same run.

Both are fresh processes (offscreen Qt), timed end to end, five times each; the ratio of the
medians is what a seller feels when the app opens compared with the floor Qt itself sets.
Goal from the foundation issue: self-test ≤ 3× the bare window.

    python benchmarks/bench_startup.py [--orders 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, save, table  # noqa: E402

BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("csdesk"))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
"""


# What a seller waits for: the window on the Dasbor, painted (other panels are built when first
# opened), over the same database, then quit.
FIRST_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from csdesk.services.database import open_database
from csdesk.ui.main_window import MainWindow
window = MainWindow(open_database(sys.argv[1]))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
"""


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def csdesk_panels() -> list[str]:
    """The panels the self-test visits (the navigation's entries)."""
    from csdesk.ui.main_window import _panel_specs

    return [spec.key for spec in _panel_specs()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        env["CSDESK_DATA_DIR"] = tmp
        db = str(Path(tmp) / "demo.sqlite")
        csdesk = [sys.executable, "-m", "csdesk", "--db", db]
        subprocess.run([*csdesk, "demo", "--orders", str(args.orders)], check=True, env=env,
                       capture_output=True)  # fmt: skip
        bare = [wall([sys.executable, "-c", BARE_WINDOW], env) for _ in range(args.repeat)]
        selftest = [wall([*csdesk, "--self-test"], env) for _ in range(args.repeat)]
        first = [wall([sys.executable, "-c", FIRST_WINDOW, db], env) for _ in range(args.repeat)]
        panels = len(csdesk_panels())
    bare_ms = statistics.median(bare) * 1000
    self_ms = statistics.median(selftest) * 1000
    first_ms = statistics.median(first) * 1000
    ratio = self_ms / bare_ms
    rows = [
        ["bare PySide6 window (open, paint, quit)", f"{bare_ms:.0f} ms", "1.0×"],
        [f"csdesk window on the Dasbor, {args.orders:,} demo orders", f"{first_ms:.0f} ms",
         f"{first_ms / bare_ms:.1f}×"],
        [f"csdesk --self-test, all {panels} panels visited", f"{self_ms:.0f} ms",
         f"{ratio:.1f}×"],
    ]  # fmt: skip
    markdown = table([f"start-up (median of {args.repeat})", "time", "vs bare"], rows)
    print(f"Machine: {machine()}\n")
    print(markdown)
    save("startup", {"bare_ms": bare_ms, "first_window_ms": first_ms, "selftest_ms": self_ms,
                     "ratio": ratio,
                     "machine": machine()}, markdown)  # fmt: skip


if __name__ == "__main__":
    main()
