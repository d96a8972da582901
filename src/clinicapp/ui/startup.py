"""Load the database layer in the background while the first window is on screen.

The unlock window (and the first-run window) needs only Qt; the database layer
(SQLAlchemy, the models, cryptography, pyrage) and the main window take several times as
long to import as Qt itself. ``begin()`` imports them on a worker thread while the person
types the passphrase; ``wait()`` is called before the first use, so that a single thread
imports them (no two threads racing on the same modules) and nothing waits twice.

Nothing here is needed for correctness: without ``begin()`` (tests, the self-test, the
CLI) the same modules are imported where they are used.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

_lock = threading.Lock()
_thread: threading.Thread | None = None


def _load() -> None:
    try:
        # What opening the database and drawing the main window's first page use.
        import cryptography.hazmat.primitives.ciphers.aead
        import cryptography.hazmat.primitives.kdf.scrypt  # noqa: F401  (all warm-up only)

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
