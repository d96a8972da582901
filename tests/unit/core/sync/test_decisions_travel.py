"""Conflict decisions travel: one resolution closes a conflict on every replica, two
different resolutions converge on the one whose value is in place, and a record deleted
while it was changed elsewhere becomes a conflict that can restore it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import AuditEntry, Group
from clinicapp.core.services import groups
from clinicapp.core.sync import api
from tests.unit.core.sync.helpers import data, exchange_all, send, trust_all


@pytest.fixture
def three(make_db):
    dbs = make_db("Riverside"), make_db("Hillside"), make_db("Lakes")
    trust_all(*dbs)
    return dbs


def open_conflicts(db):
    return sorted((c.key, c.field, c.kept_value, c.lost_value)
                  for c in api.list_conflicts(db))


def rename_concurrently(dbs, folder):
    r, h, _lakes = dbs
    group = groups.create(r, "Diabetes group")
    exchange_all(dbs, folder)
    groups.update(r, group.id, name="Diabetes care")
    groups.update(h, group.id, name="Diabetes circle")
    exchange_all(dbs, folder)
    return group


def test_the_same_conflict_is_one_conflict_on_every_replica(three, tmp_path):
    group = rename_concurrently(three, tmp_path)
    [reference] = api.list_conflicts(three[0])
    for db in three:
        [c] = api.list_conflicts(db)
        assert c.key == reference.key
        assert c.kept_value == f'"{groups.get(db, group.id).name}"'  # the value in place
        assert "Riverside" in c.summary or "Hillside" in c.summary
    assert len({open_conflicts(db)[0] for db in three}) == 1


def test_resolving_on_one_workstation_closes_it_everywhere(three, tmp_path):
    r, h, lakes = three
    group = rename_concurrently(three, tmp_path)
    [c] = api.list_conflicts(lakes)
    done = api.resolve_conflict(lakes, c.id, keep="kept", actor="nurse.lee")
    assert done.resolution == "kept" and "nurse.lee on Lakes" in done.note
    exchange_all(three, tmp_path)
    for db in three:
        assert api.list_conflicts(db) == []
        [closed] = api.list_conflicts(db, open_only=False)
        assert closed.resolution == "kept" and "nurse.lee on Lakes" in closed.note
    assert len({groups.get(db, group.id).name for db in three}) == 1
    assert data(r) == data(h) == data(lakes)
    with lakes.read() as session:
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "conflict_resolved")) is not None
    with pytest.raises(ValidationError, match="already closed"):
        api.resolve_conflict(r, api.list_conflicts(r, open_only=False)[0].id)


def test_two_different_resolutions_converge_and_the_other_stays_visible(three, tmp_path):
    r, h, lakes = three
    group = rename_concurrently(three, tmp_path)
    [on_r] = api.list_conflicts(r)
    [on_h] = api.list_conflicts(h)
    api.resolve_conflict(r, on_r.id, keep="lost", actor="dr.ames")  # the other value
    api.resolve_conflict(h, on_h.id, keep="kept", actor="dr.bell")  # before hearing of it
    exchange_all(three, tmp_path)
    names = {groups.get(db, group.id).name for db in three}
    assert len(names) == 1
    [name] = names
    for db in three:
        assert api.list_conflicts(db) == []
        [closed] = api.list_conflicts(db, open_only=False)
        assert closed.kept_value == f'"{name}"'
        assert "overruled" in closed.note and len(closed.decisions) == 2
    assert len({api.list_conflicts(db, open_only=False)[0].note for db in three}) == 1
    assert data(r) == data(h) == data(lakes)


def test_a_decision_that_arrives_before_the_conflict_settles_it_on_arrival(three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Wound care")
    exchange_all(three, tmp_path)
    groups.update(r, group.id, name="Wound care A")
    groups.update(h, group.id, name="Wound care B")
    send(r, h, tmp_path)
    [c] = api.list_conflicts(h)
    api.resolve_conflict(h, c.id, keep="kept")
    send(h, lakes, tmp_path)  # Lakes gets both edits and the decision together
    assert api.list_conflicts(lakes) == []
    exchange_all(three, tmp_path)
    assert all(api.list_conflicts(db) == [] for db in three)


def test_a_conflict_whose_losing_value_is_put_back_by_hand_closes_itself(three, tmp_path):
    _r, _h, lakes = three
    group = rename_concurrently(three, tmp_path)
    [c] = api.list_conflicts(lakes)
    lost = c.lost_value.strip('"')
    groups.update(lakes, group.id, name=lost)
    [closed] = api.list_conflicts(lakes, open_only=False)
    assert closed.resolution == "superseded"
    exchange_all(three, tmp_path)
    assert all(api.list_conflicts(db) == [] for db in three)


def test_an_edit_to_a_record_deleted_elsewhere_is_a_conflict_with_a_restore(three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Prenatal group")
    exchange_all(three, tmp_path)
    groups.delete(r, group.id)
    groups.update(h, group.id, name="Prenatal and newborn group")
    exchange_all(three, tmp_path)
    for db in three:
        [c] = api.list_conflicts(db)
        assert c.kind == "delete"
        assert c.summary.startswith("deleted on Riverside at ")
        assert "while Hillside changed the name to “Prenatal and newborn group”" in c.summary
        with pytest.raises(NotFoundError):
            groups.get(db, group.id)
    [c] = api.list_conflicts(lakes)
    with pytest.raises(ValidationError):
        api.resolve_conflict(lakes, c.id, keep="lost")
    api.resolve_conflict(lakes, c.id, keep="restore")
    exchange_all(three, tmp_path)
    for db in three:
        assert groups.get(db, group.id).name == "Prenatal and newborn group"
        assert api.list_conflicts(db) == []
        [closed] = api.list_conflicts(db, open_only=False)
        assert closed.resolution == "restored"
    assert data(r) == data(h) == data(lakes)


def test_a_delete_that_saw_the_edit_is_no_conflict(three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Asthma group")
    exchange_all(three, tmp_path)
    groups.update(h, group.id, name="Asthma and COPD group")
    exchange_all(three, tmp_path)
    groups.delete(lakes, group.id)
    exchange_all(three, tmp_path)
    assert all(api.list_conflicts(db, open_only=False) == [] for db in three)


def test_open_conflicts_do_not_depend_on_the_order_changes_arrive_in(make_db, tmp_path):
    """A delete races two edits, the second made after seeing the first: whichever order
    a replica hears them in, it ends with the same open conflicts as every other."""
    x, y, z, w = (make_db(n) for n in ("x", "y", "z", "w"))
    dbs = [x, y, z, w]
    trust_all(*dbs)
    group = groups.create(x, "Riverside")
    for other in (y, z, w):
        send(x, other, tmp_path)
    groups.delete(x, group.id)
    groups.update(y, group.id, description="Meets on Mondays")  # not seeing the delete
    send(y, z, tmp_path)
    groups.update(z, group.id, description="Meets on Tuesdays")  # saw y's edit only
    send(y, w, tmp_path)  # w hears y's edit, then the delete, then z's edit
    send(x, w, tmp_path)
    send(z, w, tmp_path)
    send(z, x, tmp_path)  # x hears both edits at once
    exchange_all(dbs, tmp_path)
    reference = open_conflicts(x)
    assert [c[3] for c in reference] == ['"Meets on Tuesdays"']  # nobody built on z's
    for db in dbs:
        assert open_conflicts(db) == reference
    assert data(x) == data(y) == data(z) == data(w)


def test_a_record_deleted_twice_shows_the_delete_that_stands_everywhere(make_db, tmp_path):
    x, y, z = (make_db(n) for n in ("x", "y", "z"))
    trust_all(x, y, z)
    group = groups.create(x, "Riverside")
    send(x, y, tmp_path)
    send(x, z, tmp_path)
    groups.update(x, group.id, description="Meets on Mondays")  # seeing neither delete
    groups.delete(y, group.id)
    groups.delete(z, group.id)  # later, not seeing y's
    send(y, x, tmp_path)  # x hears y's delete first, z's later
    send(z, x, tmp_path)
    exchange_all([x, y, z], tmp_path)
    assert open_conflicts(y) == open_conflicts(z) == open_conflicts(x)
    [conflict] = [c for c in open_conflicts(x) if c[1] == "description"]
    with z.read() as s:
        in_place = s.get(Group, group.id).deleted_at
    assert conflict[2] == f'"{in_place.isoformat()}"'


def test_two_deletes_of_one_record_are_no_conflict(three, tmp_path):
    """Both workstations wanted it gone: the later delete stands and nobody is asked."""
    r, h, lakes = three
    group = groups.create(r, "Riverside")
    exchange_all(three, tmp_path)
    groups.delete(r, group.id)
    groups.delete(h, group.id)  # not seeing Riverside's
    exchange_all(three, tmp_path)
    for db in three:
        assert api.list_conflicts(db) == []
        with db.read() as s:
            assert s.get(Group, group.id).deleted_at is not None
    assert data(r) == data(h) == data(lakes)


def test_an_import_counts_every_conflict_it_puts_aside(three, tmp_path):
    """"N conflicts put aside for you to review below" is the number the list below gains:
    a delete that raced an edit is one of them (settling found it, the merge's count did
    not), and a rename raced on two workstations is one."""
    r, h, _lakes = three
    prenatal = groups.create(r, "Prenatal group")
    diabetes = groups.create(r, "Diabetes group")
    exchange_all(three, tmp_path)
    groups.delete(r, prenatal.id)
    groups.update(h, prenatal.id, name="Prenatal and newborn group")
    groups.update(r, diabetes.id, name="Diabetes care")
    groups.update(h, diabetes.id, name="Diabetes circle")
    before = len(api.list_conflicts(r))
    result = send(h, r, tmp_path)
    assert len(api.list_conflicts(r)) - before == 2  # the delete's and the rename's
    assert result.conflicts == 2
    again = send(h, r, tmp_path)  # nothing new: nothing put aside again
    assert again.conflicts == 0
