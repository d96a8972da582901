"""Small parts of the Sync page: what a drop holds, what is not yet sent in words, and
result objects as labelled text."""

from __future__ import annotations

import dataclasses
from datetime import datetime
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


def unsent_words(summary: SyncSummary) -> str:
    """ "All changes sent" or "Not yet sent to the office: 12 sessions, 40 attendance
    records"."""
    return _UnsentWords().unsent_text(summary)  # type: ignore[arg-type]


def describe(obj: Any) -> list[tuple[str, str]]:
    """The public fields of a result object, as (label, text), for showing as-is."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        items = [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    elif isinstance(obj, dict):
        items = list(obj.items())
    else:
        items = [(k, v) for k, v in vars(obj).items() if not k.startswith("_")]
    shown = []
    for name, value in items:
        if isinstance(value, datetime):
            value = value.astimezone().strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        shown.append((name.replace("_", " ").capitalize(), str(value)))
    return shown


def progress_callback(progress: Progress) -> Any:
    return lambda done, total: progress.update(int(done), int(total))
