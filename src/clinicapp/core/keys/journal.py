"""A member's private journal: reflections sealed to their author.

Each member who wants private reflections gets an age X25519 identity. Its public half
(``age1…``) is stored in clear, so any workstation can *write* a private reflection for
them without asking anything; its secret half is stored only encrypted — once with the
member's own passphrase and once with a personal recovery code — both in age's scrypt
(passphrase) format, so the standard ``age -d`` tool can open them too. The three values
live on the member row and sync like any other field: a journal follows its author to
every workstation, and no administrator, program office or server can read it.

A forgotten passphrase without the recovery code makes the member's sealed texts
unreadable for good; that is the price of nobody else being able to read them.

Opening a journal costs a deliberate scrypt derivation (about a second): callers on a UI
thread run ``open_journal`` and ``change_passphrase`` in the background.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

import pyrage
from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError, ValidationError, WrongPassphraseError
from clinicapp.core.keys.keystore import (
    check_passphrase,
    new_recovery_code,
    normalise_recovery_code,
)
from clinicapp.core.models import Member, Reflection, Session, Visibility
from clinicapp.core.services import audit
from clinicapp.core.services._common import get_live
from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)

# Sealed texts are padded to a multiple of this many bytes before encryption, so the
# ciphertext's length tells little about how much someone wrote.
PAD_TO = 256


class JournalError(ClinicAppError):
    """A journal cannot be opened or changed (not set up, damaged)."""


class WrongJournalPassphraseError(WrongPassphraseError):
    """The passphrase or recovery code given does not open this member's journal."""


class OpenJournal:
    """A member's journal while it is open: holds their secret identity until closed.

    Use it as a context manager or call ``close()``; afterwards it forgets the identity
    (Python cannot wipe memory, but nothing here keeps a reference to it).
    """

    def __init__(self, member_id: str, identity: pyrage.x25519.Identity) -> None:
        self.member_id = member_id
        self._identity: pyrage.x25519.Identity | None = identity

    @property
    def identity(self) -> pyrage.x25519.Identity:
        if self._identity is None:
            raise JournalError("this journal was closed; open it again with the passphrase")
        return self._identity

    @property
    def is_open(self) -> bool:
        return self._identity is not None

    def unseal(self, sealed: str) -> dict[str, str]:
        return unseal(self.identity, sealed)

    def close(self) -> None:
        self._identity = None

    def __enter__(self) -> OpenJournal:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:  # never shows the identity, even in a crash report
        state = "open" if self.is_open else "closed"
        return f"<OpenJournal member={self.member_id} {state}>"


# --- sealing texts -----------------------------------------------------------------------

def seal(recipient: str, fields: dict[str, str]) -> str:
    """The fields as JSON, padded and age-encrypted to ``recipient``; base64 text.
    Needs only the member's public key."""
    try:
        to = pyrage.x25519.Recipient.from_str(recipient)
    except Exception:  # pyrage raises its own RecipientError / ValueError
        raise JournalError("this member's journal key is damaged; set the journal up "
                           "again") from None
    plain = json.dumps({str(k): str(v) for k, v in fields.items()},
                       ensure_ascii=False).encode("utf-8")
    plain += b" " * (-len(plain) % PAD_TO)  # JSON allows trailing whitespace
    return base64.b64encode(pyrage.encrypt(plain, [to])).decode("ascii")


def unseal(identity: pyrage.x25519.Identity, sealed: str) -> dict[str, str]:
    """The fields of a sealed text. Raises JournalError if this identity cannot open it."""
    if not sealed:
        return {}
    try:
        plain = pyrage.decrypt(base64.b64decode(sealed.encode("ascii"), validate=True),
                               [identity])
    except (binascii.Error, ValueError, pyrage.DecryptError):
        raise JournalError("this private text does not open with this journal "
                           "(sealed to another key, or damaged)") from None
    data: Any = json.loads(plain.decode("utf-8"))
    if not isinstance(data, dict):
        raise JournalError("this private text is damaged")
    return {str(k): str(v) for k, v in data.items()}


# --- the member's identity ---------------------------------------------------------------

def _lock_secret(identity: pyrage.x25519.Identity, secret: str) -> str:
    return base64.b64encode(pyrage.passphrase.encrypt(str(identity).encode("ascii"),
                                                      secret)).decode("ascii")


def _open_secret(sealed: str, secret: str, recipient: str) -> pyrage.x25519.Identity | None:
    """The identity, or None if ``secret`` does not open it."""
    try:
        raw = pyrage.passphrase.decrypt(base64.b64decode(sealed.encode("ascii")), secret)
    except pyrage.DecryptError:
        return None
    except (binascii.Error, ValueError):
        raise JournalError("this member's journal key is damaged") from None
    try:
        identity = pyrage.x25519.Identity.from_str(raw.decode("ascii"))
    except Exception:  # pyrage's IdentityError, or bytes that are no key at all
        raise JournalError("this member's journal key is damaged") from None
    if str(identity.to_public()) != recipient:
        raise JournalError("this member's journal key does not match their public key; "
                           "it was damaged or set up twice before a sync")
    return identity


def has_journal(db: Database, member_id: str) -> bool:
    with db.read() as session:
        return bool(get_live(session, Member, member_id, "member").journal_recipient)


def recipient_of(db: Database, member_id: str) -> str:
    """The member's public journal key, or "" when they have no journal."""
    with db.read() as session:
        return get_live(session, Member, member_id, "member").journal_recipient


def set_up(db: Database, member_id: str, passphrase: str) -> str:
    """Make the member's journal key, kept under their passphrase and a new recovery
    code. Returns the recovery code: show it once, it is stored nowhere in clear."""
    check_passphrase(passphrase)
    if has_journal(db, member_id):
        raise ValidationError("journal", "journal_exists_change")
    identity = pyrage.x25519.Identity.generate()
    code = new_recovery_code()
    by_passphrase = _lock_secret(identity, passphrase)
    by_code = _lock_secret(identity, normalise_recovery_code(code))
    with db.write() as session:
        member = get_live(session, Member, member_id, "member")
        if member.journal_recipient:  # set up meanwhile (another window)
            raise ValidationError("journal", "journal_exists")
        member.journal_recipient = str(identity.to_public())
        member.journal_identity_sealed = by_passphrase
        member.journal_recovery_sealed = by_code
    log.info("journal set up for member %s", member_id)
    return code


def _unlock(db: Database, member_id: str, secret: str, by_recovery: bool,
            purpose: str) -> pyrage.x25519.Identity:
    with db.read() as session:
        member = get_live(session, Member, member_id, "member")
        recipient = member.journal_recipient
        sealed = member.journal_recovery_sealed if by_recovery else member.journal_identity_sealed
    if not recipient or not sealed:
        raise JournalError("this member has no private journal yet; set one up first")
    identity = _open_secret(sealed, normalise_recovery_code(secret) if by_recovery
                            else secret, recipient)
    if identity is None:
        what = "recovery code" if by_recovery else "journal passphrase"
        audit.log(db, "unlock_failed", f"{purpose} of member {member_id}: wrong {what}")
        log.info("wrong %s for the journal of member %s", what, member_id)
        raise WrongJournalPassphraseError(f"wrong {what}: this journal did not open")
    return identity


def open_journal(db: Database, member_id: str, passphrase: str | None = None,
                 recovery_code: str | None = None) -> OpenJournal:
    """Open the member's journal with their passphrase or recovery code."""
    if passphrase is None and recovery_code is None:
        raise ValidationError("passphrase", "journal_passphrase_needed")
    by_recovery = passphrase is None
    secret = recovery_code if by_recovery else passphrase
    assert secret is not None
    identity = _unlock(db, member_id, secret, by_recovery, "journal")
    audit.log(db, "journal_opened", f"member {member_id}"
                                    + (" with the recovery code" if by_recovery else ""))
    return OpenJournal(member_id, identity)


def change_passphrase(db: Database, member_id: str, old_or_recovery: str, new: str, *,
                      by_recovery: bool = False) -> None:
    """A new journal passphrase, given the old one or the recovery code. The key itself
    stays the same, so everything sealed before still opens; the recovery code too."""
    check_passphrase(new)
    identity = _unlock(db, member_id, old_or_recovery, by_recovery, "journal passphrase change")
    sealed = _lock_secret(identity, new)
    with db.write() as session:
        member = get_live(session, Member, member_id, "member")
        if member.journal_recipient != str(identity.to_public()):
            raise JournalError("this journal was set up again meanwhile; try again")
        member.journal_identity_sealed = sealed
        audit.record(session, "journal_passphrase_changed",
                     f"member {member_id}" + (" by recovery code" if by_recovery else ""))


def replace_recovery_code(db: Database, journal: OpenJournal) -> str:
    """A new personal recovery code for an open journal; the old one stops working."""
    code = new_recovery_code()
    sealed = _lock_secret(journal.identity, normalise_recovery_code(code))
    with db.write() as session:
        member = get_live(session, Member, journal.member_id, "member")
        if member.journal_recipient != str(journal.identity.to_public()):
            raise JournalError("this journal was set up again meanwhile; open it again")
        member.journal_recovery_sealed = sealed
        audit.record(session, "journal_recovery_replaced", f"member {journal.member_id}")
    return code


# --- reading ---------------------------------------------------------------------------

def read_private(db: Database, journal: OpenJournal, offset: int = 0,
                 limit: int = 100) -> list[tuple[Reflection, dict[str, str]]]:
    """The member's private reflections (from every workstation), newest session first,
    each with its unsealed fields. A text sealed to a key the member no longer holds gives {}."""
    identity = journal.identity  # refuses a closed journal
    stmt = (select(Reflection)
            .outerjoin(Session, Session.id == Reflection.session_id)
            .where(Reflection.member_id == journal.member_id,
                   Reflection.visibility == Visibility.PRIVATE,
                   Reflection.deleted_at.is_(None))
            .order_by(Session.scheduled_start.desc(), Reflection.created_at.desc(),
                      Reflection.id)
            .offset(offset).limit(limit))
    with db.read() as session:
        rows = list(session.scalars(stmt).all())
    result: list[tuple[Reflection, dict[str, str]]] = []
    for row in rows:
        try:
            fields = unseal(identity, row.sealed)
        except JournalError:
            log.warning("private reflection %s does not open with its author's journal key",
                        row.id)
            fields = {}
        result.append((row, fields))
    return result


@dataclass(frozen=True)
class JournalEntry:
    """One private reflection as "My journal" shows it."""

    reflection: Reflection
    fields: dict[str, str]
    session_title: str
    session_start: datetime | None

    # The reflection's parts by name, as ``search.search_private`` reads them.
    @property
    def what(self) -> str:
        return self.fields.get("what", "")

    @property
    def so_what(self) -> str:
        return self.fields.get("so_what", "")

    @property
    def now_what(self) -> str:
        return self.fields.get("now_what", "")

    @property
    def barriers(self) -> str:
        return self.fields.get("barriers", "")

    @property
    def supports_needed(self) -> str:
        return self.fields.get("supports_needed", "")


def entries(db: Database, journal: OpenJournal, offset: int = 0,
            limit: int = 100) -> list[JournalEntry]:
    """``read_private`` with the title and date of each reflection's session."""
    found = read_private(db, journal, offset, limit)
    ids = {row.session_id for row, _fields in found}
    with db.read() as session:
        titles = {s.id: (s.title, s.scheduled_start) for s in session.scalars(
            select(Session).where(Session.id.in_(ids)))}
    return [JournalEntry(row, fields, *titles.get(row.session_id, ("", None)))
            for row, fields in found]
