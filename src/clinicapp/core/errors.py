"""Errors meant for people: each names what is wrong and, where it can, what to do."""

from __future__ import annotations


class ClinicAppError(Exception):
    """Base class for every error ClinicApp shows to a person."""


class ValidationError(ClinicAppError):
    """A value breaks a rule. ``field`` names the field, ``rule`` says the rule."""

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.field = field
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
