"""The attendance list shows who is expected and not here yet; a correction that would be
refused is not offered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clinicapp.core.models import Role
from clinicapp.core.services import attendance, groups, members, sessions
from clinicapp.core.sync import clock
from clinicapp.ui.widgets.attendance import AttendancePanel
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()


def test_expected_members_who_have_not_arrived_are_listed_and_checked_in_from_it(
        qtbot, db, paths, moving_clock):
    group = groups.create(db, "Riverside small group")
    ids = {}
    for name in ("Maria Lopez", "Martin Okafor", "Dana Whitefeather"):
        ids[name] = members.create(db, name, Role.NURSE).id
        members.add_to_group(db, group.id, ids[name])
    stranger = members.create(db, "Someone Else", Role.MOA)
    session = sessions.plan(db, group.id, "Wound care", clock.utcnow())
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, ids["Maria Lopez"])
    panel = AttendancePanel(make_ctx(db, paths))
    qtbot.addWidget(panel)
    panel.show()
    panel.set_session(session.id, completed=False, group_id=group.id,
                      minutes_correctable=False)
    settle()
    expected = [panel.expected.item(i).text() for i in range(panel.expected.count())]
    assert sorted(expected) == ["Dana Whitefeather", "Martin Okafor"]
    assert stranger.full_name not in expected
    assert "(2)" in panel.expected_label.text()
    panel.expected.setCurrentRow(expected.index("Martin Okafor"))
    panel.expected.itemActivated.emit(panel.expected.currentItem())
    settle()
    assert [panel.expected.item(i).text() for i in range(panel.expected.count())] == [
        "Dana Whitefeather"]
    assert attendance.list_for_session(db, session.id)[1][1].full_name in (
        "Maria Lopez", "Martin Okafor")

    # While the session runs, minutes cannot be corrected: the button says why.
    panel.table.selectRow(0)
    settle()
    assert not panel.minutes_button.isEnabled()
    assert "once the session is completed" in panel.minutes_button.toolTip()
