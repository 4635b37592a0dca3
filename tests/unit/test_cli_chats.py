"""`csdesk import-chats` as a user runs it: a real process, the sample chats, --json, --me."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from import_factories import dump
from test_cli import run

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
TABLES = ("customer", "customer_identity", "conversation", "message", "import_batch")


def test_json_output_then_again_everything_skipped(db_path: Path) -> None:
    sample = str(SAMPLES / "wa_android_en.txt")
    first = run("--db", str(db_path), "import-chats", sample, "--me", "Hijab Ayu", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {
        "messages_new": EXPECTED["wa_android_en.txt"]["messages"],
        "messages_skipped": 0,
        "conversations": 1,
        "customers_new": 1,
    }
    again = run("--db", str(db_path), "import-chats", sample, "--me", "Hijab Ayu", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {
        "messages_new": 0,
        "messages_skipped": 28,
        "conversations": 0,
        "customers_new": 0,
    }
    con = sqlite3.connect(db_path)
    try:
        names = con.execute("SELECT name FROM customer").fetchall()
        directions = dict(con.execute("SELECT direction, count(*) FROM message GROUP BY 1"))
    finally:
        con.close()
    assert names == [("Siti Rahma",)]
    assert directions == {"in": 14, "out": 14}


def test_human_output_names_the_chat_and_customer(db_path: Path) -> None:
    result = run("--db", str(db_path), "import-chats", str(SAMPLES / "wa_ios_id.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "wa_ios_id.txt (ios_id): 28 pesan, 28 baru, 0 sudah ada; pelanggan: Dewi Lestari"
    )


def test_missing_me_is_one_line_exit_2_and_nothing_written(db_path: Path) -> None:
    first = run("--db", str(db_path), "import-chats", str(SAMPLES / "wa_ios_en.txt"))
    assert first.returncode == 0, first.stderr  # the iPhone notice names the customer
    before = dump(db_path, TABLES)
    result = run("--db", str(db_path), "import-chats", str(SAMPLES / "wa_android_id.txt"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "csdesk: wa_android_id.txt: sebutkan --me NAMA "
        "(pengirim di berkas: Budi Santoso, Hijab Ayu)\n"
    )
    assert dump(db_path, TABLES) == before
    wrong = run(
        "--db", str(db_path), "import-chats", str(SAMPLES / "wa_android_id.txt"), "--me", "Ayu"
    )
    assert wrong.returncode == 2
    assert "'Ayu' tidak ada di berkas; sebutkan --me NAMA" in wrong.stderr
    assert dump(db_path, TABLES) == before


def test_a_file_that_is_not_a_chat_exits_2_naming_it(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "harga.txt"
    path.write_text("Daftar harga\nVoal 35.000\n", encoding="utf-8")
    result = run("--db", str(db_path), "import-chats", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("csdesk: harga.txt (baris 1): bukan ekspor chat WhatsApp")
    assert len(result.stderr.splitlines()) == 1
