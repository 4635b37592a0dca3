"""Fixtures: a throwaway PostgreSQL cluster for the session (pgcluster.py), stopped at the end
even when tests fail, and a new database per test. Without a server or a driver every test in
this folder is skipped, saying why."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator

import pytest
from pgcluster import Cluster, ClusterUnavailable, running_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    pytest.importorskip("psycopg2", reason="psycopg2 (driver PostgreSQL) tidak terpasang")
    with contextlib.ExitStack() as stack:
        try:
            cluster = stack.enter_context(running_cluster())
        except ClusterUnavailable as exc:
            pytest.skip(str(exc))
        yield cluster


_numbers = itertools.count(1)


@contextlib.contextmanager
def _new_database(cluster: Cluster) -> Iterator[str]:
    from csdesk.services.database import close_database

    name = f"csdesk_test_{os.getpid()}_{next(_numbers)}"
    cluster.admin(f"CREATE DATABASE {name}")
    try:
        yield cluster.url(name)
    finally:
        close_database()
        with contextlib.suppress(Exception):
            cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on the cluster, dropped after the test."""
    with _new_database(pg_cluster) as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url(pg_cluster: Cluster) -> Iterator[str]:
    """Like `pg_url`, shared by the tests of one module (filled once, read by many)."""
    with _new_database(pg_cluster) as url:
        yield url
