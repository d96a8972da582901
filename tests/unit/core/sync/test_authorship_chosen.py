"""``authorship.chosen_runs`` reads every origin's stored runs in one query (arrays on
PostgreSQL, a VALUES list on SQLite) and picks the same runs, in the same order, as the
per-origin queries it replaced, on hypothesis-generated runs and wanted ranges."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import ChangeRun
from clinicapp.core.sync import authorship
from clinicapp.core.sync.ranges import RangeSet
from tests.unit.core.sync.conftest import migrated

# Origins whose order differs between byte order and a locale's collation (case,
# punctuation), so the result's order is Python's, whatever the database's.
ORIGINS = ["a-b", "ab", "AB", "b", "Z", "z-1", "01a2-ff"]
Chosen = list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Engine]:
    """One database per engine for the whole module (hypothesis reuses it)."""
    if request.param == "sqlite":
        yield from migrated(f"sqlite:///{tmp_path_factory.mktemp('chosen') / 'runs.db'}")
    else:
        yield from migrated(request.getfixturevalue("pg_url"))


def per_origin(session: OrmSession, wanted: dict[str, RangeSet]) -> Chosen:
    """The choice as it was made before: one query per origin, then the sweep, written
    out plainly (every run checked against every wanted range)."""
    out: Chosen = []
    for origin, ranges in sorted(wanted.items()):
        spans = list(ranges)
        if not spans:
            continue
        stored = session.execute(select(ChangeRun.lo, ChangeRun.hi, ChangeRun.signature).where(
            ChangeRun.origin == origin, ChangeRun.hi >= spans[0][0],
            ChangeRun.lo <= spans[-1][1]).order_by(ChangeRun.lo, ChangeRun.hi)).all()
        chosen: list[tuple[int, int, str]] = []
        covered: list[list[int]] = []
        for lo, hi, signature in stored:
            if not any(w_lo <= hi and lo <= w_hi for w_lo, w_hi in spans):
                continue
            if covered and covered[-1][0] <= lo and hi <= covered[-1][1]:
                continue
            chosen.append((lo, hi, signature))
            if covered and lo <= covered[-1][1] + 1:
                covered[-1][1] = max(covered[-1][1], hi)
            else:
                covered.append([lo, hi])
        if chosen:
            out.append((origin, chosen, [(lo, hi) for lo, hi in covered]))
    return out


def _store(engine: Engine, runs: dict[str, set[tuple[int, int]]]) -> None:
    with engine.begin() as conn:
        conn.execute(delete(ChangeRun))
        rows = [{"origin": o, "lo": lo, "hi": hi, "signature": f"sig-{o}-{lo}-{hi}"}
                for o, spans in runs.items() for lo, hi in sorted(spans)]
        if rows:
            conn.execute(insert(ChangeRun), rows)


def _both(engine: Engine, wanted: dict[str, RangeSet]) -> tuple[Chosen, Chosen]:
    with OrmSession(engine) as session:
        return authorship.chosen_runs(session, wanted), per_origin(session, wanted)


spans = st.tuples(st.integers(1, 60), st.integers(0, 12)).map(lambda s: (s[0], s[0] + s[1]))
stored_runs = st.dictionaries(st.sampled_from(ORIGINS), st.sets(spans, max_size=12),
                              max_size=len(ORIGINS))
wanted_ranges = st.dictionaries(
    st.sampled_from([*ORIGINS, "not-stored"]),
    st.lists(spans, max_size=5).map(RangeSet), max_size=len(ORIGINS) + 1)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(runs=stored_runs, wanted=wanted_ranges)
def test_one_query_chooses_the_runs_the_per_origin_queries_chose(
        engine: Engine, runs: dict[str, set[tuple[int, int]]],
        wanted: dict[str, RangeSet]) -> None:
    _store(engine, runs)
    one, before = _both(engine, wanted)
    assert one == before


def test_more_origins_than_one_values_list_holds(engine: Engine) -> None:
    """SQLite's VALUES list goes ORIGINS_A_QUERY origins at a time: every origin past
    the first list is still found."""
    count = 2 * authorship.ORIGINS_A_QUERY + 7
    origins = [f"origin-{i:04d}" for i in range(count)]
    _store(engine, {o: {(1, 3), (4, 9), (20, 20)} for o in origins})
    wanted = {o: RangeSet([(2, 5)]) for o in origins}
    one, before = _both(engine, wanted)
    assert one == before
    assert len(one) == count
    assert one[-1] == (origins[-1], [(1, 3, f"sig-{origins[-1]}-1-3"),
                                     (4, 9, f"sig-{origins[-1]}-4-9")], [(1, 9)])


def test_nothing_wanted_asks_nothing(engine: Engine) -> None:
    _store(engine, {"ab": {(1, 5)}})
    assert _both(engine, {}) == ([], [])
    assert _both(engine, {"ab": RangeSet()}) == ([], [])
