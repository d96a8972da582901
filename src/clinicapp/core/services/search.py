"""Search across the records: sessions and shared reflections through SQLite FTS5
(prefix matching, ranked, LIMIT in SQL), members by name, groups by name, division or
region, and action-item progress notes by substring. On PostgreSQL (the central server)
everything falls back to ILIKE.

Private reflections are never searched here: their plain columns are empty and their text
is sealed. ``search_private`` filters a journal that its author has already opened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import String, and_, cast, func, or_, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.elements import ColumnElement

from clinicapp.core.models import (
    ActionItem,
    Group,
    Member,
    ProgressNote,
    Reflection,
    Session,
    Visibility,
)
from clinicapp.core.rules.names import by_name, fold
from clinicapp.core.storage.db import Database

REFLECTION_FIELDS = ("what", "so_what", "now_what", "barriers", "supports_needed")
RANK_WINDOW = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
E = TypeVar("E")


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, which row, and what to show."""

    kind: str  # "group" | "member" | "session" | "reflection" | "note"
    row_id: str
    title: str
    snippet: str
    session_id: str | None = None  # sessions and reflections: the session to open
    item_id: str | None = None  # progress notes: the action item to open


def terms_of(text_: str) -> list[str]:
    """The words of what was typed; punctuation, quotes and operators are not syntax."""
    return [t for t in _WORD.findall(fold(text_)) if t.strip("_")][:12]


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 query where every term is a quoted prefix, all required: user input can
    never be read as FTS5 syntax (OR, NEAR, -, *, column filters)."""
    return " ".join(f'"{term}"*' for term in terms)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _short(value: str, length: int = 80) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= length else one_line[: length - 1] + "…"


def _around(value: str, terms: Sequence[str], width: int = 120) -> str:
    """A snippet of ``value`` around the first term found."""
    one_line = " ".join(value.split())
    folded = fold(one_line)
    positions = [folded.find(t) for t in terms if folded.find(t) >= 0]
    start = max(0, min(positions, default=0) - width // 3)
    piece = one_line[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(one_line) else "")


def _matches_all(column: Any, terms: Sequence[str], sqlite: bool) -> ColumnElement[bool]:
    if sqlite:
        folded = func.clinicapp_fold(column)
        return and_(*(folded.like(_like_pattern(t), escape="\\") for t in terms))
    return and_(*(column.ilike(_like_pattern(t), escape="\\") for t in terms))


# --- the kinds of hits -----------------------------------------------------------------

def _groups(session: OrmSession, terms: Sequence[str], limit: int, sqlite: bool) -> list[Hit]:
    rows = session.execute(
        select(Group.id, Group.name, Group.kind, Group.division)
        .where(Group.deleted_at.is_(None),
               _matches_all(Group.name + " " + Group.division + " " + Group.region, terms,
                            sqlite))
        .order_by(*by_name(Group.name, "sqlite" if sqlite else "other"),
                  Group.id).limit(limit)).all()
    return [Hit("group", gid, name, " · ".join(p for p in (kind.value.replace("_", " "),
                                                           division) if p))
            for gid, name, kind, division in rows]


def _members(session: OrmSession, terms: Sequence[str], limit: int, sqlite: bool) -> list[Hit]:
    rows = session.execute(
        select(Member.id, Member.full_name, Member.role, Member.profession_detail)
        .where(Member.deleted_at.is_(None), _matches_all(Member.full_name, terms, sqlite))
        .order_by(*by_name(Member.full_name, "sqlite" if sqlite else "other"),
                  Member.id).limit(limit)).all()
    return [Hit("member", mid, name, " · ".join(p for p in (role.value.replace("_", " "),
                                                            detail) if p))
            for mid, name, role, detail in rows]


def _notes(session: OrmSession, terms: Sequence[str], limit: int, sqlite: bool) -> list[Hit]:
    rows = session.execute(
        select(ProgressNote.id, ProgressNote.text, ProgressNote.noted_on, ActionItem.id,
               ActionItem.action)
        .join(ActionItem, ActionItem.id == ProgressNote.item_id)
        .where(ProgressNote.deleted_at.is_(None), ActionItem.deleted_at.is_(None),
               _matches_all(ProgressNote.text, terms, sqlite))
        .order_by(ProgressNote.noted_on.desc()).limit(limit)).all()
    return [Hit("note", nid, _short(action), f"{noted_on.isoformat()}: {_around(body, terms)}",
                item_id=item_id)
            for nid, body, noted_on, item_id, action in rows]


def _ranked_window(fts: str) -> str:
    """Rank (bm25) only the newest ``RANK_WINDOW`` matches: FTS5 walks its index in rowid
    order and stops, so a common word over 100,000 sessions costs milliseconds instead of
    ranking every match. Rowids grow with insertion, so this favours recent records."""
    return (f"(SELECT rowid AS rid, rank AS score FROM {fts} WHERE {fts} MATCH :q "
            f"ORDER BY rowid DESC LIMIT {RANK_WINDOW})")


def _clean_objectives(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value or "")


def _sessions_fts(session: OrmSession, terms: Sequence[str], limit: int) -> list[Hit]:
    rows = session.execute(text(
        "SELECT s.id, s.title, s.objectives, s.notes, s.location "
        f"FROM {_ranked_window('sessions_fts')} m JOIN sessions s ON s.rowid = m.rid "
        "WHERE s.deleted_at IS NULL ORDER BY m.score, m.rid DESC LIMIT :limit"),
        {"q": fts_query(terms), "limit": limit}).all()
    hits = []
    for sid, title, objectives, notes, location in rows:
        if isinstance(objectives, str):  # raw SQL: the JSON column arrives as text
            objectives = json.loads(objectives or "[]")
        body = " · ".join(p for p in (notes, _clean_objectives(objectives), location) if p)
        hits.append(Hit("session", sid, title, _around(body, terms) if body else "",
                        session_id=sid))
    return hits


def _reflections_fts(session: OrmSession, terms: Sequence[str], limit: int) -> list[Hit]:
    fields = ", ".join(f"r.{f}" for f in REFLECTION_FIELDS)
    # Rank and cut first, then look up names for the few rows shown: joining sessions and
    # members for every match in the window costs more than the search itself. A small
    # margin covers reflections whose session was deleted (dropped by the outer filter).
    rows = session.execute(text(
        f"SELECT r.id, r.session_id, m.full_name, s.title, {fields} FROM ("
        f"SELECT r.rowid AS rrid, w.score AS score, w.rid AS wrid "
        f"FROM {_ranked_window('reflections_fts')} w "
        "JOIN reflections r ON r.rowid = w.rid "
        "WHERE r.deleted_at IS NULL AND r.visibility = :group "
        "ORDER BY w.score, w.rid DESC LIMIT :window) top "
        "JOIN reflections r ON r.rowid = top.rrid "
        "JOIN sessions s ON s.id = r.session_id JOIN members m ON m.id = r.member_id "
        "WHERE s.deleted_at IS NULL ORDER BY top.score, top.wrid DESC LIMIT :limit"),
        {"q": fts_query(terms), "limit": limit, "window": limit + 25,
         "group": Visibility.GROUP.value}).all()
    return [Hit("reflection", rid, f"{name} on {title}",
                _around(" · ".join(t for t in texts if t), terms), session_id=sid)
            for rid, sid, name, title, *texts in rows]


def _sessions_like(session: OrmSession, terms: Sequence[str], limit: int) -> list[Hit]:
    columns = (Session.title, cast(Session.objectives, String), Session.notes, Session.location)
    rows = session.execute(
        select(Session.id, Session.title, Session.notes)
        .where(Session.deleted_at.is_(None),
               and_(*(or_(*(c.ilike(_like_pattern(t), escape="\\") for c in columns))
                      for t in terms)))
        .order_by(Session.scheduled_start.desc()).limit(limit)).all()
    return [Hit("session", sid, title, _around(notes, terms), session_id=sid)
            for sid, title, notes in rows]


def _reflections_like(session: OrmSession, terms: Sequence[str], limit: int) -> list[Hit]:
    columns = [getattr(Reflection, f) for f in REFLECTION_FIELDS]
    rows = session.execute(
        select(Reflection, Member.full_name, Session.title)
        .join(Session, Session.id == Reflection.session_id)
        .join(Member, Member.id == Reflection.member_id)
        .where(Reflection.deleted_at.is_(None), Session.deleted_at.is_(None),
               Reflection.visibility == Visibility.GROUP,
               and_(*(or_(*(c.ilike(_like_pattern(t), escape="\\") for c in columns))
                      for t in terms)))
        .order_by(Reflection.created_at.desc()).limit(limit)).all()
    hits = []
    for refl, name, title in rows:
        body = " ".join(getattr(refl, f) for f in REFLECTION_FIELDS if getattr(refl, f))
        hits.append(Hit("reflection", refl.id, f"{name} on {title}", _around(body, terms),
                        session_id=refl.session_id))
    return hits


def _reflections(session: OrmSession, terms: Sequence[str], limit: int,
                 sqlite: bool) -> list[Hit]:
    """Shared reflections: full-text on SQLite, ILIKE elsewhere (the server)."""
    if sqlite:
        return _reflections_fts(session, terms, limit)
    return _reflections_like(session, terms, limit)


# --- entry points ----------------------------------------------------------------------

def search(db: Database, text_: str, limit: int = 50) -> list[Hit]:
    """Everything that matches every word typed (as a word prefix for full-text kinds):
    groups and members first, then sessions and shared reflections by relevance, then
    progress notes; at most ``limit`` hits."""
    terms = terms_of(text_)
    if not terms or limit <= 0:
        return []
    hits: list[Hit] = []
    with db.read() as session:
        # (Every SQLite connection carries clinicapp_fold from when it opens.)
        sqlite = session.get_bind().dialect.name == "sqlite"
        searches: list[Callable[[int], list[Hit]]] = [
            lambda n: _groups(session, terms, n, sqlite),
            lambda n: _members(session, terms, n, sqlite),
            (lambda n: _sessions_fts(session, terms, n)) if sqlite
            else (lambda n: _sessions_like(session, terms, n)),
            lambda n: _reflections(session, terms, n, sqlite),
            lambda n: _notes(session, terms, n, sqlite),
        ]
        for run in searches:
            remaining = limit - len(hits)
            if remaining <= 0:
                break
            hits.extend(run(remaining))
    return hits


def search_reflections(db: Database, text_: str, limit: int = 50) -> list[Hit]:
    """Shared reflections only, best match first (the Reflections kind of ``search``)."""
    terms = terms_of(text_)
    if not terms or limit <= 0:
        return []
    with db.read() as session:
        return _reflections(session, terms, limit, session.get_bind().dialect.name == "sqlite")


def search_like(db: Database, text_: str, limit: int = 50) -> list[Hit]:
    """The portable (ILIKE) search the server uses; exposed so it is tested everywhere.
    ILIKE folds case but not accents (PostgreSQL would need its unaccent extension)."""
    terms = terms_of(text_)
    if not terms or limit <= 0:
        return []
    with db.read() as session:
        hits = _groups(session, terms, limit, False) + _members(session, terms, limit, False)
        hits += _sessions_like(session, terms, limit) + _reflections_like(session, terms, limit)
        hits += _notes(session, terms, limit, False)
    return hits[:limit]


def _entry_text(entry: Any) -> str:
    if isinstance(entry, Mapping):
        return " ".join(str(entry.get(f) or "") for f in REFLECTION_FIELDS)
    return " ".join(str(getattr(entry, f, "") or "") for f in REFLECTION_FIELDS)


def search_private(journal_entries: Iterable[E], text_: str) -> list[E]:
    """The opened journal's entries (decrypted in memory, objects or mappings with the
    reflection fields) that contain every word typed, in their given order. Nothing is
    written or indexed, so private text never reaches the database's search index."""
    terms = terms_of(text_)
    entries = list(journal_entries)
    if not terms:
        return entries
    return [e for e in entries if all(t in fold(_entry_text(e)) for t in terms)]
