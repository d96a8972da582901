"""Where ClinicApp keeps its files.

platformdirs decides the default locations; ``--data-dir DIR`` or ``CLINICAPP_DATA_DIR``
moves all of them (database, keys, logs, backups, settings) under one folder, which is
what tests, benchmarks and portable installs use.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from clinicapp import APP_AUTHOR, APP_NAME

ENV_DATA_DIR = "CLINICAPP_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """All the places ClinicApp reads and writes."""

    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "clinicapp.db"

    @property
    def keystore(self) -> Path:
        """Wrapped database key (never the key itself)."""
        return self.data_dir / "keystore.json"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "clinicapp.log"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    def ensure(self) -> AppPaths:
        """Create the folders, readable by their owner only."""
        for folder in (self.data_dir, self.log_dir, self.config_dir, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
            if sys.platform != "win32":
                os.chmod(folder, 0o700)
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The paths for this run: an explicit folder, then the environment, then platformdirs."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", config_dir=root / "config")
    import platformdirs  # only for the default locations

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
    )


def resource_dir() -> Path:
    """The ``resources/`` folder, from a source checkout, an install or a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parent / "resources")  # installed wheel with bundled resources
    candidates.append(here.parents[2] / "resources")  # source checkout: src/clinicapp/../../
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("ClinicApp resources folder not found; reinstall ClinicApp")


def resource(*parts: str) -> Path:
    """One file under ``resources/``."""
    return resource_dir().joinpath(*parts)
