"""The always-visible status line: connection, last exchange, changes not yet sent.

The connection reads "Offline — bundles only" unless a central server is configured. The
figures come from the sync API in the background and refresh after every commit (a write
adds changes to send).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from clinicapp.ui import network
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op

if TYPE_CHECKING:
    from clinicapp.core.sync import remote


@dataclass(frozen=True)
class SyncSummary:
    central_configured: bool
    last_export: datetime | None
    last_import: datetime | None
    pending: int
    unsent: dict[str, int] | None = None  # table → records not yet sent
    link: remote.ServerLink | None = None  # the central server, when connected


def summarise(ctx: AppContext) -> SyncSummary:
    """Runs off the UI thread (so does importing the sync API: not before the window)."""
    from clinicapp.core.sync import api, remote
    from clinicapp.core.sync.unsent import unsent_by_kind

    peers = api.peers_status(ctx.db)
    return SyncSummary(
        central_configured=any(p.central for p in peers),
        last_export=max((p.last_sent_at for p in peers if p.last_sent_at), default=None),
        last_import=max((p.last_received_at for p in peers if p.last_received_at),
                        default=None),
        pending=api.pending_changes(ctx.db),
        unsent=unsent_by_kind(ctx.db),
        link=remote.load(ctx.db),
    )


def when(moment: datetime | None, never: str) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else never


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when the window is too narrow for it (never cut
    off mid-letter), with the whole text as its tooltip."""

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              room.width())
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         shown)


class StatusLine(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 start: bool = True) -> None:
        """``start=False``: the figures and the network are left for ``start()``."""
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(self.tr("Status line"))
        self.connection = ElidedLabel()
        self.exchange = ElidedLabel()
        self.pending = ElidedLabel()
        for label, name in ((self.connection, self.tr("Connection")),
                            (self.exchange, self.tr("Last exchange")),
                            (self.pending, self.tr("Changes not yet sent"))):
            label.setAccessibleName(name)
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.summary: SyncSummary | None = None
        # A bound slot, not a lambda: the signal outlives no window then (a lambda held
        # by ``ctx.events`` kept a closed window and all its pages alive).
        ctx.events.changed.connect(self._tables_changed)
        self.network = network.controller(ctx)
        self.network.changed.connect(self.refresh)
        if start:
            self.start()

    def start(self) -> None:
        """Read the figures, and sync soon if a central server is set up."""
        self.network.start()
        self.refresh()

    def _tables_changed(self, _tables: frozenset[str]) -> None:
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: summarise(ctx), on_success=self.show_summary, show_errors=False,
               on_failure=lambda exc: self.pending.setText(self.tr("Sync status unavailable")))

    def show_summary(self, summary: SyncSummary) -> None:
        self.summary = summary
        if summary.link is not None:
            self.connection.setText(network.describe(summary.link, self.network))
        else:
            self.connection.setText(
                self.tr("Central server trusted — bundles only (not connected)")
                if summary.central_configured else self.tr("Offline — bundles only"))
        never = self.tr("never")
        self.exchange.setText(
            self.tr("Last export: %1 · last import: %2")
            .replace("%1", when(summary.last_export, never))
            .replace("%2", when(summary.last_import, never)))
        self.pending.setText(self.unsent_text(summary))

    # The records a facilitator knows, in the order they matter to the office; the audit
    # trail and the seeded catalogue ride along without being named.
    KINDS_SHOWN = 2  # the line must fit a 1024-pixel screen beside the connection
    KIND_ORDER = ("sessions", "attendance", "reflections", "evaluations", "commitments",
                  "members", "memberships", "groups", "support_requests", "action_plans",
                  "action_items", "progress_notes", "pdsa_cycles")

    def kind_text(self, table: str, n: int) -> str:
        words = {
            "sessions": self.tr("%n sessions", "", n),
            "attendance": self.tr("%n attendance records", "", n),
            "reflections": self.tr("%n reflections", "", n),
            "commitments": self.tr("%n commitments", "", n),
            "evaluations": self.tr("%n evaluations", "", n),
            "members": self.tr("%n members", "", n),
            "memberships": self.tr("%n roster entries", "", n),
            "groups": self.tr("%n groups", "", n),
            "support_requests": self.tr("%n support requests", "", n),
            "action_plans": self.tr("%n action plans", "", n),
            "action_items": self.tr("%n action items", "", n),
            "progress_notes": self.tr("%n progress notes", "", n),
            "pdsa_cycles": self.tr("%n PDSA cycles", "", n),
        }
        return words.get(table, "")

    def unsent_text(self, summary: SyncSummary) -> str:
        """ "All changes sent" or "Not yet sent to the office: 12 sessions, 40 attendance
        records and 2 more kinds" — what a facilitator can act on, not field changes."""
        unsent = summary.unsent if summary.unsent is not None else {}
        # In the order the office reads them (sessions first), not by size.
        order = list(self.KIND_ORDER)
        named = sorted(((t, n) for t, n in unsent.items() if self.kind_text(t, n)),
                       key=lambda pair: order.index(pair[0]) if pair[0] in order
                       else len(order))
        if not summary.pending or not unsent:
            self.pending.setToolTip("")
            return self.tr("All changes sent")
        if not named:  # only the audit trail or the catalogue
            return self.tr("Not yet sent to the office: a few changes")
        parts = [self.kind_text(t, n) for t, n in named]
        self.pending.setToolTip(self.tr("Not yet sent to the office:") + "\n" +
                                "\n".join(parts))
        shown = ", ".join(parts[:self.KINDS_SHOWN])
        if len(parts) > self.KINDS_SHOWN:
            shown = self.tr("%1 and %n more kinds", "", len(parts) - self.KINDS_SHOWN) \
                .replace("%1", shown)
        return self.tr("Not yet sent to the office: %1").replace("%1", shown)
