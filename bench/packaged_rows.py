"""The packaged build's cold start against the same run from source.

Both sides run ``clinicapp --data-dir DEMO --self-test --screenshots DIR`` in a fresh
process — the PyInstaller build (``dist/clinicapp/clinicapp``, or ``CLINICAPP_PACKAGED``)
and ``python -m clinicapp`` from the source tree — and are timed from spawn until the
first page's screenshot appears: the main window unlocked, built, shown and painted. The
moment is seen from outside (a file appearing), so neither side needs a hook; the process
is then stopped. A build older than the source would measure other code: such a row says
so instead of a ratio (a source file newer than the build's executable). No build: n/a.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.data import env_with_passphrase
from bench.harness import ERROR, NA, Row, compare, not_run

ROOT = Path(__file__).resolve().parent.parent
KEY = "packaged_start"
WHAT = "packaged cold start to first page shown, five-year DB"
BASE = "the same run from source (python -m clinicapp)"
TARGET = 1.0  # issue "Speed": no slower than from source (it ships compiled bytecode)
TIMEOUT = 180.0


class StartFailed(RuntimeError):
    pass


def built_program() -> Path | None:
    chosen = os.environ.get("CLINICAPP_PACKAGED")
    candidate = Path(chosen) if chosen else ROOT / "dist" / "clinicapp" / "clinicapp"
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def first_page_seconds(command: list[str], data_dir: Path) -> float:
    """Spawn to the first screenshot file of --self-test, then stop the process."""
    env = env_with_passphrase(QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as work:
        shots, errors = Path(work) / "shots", Path(work) / "stderr.txt"
        with errors.open("w") as stderr:
            started = time.perf_counter()
            process = subprocess.Popen(
                [*command, "--data-dir", str(data_dir), "--self-test", "--screenshots",
                 str(shots)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                while True:
                    if shots.is_dir() and any(shots.glob("01-*.png")):
                        return time.perf_counter() - started
                    if process.poll() is not None:
                        last = errors.read_text().strip().splitlines()[-1:] or [""]
                        raise StartFailed(f"exit {process.returncode} before the first page: "
                                          f"{last[0][:160]}")
                    if time.perf_counter() - started > TIMEOUT:
                        raise StartFailed(f"no first page within {TIMEOUT:.0f} s")
                    time.sleep(0.002)
            finally:
                process.kill()
                process.wait()


def stale_against_source(program: Path) -> str:
    """The first source file changed after the build was made, or ''."""
    built = program.stat().st_mtime
    for path in sorted((ROOT / "src" / "clinicapp").rglob("*.py")):
        if path.stat().st_mtime > built:
            return str(path.relative_to(ROOT))
    return ""


def _version(command: list[str]) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run([*command, "--version"], cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)
    return done.stdout.strip(), time.perf_counter() - started


def packaged_start_row(demo_dir: Path, runs: int) -> Row:
    program = built_program()
    if program is None:
        return not_run(KEY, WHAT, BASE, TARGET, NA,
                       "no build in dist/clinicapp: run bash packaging/build first")
    newer = stale_against_source(program)
    if newer:
        return not_run(KEY, WHAT, BASE, TARGET, NA,
                       f"the build is older than the source ({newer} changed since): "
                       "rebuild with bash packaging/build")
    packaged, source = [str(program)], [sys.executable, "-m", "clinicapp"]
    built_version, _ = _version(packaged)
    source_version, _ = _version(source)
    if built_version != source_version:
        return not_run(KEY, WHAT, BASE, TARGET, NA,
                       f"the build is {built_version or 'unreadable'}, the source "
                       f"{source_version}: rebuild with bash packaging/build")
    row = Row(KEY, WHAT, BASE, TARGET)
    try:
        first_page_seconds(packaged, demo_dir)  # warm the OS file cache for both sides
        first_page_seconds(source, demo_dir)
        compare(row, lambda: first_page_seconds(packaged, demo_dir),
                lambda: first_page_seconds(source, demo_dir), runs)
    except (StartFailed, OSError) as exc:
        return not_run(KEY, WHAT, BASE, TARGET, ERROR, str(exc))
    # The interpreter's own start and the imports of the command line, without Qt.
    versions = {name: statistics.median(_version(command)[1] for _ in range(runs))
                for name, command in (("packaged", packaged), ("source", source))}
    row.note = (f"`--version` alone: packaged {versions['packaged'] * 1000:.0f} ms, source "
                f"{versions['source'] * 1000:.0f} ms; build at {program}")
    return row
