"""Timing, the result table and the machine description.

Every row compares a subject (ClinicApp) with a baseline (the best the same machine does
for the same work) measured in the same run, interleaved run by run, so that a busy
machine slows both alike and the ratio of the medians holds where absolute times do not.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OK, MISS, NA, SKIPPED, ERROR = "ok", "MISS", "n/a", "skipped", "error"


@dataclass
class Row:
    """One line of the table. ``unit`` is "s" for times and "MiB" for memory."""

    key: str
    what: str
    baseline_what: str
    target: float | None
    unit: str = "s"
    subject: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    status: str = ""
    note: str = ""

    @property
    def subject_median(self) -> float | None:
        return statistics.median(self.subject) if self.subject else None

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        s, b = self.subject_median, self.baseline_median
        if s is None or not b:
            return None
        return s / b

    def settle(self) -> Row:
        """Decide ok / MISS from the ratio unless the row already says why it did not run."""
        if not self.status:
            ratio = self.ratio
            if ratio is None:
                self.status = ERROR
            else:
                self.status = OK if self.target is None or ratio <= self.target else MISS
        return self

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(subject_median=self.subject_median, baseline_median=self.baseline_median,
                    ratio=self.ratio)
        return data


def not_run(key: str, what: str, baseline_what: str, target: float | None, status: str,
            note: str, unit: str = "s") -> Row:
    return Row(key, what, baseline_what, target, unit, status=status, note=note)


def compare(row: Row, subject: Callable[[], float | None], baseline: Callable[[], float | None],
            runs: int) -> Row:
    """Run baseline and subject alternately ``runs`` times each. Each callable returns its
    own measurement (seconds or MiB), or None to time the whole call."""
    for _ in range(runs):
        for fn, into in ((baseline, row.baseline), (subject, row.subject)):
            started = time.perf_counter()
            value = fn()
            into.append(time.perf_counter() - started if value is None else value)
    return row.settle()


# --- machine ---------------------------------------------------------------------------

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        found["sqlcipher"] = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        found["sqlite (sqlcipher3)"] = sqlcipher3.sqlite_version
        conn.close()
    except Exception as exc:  # a description, never a reason to stop
        found["sqlcipher"] = f"unavailable ({exc})"
    try:
        import PySide6
        from PySide6 import QtCore

        found["PySide6"] = PySide6.__version__
        found["Qt"] = QtCore.qVersion()
    except ImportError:
        found["Qt"] = "not installed"
    import sqlalchemy

    found["SQLAlchemy"] = sqlalchemy.__version__
    return found


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False, cwd=Path(__file__).parent)
        return out.stdout.strip()
    except OSError:
        return ""


def machine_info() -> dict[str, Any]:
    from clinicapp.core.keys import keystore

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        **_versions(),
        "scrypt_log_n": str(keystore.LOG_N),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "git_commit": _git_commit(),
    }


# --- the table -------------------------------------------------------------------------

def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def markdown(rows: list[Row], machine: dict[str, Any], runs: int, mode: str) -> str:
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM; "
        f"{machine['os']}; Python {machine['python']}, Qt {machine.get('Qt')}, "
        f"SQLCipher {machine.get('sqlcipher')}; {machine['date']} "
        f"(load average {machine['load_average_at_start']}, commit {machine['git_commit']}).",
        f"Medians of {runs} runs ({mode}); ratio = ClinicApp ÷ baseline, both measured "
        "in this run.",
        "",
        "| what | ClinicApp | baseline (same run) | ratio | target | result | notes |",
        "| --- | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "–"
        target = f"≤ {row.target:g}×" if row.target is not None else "–"
        baseline = f"{row.baseline_what}: {_fmt(row.baseline_median, row.unit)}" \
            if row.baseline else row.baseline_what
        lines.append(f"| {row.what} | {_fmt(row.subject_median, row.unit)} | {baseline} | "
                     f"{ratio} | {target} | {row.status} | {row.note} |")
    return "\n".join(lines) + "\n"


def write_results(rows: list[Row], machine: dict[str, Any], runs: int, mode: str,
                  out_dir: Path) -> list[Path]:
    """latest.md / latest.json, and a dated copy of each for comparison over time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md = markdown(rows, machine, runs, mode)
    data = json.dumps({"machine": machine, "runs": runs, "mode": mode,
                       "rows": [r.as_json() for r in rows]}, indent=2)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M")
    written = []
    for name in ("latest", f"{stamp}-{mode}"):
        for suffix, text in ((".md", md), (".json", data)):
            path = out_dir / f"{name}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
