"""What a device may receive: the records of its groups, by the scope map of DESIGN.md.

- groups by id; memberships, sessions and action plans by their group;
- attendance, reflections and evaluations through their session; commitments and support
  requests through their session, else through their member; action items through their
  plan; progress notes and PDSA cycles through their item;
- members through their memberships in the device's groups; topics to every device;
- audit entries go up to the server and never down.

The sets are computed in SQL from the server's current rows (tombstones included, so a
deletion reaches every device that holds the record), a dozen queries per pull.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import CursorResult, Dialect, Select, String, literal, or_, select, union_all
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import (
    ActionItem,
    ActionPlan,
    Attendance,
    Group,
    Membership,
    PdsaCycle,
    PracticeCommitment,
    ProgressNote,
    Reflection,
    Session,
    SessionEvaluation,
    SupportRequest,
)
from clinicapp.core.sync.pg_export import RowScope

# Decisions about records (conflict resolutions by fingerprint, merges of duplicates by
# id, clock repairs) carry no record content: every device applies them alike.
EVERYONE = frozenset({"topics", "conflict_decisions", "record_merges", "clock_repairs"})
NO_ONE = frozenset({"audit_entries"})


def _queries(groups: list[str]) -> dict[str, Select[Any]]:
    sessions = select(Session.id).where(Session.group_id.in_(groups))
    plans = select(ActionPlan.id).where(ActionPlan.group_id.in_(groups))
    items = select(ActionItem.id).where(ActionItem.plan_id.in_(plans))
    members = select(Membership.member_id).where(Membership.group_id.in_(groups))

    def by_session_else_member(model: Any) -> Select[Any]:
        return select(model.id).where(or_(
            model.session_id.in_(sessions),
            (model.session_id.is_(None)) & model.member_id.in_(members)))

    return {
        "groups": select(Group.id).where(Group.id.in_(groups)),
        "memberships": select(Membership.id).where(Membership.group_id.in_(groups)),
        "sessions": sessions,
        "action_plans": plans,
        "attendance": select(Attendance.id).where(Attendance.session_id.in_(sessions)),
        "reflections": select(Reflection.id).where(Reflection.session_id.in_(sessions)),
        "evaluations": select(SessionEvaluation.id).where(
            SessionEvaluation.session_id.in_(sessions)),
        "commitments": by_session_else_member(PracticeCommitment),
        "support_requests": by_session_else_member(SupportRequest),
        "action_items": items,
        "progress_notes": select(ProgressNote.id).where(ProgressNote.item_id.in_(items)),
        "pdsa_cycles": select(PdsaCycle.id).where(PdsaCycle.item_id.in_(items)),
        # The member ids of the groups' memberships (each one a member's: a foreign key),
        # without looking each up in ``members`` (5,000 index probes, 6 ms for a hub).
        "members": members.distinct(),
    }


def visible_rows(session: OrmSession, groups: Iterable[str],
                 tables: Iterable[str] | None = None) -> dict[str, set[str]]:
    """For each scoped table (or only ``tables``), the ids a device of ``groups`` holds."""
    wanted = list(groups)
    queries = _queries(wanted)
    names = queries if tables is None else [t for t in tables if t in queries]
    if not wanted:
        return {t: set() for t in names}
    connection = session.connection()
    return {t: _ids(connection.execute(queries[t])) for t in names}


def _ids(result: CursorResult[Any]) -> set[str]:
    """The ids as the driver returns them: plain text, which needs none of SQLAlchemy's
    per-row processing (a pull part reads every id of its device's groups)."""
    try:
        return set(map(itemgetter(0), result.cursor.fetchall()))
    finally:
        result.close()


def visible_select(groups: Iterable[str]) -> Select[Any]:
    """``visible_rows`` as one query of (``tbl``, ``id``): the PostgreSQL export joins it."""
    queries = _queries(sorted(set(groups)))
    return union_all(*[select(literal(t, String).label("tbl"),
                              q.subquery().c[0].label("id")) for t, q in queries.items()])


_COMPILED: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}


def _visible_sql(groups: tuple[str, ...], dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """``visible_select`` compiled (each pull part asks again; compiling takes 10-20 ms).
    Kept by what the SQL depends on, not by the dialect object: an engine made again (a
    restarted pool, each of the tests' and bench's servers) finds it too, and no old
    engine's dialect is kept alive by the cache."""
    key = (groups, type(dialect), dialect.paramstyle, dialect.server_version_info,
           dialect.label_length, dialect.max_identifier_length)
    found = _COMPILED.get(key)
    if found is None:
        compiled = visible_select(groups).compile(
            dialect=dialect, compile_kwargs={"render_postcompile": True})
        if len(_COMPILED) >= 256:
            _COMPILED.clear()
        found = _COMPILED[key] = (str(compiled), dict(compiled.params))
    return found


def change_filter(groups: Iterable[str]) -> RowScope:
    """A filter for ``export_bundle_data(only=…)``: whether a change is within these
    groups, answered in SQL by the PostgreSQL export (``visible_select``), else here
    (the ids of each table the changes touch are read once)."""
    fixed = tuple(sorted(set(groups)))
    return RowScope(keeps=_keeps(list(fixed)), everyone=EVERYONE,
                    visible=lambda dialect: _visible_sql(fixed, dialect))


def _keeps(fixed: list[str]) -> Callable[[OrmSession, list[dict[str, Any]]],
                                         Callable[[dict[str, Any]], bool]]:

    def keeps(session: OrmSession, changes: list[dict[str, Any]]
              ) -> Callable[[dict[str, Any]], bool]:
        tables = set(map(itemgetter("tbl"), changes)) - EVERYONE - NO_ONE
        rows: dict[str, Container[str]] = dict(visible_rows(session, fixed, tables))
        for name in EVERYONE:
            rows[name] = ALL
        nothing: frozenset[str] = frozenset()

        def kept(change: dict[str, Any]) -> bool:
            return change["row_id"] in rows.get(change["tbl"], nothing)

        return kept

    return keeps


class _All(frozenset[str]):
    """Holds every id (the tables every device receives)."""

    def __contains__(self, item: object) -> bool:
        return True


ALL = _All()
