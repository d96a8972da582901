"""Start-up helpers: the database layer loads in the background while the first window
is on screen, and the cyclic garbage collector waits until the first page is shown.

The unlock window (and the first-run window) needs only Qt; the database layer
(SQLAlchemy, the models, cryptography) and the main window take several times as long to
import as Qt itself. ``begin()`` imports them on a worker thread while the person types
the passphrase; ``wait()`` is called before the first use, so that a single thread
imports them (no two threads racing on the same modules) and nothing waits twice.

``begin()`` and ``pause_collector()`` are not needed for correctness: without them
(tests, the self-test, the CLI) the same modules are imported where they are used, and the
collector runs as usual. ``PendingDatabase`` is the one way the database opens when the
main window came up before it (the key from the OS credential store).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database
    from clinicapp.paths import AppPaths

log = logging.getLogger(__name__)

_lock = threading.Lock()
_thread: threading.Thread | None = None
_paused = False


def _load() -> None:
    try:
        # What unwrapping the key, opening the database and drawing the main window's
        # first page use (warm-up only: each is imported again where it is used).
        import cryptography.hazmat.primitives.ciphers.aead
        import cryptography.hazmat.primitives.kdf.scrypt  # noqa: F401

        import clinicapp.core.storage.db
        import clinicapp.ui.main_window
        import clinicapp.ui.pages.today  # noqa: F401

    except Exception:  # the real import, on first use, reports the problem to the person
        log.exception("background loading of the database layer failed")


_one_heap = False


def before_first_thread() -> None:
    """One malloc heap for all threads (``ui.memory.one_heap``), set before the first
    thread starts; not at import, which would put ctypes before the first window."""
    global _one_heap
    if not _one_heap:
        _one_heap = True
        from clinicapp.ui import memory

        memory.one_heap()


def begin() -> None:
    """Start loading (once); returns at once."""
    global _thread
    with _lock:
        if _thread is None:
            before_first_thread()
            _thread = threading.Thread(target=_load, name="clinicapp-startup", daemon=True)
            _thread.start()


def wait() -> None:
    """Until the background loading is done (at once if it never began)."""
    with _lock:
        thread = _thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def pause_collector() -> None:
    """Hold the cyclic garbage collector until ``collect_again()``.

    Start-up makes a few hundred thousand objects that live as long as the app (modules,
    classes, ORM mappers, Qt wrappers) and almost no garbage; the collector would walk
    the growing heap over and over while they are made (about a sixth of the imports'
    time). Reference counting still frees everything else at once meanwhile.
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def collect_again() -> None:
    """The collector runs again (the first page is shown, or start-up took too long).
    What start-up built is frozen first: it stays for good, so later collections need
    not walk it each time."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


class PendingDatabase:
    """The database opened on a worker thread after the window is drawn.

    With the key from the OS credential store, the main window comes up with Today read
    straight from the file (``core.reports.today.first_read``); SQLAlchemy, the models and
    ``Database.open`` (which migrates and applies the settings, as ever) follow here, off
    the UI thread. ``on_open(db)`` runs on the worker once it is open (wire it before
    anyone else can write); ``get()`` waits for it from any thread. The key is dropped
    once it is handed to the database (it is never written anywhere).
    """

    def __init__(self, paths: AppPaths, key: bytes,
                 on_open: Callable[[Database], None] | None = None) -> None:
        self._paths = paths
        self._key: bytes | None = key
        self.on_open = on_open
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._db: Database | None = None
        self._error: BaseException | None = None
        self._listeners: list[Callable[[], None]] = []

    def start(self) -> None:
        """Begin opening (once); returns at once."""
        with self._lock:
            if self._thread is None:
                before_first_thread()
                self._thread = threading.Thread(target=self._open, daemon=True,
                                                name="clinicapp-open")
                self._thread.start()

    def when_done(self, listener: Callable[[], None]) -> None:
        """``listener()`` on the worker once it is open or has failed (at once if done)."""
        with self._lock:
            if not self._done.is_set():
                self._listeners.append(listener)
                return
        listener()

    @property
    def is_open(self) -> bool:
        return self._done.is_set() and self._db is not None

    @property
    def error(self) -> BaseException | None:
        return self._error if self._done.is_set() else None

    def get(self) -> Database:
        self.start()
        if self._thread is not threading.current_thread():
            self._done.wait()
        if self._db is None:
            raise self._error or RuntimeError("the database did not open")
        return self._db

    def close(self) -> None:
        """Close the database once it is open (waits for the worker if it is under way)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
        if self._db is not None:
            self._db.close()

    def _open(self) -> None:
        try:
            from clinicapp.core.storage.db import Database

            key, self._key = self._key, None
            assert key is not None
            db = Database.open(self._paths, key=key)
            if self.on_open is not None:
                self.on_open(db)
            self._db = db
            # What the page refreshes and the status line use next (warm-up only).
            import clinicapp.core.services.commitments
            import clinicapp.core.services.today  # noqa: F401
        except BaseException as exc:  # reported where the database is asked for
            if self._db is None:
                self._error = exc
            log.exception("opening the database in the background failed")
        finally:
            with self._lock:
                self._done.set()
                listeners, self._listeners = self._listeners, []
            for listener in listeners:
                listener()
