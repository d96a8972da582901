"""A roster brought in from a spreadsheet: rows checked one by one, each problem a code
with its parameters (worded by the front end), the good rows imported together."""

from __future__ import annotations

import pytest

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Role
from clinicapp.core.services import groups, members, roster


@pytest.fixture
def group(db):
    return groups.create(db, "Nelson small group")


def names(rows):
    return [member.full_name for member, _link in rows]


ROSTER = """Name,Role,Email,Licence,Facilitator
Amrit Gill,physician,amrit@example.ca,CFPC 111,yes
Jasmine Roy,MOA,jasmine@example.ca,,
,nurse,nobody@example.ca,,
Carl Ng,nurse,carl@example.ca,,no
"""


def test_a_roster_preview_reports_bad_rows_by_line_and_changes_nothing(db, group):
    result = roster.import_roster_csv(db, group.id, ROSTER, apply=False)
    assert len(result.rows) == 4
    [bad] = result.errors
    assert (bad.line, bad.column, bad.problem.code) == (4, "full_name", "required")
    assert bad.error == "name: is required"
    assert result.created == [] and result.added == []
    assert members.list_members(db).total == 0
    assert members.roster(db, group.id) == []


def test_applying_a_roster_imports_the_good_rows_and_marks_the_facilitator(db, group):
    result = roster.import_roster_csv(db, group.id, ROSTER, apply=True)
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
    preview = roster.import_roster_csv(db, group.id, ROSTER, apply=False)
    jasmine = next(row for row in preview.rows if row.values["full_name"] == "Jasmine Roy")
    assert jasmine.member_id == known.id  # the preview says who will be matched
    result = roster.import_roster_csv(db, group.id, ROSTER, apply=True)
    assert known.id in result.added and known.id not in result.created
    assert members.list_members(db).total == 3  # Amrit, Carl and the known Jas Roy
    assert "Jas Roy" in names(members.roster(db, group.id))
    again = roster.import_roster_csv(db, group.id, ROSTER, apply=True)
    assert again.created == [] and again.added == []  # a second import adds nobody
    assert members.list_members(db).total == 3


def test_the_same_person_twice_in_a_file_is_imported_once(db, group):
    text = ("name;email;role\nAnn Lee;ann@example.ca;nurse\n"
            "Ann Lee (again);ANN@example.ca;nurse\nBo Diaz;;surgeon\n")
    result = roster.import_roster_csv(db, group.id, text, apply=True)
    problems = {row.line: row for row in result.errors}
    same, role = problems[3], problems[4]
    assert (same.column, same.problem.code, dict(same.problem.params)) == (
        "", "roster_same_person", {"line": 2})
    assert same.error == "the same person as line 2"
    assert (role.column, role.problem.code, dict(role.problem.params)) == (
        "role", "roster_unknown_role", {"role": "surgeon"})
    assert role.error.startswith("role: “surgeon” is not a role")
    assert names(members.roster(db, group.id)) == ["Ann Lee"]


def test_a_roster_without_a_name_column_is_refused_whole(db, group):
    with pytest.raises(ValidationError) as err:
        roster.import_roster_csv(db, group.id, "email,role\na@b.ca,nurse\n", apply=True)
    assert err.value.field == "csv"
    with pytest.raises(ValidationError):
        roster.import_roster_csv(db, group.id, "", apply=True)
    assert members.list_members(db).total == 0


def test_a_french_roster_with_semicolons_and_quoted_names_is_understood(db, group):
    text = ("\ufeffNom;Rôle;Courriel;Animateur\r\n"
            "\"Roy; Émilie\";infirmière;emilie@example.ca;oui\r\n"
            "Lee, Ann;médecin;;\r\n")
    result = roster.import_roster_csv(db, group.id, text, apply=True)
    assert result.errors == []
    rows = members.roster(db, group.id)
    assert [(m.full_name, m.role, link.is_facilitator) for m, link in rows] == [
        ("Roy; Émilie", Role.NURSE, True), ("Lee, Ann", Role.PHYSICIAN, False)]




def test_a_bad_value_names_its_column_and_keeps_the_rule_code(db, group):
    text = ("name,email,phone\nAnn Lee,not-an-address,\nBo Diaz,,%s\n" % ("5" * 51))
    problems = {row.line: row for row in roster.import_roster_csv(db, group.id, text).errors}
    email, phone = problems[2], problems[3]
    assert (email.column, email.problem.code, dict(email.problem.params)) == (
        "email", "not_email", {"value": "not-an-address"})
    assert email.error == "email: “not-an-address” is not an email address"
    assert (phone.column, phone.problem.code, dict(phone.problem.params)) == (
        "phone", "too_long", {"limit": 50})
    assert members.list_members(db).total == 0


def test_the_french_role_labels_of_the_interface_are_understood(db, group):
    text = ("nom;rôle\nAnn Lee;Personnel infirmier\nBo Diaz;Gestionnaire\n"
            "Cy Roy;Personnel administratif médical (AAM)\n")
    result = roster.import_roster_csv(db, group.id, text, apply=True)
    assert result.errors == []
    assert sorted((m.full_name, m.role) for m, _link in members.roster(db, group.id)) == [
        ("Ann Lee", Role.NURSE), ("Bo Diaz", Role.ADMINISTRATOR),
        ("Cy Roy", Role.MOA)]


def test_a_hostile_file_changes_nothing(db, group):
    """An oversized file is refused whole: nothing of it is written."""
    text = "name,email\n" + "".join(f"P{i},p{i}@example.ca\n" for i in range(5001))
    with pytest.raises(ValidationError) as err:
        roster.import_roster_csv(db, group.id, text, apply=True)
    assert err.value.code == "csv_too_many_rows"
    assert members.list_members(db).total == 0
