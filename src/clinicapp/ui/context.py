"""What every page gets: the open database, the data-change signal, and app state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database
    from clinicapp.paths import AppPaths
    from clinicapp.ui.ops import DataEvents


@dataclass
class AppContext:
    db: Database
    paths: AppPaths
    events: DataEvents
    # Set by the main window: a callable that shows the lock screen and returns True once
    # the workstation passphrase was given (used by participant mode to leave the round).
    require_unlock: object = field(default=None)
