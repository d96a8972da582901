"""A workstation whose drive fills up during a network sync: it says so in words, keeps
no half-written bundle in its outbox, keeps what it had downloaded of a part (the next
try resumes there), and syncs whole once there is room again."""

from __future__ import annotations

import base64
import os

import pytest

from clinicapp.client import sync as client_sync
from clinicapp.client.sync import sync
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.services import groups
from clinicapp.core.sync import remote
from tests.server.helpers import enrolled, group_id
from tests.unit.core.storage.full_disk import files_may_not_grow_past
from tests.unit.core.sync.helpers import data


def test_a_bundle_the_outbox_cannot_take_leaves_no_half_written_file(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    bundle = outbox / "a.clinicbundle"
    with files_may_not_grow_past(4096), pytest.raises(ClinicAppError) as refused:
        client_sync._write_atomically(bundle, os.urandom(64 * 1024))
    assert "the disk is full" in str(refused.value)
    assert str(outbox) in str(refused.value) and "nothing was lost" in str(refused.value)
    assert list(outbox.iterdir()) == []  # no bundle, and no .partial taking the room
    client_sync._write_atomically(bundle, b"whole")  # room again
    assert bundle.read_bytes() == b"whole" and list(outbox.iterdir()) == [bundle]


def _largest_file(folder):
    return max(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_a_pull_that_fills_the_drive_says_so_keeps_its_part_and_resumes(server, tmp_path):
    sender = enrolled(server, tmp_path, "sender", "Hub A")
    receiver = enrolled(server, tmp_path, "receiver", "Hub A")
    for db in (sender, receiver):
        sync(db)
    big = base64.b64encode(os.urandom(1_500_000)).decode()  # a part of about 2 MB
    groups.update(sender, group_id(sender, "Hub A"), description=big)
    sync(sender)

    room = _largest_file(receiver.paths.data_dir) + 256 * 1024  # the database may grow a bit
    assert room < len(big)
    with files_may_not_grow_past(room), pytest.raises(ClinicAppError) as refused:
        sync(receiver)
    assert "could not store the server's part" in str(refused.value)
    assert "the disk is full" in str(refused.value)
    assert remote.load(receiver).last_failure == str(refused.value)  # the status line says it
    kept = list((receiver.paths.data_dir / "inbox").glob("*.part"))
    assert kept and 0 < kept[0].stat().st_size <= room  # what came is kept for the resume
    assert groups.get(receiver, group_id(receiver, "Hub A")).description != big

    sync(receiver)
    assert groups.get(receiver, group_id(receiver, "Hub A")).description == big
    assert not list((receiver.paths.data_dir / "inbox").glob("*.part"))
    assert data(receiver) == data(sender)
