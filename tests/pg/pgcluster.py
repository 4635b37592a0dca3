"""A throwaway PostgreSQL cluster for the tests in this folder.

The cluster is made with the server's own `initdb` (found on PATH or under
/usr/lib/postgresql/*/bin), listens only on 127.0.0.1 on a free port with its unix socket in
its temporary folder, trusts local connections, and is stopped when the block ends, tests
failed or not. PostgreSQL refuses to run as root, so as root the server programs run as the
`postgres` system user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "csdesk"
SERVER_USER = "postgres"  # who runs the server when the tests run as root
INSTALL_HINT = "pasang dengan: apt-get install -y postgresql"


class ClusterUnavailable(Exception):
    """No server binaries or no account to run them: the tests are skipped, saying why."""


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


def find_bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # /usr/local/bin may hold symlinks to some of them
    versions = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    versions.sort(key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_account() -> pwd.struct_passwd | None:
    """The account to run server programs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClusterUnavailable(
            f"PostgreSQL menolak berjalan sebagai root dan user sistem '{SERVER_USER}' tidak ada; "
            f"{INSTALL_HINT}"
        ) from None


def _run(
    account: pwd.struct_passwd | None, args: list[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    as_user = {}
    if account is not None:
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False, **as_user
    )


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ClusterUnavailable(
            "PostgreSQL server tidak ditemukan (initdb tidak ada di PATH atau "
            f"/usr/lib/postgresql/*/bin); {INSTALL_HINT}"
        )
    account = _server_account()
    # Not under pytest's tmp_path: as root that is a 0700 folder the server user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="csdesk-pg-"))
    data, log = root / "data", root / "server.log"
    pg_ctl = str(bin_dir / "pg_ctl")
    started = False
    try:
        if account is not None:
            os.chown(root, account.pw_uid, account.pw_gid)
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust"]
        init = _run(account, [*initdb, "--encoding=UTF8", "--locale=C", "--no-sync"], root)
        if init.returncode != 0:
            raise RuntimeError(f"initdb gagal:\n{init.stdout}\n{init.stderr}")
        for _attempt in range(3):
            # The free port may be taken between finding it and the server binding it.
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            start = _run(
                account,
                [pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
                root,
            )
            # pg_ctl may report failure after the postmaster came up (a slow start): stop it
            # anyway at the end.
            started = True
            server_log = log.read_text(errors="replace") if log.exists() else ""
            if start.returncode == 0 or "could not bind" not in server_log:
                break
        if start.returncode != 0:
            raise RuntimeError(f"pg_ctl start gagal:\n{start.stdout}\n{start.stderr}\n{server_log}")
        yield Cluster("127.0.0.1", port)
    finally:
        if started:
            _run(account, [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], root)
        shutil.rmtree(root, ignore_errors=True)
