"""Give freed memory back to the system once the app is idle.

Building a page and loading its rows allocates many small Python and Qt objects; once
they are freed, glibc's allocator keeps the emptied heap pages for reuse instead of
returning them, so the resident size only grows as pages are visited (about a quarter of
it, measured after visiting every page of the five-year demo). ``malloc_trim`` returns
them. Elsewhere (Windows, macOS, musl) this does nothing: their allocators return memory
on their own terms.

scrypt's 128 MiB needs nothing here: an allocation that large is mapped on its own and
unmapped when freed, so it leaves the resident size as soon as the key is derived.

The database's idle connections go too: each keeps up to 8 MiB of decrypted pages for as
long as it lives, and the pages the app read in parallel left several of them (about 18
MiB after every page of the five-year demo). The next read opens one again in a few
milliseconds (no key derivation: the key is held); a connection in use is left alone.

So do the sources of every imported module: PySide6 reads each module's source when it is
imported (``inspect.getsource``, to see whether it uses PySide's "features"), and Python's
``linecache`` keeps it, about 21 MiB once every page's modules are loaded. Nothing of
ClinicApp reads it; a traceback reads the lines it shows again. And Qt's pixmap cache,
where the Fusion style keeps the controls it drew (about 4 MiB after every page): it
draws them again on the next paint.

And all threads share one malloc heap (``one_heap``, at start): glibc gives each thread
that allocates at the same time as another a heap of its own (up to eight per core), and
the pool threads that read each page's rows left several, each keeping its own freed
pages and its own fragments (3 MiB after every page of the five-year demo, measured side
by side). Python's lock already lets one thread allocate at a time, so they rarely wait.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import linecache
import logging
import sys
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QPixmapCache

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)

IDLE_MS = 1000  # after the last page switch: by then the page has drawn its data

_trim: object | None = None
_looked = False
_timer: QTimer | None = None
_database: Database | None = None  # whose idle connections the timer closes


def _malloc_trim() -> object | None:
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                # glibc's own name first: find_library runs ``ldconfig -p`` in a
                # subprocess (10 ms before the first page, on every start).
                try:
                    libc = ctypes.CDLL("libc.so.6")
                except OSError:
                    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _trim = libc.malloc_trim
                _trim.argtypes = [ctypes.c_size_t]  # type: ignore[attr-defined]
                _trim.restype = ctypes.c_int  # type: ignore[attr-defined]
            except (OSError, AttributeError):  # not glibc
                _trim = None
    return _trim


_M_ARENA_MAX = -8  # mallopt's parameter number (malloc.h)


def one_heap() -> bool:
    """One malloc heap for every thread; call before any thread is started. True if the
    allocator took it (glibc only)."""
    if _malloc_trim() is None:
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, 1))


def release(db: Database | None = None) -> bool:
    """Close ``db``'s idle connections, then return the allocator's free heap pages to
    the system. True if it could trim."""
    if db is not None:
        # A new pool; connections checked out (a write under way) finish in the old one.
        db.engine.dispose(close=True)
    # The cycles a page left (widgets and the slots that point back at them) are freed
    # now rather than whenever the collector next runs, so that the trim below can give
    # their pages back. Cheap: what start-up built is frozen out of it (ui.startup).
    linecache.clearcache()
    QPixmapCache.clear()
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)  # type: ignore[operator]
    return True


def release_when_idle(parent: QObject, db: Database | None = None) -> None:
    """``release(db)`` once nothing has asked for IDLE_MS (each call restarts the wait)."""
    global _timer, _database
    if _malloc_trim() is None:
        return
    _database = db
    # The timer dies with the window that owned it; a later window (a test's, or one
    # made again) gets a new one even when ``destroyed`` has not been delivered yet.
    if _timer is None or not shiboken6.isValid(_timer):
        _timer = QTimer(parent)
        _timer.setSingleShot(True)
        _timer.setInterval(IDLE_MS)
        _timer.timeout.connect(lambda: release(_database))
        _timer.destroyed.connect(functools.partial(_forget_timer, _timer))
    elif _timer.parent() is not parent:
        _timer.setParent(parent)  # it lives as long as the window that asks now
    _timer.start()


def _forget_timer(timer: QTimer) -> None:
    global _timer
    if _timer is timer:  # an old window's timer may go after a new one was made
        _timer = None
