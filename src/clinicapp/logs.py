"""Rotating log files in the user log folder. Never logs keys, passphrases or private text:
services log ids and counts, not field values."""

from __future__ import annotations

import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "clinicapp.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_clinicapp", False):
            root.removeHandler(handler)
            handler.close()
    with path.open("a", encoding="utf-8"):  # a folder we cannot write in fails here, now
        pass
    handler = _RotatingOnFirstRecord(path)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._clinicapp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


class _RotatingOnFirstRecord(logging.Handler):
    """The rotating log file (1 MB, five old ones), opened by the first record: importing
    ``logging.handlers`` (socket, pickle, …) takes longer than the unlock window takes to
    appear, and nothing is logged before it does."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:  # called under self.lock
        if self._file is None:
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()
