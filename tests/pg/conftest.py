"""A throwaway PostgreSQL cluster for the tests in this folder, and a fresh database per test.

The cluster is made with the server's own `initdb` (found on PATH or under
/usr/lib/postgresql/*/bin), listens only on 127.0.0.1 on a free port with its unix socket in
its temporary folder, trusts local connections, and is stopped at the end of the session even
when tests fail. PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` system user. Without `initdb` every test here is skipped, saying why.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "csdesk"
_SERVER_USER = "postgres"  # who runs the server when the tests run as root


@dataclass(frozen=True)
class Cluster:
    host: str
    port: int

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@{self.host}:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction on the maintenance database."""
        import psycopg2

        con = psycopg2.connect(host=self.host, port=self.port, user=SUPERUSER, dbname="postgres")
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute(sql)
        finally:
            con.close()


def _find_bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_account() -> pwd.struct_passwd | None:
    """The account to run server programs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(_SERVER_USER)
    except KeyError:
        pytest.skip(f"PostgreSQL menolak root dan user sistem '{_SERVER_USER}' tidak ada")


def _run(
    account: pwd.struct_passwd | None, args: list[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    as_user = {}
    if account is not None:
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False, **as_user
    )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    pytest.importorskip("psycopg2", reason="psycopg2 (driver PostgreSQL) tidak terpasang")
    bin_dir = _find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server tidak ditemukan (initdb tidak ada di PATH atau "
            "/usr/lib/postgresql/*/bin); pasang dengan: apt-get install -y postgresql"
        )
    account = _server_account()
    # Not under pytest's tmp_path: as root that lives in a 0700 folder the server user
    # cannot enter.
    root = Path(tempfile.mkdtemp(prefix="csdesk-pg-"))
    data, log = root / "data", root / "server.log"
    if account is not None:
        os.chown(root, account.pw_uid, account.pw_gid)
    root.chmod(0o700)
    init = _run(
        account,
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        cwd=root,
    )
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb gagal:\n{init.stdout}\n{init.stderr}")
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = str(bin_dir / "pg_ctl")
    started = False
    try:
        start = _run(
            account, [pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"], root
        )
        if start.returncode != 0:
            server_log = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"pg_ctl start gagal:\n{start.stdout}\n{start.stderr}\n{server_log}")
        started = True
        yield Cluster("127.0.0.1", port)
    finally:
        if started:
            _run(account, [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], root)
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on the cluster, dropped after the test."""
    from csdesk.services.database import close_database

    name = f"csdesk_test_{os.getpid()}_{next(_numbers)}"
    pg_cluster.admin(f"CREATE DATABASE {name}")
    try:
        yield pg_cluster.url(name)
    finally:
        close_database()
        with contextlib.suppress(Exception):
            pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
