"""Rotating log files in the user log folder. Never logs keys, passphrases or private text:
services log ids and counts, not field values."""

from __future__ import annotations

import logging
import logging.handlers
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
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._clinicapp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
