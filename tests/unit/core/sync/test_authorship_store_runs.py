"""``authorship.store_runs`` in one bulk write (``COPY`` on PostgreSQL, ``executemany`` on
SQLite): the runs not held yet land exactly once, with their signatures, on both engines;
runs already held (or carried twice) are not stored again; and a transaction that fails
after it leaves none of them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clinicapp.core.models import ChangeRun
from clinicapp.core.sync import lookups
from clinicapp.core.sync.authorship import Run, store_runs

A, B, C = "a" * 36, "b" * 36, "c" * 36


def _sig(origin: str, lo: int, hi: int) -> str:
    return f"{origin[0]}{lo}-{hi}".ljust(88, "=")  # base64-shaped, distinct per run


def _run(origin: str, lo: int, hi: int) -> Run:
    return Run(origin, lo, hi, _sig(origin, lo, hi))


def _stored(engine: Engine) -> list[tuple[str, int, int, str]]:
    with Session(engine) as session:
        return sorted((r.origin, r.lo, r.hi, r.signature)
                      for r in session.scalars(select(ChangeRun)))


def test_new_runs_land_once_and_held_ones_are_kept_as_they_are(engine: Engine) -> None:
    first = [_run(A, 1, 10), _run(A, 11, 20), _run(B, 1, 5)]
    with Session(engine) as session, session.begin():
        store_runs(session, first)
    assert _stored(engine) == sorted((r.origin, r.lo, r.hi, r.signature) for r in first)

    # Held runs again (one with another signature: the held one stays), a run carried
    # twice in one bundle, a run overlapping a held one, and a new origin.
    again = [_run(A, 11, 20), Run(B, 1, 5, "x" * 88), _run(A, 21, 30), _run(A, 21, 30),
             _run(A, 15, 25), _run(C, 7, 7)]
    with Session(engine) as session, session.begin():
        store_runs(session, again)
        store_runs(session, [])  # nothing to store: no write at all
    assert _stored(engine) == sorted(
        (r.origin, r.lo, r.hi, r.signature)
        for r in [*first, _run(A, 21, 30), _run(A, 15, 25), _run(C, 7, 7)])


def test_thousands_of_runs_in_one_call(engine: Engine) -> None:
    # A server's ingest: thousands of runs of many origins, more origins than one
    # lookup chunk takes on SQLite.
    origins = [f"{n:036d}" for n in range(lookups.SQLITE_CHUNK + 20)]
    runs = [_run(o, lo, lo + 1) for o in origins for lo in (1, 3)]
    with Session(engine) as session, session.begin():
        store_runs(session, runs[:300])
    with Session(engine) as session, session.begin():
        store_runs(session, runs)
    assert _stored(engine) == sorted((r.origin, r.lo, r.hi, r.signature) for r in runs)


def test_a_failure_after_storing_leaves_no_run(engine: Engine) -> None:
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        store_runs(session, [_run(A, 1, 10), _run(B, 1, 2)])
        assert len(session.scalars(select(ChangeRun)).all()) == 2  # seen inside
        raise RuntimeError("the import failed after its runs were written")
    assert _stored(engine) == []
