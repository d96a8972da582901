"""A bundle that arrives on a workstation whose disk is full: the import is refused in
words (the disk, not the bundle, is at fault), nothing of it is kept, and the same file
imports whole once there is room again."""

from __future__ import annotations

import pytest

from clinicapp.core.services import groups, members
from clinicapp.core.sync import api
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.storage.full_disk import disk_full, files_may_not_grow_past
from tests.unit.core.sync.helpers import data, full_dump, name_of, trust_all


def test_an_import_on_a_full_disk_keeps_nothing_and_works_once_there_is_room(
        make_db, tmp_path) -> None:
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    hub = groups.create(clinic, "Riverside hub", description="Meets on Tuesdays. " * 200)
    for n in range(40):
        person = members.create(clinic, f"Member {n}", profession_detail="Rural generalist")
        members.add_to_group(clinic, hub.id, person.id)
    path = tmp_path / "to-office.clinicbundle"
    api.export_bundle(clinic, path, peer=name_of(office))
    before = full_dump(office)
    with disk_full(office), pytest.raises(BundleError) as refused:
        api.import_bundle(office, path)
    assert "the disk is full" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert "free some space" in str(refused.value)
    assert full_dump(office) == before  # not one row of it, and no held range
    assert office.integrity_check() == "ok"
    result = api.import_bundle(office, path)  # room again: the same file, whole
    assert result.received > 0
    assert data(office)["groups"] == data(clinic)["groups"]
    assert data(office)["members"] == data(clinic)["members"]


def test_an_export_to_a_stick_that_cannot_take_it_leaves_nothing_and_sends_nothing(
        make_db, tmp_path) -> None:
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    for n in range(30):
        groups.create(clinic, f"Hub {n}", description="Meets on Tuesdays. " * 100)
    stick = tmp_path / "stick"
    stick.mkdir()
    with files_may_not_grow_past(4000), pytest.raises(BundleError) as refused:
        api.export_bundle(clinic, stick / "to-office.clinicbundle", peer=name_of(office))
    assert "nothing was exported" in str(refused.value)
    assert list(stick.iterdir()) == []  # no half-written bundle to carry off
    # Nothing counts as sent: the next export carries all of it, and it lands whole.
    api.export_bundle(clinic, stick / "to-office.clinicbundle", peer=name_of(office))
    api.import_bundle(office, stick / "to-office.clinicbundle")
    assert data(office)["groups"] == data(clinic)["groups"]
