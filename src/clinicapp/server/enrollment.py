"""Enrollment of workstations: one-time expiring codes per group, registration of a device
that proves it holds its key, revocation.

A code is stored only as its SHA-256 and consumed by one conditional UPDATE, so two
workstations racing with one code (on any number of workers) enroll exactly one.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from clinicapp.core.errors import ClinicAppError, NotFoundError, ValidationError
from clinicapp.core.keys.identity import PublicIdentity
from clinicapp.core.models import Group
from clinicapp.core.sync import api as sync_api
from clinicapp.core.sync import protocol
from clinicapp.core.sync.clock import utcnow
from clinicapp.server import nonces
from clinicapp.server.models import Device, EnrollmentCode
from clinicapp.server.store import Store

# Crockford's base32 without look-alikes: codes are read aloud and typed by people.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 4  # 4 × 4 characters = 80 bits


class EnrollmentError(ClinicAppError):
    """Enrollment refused; the message says why in words."""


@dataclass(frozen=True)
class IssuedCode:
    code: str
    fingerprint: str
    groups: list[str]  # names
    expires_at: datetime


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    server_identity: str  # the server's identity line
    fingerprint: str
    groups: list[str]  # group ids


@dataclass(frozen=True)
class DeviceView:
    replica_id: str
    name: str
    groups: list[str]  # names
    enrolled_at: datetime
    revoked_at: datetime | None
    last_sync_at: datetime | None
    last_failure_at: datetime | None
    last_failure: str


def server_identity(store: Store) -> PublicIdentity:
    return sync_api.public_identity(store.db)


def parse_duration(text: str) -> timedelta:
    """'7d', '12h', '30m', '90s' → a timedelta (between a second and a year)."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
    text = text.strip().lower()
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        raise ValidationError("expires", "duration_format")
    seconds = int(text[:-1]) * units[text[-1]]
    if not 1 <= seconds <= 366 * 86400:
        raise ValidationError("expires", "duration_range")
    return timedelta(seconds=seconds)


def _groups_named(store: Store, names: list[str]) -> list[Group]:
    with store.db.read() as session:
        found = []
        for name in names:
            group = session.scalar(select(Group).where(Group.name == name,
                                                       Group.deleted_at.is_(None)))
            if group is None:
                raise NotFoundError("group", name)
            found.append(group)
        return found


def new_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(4 * CODE_GROUPS))
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def issue_code(store: Store, group_names: list[str],
               expires: timedelta = timedelta(days=7)) -> IssuedCode:
    """A one-time code that enrolls one workstation for these groups."""
    if not group_names:
        raise ValidationError("group", "no_group_named")
    groups = _groups_named(store, group_names)
    code = new_code()
    now = utcnow()
    with store.tables() as session:
        session.add(EnrollmentCode(code_hash=protocol.code_hash(code),
                                   groups=json.dumps(sorted(g.id for g in groups)),
                                   created_at=now, expires_at=now + expires,
                                   hint=code[:4]))
    return IssuedCode(code, protocol.fingerprint(server_identity(store)),
                      [g.name for g in groups], now + expires)


def enroll(store: Store, code: str, identity_line: str, name: str, nonce: str,
           signature: str) -> Enrolled:
    """Register a workstation that signed the server's nonce with the key it names."""
    try:
        ident = PublicIdentity.parse(identity_line)
    except ValidationError as exc:
        raise EnrollmentError(f"the workstation identity is not valid ({exc.rule})") from None
    name = " ".join(name.split())[:100] or "workstation"
    if not protocol.verify(ident.minisign_key,
                           protocol.enroll_message(code, identity_line, nonce), signature):
        raise EnrollmentError("the workstation did not prove it holds its key "
                              "(the signature does not match)")
    if not nonces.consume(store, nonce, device_id=None):
        raise EnrollmentError("the enrollment challenge expired or was already used: "
                              "try again")
    if ident.replica_id == store.db.replica_id:
        raise EnrollmentError("that is the server's own identity")
    now = utcnow()
    with store.tables() as session:
        if session.get(Device, ident.replica_id) is not None:
            raise EnrollmentError("this workstation is already enrolled (or was revoked): "
                                  "ask the program office")
        hashed = protocol.code_hash(code)
        taken = session.execute(
            update(EnrollmentCode)
            .where(EnrollmentCode.code_hash == hashed, EnrollmentCode.used_at.is_(None),
                   EnrollmentCode.expires_at > now)
            .values(used_at=now, used_by=ident.replica_id)).rowcount
        if taken != 1:
            row = session.get(EnrollmentCode, hashed)
            if row is None:
                raise EnrollmentError("this enrollment code is not known: check it was "
                                      "typed as printed")
            if row.used_at is not None:
                raise EnrollmentError("this enrollment code was already used: ask the "
                                      "program office for a new one")
            raise EnrollmentError("this enrollment code has expired: ask the program "
                                  "office for a new one")
        groups: list[str] = json.loads(session.get(EnrollmentCode, hashed).groups)  # type: ignore[union-attr]
    try:
        # The peer's name must be unique: the whole replica id, not its first characters
        # (a UUIDv7 begins with the time, so PCs enrolled in one minute share them).
        sync_api.add_trusted(store.db, ident, f"{name} · {ident.replica_id}", groups=groups)
        with store.tables() as session:
            session.add(Device(replica_id=ident.replica_id, name=name,
                               minisign_key=ident.minisign_key,
                               age_recipient=ident.age_recipient, groups=json.dumps(groups),
                               enrolled_at=now))
    except BaseException:
        # Give the code back: nothing of this enrollment stays.
        with store.tables() as session:
            session.execute(update(EnrollmentCode).where(EnrollmentCode.code_hash == hashed)
                            .values(used_at=None, used_by=None))
        raise
    me = server_identity(store)
    return Enrolled(ident.replica_id, me.line(), protocol.fingerprint(me), groups)


def _group_names(store: Store) -> dict[str, str]:
    with store.db.read() as session:
        return dict(session.execute(select(Group.id, Group.name)).all())


def list_devices(store: Store) -> list[DeviceView]:
    names = _group_names(store)
    with store.tables(write=False) as session:
        devices = list(session.scalars(select(Device).order_by(Device.enrolled_at)))
    return [DeviceView(d.replica_id, d.name,
                       [names.get(g, g) for g in json.loads(d.groups)], d.enrolled_at,
                       d.revoked_at, d.last_sync_at, d.last_failure_at, d.last_failure)
            for d in devices]


def find_device(store: Store, key: str) -> Device:
    """A device by its replica id, a unique prefix of it (≥ 8), or its exact name."""
    key = key.strip()
    with store.tables(write=False) as session:
        exact = session.get(Device, key)
        if exact is not None:
            return exact
        matches = list(session.scalars(select(Device).where(Device.name == key)))
        if len(key) >= 8:
            matches += list(session.scalars(select(Device).where(
                Device.replica_id.startswith(key))))
    unique = {d.replica_id: d for d in matches}
    if len(unique) != 1:
        raise NotFoundError("device", key) if not unique else ValidationError(
            "device", "device_ambiguous", key=key, count=len(unique))
    return next(iter(unique.values()))


def revoke(store: Store, key: str) -> Device:
    """Refuse the device from now on: its requests, its bundles, and its changes stamped
    after this moment even when another replica relays them."""
    device = find_device(store, key)
    with store.tables() as session:
        row = session.get(Device, device.replica_id)
        assert row is not None
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        return row
