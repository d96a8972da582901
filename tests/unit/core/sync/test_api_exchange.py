"""Two and three workstations exchange bundle files and end with the same records."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clinicapp.core.models import Change
from clinicapp.core.services import groups, members
from clinicapp.core.sync import api
from tests.unit.core.sync.helpers import data, send, trust_all


@pytest.fixture
def pair(make_db):
    a, b = make_db("riverside"), make_db("office")
    trust_all(a, b)
    return a, b


def test_two_workstations_exchange_their_whole_state_both_ways(pair, tmp_path):
    a, b = pair
    groups.create(a, "Riverside small group")
    person = members.create(b, "Dr. Ada Lovelace")
    result = send(a, b, tmp_path)
    assert result.rows_added == {"groups": 1}
    send(b, a, tmp_path)
    assert data(a) == data(b)
    assert members.get(a, person.id).full_name == "Dr. Ada Lovelace"
    assert [g.name for g in groups.list_groups(b).items] == ["Riverside small group"]


def test_the_second_export_carries_only_what_is_new(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside small group")
    send(a, b, tmp_path)
    send(b, a, tmp_path)  # b's bundle tells a what b holds
    groups.update(a, group.id, name="Riverside CoP")
    second = api.export_bundle(a, tmp_path / "second.clinicbundle", peer="office")
    assert second.counts == {"groups": 2}  # the name and updated_at, nothing else
    api.import_bundle(b, tmp_path / "second.clinicbundle")
    assert groups.get(b, group.id).name == "Riverside CoP"
    assert data(a) == data(b)


def test_importing_again_what_is_already_held_changes_nothing(pair, tmp_path):
    a, b = pair
    groups.create(a, "Riverside small group")
    api.export_bundle(a, tmp_path / "one.clinicbundle", peer="office")
    api.export_bundle(a, tmp_path / "two.clinicbundle", peer="office")  # same changes again
    first = api.import_bundle(b, tmp_path / "one.clinicbundle")
    second = api.import_bundle(b, tmp_path / "two.clinicbundle")
    assert first.received > 0
    assert second.received == 0 and second.already_held == first.received
    with b.read() as session:
        assert session.scalar(select(func.count()).select_from(Change)) == first.received


def test_concurrent_edits_keep_the_later_and_record_the_other_as_a_conflict(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    groups.update(a, group.id, name="Riverside small group")
    groups.update(b, group.id, name="Riverside hub")  # later: wins everywhere
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert groups.get(a, group.id).name == groups.get(b, group.id).name == "Riverside hub"
    for db in (a, b):
        [conflict] = api.list_conflicts(db)
        assert (conflict.field, conflict.kept_value, conflict.lost_value) == (
            "name", '"Riverside hub"', '"Riverside small group"')
    assert data(a) == data(b)


def test_an_edit_made_after_seeing_the_other_is_not_a_conflict(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    groups.update(b, group.id, name="Riverside hub")
    send(b, a, tmp_path)
    groups.update(a, group.id, name="Riverside hub 2025")
    send(a, b, tmp_path)
    assert groups.get(b, group.id).name == "Riverside hub 2025"
    assert api.list_conflicts(a) == api.list_conflicts(b) == []


def test_choosing_the_other_value_writes_it_as_a_new_edit_that_syncs(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    groups.update(a, group.id, name="Riverside small group")
    groups.update(b, group.id, name="Riverside hub")
    send(a, b, tmp_path)
    [conflict] = api.list_conflicts(b)
    api.resolve_conflict(b, conflict.id, keep="lost")
    assert groups.get(b, group.id).name == "Riverside small group"
    assert api.list_conflicts(b) == []
    send(b, a, tmp_path)
    assert groups.get(a, group.id).name == "Riverside small group"
    assert data(a) == data(b)


def test_a_delete_travels_as_a_tombstone(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    groups.delete(a, group.id)
    send(a, b, tmp_path)
    assert groups.list_groups(b).items == []
    assert data(a) == data(b)


def test_three_workstations_converge_through_any_route(make_db, tmp_path):
    a, b, c = make_db("a"), make_db("b"), make_db("c")
    trust_all(a, b, c)
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    person = members.create(b, "Dr. Grace Hopper")
    members.add_to_group(b, group.id, person.id)
    send(b, c, tmp_path)  # c gets a's group through b, with b's member and membership
    groups.update(c, group.id, name="Riverside hub")
    send(c, a, tmp_path)
    send(a, b, tmp_path)
    assert data(a) == data(b) == data(c)
    assert [m.full_name for m, _link in members.roster(a, group.id)] == ["Dr. Grace Hopper"]


def test_the_same_member_added_to_a_group_on_both_sides_is_one_membership(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside")
    person = members.create(a, "Dr. Ada Lovelace")
    send(a, b, tmp_path)
    members.add_to_group(a, group.id, person.id)
    members.add_to_group(b, group.id, person.id)  # same deterministic id on both
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    assert data(a) == data(b)
    assert len(members.roster(a, group.id)) == len(members.roster(b, group.id)) == 1
    assert api.list_conflicts(a) == api.list_conflicts(b) == []


def test_a_bundle_made_here_is_not_imported_here(pair, tmp_path):
    a, _b = pair
    groups.create(a, "Riverside")
    path = tmp_path / "own.clinicbundle"
    api.export_bundle(a, path, peer="office")
    with pytest.raises(api.BundleError, match="made by this workstation"):
        api.import_bundle(a, path)
