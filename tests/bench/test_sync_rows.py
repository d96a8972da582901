"""The import_authority row's baseline: the same import with the checks taken out must
still import (a reader stand-in that lacks a method the payload reader calls fails the
row, as it did once), and end with what the checked import ends with."""

from __future__ import annotations

from bench.sync_rows import _unchecked

from clinicapp.core.services import groups
from clinicapp.core.sync import api
from tests.unit.core.sync.helpers import data


def test_the_unchecked_import_imports_what_the_checked_one_does(make_db, tmp_path):
    source, checked, unchecked = make_db("source"), make_db("checked"), make_db("unchecked")
    for db in (checked, unchecked):
        api.add_trusted(db, api.public_identity(source), "source")
        api.add_trusted(source, api.public_identity(db), db.paths.data_dir.name)
    for n in range(3):
        groups.create(source, f"Group {n}")
    api.export_bundle(source, tmp_path / "a.clinicbundle", peer="checked")
    api.export_bundle(source, tmp_path / "b.clinicbundle", peer="unchecked")
    api.import_bundle(checked, tmp_path / "a.clinicbundle")
    with _unchecked():
        api.import_bundle(unchecked, tmp_path / "b.clinicbundle")
    assert data(unchecked)["groups"] == data(checked)["groups"]
    assert len(data(unchecked)["groups"]) == 3
