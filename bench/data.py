"""The data sets the benchmarks run on, built once and cached under ``bench/.cache/``.

* ``demo``: the five-year demo clinic made by ``clinicapp demo-data`` (a subprocess, the
  way a person makes it), encrypted with the production scrypt cost.
* ``stress``: 100,000 sessions, 1,000,000 attendance rows and 100,000 reflections written
  by bulk ``executemany`` straight into the real tables of an encrypted data dir made by
  ``Database.create``. Going around the services is what makes it take a minute instead
  of hours; the FTS triggers still fire on every insert, so search sees every row. The
  stress set has no change history (no ``changes`` rows): the sync rows build their own.
* ``empty``: a fresh encrypted data dir, the baseline of the Sessions page row.

Data dirs are made with the production key-derivation cost (scrypt 2^17); the product has
no switch that lowers it (only the test suite patches ``keystore.LOG_N``).

A cache entry is valid only if its ``built.json`` names the same size and schema head,
so a schema change in migration 0001 rebuilds it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clinicapp import paths as app_paths
from clinicapp.core.storage.db import Database, head_revision

BENCH_DIR = Path(__file__).resolve().parent
CACHE = BENCH_DIR / ".cache"
PASSPHRASE = "bench passphrase: not a secret"
ENV_PASSPHRASE = "CLINICAPP_PASSPHRASE"


@dataclass(frozen=True)
class StressSize:
    sessions: int
    attendance_per_session: int
    groups: int = 50
    members_per_group: int = 12

    @property
    def attendance(self) -> int:
        return self.sessions * self.attendance_per_session


FULL = StressSize(sessions=100_000, attendance_per_session=10)
QUICK = StressSize(sessions=5_000, attendance_per_session=10, groups=10)
TINY = StressSize(sessions=200, attendance_per_session=5, groups=3, members_per_group=6)

# Words clinicians write in reflections; a few are common, most are rare, so a search
# for a rare word returns a handful and a common one returns thousands.
COMMON = ("patient", "team", "clinic", "practice", "time", "follow", "plan", "care")
RARE = ("deprescribing", "opioid", "tapering", "dementia", "screening", "diabetes",
        "insulin", "hypertension", "anticoagulation", "warfarin", "naloxone", "asthma",
        "spirometry", "vaccination", "smoking", "cessation", "frailty", "falls",
        "polypharmacy", "depression", "anxiety", "sleep", "pain", "osteoporosis",
        "statin", "referral", "telehealth", "interpreter", "transport", "housing")
# Session titles and notes use their own words, so that a search for a reflection word
# finds reflections (the sessions' hits would otherwise fill the result limit first).
SESSION_WORDS = ("case", "review", "rounds", "journal", "club", "audit", "feedback",
                 "quality", "improvement", "huddle", "debrief", "simulation")
FILLER = ("the", "we", "our", "to", "and", "of", "more", "with", "for", "next", "week",
          "review", "list", "nurse", "moa", "call", "booked", "letter", "charts", "visit")


def env_with_passphrase(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env[ENV_PASSPHRASE] = PASSPHRASE
    env.update(extra)
    return env


def data_paths(name: str, root: Path = CACHE) -> app_paths.AppPaths:
    return app_paths.resolve(root / name)


def _stamp(path: Path, **facts: Any) -> None:
    (path / "built.json").write_text(json.dumps({**facts, "schema": head_revision()}))


def _is_built(path: Path, **facts: Any) -> bool:
    try:
        built = json.loads((path / "built.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(built == {**facts, "schema": head_revision()})


def _fresh(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def empty_db(root: Path = CACHE) -> Path:
    path = root / "empty"
    if not _is_built(path, kind="empty"):
        _fresh(path)
        db, _code = Database.create(app_paths.resolve(path), PASSPHRASE, "bench empty")
        db.close()
        _stamp(path, kind="empty")
    return path


def demo_db(years: int = 5, groups: int = 6, root: Path = CACHE,
            log: Callable[[str], None] = print) -> Path:
    """The five-year demo clinic, made by the real ``clinicapp demo-data`` command."""
    path = root / f"demo-{groups}g-{years}y"
    if not _is_built(path, kind="demo", years=years, groups=groups):
        _fresh(path)
        log(f"building demo data ({groups} groups, {years} years) in {path} …")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "clinicapp", "--data-dir", str(path),
                        "demo-data", "--groups", str(groups), "--years", str(years),
                        "--quiet"], env=env_with_passphrase(), check=True)
        log(f"  built in {time.perf_counter() - started:.1f} s")
        _stamp(path, kind="demo", years=years, groups=groups)
    return path


def stress_db(size: StressSize = FULL, root: Path = CACHE,
              log: Callable[[str], None] = print) -> Path:
    path = root / f"stress-{size.sessions}"
    facts = {"kind": "stress", "version": 2, "sessions": size.sessions,
             "attendance": size.attendance, "groups": size.groups}
    if not _is_built(path, **facts):
        _fresh(path)
        log(f"building stress data ({size.sessions:,} sessions, {size.attendance:,} "
            f"attendance, {size.sessions:,} reflections) in {path} …")
        started = time.perf_counter()
        db, _code = Database.create(app_paths.resolve(path), PASSPHRASE, "bench stress")
        try:
            fill_stress(db, size)
        finally:
            db.close()
        log(f"  built in {time.perf_counter() - started:.1f} s")
        _stamp(path, **facts)
    return path


# --- bulk rows -------------------------------------------------------------------------

class _Ids:
    """UUIDv7-shaped ids in creation order: b-tree inserts append, as real ids do."""

    def __init__(self, start: datetime, rng: random.Random) -> None:
        self._ms = int(start.timestamp() * 1000)
        self._rng = rng

    def __call__(self) -> str:
        self._ms += 1
        value = (self._ms << 80) | (0x7 << 76) | (self._rng.getrandbits(12) << 64)
        value |= (0b10 << 62) | self._rng.getrandbits(62)
        return str(uuid.UUID(int=value))


def _sql_time(moment: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME text form, naive UTC (see models/base.UTCDateTime)
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _sentence(rng: random.Random, words: int) -> str:
    picks = [rng.choice(RARE) if rng.random() < 0.08 else
             rng.choice(COMMON) if rng.random() < 0.25 else rng.choice(FILLER)
             for _ in range(words)]
    return " ".join(picks).capitalize() + "."


def _session_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(SESSION_WORDS) for _ in range(words)).capitalize() + "."


def _insert(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    conn.executemany(sql, [tuple(r[c] for c in columns) for r in rows])


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


def fill_stress(db: Database, size: StressSize, seed: int = 8) -> None:
    """Bulk rows into the real tables through the encrypted connection, one transaction."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 5, 14, 0, tzinfo=UTC)
    new_id = _Ids(start, rng)
    now = _sql_time(start)
    base = {"created_at": now, "updated_at": now, "deleted_at": None}
    raw = db.engine.raw_connection()
    conn = raw.driver_connection
    try:
        conn.execute("BEGIN IMMEDIATE")
        groups = [{**base, "id": new_id(), "name": f"Stress group {g + 1}",
                   "kind": "small_group", "division": f"Division {g % 7 + 1}",
                   "region": "North", "description": ""} for g in range(size.groups)]
        _insert(conn, "groups", groups)
        roster: list[list[str]] = []
        members, memberships = [], []
        for g, group in enumerate(groups):
            ids = []
            for m in range(size.members_per_group):
                member_id = new_id()
                ids.append(member_id)
                members.append({**base, "id": member_id,
                                "full_name": f"Member {g + 1}-{m + 1}",
                                "role": "physician" if m % 3 else "nurse",
                                "profession_detail": "", "email": "", "phone": "",
                                "licence_number": "", "active": 1,
                                "journal_recipient": "", "journal_identity_sealed": "",
                                "journal_recovery_sealed": ""})
                memberships.append({**base, "id": new_id(), "group_id": group["id"],
                                    "member_id": member_id, "is_facilitator": int(m == 0),
                                    "joined_on": "2015-01-01", "left_on": None})
            roster.append(ids)
        _insert(conn, "members", members)
        _insert(conn, "memberships", memberships)
        per_session = min(size.attendance_per_session, size.members_per_group)
        for chunk in _chunks(size.sessions, 5_000):
            sessions, attendance, reflections = [], [], []
            for n in chunk:
                g = n % size.groups
                when = start + timedelta(hours=6 * n)
                session_id = new_id()
                sessions.append({
                    **base, "id": session_id, "group_id": groups[g]["id"], "topic_id": None,
                    "title": f"Session {n + 1}: {rng.choice(SESSION_WORDS)} "
                             f"{rng.choice(SESSION_WORDS)}",
                    "objectives": json.dumps([_session_text(rng, 6)]),
                    "scheduled_start": _sql_time(when), "planned_minutes": 60,
                    "actual_start": _sql_time(when), "actual_end": _sql_time(
                        when + timedelta(minutes=60)), "breaks": "[]",
                    "location": "Clinic boardroom", "facilitation_method": "case discussion",
                    "facilitator_ids": json.dumps([roster[g][0]]), "provider": "",
                    "accreditation_body": "mainpro_plus", "credit_category": "certified",
                    "credits_per_hour": 1.0, "max_credits": None,
                    "accreditation_statement": "", "certification_id": "",
                    "status": "completed", "notes": _session_text(rng, 12)})
                for member_id in roster[g][:per_session]:
                    attendance.append({
                        **base, "id": new_id(), "session_id": session_id,
                        "member_id": member_id, "status": "present",
                        "arrived_at": None, "left_at": None, "minutes_attended": 60,
                        "credits": 1.0, "certificate_number": ""})
                reflections.append({
                    **base, "id": new_id(), "session_id": session_id,
                    "member_id": roster[g][n % per_session], "visibility": "group",
                    "what": _sentence(rng, 14), "so_what": _sentence(rng, 12),
                    "now_what": _sentence(rng, 12), "barriers": _sentence(rng, 8),
                    "supports_needed": _sentence(rng, 6), "sealed": "",
                    "identifier_warning_kept": 0})
            _insert(conn, "sessions", sessions)
            _insert(conn, "attendance", attendance)
            _insert(conn, "reflections", reflections)
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        raw.close()
