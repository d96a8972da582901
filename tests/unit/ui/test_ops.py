"""The two background primitives: a write runs one core operation on a worker (busy
cursor meanwhile), the pages hear what changed through the one change signal, and a
refused write reaches the person in words with nothing written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clinicapp.core.errors import ValidationError
from clinicapp.core.services import members
from clinicapp.ui.ops import DataEvents, read_op, wait_for_ops, write_op


def test_a_write_runs_off_the_ui_thread_and_every_page_hears_what_changed(qtbot, db):
    events = DataEvents()
    db.on_commit(events.notify)
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[object] = []
    with qtbot.waitSignal(events.changed, timeout=5000) as heard:
        write_op(parent, db, members.create, db, "Ann Lee", on_done=done.append)
        assert parent.cursor().shape() == Qt.CursorShape.BusyCursor
        assert wait_for_ops()
    assert "members" in heard.args[0]
    assert [m.full_name for m in done] == ["Ann Lee"]  # type: ignore[attr-defined]
    assert parent.cursor().shape() != Qt.CursorShape.BusyCursor


def test_a_refused_write_reaches_the_person_and_writes_nothing(qtbot, db):
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []
    write_op(parent, db, members.create, db, "", on_failure=failures.append)
    assert wait_for_ops()
    assert isinstance(failures[0], ValidationError) and failures[0].code == "empty"
    assert members.list_members(db).total == 0


def test_a_read_hands_its_result_back_on_the_ui_thread(qtbot, db):
    members.create(db, "Bo Chen")
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[object] = []
    read_op(parent, members.list_members, db, on_done=got.append)
    assert wait_for_ops()
    assert [m.full_name for m in got[0].items] == ["Bo Chen"]  # type: ignore[attr-defined]


def test_work_that_can_wait_starts_once_the_running_work_has_delivered(qtbot):
    import threading

    from clinicapp.ui.ops import run_op, when_idle

    seen: list[str] = []
    when_idle(lambda: seen.append("nothing running: at once"))
    assert seen == ["nothing running: at once"]

    release = threading.Event()
    run_op(None, lambda: release.wait(10), on_success=lambda _ok: seen.append("rows shown"))
    when_idle(lambda: seen.append("figures"))
    qtbot.wait(50)
    assert seen == ["nothing running: at once"]  # the first work still runs: it waits
    release.set()
    assert wait_for_ops()
    assert seen == ["nothing running: at once", "rows shown", "figures"]


def test_a_delivered_op_keeps_neither_its_result_nor_its_work_nor_who_asked(qtbot):
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    from clinicapp.ui.ops import run_op, start_op

    class Rows:  # what a page's read hands back
        pass

    class Held:  # what a page's work closes over
        pass

    def work_over(held: Held):  # type: ignore[no-untyped-def]
        return lambda: (held, Rows())[1]

    parent = QWidget()
    held = Held()
    got: list[Rows] = []
    op = start_op(parent, work_over(held), on_success=got.append)
    assert wait_for_ops()
    assert op.finished and len(got) == 1
    # A second op that failed, with a progress dialog: its callbacks go too.
    run_op(parent, lambda progress: 1 / 0, label="Counting", show_errors=False,
           on_failure=lambda _exc: None)
    assert wait_for_ops()
    rows, work_held, asked = weakref.ref(got.pop()), weakref.ref(held), weakref.ref(parent)
    del held, op
    parent.deleteLater()
    del parent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    assert rows() is None
    assert work_held() is None
    assert asked() is None
