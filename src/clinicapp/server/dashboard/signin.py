"""Signing staff in: their password checked against its argon2id hash
(``clinicapp.server.staff``), with a growing wait after wrong ones.

The wait (none after the first two wrong passwords, then 1, 2, 4 … 300 s, as the desktop's
lock screen) is counted on the account's row, so every worker and a restart see it; while
it runs, a try is refused unheard and does not lengthen it. A name that does not exist
costs the same hashing time and earns the same wait (counted in memory: no row is written
for a name nobody has). The message never says which of the two was wrong.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import update

from clinicapp.core.services import audit
from clinicapp.core.sync.clock import utcnow
from clinicapp.server import staff as accounts
from clinicapp.server.models import Staff
from clinicapp.server.store import Store

MAX_WAIT = 300
MAX_PASSWORD = 1024  # longer is refused before hashing: a cheap request stays cheap
MAX_NAME = 100
# The library's defaults, as ``staff`` uses: the same cost for a name nobody has.
_hasher = PasswordHasher()
_DUMMY = Staff(username="", password_hash=_hasher.hash("nobody has this password"))


@dataclass(frozen=True)
class SignedIn:
    username: str
    stamp: str  # binds a cookie to the password it was earned with


class Refused(Exception):
    """A sign-in that did not succeed; ``wait`` seconds before the next try is heard."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"try again in {wait} s" if wait else "wrong user name or password")
        self.wait = wait


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong passwords in a row."""
    return 0 if failures < 3 else min(MAX_WAIT, 2 ** (failures - 3))


def stamp(secret: bytes, account: Staff) -> str:
    """Changes when the password does or the account signs out (its session epoch): either
    ends, on the server, every session earned before — a copied cookie included."""
    text = f"{account.username}\0{account.password_hash}\0{account.session_epoch or 0}"
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()[:32]


def sign_out(store: Store, username: str) -> None:
    """End every session of this account (each browser it is signed in on signs in again)."""
    with store.tables() as session:
        session.execute(update(Staff).where(Staff.username == username).values(
            session_epoch=Staff.session_epoch + 1))


class _UnknownNames:
    LIMIT = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[int, float]] = {}

    def wait(self, name: str) -> int:
        with self._lock:
            failures, at = self._seen.get(name, (0, 0.0))
        return max(0, int(at + wait_after(failures) - time.monotonic() + 0.999))

    def failed(self, name: str) -> None:
        with self._lock:
            if len(self._seen) >= self.LIMIT:
                self._seen.clear()
            failures = self._seen.get(name, (0, 0.0))[0] + 1
            self._seen[name] = (failures, time.monotonic())


_unknown = _UnknownNames()


def _remaining(account: Staff, now: datetime) -> int:
    if account.last_failed_at is None:
        return 0
    last = account.last_failed_at
    last = last if last.tzinfo else last.replace(tzinfo=UTC)
    until = last + timedelta(seconds=wait_after(account.failed_logins))
    return max(0, int((until - now).total_seconds() + 0.999))


def authenticate(store: Store, secret: bytes, username: str, password: str) -> SignedIn:
    """The staff member with this name and password, or ``Refused`` (with the wait)."""
    name = username.strip()[:MAX_NAME]
    now = utcnow()
    with store.tables(write=False) as session:
        account = session.get(Staff, name) if name else None
        if account is not None and account.disabled:
            account = None
    if account is None:
        wait = _unknown.wait(name)
        if wait:
            raise Refused(wait)
        accounts.verify_password(_DUMMY, password[:MAX_PASSWORD])
        _unknown.failed(name)
        raise Refused(0)
    wait = _remaining(account, now)
    if wait:
        raise Refused(wait)
    if len(password) > MAX_PASSWORD or not accounts.verify_password(account, password):
        with store.tables() as session:
            session.execute(update(Staff).where(Staff.username == name).values(
                failed_logins=Staff.failed_logins + 1, last_failed_at=now))
        audit.log(store.db, "login_failed", f"dashboard account {name}", name)
        raise Refused(0)
    with store.tables() as session:
        row = session.get(Staff, name)
        assert row is not None
        row.failed_logins = 0
        row.last_failed_at = None
        if accounts.needs_rehash(row):
            row.password_hash = _hasher.hash(password)
        return SignedIn(row.username, stamp(secret, row))


def signed_in(store: Store, secret: bytes, username: str, cookie_stamp: str) -> SignedIn | None:
    """The staff member a cookie names, if the account is live and the password unchanged."""
    with store.tables(write=False) as session:
        account = session.get(Staff, username)
        if account is None or account.disabled:
            return None
        current = stamp(secret, account)
    if not hmac.compare_digest(current, cookie_stamp):
        return None
    return SignedIn(username, current)
