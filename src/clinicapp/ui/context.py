"""What every page gets: the open database, the data-change signal, and app state."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database
    from clinicapp.paths import AppPaths
    from clinicapp.ui.ops import DataEvents
    from clinicapp.ui.startup import PendingDatabase


class AppContext:
    """``db`` is the open database. When the window came up before it was open (Today
    drawn from its first read, ``ui.startup.PendingDatabase``), the first use of ``db``
    waits until the worker opening it is done; ``open_db`` is None until then."""

    def __init__(self, db: Database | None = None, paths: AppPaths | None = None,
                 events: DataEvents | None = None, require_unlock: object = None,
                 pending: PendingDatabase | None = None) -> None:
        if db is None and pending is None:
            raise ValueError("an app context needs a database, open or being opened")
        assert paths is not None and events is not None
        self._db = db
        self._pending = pending
        self.paths = paths
        self.events = events
        # Set by the main window: a callable that shows the lock screen and returns True
        # once the workstation passphrase was given (participant mode leaving the round).
        self.require_unlock = require_unlock

    @property
    def db(self) -> Database:
        if self._db is None:
            assert self._pending is not None
            self._db = self._pending.get()  # raises what opening it raised
        return self._db

    @property
    def pending(self) -> PendingDatabase | None:
        """The worker opening the database, when the window came up before it."""
        return self._pending

    @property
    def open_db(self) -> Database | None:
        """The database if it is open already; never waits."""
        if self._db is None and self._pending is not None and self._pending.is_open:
            return self.db
        return self._db
