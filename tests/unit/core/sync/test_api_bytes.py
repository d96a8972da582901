"""Bundles as bytes and streams (an HTTP body is not a path): the same checks, the same
all-or-nothing import, and the same messages as files."""

from __future__ import annotations

import io

import pytest

from clinicapp.core.services import groups
from clinicapp.core.sync import api
from tests.unit.core.sync.helpers import data, full_dump, trust_all


@pytest.fixture
def pair(make_db):
    a, b = make_db("riverside"), make_db("office")
    trust_all(a, b)
    return a, b


def test_a_bundle_travels_as_bytes_and_as_a_stream(pair):
    a, b = pair
    groups.create(a, "Riverside small group")
    body = api.export_bundle_bytes(a, peer="office")
    info = api.inspect_bundle_bytes(b, body, name="upload")
    assert info.trusted and info.signature_valid and info.new_changes == info.changes > 0
    result = api.import_bundle_bytes(b, body, name="upload")
    assert result.rows_added == {"groups": 1}
    groups.create(b, "Office hub")
    out = io.BytesIO()
    exported = api.export_bundle_to(b, out, peer="riverside")
    assert exported.path is None and exported.changes > 0
    api.import_bundle_from(a, io.BytesIO(out.getvalue()), name="download")
    assert data(a) == data(b)


def test_bytes_that_are_not_a_bundle_are_refused_by_the_name_given(pair):
    _a, b = pair
    before = full_dump(b)
    with pytest.raises(api.BundleError, match=r"^upload 7 is not a ClinicApp bundle") as err:
        api.import_bundle_bytes(b, b"GET / HTTP/1.1\r\n", name="upload 7")
    assert err.value.kind == "not_bundle"
    assert full_dump(b) == before


def test_a_replayed_body_is_refused(pair):
    a, b = pair
    groups.create(a, "Riverside")
    body, result = api.export_bundle_data(a, peer="office")
    assert result.counts["groups"] > 0
    api.import_bundle_bytes(b, body, name="upload")
    before = full_dump(b)
    with pytest.raises(api.BundleError, match="upload was already imported") as err:
        api.import_bundle_bytes(b, body, name="upload")
    assert err.value.kind == "replayed" and full_dump(b) == before
