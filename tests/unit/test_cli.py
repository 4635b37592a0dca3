"""The command-line contract of DESIGN.md, exercised as a user would: a real `csdesk` process."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from csdesk import __version__

STATS_KEYS = {
    "customers",
    "orders",
    "order_items",
    "conversations",
    "messages",
    "complaints",
    "orders_by_marketplace",
    "orders_by_status",
    "revenue_idr",
}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "csdesk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=180,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"csdesk {__version__}"


def test_demo_then_stats_json(db_path: Path) -> None:
    demo = run("--db", str(db_path), "demo", "--orders", "300")
    assert demo.returncode == 0, demo.stderr
    stats = run("--db", str(db_path), "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data.keys() >= STATS_KEYS
    assert data["orders"] == 300
    assert sum(data["orders_by_status"].values()) == 300
    assert set(data["orders_by_marketplace"]) == {
        "shopee",
        "tiktok",
        "tokopedia",
        "lazada",
        "manual",
    }
    assert data["customers"] > 0 and data["messages"] > 0 and data["complaints"] > 0
    revenue = sqlite3.connect(db_path).execute(
        "SELECT sum(total) FROM orders WHERE status NOT IN ('unpaid', 'cancelled', 'returned')"
    )
    assert data["revenue_idr"] == revenue.fetchone()[0]


def test_demo_twice_refuses_and_keeps_data(db_path: Path) -> None:
    assert run("--db", str(db_path), "demo", "--orders", "100").returncode == 0
    again = run("--db", str(db_path), "demo", "--orders", "100")
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and again.stderr.startswith("csdesk: ")
    stats = json.loads(run("--db", str(db_path), "stats", "--json").stdout)
    assert stats["orders"] == 100


def test_csdesk_db_env_chooses_the_database(tmp_path: Path) -> None:
    target = tmp_path / "from-env.sqlite"
    result = run("stats", "--json", env={"CSDESK_DB": str(target)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["orders"] == 0
    assert target.exists()


def test_not_a_csdesk_database_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('jangan diubah')")
    con.commit()
    con.close()
    before = digest(foreign)
    result = run("--db", str(foreign), "stats", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "bukan database csdesk" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(foreign) == before


def test_text_file_as_database_is_refused_untouched(tmp_path: Path) -> None:
    text = tmp_path / "pesanan.sqlite"
    text.write_text("ini bukan database\n")
    result = run("--db", str(text), "stats")
    assert result.returncode == 2
    assert "bukan database csdesk" in result.stderr
    assert text.read_text() == "ini bukan database\n"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "tidak-ada" / "toko.sqlite"), "stats")
    assert result.returncode == 2
    assert "Folder database tidak ada" in result.stderr
    assert not (tmp_path / "tidak-ada").exists()


def test_newer_schema_is_refused_untouched(db_path: Path) -> None:
    assert run("--db", str(db_path), "stats").returncode == 0
    con = sqlite3.connect(db_path)
    con.execute("UPDATE csdesk_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = digest(db_path)
    result = run("--db", str(db_path), "stats", "--json")
    assert result.returncode == 2
    assert "versi yang lebih baru" in result.stderr
    assert digest(db_path) == before


def test_backup_check_and_restore_round_trip(db_path: Path, tmp_path: Path) -> None:
    assert run("--db", str(db_path), "demo", "--orders", "120").returncode == 0
    dest = tmp_path / "cadangan.sqlite"
    backup = run("--db", str(db_path), "backup", str(dest))
    assert backup.returncode == 0, backup.stderr
    assert dest.exists()
    assert run("--db", str(db_path), "check").returncode == 0

    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM order_item")
    con.execute("DELETE FROM orders")
    con.commit()
    con.close()
    assert json.loads(run("--db", str(db_path), "stats", "--json").stdout)["orders"] == 0

    restored = run("--db", str(db_path), "restore", str(dest))
    assert restored.returncode == 0, restored.stderr
    assert json.loads(run("--db", str(db_path), "stats", "--json").stdout)["orders"] == 120


def test_restore_refuses_a_corrupt_file_and_keeps_the_database(
    db_path: Path, tmp_path: Path
) -> None:
    assert run("--db", str(db_path), "demo", "--orders", "50").returncode == 0
    good = tmp_path / "good.sqlite"
    assert run("--db", str(db_path), "backup", str(good)).returncode == 0
    corrupt = tmp_path / "rusak.sqlite"
    data = good.read_bytes()
    corrupt.write_bytes(data[: len(data) // 3])
    before = json.loads(run("--db", str(db_path), "stats", "--json").stdout)

    result = run("--db", str(db_path), "restore", str(corrupt))
    assert result.returncode == 2
    assert "rusak.sqlite" in result.stderr
    assert json.loads(run("--db", str(db_path), "stats", "--json").stdout) == before


def test_unknown_command_is_one_line_exit_2() -> None:
    result = run("terbang")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


PANELS = (
    "Dasbor", "Inbox", "Pelanggan", "Pesanan", "Keluhan", "Produk", "Template", "Laporan",
    "Pengaturan",
)  # fmt: skip


def test_self_test_visits_every_panel(tmp_path: Path) -> None:
    db_file = tmp_path / "selftest.sqlite"
    assert run("--db", str(db_file), "demo", "--orders", "200").returncode == 0
    shots = tmp_path / "shots"
    result = run("--db", str(db_file), "--self-test", "--screenshots", str(shots))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for panel in PANELS:
        matching = [line for line in lines if panel in line]
        assert matching and matching[0].startswith("ok"), result.stdout
    # One picture per panel, and the shipping labels (A6 and an A4 sheet).
    assert len(list(shots.glob("*.png"))) == len(PANELS) + 2
    assert (shots / "label.png").exists() and (shots / "label-a4.png").exists()
