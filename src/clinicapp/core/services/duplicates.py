"""Possible duplicates (the same person entered at two clinics, the same topic twice) and
their merge, which syncs as a ``RecordMerge`` every replica applies the same way.

- Members are possible duplicates with the same e-mail or licence number, or the same
  normalised name and role while they share a group; topics with the same normalised
  title. A pair once merged and then unmerged is taken to be two different records.
- Merging moves everything that points at the record merged away to the one kept
  (attendance, reflections, commitments, memberships, evaluations, support requests,
  action items and notes; sessions for topics) and tombstones it. Rows with ids derived
  from (session or group, member) are re-made under the kept member's derived id, so
  every replica names them alike; where the kept member already has one, theirs stays.
- Changes that arrive later for the merged-away id are moved the same way by whichever
  replica receives them (``follow``): every replica writes the same values, so they
  converge without conflicts.
- A merge is audited and can be undone: ``moved`` lists what it changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import (
    ActionItem,
    Attendance,
    Member,
    Membership,
    PracticeCommitment,
    ProgressNote,
    RecordMerge,
    Reflection,
    ReplicaState,
    Session,
    SessionEvaluation,
    SupportRequest,
    Synced,
    Topic,
)
from clinicapp.core.models.ids import stable_id
from clinicapp.core.services import audit
from clinicapp.core.services._common import get_live
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.clock import utcnow

# What points at a member or a topic, by column (derived-id tables are handled apart).
MEMBER_REFS: tuple[tuple[type[Synced], str], ...] = (
    (PracticeCommitment, "member_id"),
    (SessionEvaluation, "member_id"), (SupportRequest, "member_id"),
    (ActionItem, "owner_id"), (ProgressNote, "author_id"))
TOPIC_REFS: tuple[tuple[type[Synced], str], ...] = ((Session, "topic_id"),)
# Derived-id tables: (model, the other key column, id kind, columns copied across)
DERIVED = (
    (Attendance, "session_id", "attendance",
     ("status", "arrived_at", "left_at", "minutes_attended", "credits",
      "certificate_number")),
    (Membership, "group_id", "membership", ("is_facilitator", "joined_on", "left_on")),
    (Reflection, "session_id", "reflection",
     ("visibility", "what", "so_what", "now_what", "barriers", "supports_needed", "sealed",
      "identifier_warning_kept")),
)
TITLES = re.compile(r"^(dr|mr|mrs|ms|mx|prof|docteur|dre?)\.?\s+")


def normalise(text: str) -> str:
    """Case, accents, punctuation, titles and spacing removed: "Dr. Zoë  Tremblay-Roy"
    and "zoe tremblay roy" are the same."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^a-z0-9]+", " ", plain.casefold()).strip()
    return TITLES.sub("", plain + " ").strip() if TITLES.match(plain + " ") else plain


def _licence(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


@dataclass(frozen=True)
class PossibleDuplicate:
    kind: str  # member, topic
    first_id: str  # the older record (kept by default)
    second_id: str
    first_name: str
    second_name: str
    reasons: tuple[str, ...]  # "same e-mail", "same licence number", ...


@dataclass(frozen=True)
class MergeResult:
    merge_id: str
    kind: str
    kept_id: str
    merged_id: str
    moved: dict[str, int]  # table: rows moved


def _undone_pairs(session: OrmSession) -> set[frozenset[str]]:
    return {frozenset((m.kept_id, m.merged_id)) for m in session.scalars(
        select(RecordMerge).where(RecordMerge.undone_at.is_not(None)))}


def _pairs(keyed: dict[str, list[str]], reason: str,
           out: dict[tuple[str, str], list[str]]) -> None:
    for ids in keyed.values():
        ordered = sorted(set(ids))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                out.setdefault((a, b), []).append(reason)


def find_members(session: OrmSession) -> list[PossibleDuplicate]:
    people = {m.id: m for m in session.scalars(select(Member).where(
        Member.deleted_at.is_(None)))}
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group_id, member_id in session.execute(select(
            Membership.group_id, Membership.member_id).where(
            Membership.deleted_at.is_(None))):
        groups_of[member_id].add(group_id)
    by_email: dict[str, list[str]] = defaultdict(list)
    by_licence: dict[str, list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    for m in people.values():
        if m.email.strip():
            by_email[m.email.strip().casefold()].append(m.id)
        if _licence(m.licence_number):
            by_licence[_licence(m.licence_number)].append(m.id)
        by_name[f"{normalise(m.full_name)}\x1f{m.role}"].append(m.id)
    found: dict[tuple[str, str], list[str]] = {}
    _pairs(by_email, "same e-mail", found)
    _pairs(by_licence, "same licence number", found)
    named: dict[tuple[str, str], list[str]] = {}
    _pairs(by_name, "same name and role in a shared group", named)
    for (a, b), reasons in named.items():
        if groups_of[a] & groups_of[b]:
            found.setdefault((a, b), []).extend(reasons)
    return _listed(found, people, "member", session, lambda m: m.full_name)


def find_topics(session: OrmSession) -> list[PossibleDuplicate]:
    topics = {t.id: t for t in session.scalars(select(Topic).where(
        Topic.deleted_at.is_(None)))}
    by_title: dict[str, list[str]] = defaultdict(list)
    for t in topics.values():
        by_title[normalise(t.title)].append(t.id)
    found: dict[tuple[str, str], list[str]] = {}
    _pairs(by_title, "same title", found)
    return _listed(found, topics, "topic", session, lambda t: t.title)


def _listed(found: dict[tuple[str, str], list[str]], rows: dict[str, Any], kind: str,
            session: OrmSession, name: Any) -> list[PossibleDuplicate]:
    undone = _undone_pairs(session)
    out = []
    for a, b in sorted(found):
        if frozenset((a, b)) in undone:
            continue
        first, second = sorted((rows[a], rows[b]), key=lambda r: (r.created_at, r.id))
        out.append(PossibleDuplicate(kind, first.id, second.id, name(first), name(second),
                                     tuple(found[(a, b)])))
    return out


def find(db: Database) -> list[PossibleDuplicate]:
    """Every possible duplicate, members then topics."""
    with db.read() as session:
        return find_members(session) + find_topics(session)


def duplicate_ids(session: OrmSession) -> list[tuple[str, str]]:
    """The pairs of ids (members and topics), for reports."""
    return [(d.first_id, d.second_id) for d in find_members(session) + find_topics(session)]


# --- merging ----------------------------------------------------------------------------


def _move(session: OrmSession, kind: str, kept_id: str, merged_id: str, when: datetime,
          counts: dict[str, int]) -> list[str]:
    """Point everything at ``merged_id`` to ``kept_id``; the list of what changed.
    Tombstones carry the merge's own time, so replicas that apply it agree."""
    moved: list[str] = []
    refs = MEMBER_REFS if kind == "member" else TOPIC_REFS
    for model, column in refs:
        tbl = model.__tablename__  # type: ignore[attr-defined]
        for row in session.scalars(select(model).where(
                getattr(model, column) == merged_id, model.deleted_at.is_(None))):
            setattr(row, column, kept_id)
            moved.append(f"{tbl}:{row.id}:{column}")
            counts[tbl] = counts.get(tbl, 0) + 1
    if kind != "member":
        return moved
    derived: Any
    for derived, other, id_kind, copied in DERIVED:
        model = derived
        tbl = model.__tablename__
        for row in session.scalars(select(model).where(
                model.member_id == merged_id, model.deleted_at.is_(None))):
            target_id = stable_id(id_kind, getattr(row, other), kept_id)
            target = session.get(model, target_id)
            if target is None:
                target = model(id=target_id, member_id=kept_id,
                               **{other: getattr(row, other)},
                               **{c: getattr(row, c) for c in copied})
                session.add(target)
                moved.append(f"{tbl}:{target_id}:created")
            elif target.deleted_at is not None:
                target.deleted_at = None
                for c in copied:
                    setattr(target, c, getattr(row, c))
                moved.append(f"{tbl}:{target_id}:revived")
            row.deleted_at = when
            moved.append(f"{tbl}:{row.id}:tombstoned")
            counts[tbl] = counts.get(tbl, 0) + 1
    return moved


def merge(db: Database, kind: str, kept_id: str, merged_id: str,
          actor: str = "") -> MergeResult:
    """Fold ``merged_id`` into ``kept_id``: one transaction, synced, audited."""
    model: Any = {"member": Member, "topic": Topic}.get(kind)
    if model is None:
        raise ValidationError("kind", "not_one_of", allowed="member, topic")
    if kept_id == merged_id:
        raise ValidationError("merged_id", "merge_into_itself")
    actor = actor or audit.default_actor()
    with db.write() as session:
        kept = get_live(session, model, kept_id, kind)
        away = get_live(session, model, merged_id, kind)
        counts: dict[str, int] = {}
        when = utcnow()
        moved = _move(session, kind, kept.id, away.id, when, counts)
        away.deleted_at = when
        moved.append(f"{model.__tablename__}:{away.id}:tombstoned")
        state = session.scalars(select(ReplicaState)).one()
        record = RecordMerge(kind=kind, kept_id=kept.id, merged_id=away.id, moved=moved,
                             merged_by=actor[:200], merged_on=state.name[:200],
                             merged_at=when)
        session.add(record)
        audit.record(session, "merge_duplicates",
                     f"{kind} {away.id} merged into {kept.id}: "
                     + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())), actor)
        session.flush()
        return MergeResult(record.id, kind, kept.id, away.id, counts)


def undo(db: Database, merge_id: str, actor: str = "") -> RecordMerge:
    """Put back what a merge moved and bring the merged-away record back."""
    actor = actor or audit.default_actor()
    with db.write() as session:
        record = get_live(session, RecordMerge, merge_id, "merge")
        if record.undone_at is not None:
            raise ValidationError("merge", "merge_already_undone")
        models: dict[str, Any] = {m.__tablename__: m for m in  # type: ignore[attr-defined]
                  (Member, Topic, Attendance, Membership, Reflection,
                   *(m for m, _ in MEMBER_REFS),
                   *(m for m, _ in TOPIC_REFS))}
        for entry in reversed(record.moved):
            tbl, row_id, how = entry.split(":")
            row = session.get(models[tbl], row_id)
            if row is None:
                continue
            if how == "tombstoned":
                row.deleted_at = None
            elif how in ("created", "revived"):
                row.deleted_at = utcnow()
            elif getattr(row, how) == record.kept_id:
                setattr(row, how, record.merged_id)
        record.undone_at = utcnow()
        record.undone_by = actor[:200]
        audit.record(session, "merge_undone", f"{record.kind} {record.merged_id} taken out "
                     f"of {record.kept_id} again", actor)
        return record


def list_merges(db: Database) -> list[RecordMerge]:
    with db.read() as session:
        return list(session.scalars(select(RecordMerge).where(
            RecordMerge.deleted_at.is_(None)).order_by(RecordMerge.merged_at)))


def _late(session: OrmSession, merges: Iterable[RecordMerge]) -> list[RecordMerge]:
    """Merges with rows that still point at their merged-away id (arrived later)."""
    waiting = []
    for m in merges:
        refs = MEMBER_REFS if m.kind == "member" else TOPIC_REFS
        derived = DERIVED if m.kind == "member" else ()
        late = any(session.scalar(select(model.id).where(
            getattr(model, column) == m.merged_id, model.deleted_at.is_(None)).limit(1))
            for model, column in (*refs, *((d[0], "member_id") for d in derived)))
        if late:
            waiting.append(m)
    return waiting


def follow(db: Database) -> int:
    """Apply every standing merge to rows that arrived since for the merged-away id
    (each replica does the same, so they agree). Returns how many rows moved."""
    with db.read() as session:
        standing = list(session.scalars(select(RecordMerge).where(
            RecordMerge.undone_at.is_(None), RecordMerge.deleted_at.is_(None))))
        if not standing or not _late(session, standing):
            return 0
    total = 0
    with db.write() as session:
        for m in _late(session, list(session.scalars(select(RecordMerge).where(
                RecordMerge.undone_at.is_(None), RecordMerge.deleted_at.is_(None))))):
            counts: dict[str, int] = {}
            when = m.merged_at or utcnow()
            _move(session, m.kind, m.kept_id, m.merged_id, when, counts)
            total += sum(counts.values())
    return total


def get_merge(db: Database, merge_id: str) -> RecordMerge:
    with db.read() as session:
        found = session.get(RecordMerge, merge_id)
        if found is None:
            raise NotFoundError("merge", merge_id)
        return found
