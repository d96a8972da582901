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

    def note(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().startswith("SELECT groups."):  # the rows, not their count
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        page = SessionsPage(make_ctx(db, paths))
        show_page(qtbot, page)  # built, shown, first refresh
        assert len(reads) == 1  # not once for the picker and again for the refresh
        assert [page.group.itemText(i) for i in range(page.group.count())] == [
            "All groups", "Riverside clinic"]
        groups.create(db, "Lakeside clinic")
        settle()
        assert "Lakeside clinic" in [page.group.itemText(i) for i in range(page.group.count())]
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert not crashes
