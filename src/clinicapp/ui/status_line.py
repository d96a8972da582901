"""The always-visible status line: connection, last exchange, changes not yet sent.

The connection reads "Offline — bundles only" unless a central server is configured. The
figures come from the sync API in the background and refresh after every commit (a write
adds changes to send).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from clinicapp.core.sync import api
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op


@dataclass(frozen=True)
class SyncSummary:
    central_configured: bool
    last_export: datetime | None
    last_import: datetime | None
    pending: int


def summarise(ctx: AppContext) -> SyncSummary:
    """Runs off the UI thread."""
    peers = api.peers_status(ctx.db)
    return SyncSummary(
        central_configured=any(p.central for p in peers),
        last_export=max((p.last_sent_at for p in peers if p.last_sent_at), default=None),
        last_import=max((p.last_received_at for p in peers if p.last_received_at),
                        default=None),
        pending=api.pending_changes(ctx.db),
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
        self.pending.setText(self.tr("%n change(s) not yet sent", "", summary.pending))
