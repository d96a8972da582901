"""Sync in the field: wrong clocks, lost USB sticks, seeded rows, and what each peer
still lacks."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clinicapp.core.models import Topic
from clinicapp.core.services import groups, topics
from clinicapp.core.storage.seed import TOPICS
from clinicapp.core.sync import api
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.helpers import data, full_dump, send, trust_all

DAY = 86400.0
YEAR = 365.25 * DAY


@pytest.fixture
def pair(make_db):
    a, b = make_db("clinic"), make_db("office")
    trust_all(a, b)
    return a, b


def test_a_slow_clock_never_loses_an_edit_it_made_after_seeing_another(pair, tmp_path,
                                                                      wall):
    a, b = pair
    group = groups.create(a, "Riverside")
    send(a, b, tmp_path)
    wall(-DAY)  # b's clock is a day behind
    groups.update(b, group.id, name="Riverside hub")  # made after seeing a's name
    wall(0)
    send(b, a, tmp_path)
    assert groups.get(a, group.id).name == "Riverside hub"
    assert api.list_conflicts(a) == []


def test_a_clock_that_jumps_back_keeps_one_replicas_edits_in_order(pair, tmp_path, wall):
    a, b = pair
    group = groups.create(a, "First")
    wall(-3 * DAY)
    groups.update(a, group.id, name="Second")  # clock jumped back mid-session
    groups.update(a, group.id, name="Third")
    wall(0)
    send(a, b, tmp_path)
    assert groups.get(b, group.id).name == groups.get(a, group.id).name == "Third"
    assert api.list_conflicts(b) == []


def test_a_lost_bundle_costs_a_resend_never_a_record(pair, tmp_path):
    a, b = pair
    first = groups.create(a, "In the lost bundle")
    api.export_bundle(a, tmp_path / "lost.clinicbundle", peer="office")  # USB stick lost
    second = groups.create(a, "In the next bundle")
    result = send(a, b, tmp_path)
    assert result.rows_added == {"groups": 2}
    assert {groups.get(b, first.id).name, groups.get(b, second.id).name} == {
        "In the lost bundle", "In the next bundle"}


def test_an_older_bundle_found_later_changes_nothing(pair, tmp_path):
    a, b = pair
    groups.create(a, "Riverside")
    old = tmp_path / "old.clinicbundle"
    api.export_bundle(a, old, peer="office")
    groups.create(a, "Lakes")
    send(a, b, tmp_path)
    before = full_dump(b)
    with pytest.raises(BundleError) as err:
        api.import_bundle(b, old)
    assert err.value.kind == "stale" and "older than the last bundle" in str(err.value)
    assert full_dump(b) == before


def test_peers_show_what_each_has_acknowledged_and_still_lacks(pair, tmp_path):
    a, b = pair
    groups.create(a, "Riverside")
    [office] = api.peers_status(a)
    assert office.lacking == 8 and office.last_sent_at is None
    assert api.pending_changes(a) == 8
    api.export_bundle(a, tmp_path / "one.clinicbundle", peer="office")
    assert api.pending_changes(a) == 0
    [office] = api.peers_status(a)
    assert office.last_sent_at is not None and "8 sent, not yet acknowledged" in office.state
    api.import_bundle(b, tmp_path / "one.clinicbundle")
    send(b, a, tmp_path)  # carries b's vector: the acknowledgement
    [office] = api.peers_status(a)
    assert (office.acknowledged, office.lacking, office.state) == (8, 0, "up to date")


def test_merging_fresh_replicas_keeps_one_copy_of_each_seeded_topic(pair, tmp_path):
    a, b = pair
    with a.read() as session:
        seeded = session.scalars(select(Topic).order_by(Topic.id)).first()
    assert seeded is not None
    topics.update(a, seeded.id, description="Edited on the clinic")
    send(a, b, tmp_path)
    send(b, a, tmp_path)
    for db in (a, b):
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Topic)) == len(TOPICS)
    assert data(a) == data(b)
