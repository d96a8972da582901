"""The UI's view of the sync engine (``clinicapp.core.sync.api``).

The sync engine is built alongside the desktop app; this adapter lets the status line and
the Sync page run in a build that does not have it yet (they then say so instead of
failing), and turns the engine's result objects into the few fields the UI shows.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any

from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)
MODULE = "clinicapp.core.sync.api"


def module() -> ModuleType | None:
    try:
        return importlib.import_module(MODULE)
    except ModuleNotFoundError as exc:
        if exc.name and MODULE.startswith(exc.name):
            return None
        raise


def function(name: str) -> Callable[..., Any] | None:
    mod = module()
    return getattr(mod, name, None) if mod else None


def available(*names: str) -> bool:
    return all(function(name) is not None for name in names)


def field(obj: Any, *names: str, default: Any = None) -> Any:
    """The first attribute (or mapping key) of ``obj`` among ``names``."""
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


@dataclass(frozen=True)
class PeerInfo:
    name: str
    central: bool
    last_sent: datetime | None
    last_received: datetime | None
    state: str  # what the engine says: sent / acknowledged / lacking N


def peers(db: Database) -> list[PeerInfo]:
    status = function("peers_status")
    if status is None:
        return []
    result = []
    for peer in status(db):
        lacking = field(peer, "lacking", "lacks", "unacknowledged", default=None)
        state = field(peer, "state", default="")
        if not state and lacking is not None:
            state = f"lacking {lacking}" if lacking else "up to date"
        result.append(PeerInfo(
            name=str(field(peer, "name", "peer_name", default="")),
            central=bool(field(peer, "central", "is_central", default=False)),
            last_sent=field(peer, "last_sent_at", "last_sent", default=None),
            last_received=field(peer, "last_received_at", "last_received", default=None),
            state=str(state)))
    return result


def pending(db: Database) -> int | None:
    count = function("pending_changes")
    return None if count is None else int(count(db))


def clock_warnings(db: Database) -> list[str]:
    warnings = function("clock_warnings")
    return [] if warnings is None else [str(w) for w in warnings(db)]
