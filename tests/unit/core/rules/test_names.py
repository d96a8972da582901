"""Names sort as people read them, in French as in English: an accented capital sorts with
its letter (SQLite's own order put 'Émilie' after 'Xin'), case does not matter, and equal
folds keep one stable order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clinicapp.core.reports import lookup
from clinicapp.core.rules.names import fold
from clinicapp.core.services import attendance, groups, members, search, sessions
from clinicapp.core.sync import clock

NAMES = ["Xin Gagnon", "Émilie Wong", "elena Paquette", "Benoît Thompson", "Ève Roy",
         "Zoé Côté", "Amara Campbell", "Éric Dubé", "Benoit Thomas"]
READ_ORDER = ["Amara Campbell", "Benoit Thomas", "Benoît Thompson", "elena Paquette",
              "Émilie Wong", "Éric Dubé", "Ève Roy", "Xin Gagnon", "Zoé Côté"]


def test_fold_drops_case_and_accents():
    assert fold("Émilie") == fold("emilie") == "emilie"
    assert fold("Benoît CÔTÉ") == "benoit cote"
    assert fold("") == fold(None) == ""


@given(st.text())
def test_fold_is_stable(text):
    assert fold(fold(text)) == fold(text)


def test_the_member_list_the_roster_and_the_attendance_read_in_name_order(db):
    group = groups.create(db, "Riverside small group")
    made = [members.create(db, name) for name in NAMES]
    for member in made:
        members.add_to_group(db, group.id, member.id)
    assert [m.full_name for m in members.list_members(db).items] == READ_ORDER
    assert [m.full_name for m, _ in members.roster(db, group.id)] == READ_ORDER
    assert [name for name, _id in lookup.member_choices(db)] == READ_ORDER  # Reports
    session = sessions.plan(db, group.id, "Opioid agonist therapy", clock.utcnow())
    for member in made:
        attendance.check_in(db, session.id, member.id)
    assert [m.full_name for _a, m in attendance.list_for_session(db, session.id)] == \
        READ_ORDER
    for name in ("Zeballos hub", "École de Chibougamau", "Alert Bay circle"):
        groups.create(db, name)
    assert [g.name for g in groups.list_groups(db).items] == [
        "Alert Bay circle", "École de Chibougamau", "Riverside small group", "Zeballos hub"]
    assert [name for name, _id in lookup.group_choices(db)][1] == "École de Chibougamau"
    # The search box lists the members it finds in the same order.
    found = [h.title for h in search.search(db, "e") if h.kind == "member"]
    assert len(found) >= 4
    assert found == [name for name in READ_ORDER if name in found]
    # and the groups it finds too ("École" between "Alert" and "Riverside", not last).
    found = [h.title for h in search.search(db, "e") if h.kind == "group"]
    assert found == ["Alert Bay circle", "École de Chibougamau", "Riverside small group",
                     "Zeballos hub"]
