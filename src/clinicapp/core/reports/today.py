"""What the Today page shows, and its first read without the ORM.

``Today``/``TodayEntry`` are what the page draws. ``services.today.dashboard`` fills them
through the ORM; ``first_read`` fills them with the same queries in plain SQL over the
SQLCipher driver, so that the desktop can draw Today before SQLAlchemy and the models are
imported (about as long again as Qt itself). It only ever reads: the file is opened
read-only, and anything it is not sure of (wrong key, a schema that needs migrating, a
restore under way, a setting it cannot read) answers None, and the caller opens the
database the normal way. Every write still goes through the services.
``tests/unit/core/reports/test_today.py`` checks both give the same Today.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clinicapp.core.reports.period import local_midnight
from clinicapp.core.sync import clock
from clinicapp.core.vocabulary import (
    ItemStatus,
    SessionStatus,
    Stance,
    SupportKind,
    SupportStatus,
    Visibility,
)

HORIZON_DAYS = 14
MAX_PER_LIST = 200  # the page is a to-do list, not a report


@dataclass(frozen=True)
class TodayEntry:
    """One line on the Today page and what the UI needs to open it."""

    kind: str  # "session" | "commitment" | "action_item" | "support_request"
    id: str
    title: str
    date: dt.date | None
    extra: str = ""
    overdue: bool = False
    at: dt.datetime | None = None  # sessions: the scheduled start (UTC)
    session_id: str | None = None
    group_id: str | None = None
    # Vocabulary values (status, kind) the interface shows in its own language after
    # ``extra``; the title falls back to ``kind_title`` when there is no free text.
    labels: tuple[StrEnum, ...] = ()
    kind_title: StrEnum | None = None


@dataclass(frozen=True)
class Today:
    as_of: dt.date
    upcoming_sessions: list[TodayEntry] = field(default_factory=list)
    sessions_in_progress: list[TodayEntry] = field(default_factory=list)
    followups_due: list[TodayEntry] = field(default_factory=list)
    action_items_due: list[TodayEntry] = field(default_factory=list)
    open_support_requests: list[TodayEntry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.upcoming_sessions or self.sessions_in_progress or self.followups_due
                    or self.action_items_due or self.open_support_requests)


def short(text: str, length: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


def session_entry(row: Any) -> TodayEntry:
    sid, title, start, group_id, group_name, minutes = row
    local = clock.local(start)
    return TodayEntry("session", sid, title, local.date(),
                      f"{group_name} · {local:%H:%M} · {minutes} min", at=start,
                      session_id=sid, group_id=group_id)


def commitment_entries(rows: Any, as_of: dt.date) -> list[TodayEntry]:
    return [TodayEntry("commitment", cid, short(change), due, name or "",
                       overdue=due is not None and due < as_of, session_id=sid)
            for cid, change, due, sid, name in rows]


def item_entries(rows: Any, as_of: dt.date) -> list[TodayEntry]:
    return [TodayEntry("action_item", iid, short(action), due,
                       " · ".join(p for p in (plan_title, owner) if p),
                       overdue=due is not None and due < as_of,
                       group_id=group_id, labels=(status,))
            for iid, action, due, status, plan_title, group_id, owner in rows]


def support_entries(rows: Any) -> list[TodayEntry]:
    return [TodayEntry("support_request", rid, short(topic), scheduled or requested,
                       name or clinic, session_id=sid, labels=(kind, status),
                       kind_title=None if short(topic) else kind)
            for rid, kind, topic, status, requested, scheduled, clinic, sid, name in rows]


# --- the first read, in plain SQL -------------------------------------------------------

MIGRATIONS = Path(__file__).resolve().parent.parent / "storage" / "migrations" / "versions"


@dataclass(frozen=True)
class FirstRead:
    """Today as the database had it, and which of its follow-ups are private."""

    today: Today
    private: frozenset[str]


class _Unsure(Exception):
    """Something this reader does not handle: the normal path opens the database."""


def first_read(database: Path, key: bytes) -> FirstRead | None:
    """Today read straight from the SQLCipher file with ``key``, or None when the normal
    way must open it (wrong key, older schema, restore under way, unreadable setting).
    Sets the clinic's time zone for local days, as opening the database does."""
    if not database.is_file() or database.with_name(database.name + ".restoring").exists():
        return None  # a restore swaps the file: read it once that is over
    try:
        import sqlcipher3
    except ImportError:
        return None
    try:
        conn = sqlcipher3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True,
                                  isolation_level=None, check_same_thread=False, timeout=5)
    except sqlcipher3.Error:
        return None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA query_only = ON")  # read-only twice over
        conn.execute("BEGIN")  # one snapshot for every query
        if _revision(conn) != _head_revision():
            return None  # the normal path backs up and migrates first
        zone = _zone(conn)
        clock.set_zone(zone)
        today = dashboard(conn, clock.today())
        private = private_ids(conn, [e.id for e in today.followups_due])
        conn.execute("COMMIT")
        return FirstRead(today, frozenset(private))
    except (sqlcipher3.Error, _Unsure, ValueError, TypeError):
        return None  # wrong key, damaged file or an unexpected value: say it the normal way
    finally:
        conn.close()


def _head_revision() -> str:
    """The newest migration, by the rule ``storage.db.head_revision`` uses (a test checks
    they agree)."""
    numbers = [p.name.split("_", 1)[0] for p in MIGRATIONS.glob("[0-9]*_*.py")]
    if not numbers:
        raise _Unsure("no migrations")
    return max(numbers)


def _revision(conn: Any) -> str | None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                    "AND name = 'alembic_version'").fetchone() is None:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _zone(conn: Any) -> dt.tzinfo | None:
    """The ``time_zone`` setting, as ``services.settings`` reads it."""
    row = conn.execute("SELECT value FROM local_settings WHERE key = 'time_zone'").fetchone()
    name = "" if row is None else json.loads(row[0])
    if not isinstance(name, str):
        raise _Unsure("time_zone")
    if not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise _Unsure("time_zone") from None


def _stamp(moment: dt.datetime) -> str:
    """A UTC moment as SQLAlchemy's SQLite DateTime stores (and compares) it."""
    utc = moment.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%d %H:%M:%S}.{utc.microsecond:06d}"


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


# The ORM's statements (services.today.dashboard) as SQLAlchemy compiles them for SQLite.
_SESSIONS = (
    "SELECT sessions.id, sessions.title, sessions.scheduled_start, groups.id, groups.name, "
    "sessions.planned_minutes FROM sessions JOIN groups ON groups.id = sessions.group_id "
    "WHERE sessions.deleted_at IS NULL AND groups.deleted_at IS NULL AND sessions.status = ?")
_UPCOMING = (_SESSIONS + " AND sessions.scheduled_start >= ? AND sessions.scheduled_start < ?"
             " ORDER BY sessions.scheduled_start LIMIT ? OFFSET 0")
_RUNNING = _SESSIONS + " ORDER BY sessions.scheduled_start LIMIT ? OFFSET 0"
_FOLLOWUPS = (
    "SELECT commitments.id, commitments.change, commitments.followup_due, "
    "commitments.session_id, members.full_name FROM commitments "
    "JOIN members ON members.id = commitments.member_id "
    "WHERE commitments.deleted_at IS NULL AND members.deleted_at IS NULL "
    "AND commitments.followed_up_on IS NULL AND commitments.followup_outcome IS NULL "
    "AND commitments.stance != ? AND commitments.followup_due <= ? "
    "ORDER BY commitments.followup_due, members.full_name LIMIT ? OFFSET 0")
_ITEMS = (
    "SELECT action_items.id, action_items.action, action_items.due_date, action_items.status,"
    " action_plans.title, action_plans.group_id, members.full_name FROM action_items "
    "JOIN action_plans ON action_plans.id = action_items.plan_id "
    "JOIN groups ON groups.id = action_plans.group_id "
    "LEFT OUTER JOIN members ON members.id = action_items.owner_id "
    "WHERE action_items.deleted_at IS NULL AND action_plans.deleted_at IS NULL "
    "AND groups.deleted_at IS NULL AND (action_items.status NOT IN (?, ?)) "
    "AND action_items.due_date <= ? ORDER BY action_items.due_date LIMIT ? OFFSET 0")
_SUPPORT = (
    "SELECT support_requests.id, support_requests.kind, support_requests.topic, "
    "support_requests.status, support_requests.requested_on, support_requests.scheduled_on, "
    "support_requests.clinic, support_requests.session_id, members.full_name "
    "FROM support_requests LEFT OUTER JOIN members ON members.id = support_requests.member_id"
    " WHERE support_requests.deleted_at IS NULL AND support_requests.status IN (?, ?) "
    "ORDER BY support_requests.requested_on LIMIT ? OFFSET 0")


def dashboard(conn: Any, as_of: dt.date) -> Today:
    """``services.today.dashboard`` over a DB-API connection to the SQLite file."""
    horizon = as_of + dt.timedelta(days=HORIZON_DAYS)
    start = _stamp(local_midnight(as_of))
    end = _stamp(local_midnight(horizon + dt.timedelta(days=1)))

    def sessions(sql: str, *params: object) -> list[TodayEntry]:
        return [session_entry((sid, title, _moment(at), gid, name, minutes))
                for sid, title, at, gid, name, minutes in conn.execute(sql, params)]

    upcoming = sessions(_UPCOMING, SessionStatus.PLANNED.value, start, end, MAX_PER_LIST)
    running = sessions(_RUNNING, SessionStatus.IN_PROGRESS.value, MAX_PER_LIST)
    followups = [(cid, change, _day(due), sid, name) for cid, change, due, sid, name in
                 conn.execute(_FOLLOWUPS, (Stance.WILL_NOT.value, as_of.isoformat(),
                                           MAX_PER_LIST))]
    items = [(iid, action, _day(due), ItemStatus(status), plan, gid, owner)
             for iid, action, due, status, plan, gid, owner in conn.execute(
                 _ITEMS, (ItemStatus.DONE.value, ItemStatus.DROPPED.value,
                          horizon.isoformat(), MAX_PER_LIST))]
    support = [(rid, SupportKind(kind), topic, SupportStatus(status), _day(requested),
                _day(scheduled), clinic, sid, name)
               for rid, kind, topic, status, requested, scheduled, clinic, sid, name in
               conn.execute(_SUPPORT, (SupportStatus.REQUESTED.value,
                                       SupportStatus.SCHEDULED.value, MAX_PER_LIST))]
    return Today(as_of=as_of, upcoming_sessions=upcoming, sessions_in_progress=running,
                 followups_due=commitment_entries(followups, as_of),
                 action_items_due=item_entries(items, as_of),
                 open_support_requests=support_entries(support))


def private_ids(conn: Any, commitment_ids: list[str]) -> set[str]:
    """``services.commitments.private_ids`` over a DB-API connection."""
    wanted = set(commitment_ids)
    if not wanted:
        return set()
    marks = ", ".join("?" * len(wanted))
    shared = {cid for cid, visibility in conn.execute(
        "SELECT commitments.id, reflections.visibility FROM commitments "
        "LEFT OUTER JOIN reflections ON reflections.session_id = commitments.session_id "
        "AND reflections.member_id = commitments.member_id "
        f"AND reflections.deleted_at IS NULL WHERE commitments.id IN ({marks})",
        tuple(wanted)) if visibility == Visibility.GROUP.value}
    return wanted - shared
