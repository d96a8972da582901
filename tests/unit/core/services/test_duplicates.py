"""Possible duplicates are found; a merge moves everything to the record kept, syncs as
one merge every replica applies alike (also to what arrives later), and can be undone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Attendance, AuditEntry, Member
from clinicapp.core.services import attendance, duplicates, groups, members, sessions, topics
from tests.unit.core.sync.helpers import data, exchange_all, trust_all


@pytest.fixture
def three(make_db):
    dbs = make_db("Riverside"), make_db("Hillside"), make_db("Lakes")
    trust_all(*dbs)
    return dbs


def live_members(db, name_part: str) -> list[Member]:
    return [m for m in members.list_members(db, search=name_part).items]


def held_session(db, group_id: str, title: str) -> str:
    start = datetime.now(UTC) - timedelta(hours=2)
    row = sessions.plan(db, group_id, title, start)
    sessions.start(db, row.id, at=start)
    return row.id


def attended(db, member_id: str) -> set[str]:
    with db.read() as s:
        return set(s.scalars(select(Attendance.session_id).where(
            Attendance.member_id == member_id, Attendance.deleted_at.is_(None))))


def test_names_are_compared_without_case_accents_titles_or_punctuation():
    assert duplicates.normalise("Dr. Zoë  Tremblay-Roy") == duplicates.normalise(
        "zoe tremblay roy")
    assert duplicates.normalise("Drew Smith") == "drew smith"


def test_the_same_person_entered_at_two_clinics_is_found_and_merged_everywhere(
        three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Riverside CoP")
    exchange_all(three, tmp_path)
    on_r = members.create(r, "Dr. Ana Silva", email="ana.silva@clinic.ca")
    on_h = members.create(h, "Ana Silva", email="Ana.Silva@clinic.ca")
    members.add_to_group(r, group.id, on_r.id)
    members.add_to_group(h, group.id, on_h.id)
    s1, s2 = held_session(r, group.id, "Insulin starts"), held_session(h, group.id, "Foot care")
    attendance.check_in(r, s1, on_r.id)
    attendance.check_in(h, s2, on_h.id)
    exchange_all(three, tmp_path)
    for db in three:
        [pair] = [d for d in duplicates.find(db) if d.kind == "member"]
        assert {pair.first_id, pair.second_id} == {on_r.id, on_h.id}
        assert "same e-mail" in pair.reasons
    result = duplicates.merge(lakes, "member", on_r.id, on_h.id, actor="coordinator")
    assert result.moved["attendance"] == 1 and result.moved["memberships"] == 1
    # Hillside, not yet told, checks the merged-away record into another session.
    s3 = held_session(h, group.id, "Sick days")
    attendance.check_in(h, s3, on_h.id)
    exchange_all(three, tmp_path)
    for db in three:
        assert [m.id for m in live_members(db, "Silva")] == [on_r.id]
        assert attended(db, on_r.id) == {s1, s2, s3}
        assert attended(db, on_h.id) == set()
        assert [d for d in duplicates.find(db) if d.kind == "member"] == []
        roster = {m.id for m, _ in members.roster(db, group.id)}
        assert on_r.id in roster and on_h.id not in roster
    assert data(r) == data(h) == data(lakes)
    with lakes.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "merge_duplicates"))


def test_a_merge_can_be_undone_and_the_pair_is_not_offered_again(three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Hub")
    a = members.create(r, "Sam Lee", licence_number="12 345")
    b = members.create(r, "Samuel Lee", licence_number="12345")
    members.add_to_group(r, group.id, a.id)
    members.add_to_group(r, group.id, b.id)
    s1 = held_session(r, group.id, "Opioids")
    attendance.check_in(r, s1, b.id)
    [pair] = duplicates.find(r)
    assert pair.reasons == ("same licence number",)
    merged = duplicates.merge(r, "member", a.id, b.id)
    exchange_all(three, tmp_path)
    duplicates.undo(h, merged.merge_id)
    exchange_all(three, tmp_path)
    for db in three:
        assert {m.id for m in live_members(db, "Lee")} == {a.id, b.id}
        assert attended(db, b.id) == {s1} and attended(db, a.id) == set()
        assert duplicates.find(db) == []
    assert data(r) == data(h) == data(lakes)
    with pytest.raises(ValidationError, match="already undone"):
        duplicates.undo(lakes, merged.merge_id)


def test_the_same_name_and_role_counts_only_in_a_shared_group(three):
    r, *_ = three
    one, two = groups.create(r, "One"), groups.create(r, "Two")
    x = members.create(r, "Jo Park")
    y = members.create(r, "jo  park")
    members.add_to_group(r, one.id, x.id)
    members.add_to_group(r, two.id, y.id)
    assert duplicates.find(r) == []
    members.add_to_group(r, one.id, y.id)
    [pair] = duplicates.find(r)
    assert pair.reasons == ("same name and role in a shared group",)


def test_topics_with_the_same_title_merge_with_their_sessions(three, tmp_path):
    r, h, lakes = three
    group = groups.create(r, "Group")
    exchange_all(three, tmp_path)
    t1 = topics.create(r, "Chronic pain")
    t2 = topics.create(h, "chronic  pain ")
    s1 = sessions.plan(h, group.id, "Pain", datetime.now(UTC), topic_id=t2.id)
    exchange_all(three, tmp_path)
    [pair] = [d for d in duplicates.find(lakes) if d.kind == "topic"]
    duplicates.merge(lakes, "topic", pair.first_id, pair.second_id)
    exchange_all(three, tmp_path)
    kept = pair.first_id
    for db in three:
        assert sessions.get(db, s1.id).topic_id == kept
        assert [t.id for t in topics.list_topics(db) if "pain" in t.title.lower()] == [kept]
    assert {t1.id, t2.id} == {pair.first_id, pair.second_id}
    with pytest.raises(ValidationError):
        duplicates.merge(lakes, "topic", kept, kept)
