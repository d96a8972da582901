"""One operation, one transaction, and what it changed: operations compose inside a write
the caller already holds (savepoints), and ``Database.run`` names the changed rows."""

from __future__ import annotations

import pytest

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Group, Member
from clinicapp.core.services import groups, members
from clinicapp.core.storage.changes import Changes


def test_run_names_the_table_and_row_an_operation_wrote(db) -> None:
    result = db.run(members.create, db, "Ann Lee")
    assert isinstance(result.value, Member)
    assert result.changes.ids["members"] == {result.value.id}
    assert result.changes.touches({"members", "sessions"})
    assert not result.changes.touches({"sessions"})


def test_operations_inside_a_held_write_commit_together_or_not_at_all(db) -> None:
    heard: list[frozenset[str]] = []
    db.on_commit(heard.append)
    with pytest.raises(RuntimeError), db.write():
        groups.create(db, "North clinic")
        members.create(db, "Ann Lee")
        raise RuntimeError("the caller fails after both operations")
    with db.read() as session:
        assert session.query(Group).filter_by(name="North clinic").count() == 0
        assert session.query(Member).filter_by(full_name="Ann Lee").count() == 0
    assert heard == []  # nothing committed, nothing announced

    with db.write():
        group = groups.create(db, "North clinic")
        member = members.create(db, "Ann Lee")
        members.add_to_group(db, group.id, member.id)
    assert len(heard) == 1 and {"groups", "members"} <= heard[0]  # one commit, one notice


def test_a_failed_operation_inside_a_held_write_rolls_back_only_its_part(db) -> None:
    with db.write():
        kept = members.create(db, "Ann Lee")
        with pytest.raises(ValidationError):
            members.create(db, "")  # refused: the name is required
    assert members.get(db, kept.id).full_name == "Ann Lee"


def test_run_inside_a_held_write_reports_its_own_part(db) -> None:
    with db.write():
        members.create(db, "Ann Lee")
        second = db.run(members.create, db, "Bo Chen")
    assert second.changes.ids["members"] == {second.value.id}


def test_changes_combine() -> None:
    a = Changes.of({"members": {"1"}})
    b = Changes.of({"members": {"2"}, "groups": {"g"}})
    assert (a | b).ids == {"members": {"1", "2"}, "groups": {"g"}}
    assert not Changes() and a
