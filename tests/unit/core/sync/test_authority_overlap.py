"""A bundle may carry one workstation's change twice (two signed runs that overlap): the
import takes it once when both copies are the same change, and refuses the bundle when
they differ. ``authority.check`` takes runs whole until two overlap, then change by
change: these tests hold both ways to the same outcome."""

from __future__ import annotations

import json

import pytest

from clinicapp.core.services import groups
from clinicapp.core.sync import api
from clinicapp.core.sync.authorship import digest
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.forge import forge, keys_of, runs_held, signed
from tests.unit.core.sync.helpers import data, full_dump, send


@pytest.fixture
def pair(make_db, tmp_path):
    lakes, office = make_db("lakes"), make_db("office")
    api.add_trusted(lakes, api.public_identity(office), "office", central=True)
    api.add_trusted(office, api.public_identity(lakes), "lakes")
    groups.create(lakes, "Lakes")
    send(lakes, office, tmp_path)
    groups.create(lakes, "Lakes evening group")  # not sent yet: new to the office
    return lakes, office


def test_a_change_carried_twice_alike_is_taken_once(pair, tmp_path):
    lakes, office = pair
    run, changes = runs_held(lakes, lakes.replica_id)[-1]
    again = signed(keys_of(lakes), changes[:3])  # the first three, signed again
    path = forge(lakes, office, [(run, changes), again, (run, changes)],
                 tmp_path / "twice.clinicbundle")
    result = api.import_bundle(office, path)
    assert result.received == len(changes)
    assert data(office)["groups"] == data(lakes)["groups"]


def test_a_change_carried_twice_with_other_content_is_refused(pair, tmp_path):
    lakes, office = pair
    run, changes = runs_held(lakes, lakes.replica_id)[-1]
    other = [{**c, "value": json.dumps("Other")} if c["field"] == "name" else c
             for c in changes]
    path = forge(lakes, office, [(run, changes), signed(keys_of(lakes), other)],
                 tmp_path / "differ.clinicbundle")
    before = full_dump(office)
    with pytest.raises(BundleError) as err:
        api.import_bundle(office, path)
    assert err.value.kind == "held_differently"
    assert "carries two different changes numbered" in str(err.value)
    assert full_dump(office) == before


def test_a_withheld_change_then_the_same_change_in_full_is_taken(pair, tmp_path):
    """A relay's run with a change withheld, then that change in a run of its own."""
    lakes, office = pair
    run, changes = runs_held(lakes, lakes.replica_id)[-1]
    part = [{"seq": c["seq"], "withheld": digest(c).hex()} if i == 1 else c
            for i, c in enumerate(changes)]
    path = forge(lakes, office, [(run, part), signed(keys_of(lakes), changes[1:2])],
                 tmp_path / "withheld.clinicbundle")
    result = api.import_bundle(office, path)
    assert result.received == len(changes)
    assert data(office)["groups"] == data(lakes)["groups"]
