"""Bundle files brought on a USB stick and uploaded on the dashboard.

The upload is read under the server's size bound (``max_upload_bytes``), then goes
through exactly what a network push goes through: ``ingest.apply_bytes`` (revocation,
then core's checks of decryption, signature, trust, authorship, scope, replay and clocks
before anything is written, then one all-or-nothing transaction). A refusal is kept with
its reason for the refused-bundles list, and nothing else is written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.sync import bundle
from clinicapp.server.models import Device
from clinicapp.server.store import Store

CHUNK = 1024 * 1024


class TooLarge(Exception):
    pass


def safe_name(name: str | None) -> str:
    """The uploaded file's own name, for messages only (never used as a path)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable())[:120]
    return cleaned or "bundle"


async def read_bounded(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """All of ``chunks``; TooLarge as soon as they pass ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)


def enrolled_sender(store: Store, data: bytes, name: str) -> str:
    """The enrolled device a bundle names as its sender, or "" (not a bundle, or not from
    an enrolled device), so its last sync or last failure is kept as for a network push.
    Only bookkeeping rests on it: whether the bundle is genuine is the import's to check."""
    try:
        with store.db.read() as session:
            keys = load_keys(session)
        sender = bundle.open_bytes(data, keys, name).manifest.sender
    except ClinicAppError:
        return ""
    with store.tables(write=False) as session:
        return sender if session.get(Device, sender) is not None else ""
