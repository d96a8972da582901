"""Start-up helpers: the database layer loads in the background while the first window
is on screen, and the cyclic garbage collector waits until the first page is shown.

The unlock window (and the first-run window) needs only Qt; the database layer
(SQLAlchemy, the models, cryptography) and the main window take several times as long to
import as Qt itself. ``begin()`` imports them on a worker thread while the person types
the passphrase; ``wait()`` is called before the first use, so that a single thread
imports them (no two threads racing on the same modules) and nothing waits twice.

Nothing here is needed for correctness: without ``begin()`` (tests, the self-test, the
CLI) the same modules are imported where they are used, and without
``pause_collector()`` the collector runs as usual.
"""

from __future__ import annotations

import gc
import logging
import threading

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


def begin() -> None:
    """Start loading (once); returns at once."""
    global _thread
    with _lock:
        if _thread is None:
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
