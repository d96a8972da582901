"""Give freed memory back to the system once the app is idle.

Building a page and loading its rows allocates many small Python and Qt objects; once
they are freed, glibc's allocator keeps the emptied heap pages for reuse instead of
returning them, so the resident size only grows as pages are visited (about a quarter of
it, measured after visiting every page of the five-year demo). ``malloc_trim`` returns
them. Elsewhere (Windows, macOS, musl) this does nothing: their allocators return memory
on their own terms.

scrypt's 128 MiB needs nothing here: an allocation that large is mapped on its own and
unmapped when freed, so it leaves the resident size as soon as the key is derived.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import sys

import shiboken6
from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

IDLE_MS = 1000  # after the last page switch: by then the page has drawn its data

_trim: object | None = None
_looked = False
_timer: QTimer | None = None


def _malloc_trim() -> object | None:
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _trim = libc.malloc_trim
                _trim.argtypes = [ctypes.c_size_t]  # type: ignore[attr-defined]
                _trim.restype = ctypes.c_int  # type: ignore[attr-defined]
            except (OSError, AttributeError):  # not glibc
                _trim = None
    return _trim


def release() -> bool:
    """Return the allocator's free heap pages to the system now. True if it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)  # type: ignore[operator]
    return True


def release_when_idle(parent: QObject) -> None:
    """``release()`` once nothing has asked for IDLE_MS (each call restarts the wait)."""
    global _timer
    if _malloc_trim() is None:
        return
    # The timer dies with the window that owned it; a later window (a test's, or one
    # made again) gets a new one even when ``destroyed`` has not been delivered yet.
    if _timer is None or not shiboken6.isValid(_timer):
        _timer = QTimer(parent)
        _timer.setSingleShot(True)
        _timer.setInterval(IDLE_MS)
        _timer.timeout.connect(release)
        _timer.destroyed.connect(functools.partial(_forget_timer, _timer))
    elif _timer.parent() is not parent:
        _timer.setParent(parent)  # it lives as long as the window that asks now
    _timer.start()


def _forget_timer(timer: QTimer) -> None:
    global _timer
    if _timer is timer:  # an old window's timer may go after a new one was made
        _timer = None
