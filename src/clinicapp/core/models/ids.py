"""Row identifiers: UUIDv7 for new rows, UUIDv5 for rows every replica creates alike."""

from __future__ import annotations

import os
import time
import uuid

# Fixed namespace for deterministic ids of seeded and naturally keyed rows.
NAMESPACE = uuid.UUID("6f1c7f2e-4b8a-4f55-9a57-c1a1c0ffee01")


def new_id() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so new rows cluster at the end of indexes."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a: 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b: 62 bits
    return str(uuid.UUID(int=value))


def stable_id(kind: str, *natural_key: str) -> str:
    """The same id on every replica for the same natural key (UUIDv5)."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((kind, *natural_key))))


def short_id(value: str) -> str:
    """Eight characters that tell two ids apart in a message or a list.

    A UUIDv7 begins with its clock, so rows made in the same minute share their first
    eight characters; its last ones are random. Any text (a hostile bundle's id too) is
    cut to the same eight.
    """
    return value[-8:]
