"""The database key, kept only wrapped.

A workstation's SQLCipher key is 32 random bytes. It is never written anywhere in the
clear: ``keystore.json`` holds it wrapped (AES-256-GCM) under a key derived with scrypt
from the workstation passphrase, and again under the recovery code shown once at setup.
Optionally a third copy lives in the operating system's credential store (``keyring``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinicapp.core.errors import LockedError, ValidationError, WrongPassphraseError

FORMAT = 1
KEY_BYTES = 32
# scrypt cost: 2**17 x 8 x 128 bytes = 128 MiB and about half a second on a clinic PC.
# The product has no switch that lowers it; the test suite patches this constant (a
# fixture in tests/conftest.py). The cost is recorded in each wrap, so unlocking follows
# the folder's own cost whatever this says.
LOG_N = 17
MIN_PASSPHRASE = 8
KEYRING_SERVICE = "ClinicApp"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _log_n() -> int:
    return LOG_N


# cryptography is imported where it is used: the unlock window reads the keystore before
# the database layer has loaded, and must appear without waiting for it.

def _derive(secret: str, salt: bytes, log_n: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log_n, r=8, p=1).derive(secret.encode("utf-8"))


def _wrap(kind: str, secret: str, db_key: bytes, log_n: int) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(secret, salt, log_n)).encrypt(nonce, db_key, kind.encode())
    return {"kind": kind, "kdf": "scrypt", "log_n": log_n, "r": 8, "p": 1,
            "salt": _b64(salt), "nonce": _b64(nonce), "sealed": _b64(sealed)}


def _unwrap(wrap: dict[str, Any], secret: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _derive(secret, _unb64(wrap["salt"]), int(wrap["log_n"]))
    try:
        return AESGCM(key).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["sealed"]),
                                   wrap["kind"].encode())
    except InvalidTag:
        raise WrongPassphraseError(
            "wrong passphrase" if wrap["kind"] == "passphrase" else "wrong recovery key"
        ) from None


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_recovery_code() -> str:
    """32 characters (160 bits) in groups of four, easy to print and type."""
    import secrets  # not at the top: hmac and OpenSSL's hashes are not needed to unlock

    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError("passphrase", "too_short", limit=MIN_PASSPHRASE)


@dataclass
class Keystore:
    """The wrapped copies of one data folder's database key."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> Keystore:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise LockedError(
                f"no keystore at {path}: this folder holds no ClinicApp data") from None
        except (ValueError, UnicodeDecodeError):
            raise LockedError(
                f"the keystore {path} is damaged; restore it from a backup") from None
        if data.get("format") != FORMAT:
            raise LockedError(f"the keystore {path} is of an unknown format; update ClinicApp")
        return cls(path, data)

    @classmethod
    def create(cls, path: Path, passphrase: str) -> tuple[Keystore, bytes, str]:
        """A new random database key, wrapped by the passphrase and a new recovery code."""
        import secrets

        check_passphrase(passphrase)
        db_key, code = os.urandom(KEY_BYTES), new_recovery_code()
        log_n = _log_n()
        store = cls(path, {
            "format": FORMAT,
            "keystore_id": secrets.token_hex(8),
            "wraps": [_wrap("passphrase", passphrase, db_key, log_n),
                      _wrap("recovery", normalise_recovery_code(code), db_key, min(log_n, 15))],
            "failed_unlocks": 0,
        })
        store.save()
        return store, db_key, code

    def save(self) -> None:
        """Atomic replace: the old keystore stays whole until the new one is on disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".keystore.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.data, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _wrap_of(self, kind: str) -> dict[str, Any]:
        for wrap in self.data["wraps"]:
            if wrap["kind"] == kind:
                return dict(wrap)
        raise LockedError(f"this keystore has no {kind} copy of the key")

    def unlock(self, passphrase: str) -> bytes:
        return _unwrap(self._wrap_of("passphrase"), passphrase)

    def unlock_with_recovery(self, code: str) -> bytes:
        return _unwrap(self._wrap_of("recovery"), normalise_recovery_code(code))

    def set_passphrase(self, db_key: bytes, passphrase: str) -> None:
        check_passphrase(passphrase)
        self._replace("passphrase", _wrap("passphrase", passphrase, db_key, _log_n()))

    def replace_recovery_code(self, db_key: bytes) -> str:
        code = new_recovery_code()
        wrap = _wrap("recovery", normalise_recovery_code(code), db_key, min(_log_n(), 15))
        self._replace("recovery", wrap)
        return code

    def _replace(self, kind: str, wrap: dict[str, Any]) -> None:
        self.data["wraps"] = [w for w in self.data["wraps"] if w["kind"] != kind] + [wrap]
        self.save()

    @property
    def failed_unlocks(self) -> int:
        try:
            return max(0, int(self.data.get("failed_unlocks", 0)))
        except (TypeError, ValueError):  # a damaged count is not a reason to lock anyone out
            return 0

    @property
    def last_failed_unlock_at(self) -> float:
        """When the last wrong answer was given (seconds since the epoch; 0 if none)."""
        try:
            return float(self.data.get("last_failed_unlock_at", 0.0))
        except (TypeError, ValueError):
            return 0.0

    def note_failed_unlock(self, at: float = 0.0, at_least: int = 0) -> int:
        """Count one more wrong answer (given at ``at``); returns the count. ``at_least``:
        the count this process already saw, so a file edited meanwhile cannot lower it."""
        self.data["failed_unlocks"] = max(self.failed_unlocks + 1, at_least)
        self.data["last_failed_unlock_at"] = at
        self.save()
        return self.failed_unlocks

    def clear_failed_unlocks(self) -> int:
        """Reset the count; returns how many failures there were (for the audit trail)."""
        count = self.failed_unlocks
        if count:
            self.data["failed_unlocks"] = 0
            self.data.pop("last_failed_unlock_at", None)
            self.save()
        return count

    # --- the operating system's credential store (optional) -------------------------

    def remember_in_os(self, db_key: bytes) -> None:
        import keyring

        keyring.set_password(KEYRING_SERVICE, self.data["keystore_id"], db_key.hex())
        self.data["os_credential"] = True
        self.save()

    def forget_in_os(self) -> None:
        import keyring
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(KEYRING_SERVICE, self.data["keystore_id"])
        self.data["os_credential"] = False
        self.save()

    def unlock_from_os(self) -> bytes | None:
        """The key from the OS credential store, if this account was allowed to keep it."""
        if not self.data.get("os_credential"):
            return None
        try:
            import keyring

            stored = keyring.get_password(KEYRING_SERVICE, self.data["keystore_id"])
        except Exception:  # no usable backend on this system: fall back to the passphrase
            return None
        return bytes.fromhex(stored) if stored else None


ENV_PASSPHRASE = "CLINICAPP_PASSPHRASE"


def secret_from_file_or_env(file: str | os.PathLike[str] | None,
                            env: str = ENV_PASSPHRASE) -> str | None:
    """A secret given without a prompt: the first line of ``file``, else ``env``; None if
    neither. Secrets never come from command-line arguments."""
    if file:
        try:
            return Path(file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise ValidationError("passphrase_file", "unreadable_file",
                                  reason=exc.strerror or str(exc)) from None
    return os.environ.get(env) or None
