"""Small parts of the Sync page: what a drop holds, and records and what is not yet sent
in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtWidgets import QLabel

from clinicapp.ui.ops import Progress
from clinicapp.ui.status_line import StatusLine, SyncSummary


def dropped_paths(mime: QMimeData) -> list[Path]:
    """Local files and folders in a drop (anything else is ignored)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class _UnsentWords:
    """The status line's words for what is not yet sent (and its translations): records
    a facilitator knows, never field changes. Every kind is named here."""

    KINDS_SHOWN = len(StatusLine.KIND_ORDER)
    KIND_ORDER = StatusLine.KIND_ORDER
    kind_text = StatusLine.kind_text
    unsent_text = StatusLine.unsent_text

    def __init__(self) -> None:
        self.pending = QLabel()  # takes the tooltip the status line would set

    @staticmethod
    def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
        return QCoreApplication.translate("StatusLine", text, disambiguation, n)


def records_words(counts: dict[str, int]) -> str:
    """ "3 sessions, 40 attendance records": records by kind, in the status line's words
    (a kind it has no word for is named by its table)."""
    words = _UnsentWords()
    return ", ".join(words.kind_text(t, n) or f"{t}: {n}"  # type: ignore[arg-type]
                     for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n)


def unsent_words(summary: SyncSummary) -> str:
    """ "All changes sent" or "Not yet sent to the office: 12 sessions, 40 attendance
    records"."""
    return _UnsentWords().unsent_text(summary)  # type: ignore[arg-type]


def progress_callback(progress: Progress) -> Any:
    return lambda done, total: progress.update(int(done), int(total))
