"""Server-issued nonces: each is good for one signed request (or one enrollment) and a
few minutes. They live in the database, so any worker can issue or consume one."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, or_

from clinicapp.core.sync.clock import utcnow
from clinicapp.server.models import Nonce
from clinicapp.server.store import Store


def issue(store: Store, device_id: str | None = None) -> str:
    nonce = secrets.token_urlsafe(24)
    now = utcnow()
    with store.tables() as session:
        session.execute(delete(Nonce).where(Nonce.expires_at < now))
        session.add(Nonce(nonce=nonce, device_id=device_id,
                          expires_at=now + timedelta(seconds=store.config.nonce_seconds)))
    return nonce


def consume(store: Store, nonce: str, device_id: str | None) -> bool:
    """True once for a nonce that exists, has not expired and was issued to this device
    (or to no one in particular); its deletion is the atomic step."""
    if not nonce or len(nonce) > 64:
        return False
    with store.tables() as session:
        allowed = [Nonce.device_id.is_(None)]
        if device_id is not None:
            allowed.append(Nonce.device_id == device_id)
        done = session.execute(delete(Nonce).where(
            Nonce.nonce == nonce, Nonce.expires_at > utcnow(), or_(*allowed)))
        return bool(done.rowcount == 1)  # type: ignore[attr-defined]
