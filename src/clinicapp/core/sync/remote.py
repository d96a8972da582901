"""This workstation's link to a central server: its address, the server's fingerprint,
the enrolled device id, and how the last sync went. State, not a setting: kept in one
``local_settings`` row that the Settings page does not list, written only here."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from clinicapp.core.models import LocalSetting
from clinicapp.core.storage.db import Database
from clinicapp.core.sync.clock import utcnow

KEY = "network.server"


@dataclass(frozen=True)
class ServerLink:
    url: str
    server_id: str
    peer_name: str  # the trusted peer that is the server
    fingerprint: str
    device_id: str
    connected_at: str
    last_success_at: str = ""
    last_failure_at: str = ""
    last_failure: str = ""  # the reason in plain words
    ca_file: str = ""  # a PEM file trusted instead of the system's authorities, or ""

    @property
    def last_success(self) -> datetime | None:
        return datetime.fromisoformat(self.last_success_at) if self.last_success_at else None

    @property
    def last_failure_time(self) -> datetime | None:
        return datetime.fromisoformat(self.last_failure_at) if self.last_failure_at else None

    @property
    def failing(self) -> bool:
        """The most recent attempt failed."""
        failed, ok = self.last_failure_time, self.last_success
        return failed is not None and (ok is None or failed > ok)


def load(db: Database) -> ServerLink | None:
    with db.read() as session:
        row = session.get(LocalSetting, KEY)
        if row is None:
            return None
        data = json.loads(row.value)
    known = {k: data[k] for k in ServerLink.__dataclass_fields__ if k in data}
    return ServerLink(**known)


def save(db: Database, link: ServerLink) -> ServerLink:
    with db.write() as session:
        row = session.get(LocalSetting, KEY)
        value = json.dumps(asdict(link), sort_keys=True)
        if row is None:
            session.add(LocalSetting(key=KEY, value=value))
        else:
            row.value = value
    return link


def record_success(db: Database) -> ServerLink | None:
    link = load(db)
    if link is None:
        return None
    return save(db, replace(link, last_success_at=utcnow().isoformat()))


def record_failure(db: Database, reason: str) -> ServerLink | None:
    link = load(db)
    if link is None:
        return None
    return save(db, replace(link, last_failure_at=utcnow().isoformat(),
                            last_failure=reason[:500]))


def forget(db: Database) -> None:
    with db.write() as session:
        row = session.get(LocalSetting, KEY)
        if row is not None:
            session.delete(row)
