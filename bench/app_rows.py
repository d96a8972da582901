"""Rows measured on whole processes: cold start and resident memory, against a bare
PySide6 script (bench/baselines/bare_qt.py) started the same way in the same run."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.data import PASSPHRASE, env_with_passphrase
from bench.harness import ERROR, SKIPPED, Row, compare, not_run

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180


class ProbeFailed(RuntimeError):
    pass


def run_probe(args: list[str], allow_failure: bool = False) -> tuple[float, dict[str, Any]]:
    """Wall seconds from spawning the process to its exit, and the JSON it reported.
    ``allow_failure``: a report with a non-zero exit still counts (its reason is kept)."""
    env = env_with_passphrase(QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    elapsed = time.perf_counter() - started
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            report: dict[str, Any] = json.loads(line)
            if report.get("exit") == 0 or allow_failure:
                report["reason"] = _reason(done.stdout + done.stderr)
                return elapsed, report
            break
    raise ProbeFailed(f"exit {done.returncode}: {_reason(done.stderr or done.stdout)}")


def _reason(output: str) -> str:
    """The app's own last words: its self-test summary line if there is one."""
    lines = [line for line in output.strip().splitlines() if not line.startswith("{")]
    summary = [line for line in lines if line.startswith("self-test:") and "pages" in line]
    return (summary or lines or [""])[-1][:160]


def _app_missing() -> str:
    try:
        import clinicapp.ui.app  # noqa: F401
    except ModuleNotFoundError as exc:
        return f"not in this build yet ({exc.name} missing)"
    return ""


BARE = ["-m", "bench.baselines.bare_qt"]


def cold_start_row(demo_dir: Path, runs: int) -> Row:
    what = "cold start to main window shown, five-year DB"
    base = "bare PySide6 QMainWindow + QTableView"
    missing = _app_missing()
    if missing:
        return not_run("cold_start", what, base, 1.5, SKIPPED, missing)
    row = Row("cold_start", what, base, 1.5)
    try:
        run_probe(BARE)  # warm the OS file cache for both sides before timing
        run_probe(["-m", "bench.probe", "shown", str(demo_dir)])
        compare(row, lambda: run_probe(["-m", "bench.probe", "shown", str(demo_dir)])[0],
                lambda: run_probe(BARE)[0], runs)
    except (ProbeFailed, subprocess.TimeoutExpired) as exc:
        return not_run("cold_start", what, base, 1.5, ERROR, str(exc))
    unlock = key_derivation_seconds(demo_dir, runs)
    row.note = (f"includes unlocking the key: scrypt 2^17 alone takes {unlock:.2f} s "
                "(a deliberate cost, see issue 11)")
    return row


def memory_row(demo_dir: Path, runs: int) -> Row:
    what = "resident memory after visiting every page, five-year DB"
    base = "bare PySide6 QMainWindow + QTableView"
    missing = _app_missing()
    if missing:
        return not_run("memory", what, base, 2.0, SKIPPED, missing, unit="MiB")
    row = Row("memory", what, base, 2.0, unit="MiB")
    peaks: list[float] = []

    failures: list[str] = []

    def app() -> float:
        report = run_probe(["-m", "bench.probe", "visit", str(demo_dir)], allow_failure=True)[1]
        if report["exit"] != 0:
            failures.append(report["reason"])
        peaks.append(float(report["peak_mib"]))
        return float(report["rss_mib"])

    try:
        compare(row, app, lambda: float(run_probe(BARE)[1]["rss_mib"]), runs)
    except (ProbeFailed, subprocess.TimeoutExpired) as exc:
        return not_run("memory", what, base, 2.0, ERROR, str(exc), unit="MiB")
    row.note = (f"VmRSS at the end of --self-test; peak (VmHWM) {statistics.median(peaks):.0f}"
                " MiB, mostly scrypt's 128 MiB while unlocking")
    if failures:  # pages that did not open were not visited: the number is too low
        row.status = ERROR
        row.note = f"self-test failed ({failures[-1]}); {row.note}"
    return row


def key_derivation_seconds(data_dir: Path, runs: int) -> float:
    """Unwrapping the database key with the passphrase: the scrypt cost of every unlock."""
    from clinicapp import paths as app_paths
    from clinicapp.core.keys.keystore import Keystore

    store = Keystore.load(app_paths.resolve(data_dir).keystore)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store.unlock(PASSPHRASE)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
