"""Bundle files brought on a USB stick and uploaded on the dashboard.

The upload is read under the server's size bound (``max_upload_bytes``), then goes
through exactly what a network push goes through: ``ingest.apply_bytes`` (revocation,
then core's checks of decryption, signature, trust, authorship, scope, replay and clocks
before anything is written, then one all-or-nothing transaction). A refusal is kept with
its reason for the refused-bundles list, and nothing else is written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

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
