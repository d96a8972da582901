"""Compaction: years of edits shrink to the size of the data once every peer holds them
(superseded values become signed stubs without their value); a replica that joins
afterwards still converges; attendance history is never pruned."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from clinicapp.core.models import Attendance, Change, Group
from clinicapp.core.services import groups, members, sessions
from clinicapp.core.sync import api, vector
from tests.unit.core.sync.helpers import data, send, trust_all

ROWS, ROUNDS = 100, 100  # ten thousand edits


def changes_of(db, table: str | None = None) -> int:
    """Changes that still carry their value (a pruned one keeps only a signed stub)."""
    with db.read() as session:
        query = select(func.count()).select_from(Change).where(Change.value.not_like("#%"))
        if table:
            query = query.where(Change.tbl == table)
        return session.scalar(query) or 0


def test_ten_thousand_acknowledged_edits_compact_to_the_data(make_db, tmp_path):
    a, b = make_db("clinic"), make_db("office")
    trust_all(a, b)
    group = groups.create(a, "Riverside")
    others = [groups.create(a, f"Group {n}").id for n in range(ROWS - 1)]
    person = members.create(a, "Dr. Ada Lovelace")
    meeting = sessions.plan(a, group.id, "Deprescribing", datetime(2025, 3, 4, 18, tzinfo=UTC))
    with a.write() as session:
        rows = [session.get(Group, gid) for gid in (group.id, *others)]
        here = Attendance(session_id=meeting.id, member_id=person.id)
        session.add(here)
        session.flush()
        for n in range(ROUNDS):  # one flush edits every group: one write of many rows
            for row in rows:
                row.description = f"edit {n}"
            session.flush()
        for minutes in range(30, 60):
            here.minutes_attended = minutes
            session.flush()
    attendance_history = changes_of(a, "attendance")
    assert changes_of(a) > 2 * ROWS * ROUNDS

    assert api.compact(a).pruned == 0  # nobody has acknowledged anything yet
    send(a, b, tmp_path)
    send(b, a, tmp_path, auto_compact=False)  # b acknowledges everything
    result = api.compact(a)
    assert result.pruned >= 2 * ROWS * (ROUNDS - 1)
    assert result.remaining < 10 * ROWS + 100 + attendance_history, result  # ~ one a field
    assert changes_of(a, "attendance") == attendance_history
    assert data(a) == data(b)
    assert changes_of(b) < result.remaining + 100  # b pruned by itself after importing

    # a replica that joins afterwards receives a snapshot and converges
    c = make_db("newcomer")
    for x, y in ((a, c), (c, a), (b, c), (c, b)):
        api.add_trusted(x, api.public_identity(y), y.paths.data_dir.name, central=True)
    send(a, c, tmp_path)
    assert data(c) == data(a)
    with a.read() as s_a, c.read() as s_c:
        assert vector.load(s_c)[a.replica_id] == vector.load(s_a)[a.replica_id]
    groups.update(c, group.id, name="Riverside hub")
    groups.update(b, group.id, description="edited by the office")
    for x, y in ((c, a), (b, a), (a, b), (a, c), (c, b), (b, c)):
        send(x, y, tmp_path)
    assert data(a) == data(b) == data(c)
    assert groups.get(b, group.id).name == "Riverside hub"
    send(c, a, tmp_path)
    send(b, a, tmp_path)
    assert [p.lacking for p in api.peers_status(a)] == [0, 0]


def test_a_newcomer_receiving_a_compacted_history_in_parts_converges(make_db, tmp_path):
    """A bounded export (a pull's part) can carry a pruned stub while the change that
    replaced it waits for a later part: the stub waits too (not stored, not acknowledged)
    and the parts still import one after another, never refused as damaged."""
    a, b = make_db("clinic"), make_db("office")
    trust_all(a, b)
    group = groups.create(a, "Riverside")
    for n in range(5):
        groups.update(a, group.id, description=f"edit {n}")  # one run per edit
    send(a, b, tmp_path)
    send(b, a, tmp_path, auto_compact=False)
    assert api.compact(a).pruned >= 4
    c = make_db("newcomer")
    for x, y in ((a, c), (c, a)):
        api.add_trusted(x, api.public_identity(y), y.paths.data_dir.name, central=True)
    parts = 0
    while True:
        body, result = api.export_bundle_data(a, "newcomer", limit=1)
        api.import_bundle_bytes(c, body)  # raises if a part is refused
        send(c, a, tmp_path, auto_compact=False)  # acknowledges what it stored
        parts += 1
        assert parts < 20, "the parts never end"
        if not result.more and not result.changes:
            break
    assert parts > 1
    assert data(c) == data(a)
    assert groups.get(c, group.id).description == "edit 4"


def _clinic_office_and(make_db, third: str, edits: int):  # type: ignore[no-untyped-def]
    """A clinic, the office and a third replica trusting each other, and a group whose
    description the clinic edited ``edits`` times."""
    a, b, c = make_db("clinic"), make_db("office"), make_db(third)
    trust_all(a, b, c)
    group = groups.create(a, "Riverside")
    for n in range(edits):
        groups.update(a, group.id, description=f"edit {n}")
    return a, b, c, group


def test_no_value_goes_while_one_peer_has_acknowledged_nothing(make_db, tmp_path):
    """Every peer must hold a change before its value goes: while one of two peers has
    acknowledged nothing, nothing is pruned; once it acknowledges, the values go."""
    a, b, c, group = _clinic_office_and(make_db, "hub", edits=5)
    send(a, b, tmp_path)
    send(b, a, tmp_path, auto_compact=False)  # b acknowledges everything; c nothing yet
    assert api.compact(a).pruned == 0
    send(a, c, tmp_path)
    send(c, a, tmp_path, auto_compact=False)
    assert api.compact(a).pruned >= 4
    assert data(a) == data(b) == data(c)
    assert groups.get(a, group.id).description == "edit 4"


def test_a_relay_sending_again_values_pruned_here_is_taken_as_held(make_db, tmp_path,
                                                                  caplog):
    """The office pruned a clinic's superseded descriptions to stubs; a relay that never
    heard from the office sends them again with their values: they are the same changes
    (a stub's digest is its value's), so nothing is refused and nothing changes."""
    a, b, c, _group = _clinic_office_and(make_db, "relay", edits=3)
    send(a, c, tmp_path)
    send(a, b, tmp_path, auto_compact=False)
    send(b, a, tmp_path, auto_compact=False)
    send(c, b, tmp_path, auto_compact=False)  # c now holds them, as b knows
    assert api.compact(b).pruned >= 2
    before, stubs = data(b), changes_of(c) - changes_of(b)
    assert stubs >= 2
    with caplog.at_level("WARNING"):
        result = send(c, b, tmp_path, auto_compact=False)  # c never heard b: all again
    assert (result.received, result.already_held) == (0, changes_of(c))
    assert "signed two versions" not in caplog.text  # not taken for an equivocation
    assert data(b) == before
    assert changes_of(c) - changes_of(b) == stubs  # still pruned, not re-filled
