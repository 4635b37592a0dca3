"""The `csdesk` command against a PostgreSQL URL, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pgcluster import Cluster


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "csdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("csdesk: ")
    return lines[0]


def test_stats_json_on_a_new_database(pg_url: str) -> None:
    result = run("--db", pg_url, "stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["orders"] == data["customers"] == data["revenue_idr"] == 0
    assert set(data["orders_by_status"].values()) == {0}


def test_env_var_names_the_server(pg_url: str) -> None:
    env = {**os.environ, "CSDESK_DB": pg_url, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "csdesk", "stats", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["orders"] == 0


def test_unreachable_server_is_one_line_without_the_password() -> None:
    for url in (
        "postgresql://nobody@127.0.0.1:1/x",
        "postgresql://nobody:RahasiaToko99@127.0.0.1:1/x",
    ):
        line = one_error_line(run("--db", url, "stats"))
        assert "RahasiaToko99" not in line
        assert "127.0.0.1:1/x" in line


def test_unknown_user_on_a_running_server(pg_cluster: Cluster) -> None:
    url = pg_cluster.url("postgres", user="kasir:Sandi%40Kasir1")
    line = one_error_line(run("--db", url, "stats", "--json"))
    assert "Sandi" not in line
    assert "kasir" in line  # the server's own reason: role "kasir" does not exist


def test_check_backup_restore_on_postgresql(pg_url: str) -> None:
    check = run("--db", pg_url, "check", "--json")
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout) == {"ok": True, "problems": []}
    assert "pg_dump" in one_error_line(run("--db", pg_url, "backup"))
    assert "pg_restore" in one_error_line(run("--db", pg_url, "restore", "cadangan.sqlite"))


def test_demo_then_stats(pg_url: str) -> None:
    demo = run("--db", pg_url, "demo", "--orders", "300", "--json")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["orders"] == 300
    stats = run("--db", pg_url, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["orders"] == sum(data["orders_by_status"].values()) == 300
    assert data["revenue_idr"] > 0
    # A second fill would mix demo rows into the shop's own: refused, nothing added.
    assert "sudah berisi pesanan" in one_error_line(run("--db", pg_url, "demo"))
    assert json.loads(run("--db", pg_url, "stats", "--json").stdout) == data

    # The window over the server: every panel opens and shows the demo shop.
    selftest = run("--db", pg_url, "--self-test")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "Pesanan: 300 baris" in selftest.stdout
