"""Servers for the server tests: one real ``clinicapp-server serve`` per module, on
encrypted SQLite or on a real PostgreSQL started here."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.postgres import postgres_server
from tests.server.harness import ServerProcess


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


_databases = itertools.count()


@pytest.fixture(scope="module")
def pg_database(pg_url: str) -> str:
    """A fresh, empty database on the test PostgreSQL (one per module that asks)."""
    name = f"server_{next(_databases)}"
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql"),
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A served trial server (encrypted SQLite) with groups 'Hub A' and 'Hub B'."""
    proc = ServerProcess(tmp_path_factory.mktemp("srv") / "server").init()
    proc.add_group("Hub A", "North")
    proc.add_group("Hub B", "South")
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def ws_dir(tmp_path: Path) -> Path:
    return tmp_path
