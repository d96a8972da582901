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


# --- roster import ----------------------------------------------------------------------

ROSTER = """Name,Role,Email,Licence,Facilitator
Amrit Gill,physician,amrit@example.ca,CFPC 111,yes
Jasmine Roy,MOA,jasmine@example.ca,,
,nurse,nobody@example.ca,,
Carl Ng,nurse,carl@example.ca,,no
"""


def test_a_roster_preview_reports_bad_rows_by_line_and_changes_nothing(db, group):
    result = members.import_roster_csv(db, group.id, ROSTER, apply=False)
    assert len(result.rows) == 4
    assert [(row.line, row.error) for row in result.errors] == [(4, "the name is empty")]
    assert result.created == [] and result.added == []
    assert members.list_members(db).total == 0
    assert members.roster(db, group.id) == []


def test_applying_a_roster_imports_the_good_rows_and_marks_the_facilitator(db, group):
    result = members.import_roster_csv(db, group.id, ROSTER, apply=True)
    assert [row.line for row in result.errors] == [4]
    assert len(result.created) == 3 and len(result.added) == 3
    rows = members.roster(db, group.id)
    assert names(rows) == ["Amrit Gill", "Carl Ng", "Jasmine Roy"]
    facilitators = [m.full_name for m, link in rows if link.is_facilitator]
    assert facilitators == ["Amrit Gill"]
    amrit = rows[0][0]
    assert (amrit.role, amrit.email, amrit.licence_number) == (
        Role.PHYSICIAN, "amrit@example.ca", "CFPC 111")
    assert rows[2][0].role is Role.MOA


def test_a_person_already_on_record_is_matched_by_email_not_duplicated(db, group):
    known = members.create(db, "Jas Roy", Role.MOA, email="Jasmine@Example.ca")
    preview = members.import_roster_csv(db, group.id, ROSTER, apply=False)
    jasmine = next(row for row in preview.rows if row.values["full_name"] == "Jasmine Roy")
    assert jasmine.member_id == known.id  # the preview says who will be matched
    result = members.import_roster_csv(db, group.id, ROSTER, apply=True)
    assert known.id in result.added and known.id not in result.created
    assert members.list_members(db).total == 3  # Amrit, Carl and the known Jas Roy
    assert "Jas Roy" in names(members.roster(db, group.id))
    again = members.import_roster_csv(db, group.id, ROSTER, apply=True)
    assert again.created == [] and again.added == []  # a second import adds nobody
    assert members.list_members(db).total == 3


def test_the_same_person_twice_in_a_file_is_imported_once(db, group):
    text = ("name;email;role\nAnn Lee;ann@example.ca;nurse\n"
            "Ann Lee (again);ANN@example.ca;nurse\nBo Diaz;;surgeon\n")
    result = members.import_roster_csv(db, group.id, text, apply=True)
    errors = {row.line: row.error for row in result.errors}
    assert errors[3] == "the same person as line 2"
    assert "unknown role" in errors[4] and "surgeon" in errors[4]
    assert names(members.roster(db, group.id)) == ["Ann Lee"]


def test_a_roster_without_a_name_column_is_refused_whole(db, group):
    with pytest.raises(ValidationError) as err:
        members.import_roster_csv(db, group.id, "email,role\na@b.ca,nurse\n", apply=True)
    assert err.value.field == "csv"
    with pytest.raises(ValidationError):
        members.import_roster_csv(db, group.id, "", apply=True)
    assert members.list_members(db).total == 0


def test_a_french_roster_with_semicolons_and_quoted_names_is_understood(db, group):
    text = ("\ufeffNom;Rôle;Courriel;Animateur\r\n"
            "\"Roy; Émilie\";infirmière;emilie@example.ca;oui\r\n"
            "Lee, Ann;médecin;;\r\n")
    result = members.import_roster_csv(db, group.id, text, apply=True)
    assert result.errors == []
    rows = members.roster(db, group.id)
    assert [(m.full_name, m.role, link.is_facilitator) for m, link in rows] == [
        ("Roy; Émilie", Role.NURSE, True), ("Lee, Ann", Role.PHYSICIAN, False)]


def test_facilitator_flag_only_for_someone_in_the_group_and_unknown_ids_are_named(db, group):
    person = members.create(db, "Ruth Adams")
    with pytest.raises(ValidationError) as err:
        members.set_facilitator(db, group.id, person.id, True)
    assert err.value.field == "member_id"
    with pytest.raises(NotFoundError) as missing:
        members.update(db, "no-such-id", phone="1")
    assert "member not found: no-such-id" in str(missing.value)
