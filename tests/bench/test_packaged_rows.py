"""The packaged-start row: without a build it says n/a and why; its timer sees the first
page of a real --self-test (from source here) and stops the process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import NA  # noqa: E402

from bench import packaged_rows  # noqa: E402


def test_without_a_build_the_row_is_na_and_says_how_to_make_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINICAPP_PACKAGED", str(tmp_path / "no-such-build"))
    row = packaged_rows.packaged_start_row(tmp_path / "demo", runs=1)
    assert row.status == NA and "bash packaging/build" in row.note
    assert row.subject == [] and row.baseline == []


@pytest.mark.slow
def test_the_timer_stops_at_the_first_page_of_a_real_self_test(tmp_path: Path) -> None:
    seconds = packaged_rows.first_page_seconds([sys.executable, "-m", "clinicapp"],
                                               tmp_path / "data")
    assert 0 < seconds < packaged_rows.TIMEOUT
    assert (tmp_path / "data" / "keystore.json").is_file()  # the app really opened it


def test_a_program_that_exits_before_its_first_page_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(packaged_rows.StartFailed, match="before the first page"):
        packaged_rows.first_page_seconds([sys.executable, "-m", "clinicapp", "--no-such"],
                                         tmp_path / "data")


def test_a_build_older_than_the_source_is_not_measured(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    program = tmp_path / "clinicapp"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    os.utime(program, (0, 0))  # made in 1970: every source file is newer
    monkeypatch.setenv("CLINICAPP_PACKAGED", str(program))
    row = packaged_rows.packaged_start_row(tmp_path / "demo", runs=1)
    assert row.status == NA and "older than the source" in row.note and row.subject == []
