"""Program-office staff accounts: argon2id password hashes, never the password."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.server.models import Staff
from clinicapp.server.store import Store

_hasher = PasswordHasher()  # argon2id, the library's current recommended parameters
MIN_PASSWORD = 12


def create(store: Store, username: str, password: str) -> Staff:
    username = username.strip()
    if not username or len(username) > 100 or not username.isprintable():
        raise ValidationError("username", "staff_name_format")
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", "too_short", limit=MIN_PASSWORD)
    with store.tables() as session:
        if session.get(Staff, username) is not None:
            raise ValidationError("username", "staff_name_taken", name=username)
        account = Staff(username=username, password_hash=_hasher.hash(password))
        session.add(account)
        return account


def set_password(store: Store, username: str, password: str) -> None:
    """A new password; every dashboard session of the account ends with the old one."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", "too_short", limit=MIN_PASSWORD)
    with store.tables() as session:
        account = session.get(Staff, username.strip())
        if account is None:
            raise NotFoundError("staff account", username)
        account.password_hash = _hasher.hash(password)
        account.session_epoch = (account.session_epoch or 0) + 1
        account.failed_logins = 0
        account.last_failed_at = None


def verify_password(account: Staff, password: str) -> bool:
    try:
        return bool(_hasher.verify(account.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(account: Staff) -> bool:
    return bool(_hasher.check_needs_rehash(account.password_hash))
