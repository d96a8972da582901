"""Errors meant for people: each names what is wrong and, where it can, what to do.

Errors are classified by type (``ValidationError``, ``NotFoundError``, ``LockedError`` …)
and a validation error carries a stable ``code`` with its ``params``; front ends decide by
type and code, never by the text of the message. The English wording of every code lives
in ``clinicapp.core.messages`` (see its docstring for how a front end translates).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from clinicapp.core.messages import render


class ClinicAppError(Exception):
    """Base class for every error ClinicApp shows to a person."""


class ValidationError(ClinicAppError):
    """A value breaks a rule.

    ``field`` names the field, ``code`` the rule (a key of ``core.messages``) and
    ``params`` the values the rule's sentence mentions. ``rule`` is that sentence in
    English; ``str(exc)`` is ``"field: rule"``.
    """

    def __init__(self, field: str, code: str, **params: object) -> None:
        rule = render(code, params)
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.code = code
        self.params: Mapping[str, object] = MappingProxyType(dict(params))
        self.rule = rule


class NotFoundError(ClinicAppError):
    """A record that was asked for does not exist (or was deleted)."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} not found: {key}")
        self.kind = kind
        self.key = key


class LockedError(ClinicAppError):
    """The database cannot be opened without its passphrase or recovery key."""


class WrongPassphraseError(LockedError):
    """The passphrase or recovery key given does not unlock this data folder."""


class DatabaseError(ClinicAppError):
    """The database is missing, damaged or of an unknown schema."""


class StorageFullError(DatabaseError):
    """A write found no room on the disk (SQLite's SQLITE_FULL, an OS ENOSPC, PostgreSQL's
    disk_full): that transaction was rolled back whole; everything written before it is
    intact. The person can free space and do it again."""

    def __init__(self) -> None:
        super().__init__("the disk is full: this was not saved (nothing saved before it "
                         "was lost). Free some space on the drive that holds ClinicApp's "
                         "data folder, then try again")
