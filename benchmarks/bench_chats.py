"""Chat import: `csdesk import-chats` of a 50,000-message WhatsApp export, beside a bare pass.

The export is generated here (Android, Indonesian: `05/03/25 09.15 - Budi: …`), one customer
and the shop taking turns over several months, one message in ten on two lines, a few media
placeholders and deleted markers. csdesk's side is the whole command as a seller runs it, in
its own process, timed from outside: starting Python, reading and parsing the file, the
pre-import backup, finding the customer and writing every message in one transaction into a
fresh database; then the same file again into that database (every message skipped). The
same import is also timed in this process, without the start-up.

The floor is what no importer can beat in Python: `readlines()` and one regex match per line,
collecting the matches, nothing else. Goal (issue 6): the import under 5 s.

    python benchmarks/bench_chats.py [--messages 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, save, table  # noqa: E402

GOAL_SECONDS = 5.0
SHOP = "Hijab Ayu"
CUSTOMER = "Budi Santoso"
LINES = (
    "Halo kak, kerudung voal warna mocca masih ready?",
    "Ongkir ke Bandung berapa ya kak?",
    "Boleh minta no rekening?",
    "BCA 1234567890 a.n. Hijab Ayu ya kak",
    "Resi: JX1234567890 kak",
    "Mohon maaf atas ketidaknyamanannya kak",
    "Baik kak, kami cek dulu ya 🙏",
    "<Media tidak disertakan>",
    "Pesan ini dihapus",
)
_FLOOR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}) (\d{1,2})\.(\d{2}) - ([^:]+): (.*)")


def make_chat(path: Path, messages: int) -> None:
    rng = random.Random(6)
    at = dt.datetime(2024, 1, 2, 8, 0)
    out = [f"{at:%d/%m/%y %H.%M} - Pesan dan panggilan dienkripsi secara end-to-end."]
    for n in range(messages):
        at += dt.timedelta(minutes=rng.choice((0, 1, 2, 5, 15, 60, 240)))
        sender = CUSTOMER if n % 2 == 0 else SHOP
        out.append(f"{at:%d/%m/%y %H.%M} - {sender}: {rng.choice(LINES)}")
        if n % 10 == 0:
            out.append("Ini fotonya ya")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def floor(path: Path) -> float:
    started = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        found = [m.groups() for line in handle.readlines() if (m := _FLOOR.match(line))]
    seconds = time.perf_counter() - started
    if not found:
        raise SystemExit("the floor's regex matched no line")
    return seconds


def run_cli(db: Path, chat: Path, env: dict[str, str]) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "csdesk", "--db", str(db), "import-chats", str(chat)]
        + ["--me", SHOP, "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return time.perf_counter() - started, json.loads(done.stdout)


def in_process(db_path: Path, chat: Path) -> float:
    from csdesk.models import db as dbmod
    from csdesk.models import schema
    from csdesk.services.chats.run import import_chat_files

    database = dbmod.connect(str(db_path))
    schema.migrate(database)
    try:
        started = time.perf_counter()
        result = import_chat_files([chat], me=SHOP)
        seconds = time.perf_counter() - started
    finally:
        database.close()
    assert result.as_dict()["messages_skipped"] == 0
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-chats-") as folder:
        work = Path(folder)
        env = {**os.environ, "CSDESK_DATA_DIR": str(work / "data")}
        os.environ["CSDESK_DATA_DIR"] = env["CSDESK_DATA_DIR"]
        chat = work / "WhatsApp Chat with Budi Santoso.txt"
        make_chat(chat, args.messages)
        size_mb = chat.stat().st_size / 1e6
        floor_s = min(floor(chat) for _ in range(3))
        first_s, first = run_cli(work / "cli.sqlite", chat, env)
        again_s, again = run_cli(work / "cli.sqlite", chat, env)
        assert first["messages_new"] == args.messages, first
        assert again["messages_skipped"] == args.messages, again
        inproc_s = in_process(work / "inproc.sqlite", chat)
    rows = [
        ["floor: readlines + one regex per line", f"{floor_s:.2f}", "1.0"],
        ["csdesk import-chats, empty database", f"{first_s:.2f}", f"{first_s / floor_s:.0f}"],
        ["csdesk import-chats, again (all skipped)", f"{again_s:.2f}", f"{again_s / floor_s:.0f}"],
        ["import_chat_files in-process, empty db", f"{inproc_s:.2f}", f"{inproc_s / floor_s:.0f}"],
    ]
    markdown = "\n".join(
        [
            f"Chat import: {args.messages:,} messages ({size_mb:.1f} MB, android_id)",
            f"Machine: {machine()}",
            "",
            table(["run", "seconds", "× floor"], rows),
            "",
            f"Goal: import under {GOAL_SECONDS:.0f} s — "
            + ("met" if max(first_s, again_s) < GOAL_SECONDS else "NOT met"),
        ]
    )
    print(markdown)
    save(
        "chats",
        {
            "messages": args.messages,
            "file_mb": round(size_mb, 2),
            "floor_seconds": round(floor_s, 3),
            "cli_empty_seconds": round(first_s, 3),
            "cli_again_seconds": round(again_s, 3),
            "in_process_seconds": round(inproc_s, 3),
            "goal_seconds": GOAL_SECONDS,
            "machine": machine(),
        },
        markdown,
    )


if __name__ == "__main__":
    main()
