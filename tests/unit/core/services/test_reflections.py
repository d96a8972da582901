"""Writing a reflection after a session: shared with the group, or sealed to its author,
and a warning before anything that looks like a patient identifier is saved."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pyrage
import pytest
from sqlalchemy import select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Change, Member, Visibility
from clinicapp.core.rules.identifiers import IdentifierWarning
from clinicapp.core.services import attendance, groups, members, reflections, sessions

START = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)
TEXTS = {"what": "Deprescribing needs a plan shared with the pharmacist.",
         "so_what": "We rarely review PPIs.", "now_what": "Review PPIs at each annual visit.",
         "barriers": "Time.", "supports_needed": "An EMR search for long-term PPI use."}


@pytest.fixture
def session_and_member(db):
    group = groups.create(db, "Nelson small group")
    person = members.create(db, "Maria Lopez")
    members.add_to_group(db, group.id, person.id)
    row = sessions.plan(db, group.id, "Deprescribing", START)
    sessions.start(db, row.id, at=START)
    attendance.check_in(db, row.id, person.id, at=START)
    return row, person


def test_only_someone_who_attended_writes_a_reflection(db, session_and_member):
    row, _person = session_and_member
    stranger = members.create(db, "Olu Adeyemi")
    with pytest.raises(ValidationError) as refused:
        reflections.save(db, row.id, stranger.id, what="I was not there", visibility="group")
    assert refused.value.field == "member_id" and "did not attend" in str(refused.value)
    absent = members.create(db, "Kim Park")
    members.add_to_group(db, row.group_id, absent.id)
    attendance.mark_absent(db, row.id, absent.id)
    with pytest.raises(ValidationError):
        reflections.save(db, row.id, absent.id, what="Absent", visibility="group")
    assert reflections.list_for_session(db, row.id) == []


def give_journal(db, member_id: str) -> pyrage.x25519.Identity:
    ident = pyrage.x25519.Identity.generate()
    with db.write() as s:
        s.get(Member, member_id).journal_recipient = str(ident.to_public())
    return ident


def test_a_group_reflection_stores_its_text_for_the_group(db, session_and_member):
    row, person = session_and_member
    saved = reflections.save(db, row.id, person.id, visibility="group",
                             **{k: f"  {v} " for k, v in TEXTS.items()})
    stored = reflections.get(db, saved.id)
    assert stored.visibility is Visibility.GROUP
    assert {k: getattr(stored, k) for k in TEXTS} == TEXTS  # trimmed
    assert stored.sealed == ""
    assert stored.identifier_warning_kept is False
    assert [r.id for r in reflections.list_for_session(db, row.id)] == [saved.id]
    assert [r.id for r in reflections.list_for_member(db, person.id)] == [saved.id]
    with db.read() as session:
        fields = set(session.scalars(select(Change.field).where(
            Change.tbl == "reflections", Change.row_id == saved.id)))
    assert {"what", "so_what", "visibility"} <= fields


def test_saving_again_replaces_the_one_reflection_of_that_person(db, session_and_member):
    row, person = session_and_member
    first = reflections.save(db, row.id, person.id, what="Draft", visibility="group")
    second = reflections.save(db, row.id, person.id, what="Final words", visibility="group")
    assert second.id == first.id
    assert [r.what for r in reflections.list_for_session(db, row.id)] == ["Final words"]


@pytest.mark.parametrize(("text", "reason"), [
    ("Her PHN 9876 543 210 was on the chart.", "health number"),
    ("Born 1956-03-14, she had never been screened.", "full date"),
    ("Seen on March 14, 1956 by the locum.", "full date"),
    ("Mrs. Smith asked about tapering.", "title and a name"),
    ("She lives at 42 Baker Street near the clinic.", "street address"),
])
def test_text_that_looks_like_a_patient_identifier_is_not_saved_without_consent(
        db, session_and_member, text, reason):
    row, person = session_and_member
    with pytest.raises(IdentifierWarning) as warning:
        reflections.save(db, row.id, person.id, so_what=text, visibility="group")
    assert warning.value.field == "so_what"
    assert reason in warning.value.findings[0].reason
    assert warning.value.findings[0].text in text
    assert reason in str(warning.value)
    assert reflections.list_for_session(db, row.id) == []


def test_the_author_may_keep_the_text_and_that_choice_is_recorded(db, session_and_member):
    row, person = session_and_member
    saved = reflections.save(db, row.id, person.id, what="Mrs. Smith asked about tapering.",
                             visibility="group", keep_despite_warning=True)
    stored = reflections.get(db, saved.id)
    assert stored.what == "Mrs. Smith asked about tapering."
    assert stored.identifier_warning_kept is True
    reworded = reflections.save(db, row.id, person.id, what="A patient asked about tapering.",
                                visibility="group", keep_despite_warning=True)
    assert reflections.get(db, reworded.id).identifier_warning_kept is False


def test_a_private_reflection_needs_the_authors_journal(db, session_and_member):
    row, person = session_and_member
    with pytest.raises(ValidationError) as err:
        reflections.save(db, row.id, person.id, **TEXTS)  # private is the default
    assert err.value.field == "visibility"
    assert "Maria Lopez has no private journal" in str(err.value)
    assert reflections.list_for_session(db, row.id) == []


def test_a_private_reflection_is_stored_only_sealed_to_its_author(db, session_and_member):
    row, person = session_and_member
    ident = give_journal(db, person.id)
    saved = reflections.save(db, row.id, person.id, visibility="private", **TEXTS)
    stored = reflections.get(db, saved.id)
    assert stored.visibility is Visibility.PRIVATE
    assert all(getattr(stored, k) == "" for k in TEXTS)
    opened = pyrage.decrypt(base64.b64decode(stored.sealed), [ident])
    assert json.loads(opened.decode("utf-8")) == TEXTS
    other = pyrage.x25519.Identity.generate()
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(base64.b64decode(stored.sealed), [other])
    with db.read() as session:  # nothing readable reaches the sync log either
        values = session.scalars(select(Change.value).where(
            Change.tbl == "reflections", Change.row_id == saved.id)).all()
    assert values and not any("pharmacist" in v or "PPI" in v for v in values)


def test_sharing_a_private_reflection_later_clears_the_sealed_copy(db, session_and_member):
    row, person = session_and_member
    give_journal(db, person.id)
    reflections.save(db, row.id, person.id, what="Private first")
    shared = reflections.save(db, row.id, person.id, what="Now shared", visibility="group")
    stored = reflections.get(db, shared.id)
    assert (stored.sealed, stored.what, stored.visibility) == ("", "Now shared",
                                                               Visibility.GROUP)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({}, "what"),  # nothing written
    ({"what": "   "}, "what"),
    ({"what": "ok", "barriers": "b" * 10_001}, "barriers"),
    ({"what": "ok", "visibility": "everyone"}, "visibility"),
])
def test_a_reflection_breaking_a_rule_is_refused(db, session_and_member, kwargs, field):
    row, person = session_and_member
    kwargs.setdefault("visibility", "group")
    with pytest.raises(ValidationError) as err:
        reflections.save(db, row.id, person.id, **kwargs)
    assert err.value.field == field


def test_no_reflection_on_a_cancelled_session_or_for_someone_unknown(db, session_and_member):
    row, person = session_and_member
    with pytest.raises(NotFoundError):
        reflections.save(db, row.id, "nobody", what="x", visibility="group")
    cancelled = sessions.plan(db, row.group_id, "Called off", START)
    sessions.cancel(db, cancelled.id)
    with pytest.raises(ValidationError) as err:
        reflections.save(db, cancelled.id, person.id, what="x", visibility="group")
    assert err.value.field == "session_id"


def test_a_deleted_reflection_keeps_no_text(db, session_and_member):
    row, person = session_and_member
    saved = reflections.save(db, row.id, person.id, what="To be removed", visibility="group")
    reflections.delete(db, saved.id)
    with pytest.raises(NotFoundError):
        reflections.get(db, saved.id)
    assert reflections.list_for_member(db, person.id) == []
    again = reflections.save(db, row.id, person.id, what="Written again", visibility="group")
    assert reflections.get(db, again.id).what == "Written again"
