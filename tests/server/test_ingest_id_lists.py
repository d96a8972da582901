"""The server's connections write a list of plain ids in one join (the lookups' arrays of
thousands of ids) instead of psycopg's element-by-element writer: the same bytes for every
list, the same rows found, and hostile strings still quoted by psycopg's own writer."""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.adapt import PyFormat, Transformer
from psycopg.types.array import ListDumper
from sqlalchemy import select, text

from clinicapp.core.models import Group
from clinicapp.core.services import groups
from clinicapp.core.sync import lookups
from clinicapp.server.config import ServerConfig
from clinicapp.server.store import Store, initialise

# Fixed ids (not uuid4()): pytest-xdist's workers must collect the same test names.
_RANDOM = random.Random(2000)
IDS = [str(uuid.UUID(int=_RANDOM.getrandbits(128), version=4)) for _ in range(2000)]
LISTS: list[list[Any]] = [
    IDS, ["members", "group_id", "a.b:c_d-e"], ["", "x"], ["NULL"], ["x", "null"],
    ["nullable", "Null2"], ["a b"], ['a"b'], ["a,b"], ["{a}"], ["a\\b"], ["é"],
    ["a\u2000b"], ["tab\t"], [1, 2], ["a", None], [["a", "b"], ["c", "d"]], ["a", 1],
    [0, -7, 2**31, 2**63 - 1], [2**64, -(2**70)], [True, False], [1, True], [1, None],
    [1, 2.5], list(range(-50, 5000, 7)),
]


class Sub(str):
    pass


@pytest.fixture
def store(pg_database: str, tmp_path: Path) -> Any:
    server = initialise(ServerConfig(data_dir=tmp_path / "server", database_url=pg_database))
    yield server
    server.close()


def _dumpers(store: Store) -> tuple[Any, Any]:
    with store.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        ours = driver.adapters.get_dumper(list, PyFormat.AUTO)
    assert ours is not ListDumper and issubclass(ours, ListDumper)
    return ours, ListDumper


@pytest.mark.parametrize("value", [*LISTS, [Sub("a"), "b"]],
                         ids=lambda v: repr(v)[:30])
def test_every_list_is_written_as_psycopgs_own_writer_writes_it(store: Store,
                                                                value: list[Any]) -> None:
    ours, theirs = _dumpers(store)
    with store.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        tx = Transformer(driver)
        try:
            plain = theirs(list, tx).upgrade(value, PyFormat.AUTO)
        except psycopg.DataError as refused:  # a list psycopg cannot write: nor here
            with pytest.raises(type(refused)):
                ours(list, tx).upgrade(value, PyFormat.AUTO)
            return
        fast = ours(list, tx).upgrade(value, PyFormat.AUTO)
        assert type(fast) is ours
        assert bytes(fast.dump(value)) == bytes(plain.dump(value))
        assert (fast.oid, fast.format) == (plain.oid, plain.format)


@pytest.mark.parametrize("value", [v for v in LISTS if v and all(isinstance(x, str) for x in v)],
                         ids=lambda v: repr(v)[:30])
def test_the_database_reads_back_the_same_strings(store: Store, value: list[str]) -> None:
    with store.engine.connect() as conn:
        back = conn.execute(text("SELECT unnest(CAST(:v AS varchar[]))"), {"v": value}).scalars()
        assert list(back) == value


def test_lookups_by_many_ids_find_exactly_the_rows(store: Store) -> None:
    made = [groups.create(store.db, f"Group {n}").id for n in range(30)]
    wanted = made[::3] + IDS[:500] + ['x", "y', "NULL"]  # held, unknown, hostile
    with store.db.read() as session:
        found = set()
        for among in lookups.among(session, Group.id, wanted):
            found.update(session.scalars(select(Group.id).where(among)))
    assert found == set(made[::3])


@pytest.mark.parametrize("value", [[0, -7, 2**31, 2**63 - 1], list(range(-50, 5000, 7))],
                         ids=lambda v: repr(v)[:30])
def test_the_database_reads_back_the_same_ints(store: Store, value: list[int]) -> None:
    with store.engine.connect() as conn:
        back = conn.execute(text("SELECT unnest(CAST(:v AS bigint[]))"), {"v": value}).scalars()
        assert list(back) == value
