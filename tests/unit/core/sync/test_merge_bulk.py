"""The merge writes the rows it decided in bulk (tuples in multi-row INSERTs, grouped
UPDATEs): what lands must be exactly what the ORM writes on the replica that made it,
byte for byte, for every kind of column; rows the session already holds see the new
values; a row that arrives without some fields gets their defaults."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlcipher3
from sqlalchemy import Column, MetaData, String, Table, select, text
from sqlalchemy.exc import IntegrityError

from clinicapp.core.models import Change, Group, Member, Session
from clinicapp.core.services import groups, members, search
from clinicapp.core.sync import bulk, merge
from tests.unit.core.sync.helpers import data, send, trust_all

SYNCED = ("groups", "members", "memberships", "sessions")


@pytest.fixture
def pair(make_db):
    a, b = make_db("riverside"), make_db("office")
    trust_all(a, b)
    return a, b


def raw_rows(db, table: str) -> list[tuple]:
    """The stored text of every column, as the database holds it (not as read back)."""
    with db.read() as session:
        return [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]


def _sessions(db, group_id: str, n: int) -> None:
    start = dt.datetime(2024, 3, 4, 15, 30, 0, 123456, tzinfo=dt.UTC)
    with db.write() as session:
        for i in range(n):
            session.add(Session(
                group_id=group_id, title=f"Case review {i}", objectives=[f"Goal {i}", "é"],
                location=None if i % 2 else "Boardroom", scheduled_start=start
                + dt.timedelta(days=i), planned_minutes=45 + i, credits_per_hour=0.5 * i,
                max_credits=None if i % 3 else 2.5, notes="Notes — “quoted”"))


def test_rows_made_elsewhere_land_byte_for_byte_as_the_orm_wrote_them(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside small group", division="North")
    ada = members.create(a, "Dr. Ada Lovelace")
    members.add_to_group(a, group.id, ada.id)
    _sessions(a, group.id, 7)
    result = send(a, b, tmp_path)
    assert result.rows_added == {"groups": 1, "members": 1, "memberships": 1, "sessions": 7}
    for table in SYNCED:
        assert raw_rows(b, table) == raw_rows(a, table), table


def test_edits_of_many_rows_update_them_grouped_and_exactly(pair, tmp_path):
    a, b = pair
    group = groups.create(a, "Riverside small group")
    people = [members.create(a, f"Member {i}") for i in range(12)]
    _sessions(a, group.id, 5)
    send(a, b, tmp_path)
    for i, person in enumerate(people):  # three different sets of fields
        if i % 3 == 0:
            members.update(a, person.id, full_name=f"Renamed {i}")
        elif i % 3 == 1:
            members.update(a, person.id, email=f"m{i}@example.org", phone="250-555-0100")
        else:
            members.delete(a, person.id)
    with a.write() as session:
        for s in session.scalars(select(Session)):
            s.objectives = []
            s.max_credits = None
            s.scheduled_start = s.scheduled_start + dt.timedelta(hours=1)
    result = send(a, b, tmp_path)
    assert result.rows_changed == {"members": 12, "sessions": 5}
    assert result.rows_added == {}
    assert data(a) == data(b)
    for table in SYNCED:
        assert raw_rows(b, table) == raw_rows(a, table), table


def _changes_of(db, row_id: str) -> list[dict]:
    columns = merge.CHANGE_COLUMNS
    with db.read() as session:
        rows = session.execute(select(*(getattr(Change, c) for c in columns))
                               .where(Change.row_id == row_id).order_by(Change.seq)).all()
    return [dict(zip(columns, r, strict=True)) for r in rows]


def test_a_row_the_session_holds_shows_the_merged_value(pair):
    a, b = pair
    group = groups.create(a, "Riverside small group")
    arrived = _changes_of(a, group.id)
    with b.write() as session:
        merge.apply(session, arrived)
    groups.update(a, group.id, name="Riverside CoP")
    later = [c for c in _changes_of(a, group.id) if c not in arrived]
    with b.write() as session:
        held = session.get(Group, group.id)
        assert held is not None and held.name == "Riverside small group"
        result = merge.apply(session, later)
        assert result.rows_changed == {"groups": 1}
        assert held.name == "Riverside CoP"  # not the value it was loaded with
    assert groups.get(b, group.id).name == "Riverside CoP"


def test_a_row_that_arrives_without_some_fields_gets_their_defaults(pair):
    a, b = pair
    person = members.create(a, "Dr. Ada Lovelace", email="ada@example.org")
    wanted = {"full_name", "role", "created_at", "updated_at"}
    arrived = [c for c in _changes_of(a, person.id) if c["field"] in wanted]
    # and one required field sent as NULL, as bundles from before defaults were logged
    active = next(c for c in _changes_of(a, person.id) if c["field"] == "active")
    arrived.append({**active, "value": "null"})
    with b.write() as session:
        result = merge.apply(session, arrived)
    assert result.rows_added == {"members": 1}
    with b.read() as session:
        got = session.get(Member, person.id)
        assert got is not None
        assert (got.full_name, got.email, got.active, got.deleted_at) == (
            "Dr. Ada Lovelace", "", True, None)


def test_many_rows_land_across_many_statements_and_are_searchable(pair, tmp_path):
    """130 sessions (39 rows a statement for their 25 columns, then a remainder) and their
    ~3,000 log rows (111 a statement): the same stored rows and log as the replica that
    wrote them, and each found by the search box through the full-text index."""
    a, b = pair
    group = groups.create(a, "Riverside small group")
    _sessions(a, group.id, 130)
    result = send(a, b, tmp_path)
    assert result.rows_added["sessions"] == 130
    for table in (*SYNCED, "changes"):
        if table == "changes":
            assert len(raw_rows(b, table)) == len(raw_rows(a, table)) > 111 * 3
            continue
        assert raw_rows(b, table) == raw_rows(a, table), table
    with b.read() as session:
        session.execute(text("INSERT INTO sessions_fts(sessions_fts) VALUES('integrity-check')"))
    for i in (0, 38, 39, 77, 129):
        hits = [h for h in search.search(b, f"Case review {i}") if h.kind == "session"]
        assert [h.title for h in hits] == [f"Case review {i}"]


def test_a_row_refused_by_the_database_fails_its_whole_statement_and_the_merge(make_db):
    """A duplicate among the rows of one multi-row statement: an IntegrityError, as from
    any other write (SQLCipher's own: its errors are not SQLAlchemy's), and the
    transaction keeps none of the rows."""
    db = make_db("riverside")
    table = Table("bulk_probe", MetaData(), Column("id", String, primary_key=True),
                  Column("v", String))
    with db.write() as session:
        session.execute(text("CREATE TABLE bulk_probe (id TEXT PRIMARY KEY, v TEXT)"))
    rows = [(f"id-{i}", f"value {i}") for i in range(1200)]
    rows.insert(700, rows[650])  # in the second statement of 499
    with (pytest.raises((IntegrityError, sqlcipher3.IntegrityError), match="UNIQUE"),
          db.write() as session):
        bulk.insert(session.connection(), table, ("id", "v"), rows)
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM bulk_probe")).scalar() == 0
    with db.write() as session:  # and all of them, once each, in three statements
        bulk.insert(session.connection(), table, ("id", "v"), rows[:700] + rows[701:])
    with db.read() as session:
        assert session.execute(text("SELECT id, v FROM bulk_probe ORDER BY rowid")).all() \
            == rows[:700] + rows[701:]


def test_edits_of_hundreds_of_rows_span_statements_and_reach_the_search_box(pair, tmp_path):
    """450 renamed members (333 rows a statement for an id and two fields) and 130 retitled
    sessions: the stored rows as the replica that edited them wrote them, and the search
    box finds the new titles, not the old ones."""
    a, b = pair
    group = groups.create(a, "Riverside small group")
    people = [members.create(a, f"Member {i}") for i in range(450)]
    _sessions(a, group.id, 130)
    send(a, b, tmp_path)
    for i, person in enumerate(people):
        members.update(a, person.id, full_name=f"Renamed {i}")
    with a.write() as session:
        for s in session.scalars(select(Session)):
            s.title = s.title.replace("Case review", "Chart audit")
    result = send(a, b, tmp_path)
    assert result.rows_changed == {"members": 450, "sessions": 130}
    for table in SYNCED:
        assert raw_rows(b, table) == raw_rows(a, table), table
    with b.read() as session:
        session.execute(text("INSERT INTO sessions_fts(sessions_fts) VALUES('integrity-check')"))
    assert [h.title for h in search.search(b, "Chart audit 129") if h.kind == "session"] \
        == ["Chart audit 129"]
    assert [h for h in search.search(b, "Case review") if h.kind == "session"] == []
