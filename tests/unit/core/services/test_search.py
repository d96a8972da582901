"""Typing a few letters finds sessions, shared reflections, people, groups and progress
notes; never a private reflection, never a deleted record, never a syntax error."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from clinicapp.core.models import Session, Visibility
from clinicapp.core.services import action_plans, groups, search
from tests.unit.core.services import builders


@pytest.fixture
def clinic(db):
    group = groups.create(db, "Kootenay Boundary learning circle", division="Kootenay Boundary")
    emilie = builders.member(db, "Émilie Tremblay", group.id)
    huddles = builders.learning_session(
        db, group.id, "Team-based care and huddles", notes="We tried a whiteboard huddle.",
        objectives=("Run a ten-minute daily huddle",))
    access = builders.learning_session(db, group.id, "Advanced access",
                                       notes="Third-next-available measured weekly.")
    shared = builders.reflection(db, huddles.id, emilie.id,
                                 "Huddles prevent interruptions later")
    return {"group": group, "emilie": emilie, "huddles": huddles, "access": access,
            "shared": shared}


def kinds_and_ids(hits):
    return [(h.kind, h.row_id) for h in hits]


def test_a_word_prefix_finds_sessions_and_shared_reflections(db, clinic):
    hits = search.search(db, "hudd")
    assert ("session", clinic["huddles"].id) in kinds_and_ids(hits)
    reflection = next(h for h in hits if h.kind == "reflection")
    assert reflection.row_id == clinic["shared"].id
    assert reflection.session_id == clinic["huddles"].id
    assert reflection.title == "Émilie Tremblay on Team-based care and huddles"
    assert "interruptions" in reflection.snippet
    assert ("session", clinic["access"].id) not in kinds_and_ids(hits)


def test_every_word_must_match(db, clinic):
    assert kinds_and_ids(search.search(db, "third weekly")) == [("session", clinic["access"].id)]
    assert search.search(db, "third huddle") == []


def test_people_and_groups_match_without_case_or_accents(db, clinic):
    assert ("member", clinic["emilie"].id) in kinds_and_ids(search.search(db, "EMILIE trem"))
    hits = search.search(db, "kootenay")
    assert hits[0].kind == "group" and hits[0].row_id == clinic["group"].id
    assert "small group" in hits[0].snippet


@pytest.mark.parametrize("typed", ['"', "huddle\"", "-huddle", "*", "huddle OR", "NEAR(a b)",
                                   "title:huddle", "a AND", "(", "'; drop table sessions;--",
                                   "  ", "_", "%"])
def test_what_people_type_is_never_query_syntax(db, clinic, typed):
    hits = search.search(db, typed)  # must not raise
    assert all(h.kind in {"session", "reflection", "member", "group", "note"} for h in hits)


def test_operators_are_plain_words(db, clinic):
    # "OR" is a word that must also match, not the FTS5 operator: nothing has it.
    assert search.search(db, "huddle OR access") == []
    assert search.search(db, "%") == []  # not a LIKE wildcard either


def test_private_reflections_are_never_found(db, clinic):
    # Even a private row whose plain columns were wrongly filled stays out of search.
    builders.reflection(db, clinic["access"].id, clinic["emilie"].id,
                        "private backlog worries", visibility=Visibility.PRIVATE,
                        sealed="-----BEGIN AGE ENCRYPTED FILE-----")
    assert search.search(db, "backlog") == []
    assert search.search_like(db, "backlog") == []


def test_deleted_records_are_not_found_and_edits_are_indexed(db, clinic):
    with db.write() as session:
        row = session.get(Session, clinic["access"].id)
        row.notes = "Booking template redesigned"
    assert search.search(db, "third") == []
    assert kinds_and_ids(search.search(db, "redesig")) == [("session", clinic["access"].id)]

    groups.delete(db, clinic["group"].id)
    with db.write() as session:
        from clinicapp.core.sync.clock import utcnow

        session.get(Session, clinic["huddles"].id).deleted_at = utcnow()
    kinds = {h.kind for h in search.search(db, "hudd")}
    assert kinds == set()  # the session and the reflection on it are gone
    assert search.search(db, "kootenay") == []


def test_progress_notes_are_found_by_any_part_of_a_word(db, clinic):
    plan = action_plans.create_plan(db, clinic["group"].id, "Access plan")
    item = action_plans.add_item(db, plan.id, "Measure third-next-available weekly")
    note = action_plans.add_progress_note(db, item.id, "Vendor finally enabled the report")
    hits = search.search(db, "ENABLED rep")
    assert kinds_and_ids(hits) == [("note", note.id)]
    assert hits[0].item_id == item.id
    assert hits[0].title == "Measure third-next-available weekly"


def test_the_limit_applies_to_all_kinds_together(db, clinic):
    for n in range(5):
        builders.learning_session(db, clinic["group"].id, f"Huddle practice {n}")
    assert len(search.search(db, "huddle", limit=3)) == 3
    assert search.search(db, "huddle", limit=0) == []


def test_the_portable_search_used_on_postgresql_finds_the_same_records(db, clinic):
    fts = {(h.kind, h.row_id) for h in search.search(db, "huddle")}
    portable = {(h.kind, h.row_id) for h in search.search_like(db, "huddle")}
    assert portable == fts
    assert {h.kind for h in search.search_like(db, "TREMBLAY")} == {"member"}


@dataclass
class Entry:
    what: str
    so_what: str = ""
    now_what: str = ""
    barriers: str = ""
    supports_needed: str = ""


def test_an_open_journal_is_filtered_in_memory():
    journal = [Entry("Felt rushed in clinic", now_what="Block admin time"),
               Entry("Résumé of the module"),
               {"what": "Mapping", "barriers": "Locum coverage", "so_what": None}]
    assert search.search_private(journal, "admin") == [journal[0]]
    assert search.search_private(journal, "resume") == [journal[1]]
    assert search.search_private(journal, "LOCUM cov") == [journal[2]]
    assert search.search_private(journal, "") == journal
    assert search.search_private(journal, "admin locum") == []
