"""Many changes of one field in one bundle, a change older than the value in place, a
delete against an edit: the merge decides each field change by change in ``(hlc,
origin, seq)`` order, so a replica that receives a whole history in one bundle ends with
the same values and the same open conflicts as the replicas that saw it piece by piece,
and the value in place is always the field's greatest ``(hlc, origin)`` live change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicapp.core.models import Change, Group
from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.core.sync.authorship import is_stub
from tests.unit.core.sync.helpers import data, exchange_all, name_of, send, trust_all


@pytest.fixture
def four(make_db):
    dbs = make_db("Riverside"), make_db("Hillside"), make_db("Lakes"), make_db("Valley")
    trust_all(*dbs)
    return dbs


def open_conflicts(db):
    return sorted((c.kind, c.field, c.kept_value, c.lost_value, c.key)
                  for c in api.list_conflicts(db))


def greatest(db, row_id: str, field: str) -> str:
    """The field's last-writer-wins value, straight from the log."""
    with db.read() as session:
        live = [c for c in session.scalars(select(Change).where(
            Change.row_id == row_id, Change.field == field)) if not is_stub(c.value)]
    return max(live, key=lambda c: (c.hlc, c.origin)).value


def test_a_whole_history_in_one_bundle_ends_as_it_did_piece_by_piece(four, tmp_path):
    r, h, lakes, _valley = four
    group = groups.create(r, "Diabetes group")
    send(r, h, tmp_path)
    for name in ("Diabetes care", "Diabetes care team", "Diabetes care group"):
        groups.update(r, group.id, name=name)  # one line of three edits on Riverside
    groups.update(h, group.id, name="Diabetes circle")  # concurrent, and the latest
    groups.update(h, group.id, division="North")  # another field, one writer
    send(h, r, tmp_path)  # Riverside now holds everything, seen piece by piece
    result = send(r, lakes, tmp_path)  # Lakes: the whole history in one bundle
    assert result.rows_added == {"groups": 1}
    assert groups.get(lakes, group.id).name == "Diabetes circle"
    assert greatest(lakes, group.id, "name") == '"Diabetes circle"'
    # Riverside's last edit lost; the two it built on did not
    assert [(kind, lost) for kind, _f, _k, lost, _key in open_conflicts(lakes)] == [
        ("edit", '"Diabetes care group"')]
    assert open_conflicts(lakes) == open_conflicts(r)
    exchange_all(four, tmp_path)
    assert len({repr(data(db)) for db in four}) == 1
    assert len({repr(open_conflicts(db)) for db in four}) == 1


def test_a_change_older_than_the_value_in_place_loses_and_is_kept(four, tmp_path):
    r, h, lakes, _valley = four
    group = groups.create(r, "Diabetes group")
    exchange_all((r, h, lakes), tmp_path, rounds=1)
    groups.update(r, group.id, name="Diabetes care")  # older
    groups.update(h, group.id, name="Diabetes circle")  # newer
    send(h, lakes, tmp_path)
    result = send(r, lakes, tmp_path)  # arrives after the newer value is in place
    assert result.rows_changed == {}  # nothing it carries wins (updated_at neither)
    assert groups.get(lakes, group.id).name == "Diabetes circle"
    [(kind, field, kept, lost, _key)] = open_conflicts(lakes)
    assert (kind, field, kept, lost) == ("edit", "name", '"Diabetes circle"',
                                         '"Diabetes care"')
    exchange_all((r, h, lakes), tmp_path)
    assert len({repr(open_conflicts(db)) for db in (r, h, lakes)}) == 1
    assert data(r) == data(h) == data(lakes)


def test_a_delete_against_an_edit_in_one_bundle(four, tmp_path):
    r, h, lakes, valley = four
    group = groups.create(r, "Diabetes group")
    send(r, h, tmp_path)
    groups.update(h, group.id, name="Diabetes circle")  # not having seen the delete
    groups.delete(r, group.id)
    send(h, r, tmp_path)
    send(r, lakes, tmp_path)  # creation, edit and delete in one bundle
    send(h, valley, tmp_path)  # the edit first ...
    send(r, valley, tmp_path)  # ... the delete later
    for db in (r, lakes, valley):
        with db.read() as session:
            held = session.get(Group, group.id)
            assert held is not None and held.deleted_at is not None, name_of(db)
        kinds = [(kind, field, lost) for kind, field, _k, lost, _key in open_conflicts(db)]
        assert kinds == [("delete", "name", '"Diabetes circle"')], name_of(db)
    assert open_conflicts(r) == open_conflicts(lakes) == open_conflicts(valley)
    exchange_all(four, tmp_path)
    assert len({repr(data(db)) for db in four}) == 1
    assert len({repr(open_conflicts(db)) for db in four}) == 1
