"""The always-visible status line: connection, last exchange, changes not yet sent.

There is no network sync yet, so the connection reads "Offline — bundles only" unless a
central server is configured. The figures come from the sync API in the background and
refresh after every commit (a write adds changes to send).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from clinicapp.ui import sync_api
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op


@dataclass(frozen=True)
class SyncSummary:
    central_configured: bool
    last_export: datetime | None
    last_import: datetime | None
    pending: int | None  # None: this build has no sync engine to ask


def summarise(ctx: AppContext) -> SyncSummary:
    """Runs off the UI thread."""
    peers = sync_api.peers(ctx.db)
    return SyncSummary(
        central_configured=any(p.central for p in peers),
        last_export=max((p.last_sent for p in peers if p.last_sent), default=None),
        last_import=max((p.last_received for p in peers if p.last_received), default=None),
        pending=sync_api.pending(ctx.db),
    )


def when(moment: datetime | None, never: str) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else never


class StatusLine(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(self.tr("Status line"))
        self.connection = QLabel()
        self.exchange = QLabel()
        self.pending = QLabel()
        for label, name in ((self.connection, self.tr("Connection")),
                            (self.exchange, self.tr("Last exchange")),
                            (self.pending, self.tr("Changes not yet sent"))):
            label.setAccessibleName(name)
            label.setMinimumWidth(40)  # small windows elide the status, not grow
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.summary: SyncSummary | None = None
        ctx.events.changed.connect(lambda _tables: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: summarise(ctx), on_success=self.show_summary, show_errors=False,
               on_failure=lambda exc: self.pending.setText(self.tr("Sync status unavailable")))

    def show_summary(self, summary: SyncSummary) -> None:
        self.summary = summary
        self.connection.setText(
            self.tr("Central server configured — network sync is not in this version")
            if summary.central_configured else self.tr("Offline — bundles only"))
        never = self.tr("never")
        self.exchange.setText(
            self.tr("Last export: %1 · last import: %2")
            .replace("%1", when(summary.last_export, never))
            .replace("%2", when(summary.last_import, never)))
        if summary.pending is None:
            self.pending.setText(self.tr("Sync engine not in this build"))
        else:
            self.pending.setText(self.tr("%n change(s) not yet sent", "", summary.pending))
