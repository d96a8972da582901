"""Rows of the Reflections & commitments page, each with the names it shows, built in the
background fetch of its page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from clinicapp.core.errors import NotFoundError
from clinicapp.core.models import PracticeCommitment, Reflection, Stance
from clinicapp.core.services import commitments, reflections, sessions
from clinicapp.core.services._common import Page
from clinicapp.core.storage.db import Database
from clinicapp.ui.models.lookups import member_names

Fetch = Callable[[int, int], Page[Any]]


@dataclass(frozen=True)
class ReflectionRow:
    reflection: Reflection
    session_title: str
    session_date: date | None


@dataclass(frozen=True)
class CommitmentRow:
    commitment: PracticeCommitment
    member_name: str
    session_title: str
    overdue: bool
    private: bool = False  # its author did not share it: show only that it exists


def session_titles(db: Database, ids: Iterable[str | None]) -> dict[str, tuple[str, date]]:
    """Title and local date of each of these sessions."""
    found: dict[str, tuple[str, date]] = {}
    for session_id in {i for i in ids if i}:
        try:
            session = sessions.get(db, session_id)
        except NotFoundError:
            continue
        found[session_id] = (session.title, session.scheduled_start.astimezone().date())
    return found


def is_due(commitment: PracticeCommitment, as_of: date) -> bool:
    return (commitment.followup_outcome is None and commitment.followup_due is not None
            and commitment.followup_due <= as_of and commitment.stance != Stance.WILL_NOT)


def _as_list(result: Any) -> list[Any]:
    return list(result.items) if isinstance(result, Page) else list(result)


def _commitment_rows(db: Database, items: list[PracticeCommitment],
                     as_of: date) -> list[CommitmentRow]:
    names = member_names(db, (c.member_id for c in items))
    titles = session_titles(db, (c.session_id for c in items))
    private = commitments.private_ids(db, (c.id for c in items))
    return [CommitmentRow(c, names.get(c.member_id, ""),
                          titles.get(c.session_id or "", ("", None))[0],
                          is_due(c, as_of) and c.followup_due is not None
                          and c.followup_due < as_of, c.id in private)
            for c in items]


def due_fetch(db: Database, as_of: date) -> Fetch:
    """Commitments due for follow-up across all members, a page at a time."""

    def fetch(offset: int, limit: int) -> Page[CommitmentRow]:
        page = commitments.due_for_followup(db, as_of, offset=offset, limit=limit)
        return Page(items=_commitment_rows(db, list(page.items), as_of), offset=offset,
                    total=page.total)

    return fetch


def commitments_fetch(db: Database, member_id: str, as_of: date, due_only: bool) -> Fetch:
    def fetch(offset: int, limit: int) -> Page[CommitmentRow]:
        # One person's commitments: a few a year, so the service returns them all.
        items = _as_list(commitments.list_for_member(db, member_id))
        if due_only:
            items = [c for c in items if is_due(c, as_of)]
        chunk = items[offset:offset + limit]
        return Page(items=_commitment_rows(db, chunk, as_of), offset=offset,
                    total=len(items))

    return fetch


def reflections_fetch(db: Database, member_id: str) -> Fetch:
    def fetch(offset: int, limit: int) -> Page[ReflectionRow]:
        items = _as_list(reflections.list_for_member(db, member_id))
        chunk = items[offset:offset + limit]
        titles = session_titles(db, (r.session_id for r in chunk))
        rows = [ReflectionRow(r, *titles.get(r.session_id, ("", None))) for r in chunk]
        return Page(items=rows, offset=offset, total=len(items))

    return fetch
