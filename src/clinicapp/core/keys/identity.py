"""A replica's identity: its id, Ed25519 signing key (minisign-compatible) and age key.

The keys are created with the database and kept inside it (the database is encrypted),
never as plain files.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import ReplicaState
from clinicapp.core.models.ids import new_id

IDENTITY_PREFIX = "clinicapp-identity:v1"


def minisign_key_id(public_key: bytes) -> bytes:
    """minisign's 8-byte key id; derived from the key so it needs no storage."""
    return hashlib.blake2b(public_key, digest_size=8).digest()


def minisign_public_key(public_key: bytes) -> str:
    """The base64 body of a minisign ``.pub`` file: 'Ed' + key id + key."""
    return base64.b64encode(b"Ed" + minisign_key_id(public_key) + public_key).decode()


@dataclass(frozen=True)
class PublicIdentity:
    """What another replica needs to trust this one."""

    replica_id: str
    age_recipient: str
    minisign_key: str
    name: str = ""

    def line(self) -> str:
        """One line that carries the whole public identity (for ``trust add``)."""
        return f"{IDENTITY_PREFIX}:{self.replica_id}:{self.age_recipient}:{self.minisign_key}"

    @classmethod
    def parse(cls, line: str) -> PublicIdentity:
        from clinicapp.core.errors import ValidationError

        parts = line.strip().split(":")
        if len(parts) != 5 or ":".join(parts[:2]) != IDENTITY_PREFIX:
            raise ValidationError("identity", "identity_format", prefix=IDENTITY_PREFIX)
        _, _, replica_id, recipient, key = parts
        if not recipient.startswith("age1"):
            raise ValidationError("identity", "age_recipient_format")
        try:
            pyrage.x25519.Recipient.from_str(recipient)
            raw = base64.b64decode(key, validate=True)
        except Exception:
            raise ValidationError("identity", "identity_keys_damaged") from None
        if len(raw) != 42 or raw[:2] != b"Ed":
            raise ValidationError("identity", "minisign_key_damaged")
        return cls(replica_id, recipient, key)


@dataclass(frozen=True)
class ReplicaKeys:
    replica_id: str
    signing_key: Ed25519PrivateKey
    age_identity: pyrage.x25519.Identity
    name: str

    @property
    def public_key(self) -> bytes:
        return self.signing_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def age_recipient(self) -> str:
        return str(self.age_identity.to_public())

    def public(self) -> PublicIdentity:
        return PublicIdentity(self.replica_id, self.age_recipient,
                              minisign_public_key(self.public_key), self.name)


def create_replica(session: OrmSession, name: str = "") -> ReplicaState:
    signing = Ed25519PrivateKey.generate()
    state = ReplicaState(
        replica_id=new_id(),
        name=name,
        signing_key=signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
        age_identity=str(pyrage.x25519.Identity.generate()),
    )
    session.add(state)
    return state


def load_keys(session: OrmSession) -> ReplicaKeys:
    state = session.scalars(select(ReplicaState)).one()
    return ReplicaKeys(
        replica_id=state.replica_id,
        signing_key=Ed25519PrivateKey.from_private_bytes(state.signing_key),
        age_identity=pyrage.x25519.Identity.from_str(state.age_identity),
        name=state.name,
    )
