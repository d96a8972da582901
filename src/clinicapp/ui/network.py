"""Background network sync for a connected workstation: one controller per app context.

It syncs when asked ("Sync now") and on a timer whenever the server answers: every few
minutes while it works, backing off (doubling, up to an hour) while it fails. The work
runs off the UI thread through ``run_op``; a failure never opens a dialog — its reason,
in words, goes to the status line through ``changed``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op

if TYPE_CHECKING:
    from clinicapp.core.sync import remote

log = logging.getLogger(__name__)

EVERY_MS = 5 * 60 * 1000  # while the server answers
FIRST_RETRY_MS = 30 * 1000
LONGEST_WAIT_MS = 60 * 60 * 1000


class NetworkSync(QObject):
    """``changed`` after every attempt; ``running`` while one is under way."""

    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.running = False
        self.failures = 0  # in a row
        self.wait_ms = EVERY_MS
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        """Sync soon if this workstation is connected (after start-up or connecting)."""
        from clinicapp.core.sync import remote  # the ORM: not before the window

        if remote.load(self.ctx.db) is not None:
            self.timer.start(2000)

    def stop(self) -> None:
        self.timer.stop()

    def sync_now(self) -> bool:
        """Start a sync in the background; False if one is already running or no server."""
        from clinicapp.core.sync import remote

        if self.running or remote.load(self.ctx.db) is None:
            return False
        from clinicapp.client.sync import sync

        self.running = True
        self.timer.stop()
        db = self.ctx.db
        run_op(None, lambda: sync(db), on_success=self._done, on_failure=self._failed,
               show_errors=False)
        self.changed.emit()
        return True

    def _done(self, _result: object) -> None:
        self.running = False
        self.last_error = ""
        self.failures = 0
        self.wait_ms = EVERY_MS
        self.timer.start(self.wait_ms)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.last_error = str(exc)
        log.info("background sync failed: %s", type(exc).__name__)
        self.failures += 1
        self.wait_ms = min(FIRST_RETRY_MS * 2 ** (self.failures - 1), LONGEST_WAIT_MS)
        self.timer.start(self.wait_ms)
        self.changed.emit()


def controller(ctx: AppContext) -> NetworkSync:
    """The one controller of this app context (kept on the context)."""
    found = getattr(ctx, "_network_sync", None)
    if found is None:
        found = NetworkSync(ctx)
        ctx._network_sync = found  # type: ignore[attr-defined]
    return found


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Network", text)


def _when(moment: object) -> str:
    from datetime import datetime

    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) \
        else _tr("never")


def describe(link: remote.ServerLink | None, sync: NetworkSync | None = None) -> str:
    """The connection in plain words: last success, and the last failure's reason."""
    if link is None:
        return _tr("Offline — bundles only")
    if sync is not None and sync.running:
        return _tr("Central server: syncing…")
    text = _tr("Central server: last sync %1").replace("%1", _when(link.last_success))
    if link.failing:
        text += " · " + _tr("failed %1: %2").replace("%1", _when(link.last_failure_time)) \
            .replace("%2", link.last_failure)
    return text
