"""Fixtures shared by the whole suite: real encrypted SQLite data folders."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clinicapp.core.keys import keystore
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.paths import AppPaths, resolve

# Cheap key derivation for the many data folders tests create (the product has no switch
# for it). Production uses 2**17; the cost is recorded in each keystore, so this only
# affects the folders tests make. Set at import, before any fixture makes a folder;
# commands run in a subprocess get the same through tests/unit/cli/runner.py.
TEST_LOG_N = 10
keystore.LOG_N = TEST_LOG_N

PASSPHRASE = "correct horse battery"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve(tmp_path / "data")


@pytest.fixture
def created(paths: AppPaths) -> Iterator[tuple[Database, str]]:
    """A new encrypted database and its recovery code."""
    db, code = Database.create(paths, PASSPHRASE, name="test workstation")
    yield db, code
    db.close()


@pytest.fixture
def db(created: tuple[Database, str]) -> Database:
    return created[0]


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[object]:
    """Factory for several replicas in one test: ``make_db("a")``."""
    made: list[Database] = []

    def factory(name: str) -> Database:
        database, _code = Database.create(resolve(tmp_path / name), PASSPHRASE, name=name)
        made.append(database)
        return database

    yield factory
    for database in made:
        database.close()


@pytest.fixture
def wall() -> Iterator[Callable[[float], None]]:
    """Move the wall clock every part of ClinicApp reads: ``wall(offset_seconds)``; put
    back at the end of the test."""
    def move(offset: float) -> None:
        clock.set_wall_clock(lambda: time.time() + offset)
    yield move
    clock.set_wall_clock(None)


@pytest.fixture(autouse=True)
def _computer_time_zone() -> Iterator[None]:
    """Each test starts and ends counting days in this computer's zone (a test that sets
    the clinic's time zone does not leak it into the next)."""
    from clinicapp.core.sync import clock

    clock.set_zone(None)
    yield
    clock.set_zone(None)


# The longest files, run first (their seconds on 2 cores without coverage, 3 December
# 2026, rounded): xdist hands each worker a whole file at a time, so a long file started
# last leaves the other worker idle until it ends. By default xdist starts the files with
# the most tests first, which put these few-test files last; ``scripts/test`` turns that
# off (``--no-loadscope-reorder``) and this order, longest first, applies instead. The
# other files keep their order. Only the order changes, never what runs.
LONGEST_FILES = {
    "tests/packaging/test_build.py": 190,
    "tests/unit/core/sync/test_merge_convergence.py": 110,
    "tests/unit/core/sync/test_merge_convergence_compacting.py": 100,
    "tests/unit/cli/test_sync.py": 75,
    "tests/unit/core/keys/test_journal.py": 55,
    "tests/server/test_many_devices_postgres.py": 50,
    "tests/unit/demo/test_generate.py": 45,
    "tests/unit/core/sync/test_decisions_convergence.py": 45,
    "tests/unit/core/sync/test_authority_hostile.py": 40,
    "tests/unit/cli/test_privacy.py": 35,
    "tests/server/test_dashboard_look.py": 35,
    "tests/unit/core/sync/test_compaction.py": 30,
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(config.rootpath)
    gone = [name for name in LONGEST_FILES if not (root / name).is_file()]
    if gone:  # a renamed file would silently lose its place
        raise pytest.UsageError(f"tests/conftest.py LONGEST_FILES names missing files: {gone}")

    def weight(item: pytest.Item) -> int:
        return -LONGEST_FILES.get(Path(item.path).relative_to(root).as_posix(), 0)

    items.sort(key=weight)  # stable: each file's tests, and the other files, keep their order
