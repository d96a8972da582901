"""The Sessions page's first visit: the first rows, and the groups read once."""

from __future__ import annotations

from sqlalchemy import event

from clinicapp.core.services import groups
from clinicapp.ui.pages.sessions import SessionsPage
from tests.unit.ui.everyday import make_ctx, settle, show_page


def test_the_first_visit_reads_the_groups_once_and_a_new_group_again(qtbot, db, paths,
                                                                     crashes):
    groups.create(db, "Riverside clinic")
    reads: list[str] = []

    def trace(statement: str) -> None:
        # Every statement the driver runs, through the ORM or in plain SQL (the first
        # rows' read, core.reports.session_list): the groups' rows, not their count.
        if " FROM groups" in statement and "count(" not in statement:
            reads.append(statement)

    def traced(dbapi_conn, _record, _proxy) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.set_trace_callback(trace)

    event.listen(db.engine, "checkout", traced)
    try:
        page = SessionsPage(make_ctx(db, paths))
        show_page(qtbot, page)  # built, shown, first refresh
        assert len(reads) == 1, reads  # not once for the picker and again for the refresh
        assert [page.group.itemText(i) for i in range(page.group.count())] == [
            "All groups", "Riverside clinic"]
        groups.create(db, "Lakeside clinic")
        settle()
        assert "Lakeside clinic" in [page.group.itemText(i) for i in range(page.group.count())]
    finally:
        event.remove(db.engine, "checkout", traced)
    assert not crashes
