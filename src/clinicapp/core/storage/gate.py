"""Sessions share the database file; a restore needs it alone.

Restoring swaps the database file under the engine. A session another thread opened in
that moment would keep reading, or writing, the file being replaced: a write lost without
a word. So every outermost session of a thread passes the gate (``shared``), and a restore
waits until none is open and holds new ones back while it swaps (``alone``). A thread's
nested sessions never wait (it already holds the gate), and a restore asked for from
inside a session is refused rather than waiting for itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from clinicapp.core.errors import DatabaseError


class Gate:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._open = 0  # outermost sessions open, all threads
        self._closing = False  # a restore waits for them, or swaps the file
        self._local = threading.local()

    @property
    def closing(self) -> bool:
        return self._closing

    @contextmanager
    def shared(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth == 0 and not getattr(self._local, "alone", False):
            with self._cond:
                self._cond.wait_for(lambda: not self._closing)
                self._open += 1
            counted = True
        else:
            counted = False
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            if counted:
                with self._cond:
                    self._open -= 1
                    self._cond.notify_all()

    @contextmanager
    def alone(self, timeout: float) -> Iterator[None]:
        """Wait (up to ``timeout`` seconds) until no session is open, keep new ones out."""
        if getattr(self._local, "depth", 0):
            raise DatabaseError("a backup cannot be restored from inside an open "
                                "transaction; nothing was changed")
        with self._cond:
            if not self._cond.wait_for(lambda: not self._closing, timeout):
                raise DatabaseError("another restore is under way; nothing was changed")
            self._closing = True
            if not self._cond.wait_for(lambda: self._open == 0, timeout):
                self._closing = False
                self._cond.notify_all()
                raise DatabaseError("the database is still in use by another task; try the "
                                    "restore again in a moment (nothing was changed)")
        self._local.alone = True
        try:
            yield
        finally:
            self._local.alone = False
            with self._cond:
                self._closing = False
                self._cond.notify_all()
