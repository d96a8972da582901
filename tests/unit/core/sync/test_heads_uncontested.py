"""Rows the merge has seen whole (every stored and arriving change of them) are not asked
about again when their conflicts are settled: ``contested_rows`` answers for them from
what the merge noted, and must answer exactly what the log says, also when another
change of them is added later in the same transaction or the merge is rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from clinicapp.core.models import Change
from clinicapp.core.services import groups
from clinicapp.core.sync import heads, merge
from clinicapp.core.sync.authorship import stub_of
from tests.unit.core.sync.helpers import send, trust_all


@pytest.fixture
def three(make_db):
    dbs = make_db("Riverside"), make_db("Hillside"), make_db("Lakes")
    trust_all(*dbs)
    return dbs


def changes_of(db, *row_ids: str) -> list[dict]:
    with db.read() as session:
        rows = session.execute(select(*(getattr(Change, c) for c in merge.CHANGE_COLUMNS))
                               .where(Change.row_id.in_(row_ids)).order_by(Change.id)).all()
    return [dict(zip(merge.CHANGE_COLUMNS, r, strict=True)) for r in rows]


def both_ways(session, ids: list[str]) -> tuple[set[str], set[str]]:
    """``contested_rows`` with what the merge noted, and asking the log alone."""
    noted = heads.contested_rows(session, "groups", ids)
    kept = session.info.pop(heads.UNCONTESTED, None)
    try:
        asked = heads.contested_rows(session, "groups", ids)
    finally:
        if kept is not None:
            session.info[heads.UNCONTESTED] = kept
    return noted, asked


def stub_by(session, change: dict, origin: str, seq: int) -> None:
    """Any other writer of the log (a stored stub, here): the field now has a change by
    ``origin``, whatever the merge noted."""
    session.execute(insert(Change), [{**change, "origin": origin, "seq": seq,
                                      "value": stub_of(change["value"])}])


def test_what_the_merge_noted_answers_as_the_log_does(three, tmp_path):
    r, h, lakes = three
    one, two, third = (groups.create(r, name) for name in ("Diabetes", "Asthma", "COPD"))
    send(r, h, tmp_path)
    groups.update(h, two.id, name="Asthma circle")  # two origins wrote two's name
    from_r = changes_of(r, one.id, two.id, third.id)
    mine = from_r[0]["origin"]
    from_h = [c for c in changes_of(h, two.id) if c["origin"] != mine]
    theirs = from_h[0]["origin"]
    ids = [one.id, two.id, third.id]

    def name_of(row_id: str) -> dict:
        return next(c for c in from_r if c["row_id"] == row_id and c["field"] == "name")

    with lakes.write() as session:
        merge.apply(session, from_r)
        assert both_ways(session, ids) == (set(), set())
        assert session.info[heads.UNCONTESTED][1] >= {("groups", i) for i in ids}
        stub_by(session, name_of(one.id), theirs, 10_000)  # between two merges
        merge.apply(session, from_h)  # a second merge in the same transaction
        assert both_ways(session, ids) == ({one.id, two.id}, {one.id, two.id})
        stub_by(session, name_of(third.id), theirs, 10_001)  # after the last merge
        assert both_ways(session, ids) == (set(ids), set(ids))
    with lakes.write() as session:  # the commit forgot it
        assert heads.UNCONTESTED not in session.info


def test_a_merge_rolled_back_leaves_nothing_noted(three, tmp_path):
    r, _h, lakes = three
    one = groups.create(r, "Diabetes group")
    with lakes.write() as session:
        with pytest.raises(RuntimeError), session.begin_nested():
            merge.apply(session, changes_of(r, one.id))
            assert heads.UNCONTESTED in session.info
            raise RuntimeError("refused")
        assert heads.UNCONTESTED not in session.info  # its changes are gone
        assert heads.contested_rows(session, "groups", [one.id]) == set()
