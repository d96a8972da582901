"""Dashboard sessions: a signed HttpOnly, SameSite=Strict cookie and CSRF tokens.

The cookie carries a random nonce, and once signed in the user name and a stamp of the
password it was earned with (``signin.stamp``); it
is signed (itsdangerous, HMAC-SHA1 of a key derived from the server secret) and expires
after ``MAX_AGE``. Every form carries ``csrf`` = HMAC-SHA256(secret, nonce): a page from
another site can neither read the cookie nor compute the token. The secret is 32 random
bytes in the server's data folder, readable by its owner only, shared by all workers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

SECRET_FILE = "dashboard-secret.key"
COOKIE = "clinicapp_dashboard"
LANG_COOKIE = "clinicapp_lang"
MAX_AGE = 8 * 3600  # a working day; then sign in again


def load_secret(data_dir: Path) -> bytes:
    """The server's dashboard secret, made on first use (0600, never overwritten)."""
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32).hex().encode())
                handle.flush()
                os.fsync(handle.fileno())
    text = path.read_bytes().strip()
    if len(text) < 64:
        raise RuntimeError(f"{path} is damaged (too short); delete it to make a new one "
                           "(every staff member then signs in again)")
    return bytes.fromhex(text.decode())


@dataclass(frozen=True)
class SessionState:
    nonce: str
    username: str | None = None
    stamp: str = ""


class Sessions:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret
        self._secret = secret
        self._signer = URLSafeTimedSerializer(secret, salt="clinicapp-dashboard-session")

    @staticmethod
    def fresh(username: str | None = None, stamp: str = "") -> SessionState:
        return SessionState(secrets.token_urlsafe(18), username, stamp)

    def dump(self, state: SessionState) -> str:
        return self._signer.dumps([state.nonce, state.username, state.stamp])

    def load(self, text: str | None) -> SessionState | None:
        if not text or len(text) > 600:
            return None
        try:
            nonce, username, stamp = self._signer.loads(text, max_age=MAX_AGE)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(nonce, str) or not isinstance(stamp, str) or not (
                username is None or isinstance(username, str)):
            return None
        return SessionState(nonce, username, stamp)

    def csrf_token(self, state: SessionState) -> str:
        return hmac.new(self._secret, b"csrf:" + state.nonce.encode(),
                        hashlib.sha256).hexdigest()

    def csrf_ok(self, state: SessionState | None, token: object) -> bool:
        if state is None or not isinstance(token, str):
            return False
        return hmac.compare_digest(self.csrf_token(state), token)


def cookie_options(secure: bool) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": secure, "path": "/dashboard",
            "max_age": MAX_AGE}
