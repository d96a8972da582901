"""Freed memory goes back to the system once the app is idle (glibc's malloc_trim)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clinicapp.ui import memory


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text("ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_release_returns_the_freed_small_objects_to_the_system():
    if not memory.release():
        pytest.skip("not glibc")
    memory.release()
    before = _resident_kib()
    many = [bytearray(1000) for _ in range(80_000)]  # ~80 MiB from malloc's heap
    grown = _resident_kib()
    kept = many[::64]  # one block in every 64 kB stays: the heap cannot shrink from its end
    del many
    freed = _resident_kib()
    memory.release()
    released = _resident_kib()
    assert grown - before > 40_000
    assert freed - released > 20_000  # held by the allocator until trimmed
    assert len(kept) == 1250


def test_release_when_idle_trims_after_the_wait(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    memory.release_when_idle(owner)
    if memory._timer is None:
        pytest.skip("not glibc")
    assert memory._timer.isActive()
    qtbot.waitUntil(lambda: not memory._timer.isActive(), timeout=memory.IDLE_MS + 2000)


def test_release_closes_the_idle_database_connections_and_reads_go_on(db):
    from clinicapp.core.services import groups

    groups.create(db, "Riverside clinic")
    before = db.engine.pool
    with db.engine.connect() as held:  # a connection in use (a write under way) stays
        assert len(groups.list_groups(db).items) == 1  # another one, idle after the read
        assert before.checkedin() >= 1
        memory.release(db)
        assert before.checkedin() == 0  # the idle one is closed, its cache with it
        assert db.engine.pool is not before
        assert held.exec_driver_sql("SELECT count(*) FROM groups").scalar() == 1
    # The next read opens a connection again, with the key the database holds.
    assert [g.name for g in groups.list_groups(db).items] == ["Riverside clinic"]
    groups.create(db, "Lakeside clinic")
    assert len(groups.list_groups(db).items) == 2


def test_release_frees_the_cycles_a_page_left_behind():
    import gc
    import weakref

    class Widgetish:
        pass

    gc.disable()  # so that only release() can be what collects it
    try:
        left = Widgetish()
        left.slot = lambda widget=left: widget  # a slot pointing back at it: a cycle
        gone = weakref.ref(left)
        del left
        assert gone() is not None  # reference counting alone cannot free a cycle
        memory.release()
        assert gone() is None
    finally:
        gc.enable()


def test_release_drops_the_module_sources_pyside_read_and_tracebacks_still_show_lines():
    import linecache
    import traceback

    import clinicapp.ui.memory as module

    assert linecache.getlines(module.__file__)  # read (PySide6 reads every import's source)
    memory.release()
    assert module.__file__ not in linecache.cache
    try:
        raise ValueError("shown with its line")
    except ValueError as exc:
        text = "".join(traceback.format_exception(exc))
    assert 'raise ValueError("shown with its line")' in text  # read again when needed


def test_release_empties_the_pixmap_cache_and_drawing_goes_on(qtbot):
    from PySide6.QtGui import QPixmap, QPixmapCache
    from PySide6.QtWidgets import QPushButton

    QPixmapCache.insert("clinicapp-test", QPixmap(64, 64))
    assert QPixmapCache.find("clinicapp-test") is not None
    memory.release()
    assert QPixmapCache.find("clinicapp-test") is None
    button = QPushButton("Still drawn")
    qtbot.addWidget(button)
    button.resize(120, 30)
    assert not button.grab().isNull()  # the style draws (and caches) its controls again


_HEAPS = """
import ctypes, os, sys, tempfile, threading
from clinicapp.ui import memory
if sys.argv[1] == "one":
    assert memory.one_heap()
start = threading.Barrier(8)
def churn():
    start.wait()  # all at once: glibc gives a thread a heap of its own when it must wait
    for _ in range(200):
        blocks = [ctypes.create_string_buffer(200) for _ in range(500)]
        del blocks
threads = [threading.Thread(target=churn) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL("libc.so.6")
libc.fopen.restype = ctypes.c_void_p
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
path = os.path.join(tempfile.mkdtemp(), "heaps.xml")
out = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, out)
libc.fclose(out)
print(open(path).read().count("<heap nr="))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
@pytest.mark.parametrize("how", ["one", "default"])
def test_every_thread_allocates_from_one_heap(how):
    import subprocess

    if not memory.release():
        pytest.skip("not glibc")
    heaps = int(subprocess.run([sys.executable, "-c", _HEAPS, how], check=True,
                               capture_output=True, text=True, timeout=120).stdout)
    if how == "one":
        assert heaps == 1
    else:  # what it saves: without it, threads allocating together get heaps of their own
        assert heaps > 1
