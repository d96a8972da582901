"""Members of the clinic, their groups, and a roster brought in from a spreadsheet."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Change, Member, Role
from clinicapp.core.services import groups, members


@pytest.fixture
def group(db):
    return groups.create(db, "Nelson small group")


def names(rows):
    return [member.full_name for member, _link in rows]


# --- create, update, delete ------------------------------------------------------------

def test_a_new_member_is_stored_with_their_details_and_the_change_is_logged(db):
    made = members.create(db, "  Dr. Amrit Gill ", "physician", profession_detail="GP",
                          email="amrit.gill@example.ca", licence_number="CFPC 123456")
    stored = members.get(db, made.id)
    assert stored.full_name == "Dr. Amrit Gill"  # trimmed
    assert stored.role is Role.PHYSICIAN
    assert (stored.email, stored.licence_number) == ("amrit.gill@example.ca", "CFPC 123456")
    assert stored.active is True
    with db.read() as session:
        fields = set(session.scalars(select(Change.field).where(
            Change.tbl == "members", Change.row_id == made.id)))
    assert {"full_name", "role", "email", "licence_number"} <= fields


@pytest.mark.parametrize(("kwargs", "field", "words"), [
    ({"full_name": "   "}, "full_name", "must not be empty"),
    ({"full_name": "x" * 201}, "full_name", "at most 200"),
    ({"full_name": "Ann Lee", "role": "surgeon"}, "role", "must be one of"),
    ({"full_name": "Ann Lee", "email": "ann at clinic"}, "email", "not an email address"),
    ({"full_name": "Ann Lee", "phone": "5" * 51}, "phone", "at most 50"),
])
def test_a_member_breaking_a_rule_is_refused_with_the_field_named(db, kwargs, field, words):
    with pytest.raises(ValidationError) as err:
        members.create(db, **kwargs)
    assert err.value.field == field
    assert words in str(err.value)
    assert members.list_members(db).total == 0


def test_update_changes_only_what_is_given_and_is_validated(db):
    made = members.create(db, "Jasmine Roy", Role.MOA, email="jroy@example.ca")
    members.update(db, made.id, role="nurse", phone="250-555-0101")
    stored = members.get(db, made.id)
    assert (stored.role, stored.phone, stored.email) == (Role.NURSE, "250-555-0101",
                                                         "jroy@example.ca")
    with pytest.raises(ValidationError) as err:
        members.update(db, made.id, email="nope")
    assert err.value.field == "email"
    with pytest.raises(ValidationError) as err:
        members.update(db, made.id, journal_recipient="age1...")
    assert err.value.field == "journal_recipient"
    assert members.get(db, made.id).email == "jroy@example.ca"  # nothing half-written


def test_a_deleted_member_is_gone_from_lists_but_stays_on_record(db):
    made = members.create(db, "Pat Doyle")
    members.delete(db, made.id)
    with pytest.raises(NotFoundError):
        members.get(db, made.id)
    assert members.list_members(db).total == 0
    with db.read() as session:
        assert session.get(Member, made.id).deleted_at is not None


def test_list_members_searches_every_word_in_name_email_or_profession(db):
    members.create(db, "Amrit Gill", profession_detail="Family physician")
    members.create(db, "Bea Gill", Role.NURSE, email="bea@nelson.ca")
    members.create(db, "Carl Ng", Role.MOA, active=False)
    assert [m.full_name for m in members.list_members(db, search="gill").items] == [
        "Amrit Gill", "Bea Gill"]
    assert [m.full_name for m in members.list_members(db, search="gill nelson").items] == [
        "Bea Gill"]
    assert [m.full_name for m in members.list_members(db, search="family").items] == [
        "Amrit Gill"]
    assert members.list_members(db, active_only=True).total == 2
    page = members.list_members(db, offset=1, limit=1)
    assert ([m.full_name for m in page.items], page.total, page.has_more) == (
        ["Bea Gill"], 3, True)


# --- memberships and the roster ----------------------------------------------------------

def test_the_roster_shows_facilitators_first_then_names_alphabetically(db, group):
    for name in ("zoe Wong", "Adam Burke", "Mia Chen", "Lee Park"):
        person = members.create(db, name)
        members.add_to_group(db, group.id, person.id, is_facilitator=name == "Mia Chen")
    assert names(members.roster(db, group.id)) == ["Mia Chen", "Adam Burke", "Lee Park",
                                                   "zoe Wong"]
    lee = members.list_members(db, search="Lee").items[0]
    members.set_facilitator(db, group.id, lee.id, True)
    assert names(members.roster(db, group.id))[:2] == ["Lee Park", "Mia Chen"]


def test_a_member_who_leaves_drops_off_the_roster_and_can_rejoin(db, group):
    person = members.create(db, "Ruth Adams")
    first = members.add_to_group(db, group.id, person.id)
    members.remove_from_group(db, group.id, person.id)
    assert members.roster(db, group.id) == []
    with pytest.raises(ValidationError) as err:
        members.remove_from_group(db, group.id, person.id)
    assert err.value.field == "member_id"
    again = members.add_to_group(db, group.id, person.id)
    assert again.id == first.id  # the same membership row, revived
    assert names(members.roster(db, group.id)) == ["Ruth Adams"]


def test_a_deleted_member_leaves_the_roster(db, group):
    person = members.create(db, "Ruth Adams")
    members.add_to_group(db, group.id, person.id)
    members.delete(db, person.id)
    assert members.roster(db, group.id) == []


def test_adding_to_an_unknown_group_or_member_is_refused(db, group):
    person = members.create(db, "Ruth Adams")
    with pytest.raises(NotFoundError):
        members.add_to_group(db, "no-such-group", person.id)
    with pytest.raises(NotFoundError):
        members.add_to_group(db, group.id, "no-such-member")


def test_facilitator_flag_only_for_someone_in_the_group_and_unknown_ids_are_named(db, group):
    person = members.create(db, "Ruth Adams")
    with pytest.raises(ValidationError) as err:
        members.set_facilitator(db, group.id, person.id, True)
    assert err.value.field == "member_id"
    with pytest.raises(NotFoundError) as missing:
        members.update(db, "no-such-id", phone="1")
    assert "member not found: no-such-id" in str(missing.value)
