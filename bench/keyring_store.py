"""A file-backed stand-in for the OS credential store, for the "key from the OS keyring"
rows: ``PYTHON_KEYRING_BACKEND=bench.keyring_store.FileKeyring`` and
``BENCH_KEYRING_FILE=PATH``. A headless bench machine has no Secret Service, and a real
one would measure D-Bus rather than ClinicApp; this one costs a file read, so the row shows
what ClinicApp itself adds after the key arrives."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV_FILE = "BENCH_KEYRING_FILE"
BACKEND = "bench.keyring_store.FileKeyring"


def _path() -> Path:
    return Path(os.environ[ENV_FILE])


def _read() -> dict[str, str]:
    try:
        return dict(json.loads(_path().read_text("utf-8")))
    except FileNotFoundError:
        return {}


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return _read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = _read()
        stored[f"{service}/{username}"] = password
        _path().write_text(json.dumps(stored), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        stored = _read()
        if stored.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        _path().write_text(json.dumps(stored), "utf-8")
