"""demo-data, export-csv and audit through the real ``clinicapp`` entry point, including a
demo run killed part-way."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from clinicapp.core.models import SYNCED_MODELS, Change, Topic
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.cli.runner import command, environment, one_line_error, run


def counts(check_output: str) -> dict[str, int]:
    found = {}
    for line in check_output.splitlines():
        name, _, value = line.partition(":")
        first = value.split()
        if first and first[0].isdigit():
            found[name.strip()] = int(first[0])
    return found


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """A folder created by demo-data itself (no init first): two groups, one year."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    result = run(folder, "demo-data", "--groups", "2", "--years", "1", "--seed", "5")
    assert result.code == 0, result.err
    assert "RECOVERY KEY" in result.out
    assert "Demo data added" in result.out
    return folder


def test_demo_data_then_check_passes_with_a_clinics_counts(demo_folder):
    result = run(demo_folder, "check")
    assert result.code == 0, result.err
    found = counts(result.out)
    assert found["groups"] == 2
    assert found["sessions"] >= 40
    assert found["attendance"] > found["sessions"] * 5
    assert found["reflections"] > 0 and found["action_items"] > 0
    assert found["changes"] > sum(v for k, v in found.items() if k != "changes")


def test_demo_data_at_the_command_line_is_audited_by_core_once(demo_folder):
    db = Database.open(resolve(demo_folder), passphrase=PASSPHRASE)
    try:
        entries = [(e.action, e.detail) for e in audit.list_entries(db, action="demo_data").items]
    finally:
        db.close()
    # The same entry demo.generate writes for any caller (tests/unit/demo/test_generate.py).
    assert entries == [("demo_data", "seed 5: 2 groups, 1 years")]


def test_demo_data_twice_with_one_seed_is_refused_in_one_line(demo_folder):
    line = one_line_error(run(demo_folder, "demo-data", "--groups", "2", "--years", "1",
                              "--seed", "5"), "demo-data")
    assert "seed 5 is already in this database" in line


def test_demo_data_refuses_silly_sizes(demo_folder):
    line = one_line_error(run(demo_folder, "demo-data", "--groups", "0"), "demo-data")
    assert line.endswith("groups: must be between 1 and 50")


def test_export_csv_writes_the_table_and_is_audited(demo_folder, tmp_path):
    out = tmp_path / "sessions.csv"
    result = run(demo_folder, "export-csv", "sessions", "--out", str(out))
    assert result.code == 0, result.err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == counts(run(demo_folder, "check").out)["sessions"]
    assert result.out.strip() == f"Wrote {len(rows)} rows of sessions to {out}"

    credits = tmp_path / "credits.csv"
    assert run(demo_folder, "export-csv", "credits", "--out", str(credits)).code == 0
    assert credits.read_text("utf-8-sig").startswith("certificate_number,member,")

    trail = run(demo_folder, "audit", "--action", "export_csv")
    assert trail.code == 0
    assert "sessions: " in trail.out and "to sessions.csv" in trail.out
    assert "credits: " in trail.out


def test_export_csv_errors_are_one_line_and_write_nothing(demo_folder, tmp_path):
    out = tmp_path / "x.csv"
    line = one_line_error(run(demo_folder, "export-csv", "secrets", "--out", str(out)),
                          "export-csv")
    assert "unknown table 'secrets'; choose one of:" in line and "members" in line
    line = one_line_error(run(demo_folder, "export-csv", "groups", "--out",
                              str(tmp_path / "missing" / "groups.csv")), "export-csv")
    assert "does not exist" in line
    line = one_line_error(run(demo_folder, "export-csv", "groups", "--out", str(out),
                              passphrase="wrong passphrase"), "export-csv")
    assert "passphrase" in line
    assert list(tmp_path.iterdir()) == []


def test_a_demo_run_killed_part_way_leaves_a_database_that_passes_check(tmp_path):
    folder = tmp_path / "data"
    assert run(folder, "init").code == 0
    process = subprocess.Popen(
        command(folder, "demo-data", "--groups", "3", "--years", "2", "--seed", "9"),
        env=environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        # Each progress line is printed right after a chunk commits; kill at the first.
        line = process.stdout.readline()
        assert "committed" in line, line + process.stderr.read()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL  # it really died mid-way

    result = run(folder, "check")
    assert result.code == 0, result.out + result.err
    assert "integrity:        ok" in result.out
    assert counts(result.out)["attendance"] > 0  # the first chunk is there

    # Nothing half-written: every row came with its change rows, every key resolves.
    db = Database.open(resolve(folder), passphrase=PASSPHRASE)
    try:
        with db.read() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            for model in SYNCED_MODELS:
                if model is Topic:
                    continue  # seeded alike on every replica, so never logged
                rows = session.scalar(select(func.count()).select_from(model))
                logged = session.scalar(select(func.count(func.distinct(Change.row_id)))
                                        .where(Change.tbl == model.__tablename__))
                assert rows == logged, model.__tablename__
    finally:
        db.close()
