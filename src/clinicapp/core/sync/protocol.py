"""The network sync protocol shared by the central server and the workstation's client:
the server's fingerprint, what a device signs for enrollment and for every request, and
the bounds of a chunk. Plain functions, so both sides are sure to agree.

A request is signed over ``method``, ``path`` (with its query), the SHA-256 of the body,
the device id and a nonce the server issued: the server's nonce, not the clinic's clock,
makes a replay detectable.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from clinicapp.core.keys.identity import PublicIdentity, ReplicaKeys

API_PREFIX = "/api/v1"
CHUNK_SIZE = 1024 * 1024  # the largest chunk a device uploads or the server sends at once
HEADER_DEVICE = "X-Clinic-Device"
HEADER_NONCE = "X-Clinic-Nonce"
HEADER_SIGNATURE = "X-Clinic-Signature"
HEADER_NEXT_NONCE = "X-Clinic-Next-Nonce"  # every signed answer carries a fresh nonce
_REQUEST = b"clinicapp-request:v1"
_ENROLL = b"clinicapp-enroll:v1"


def fingerprint(identity: PublicIdentity | str) -> str:
    """What is printed beside an enrollment code and checked by the workstation: 128 bits
    of the SHA-256 of the server's identity line, in eight groups of four hex digits."""
    line = identity.line() if isinstance(identity, PublicIdentity) else identity.strip()
    digest = hashlib.sha256(line.encode()).hexdigest()[:32].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def same_fingerprint(given: str, expected: str) -> bool:
    """Compare as a person would type it: case, spaces and dashes do not matter."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s.upper() if ch.isalnum())

    return bool(norm(given)) and norm(given) == norm(expected)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def request_message(method: str, path: str, body: bytes, device: str, nonce: str) -> bytes:
    return b"\n".join([_REQUEST, method.upper().encode(), path.encode(),
                       body_digest(body).encode(), device.encode(), nonce.encode()])


def enroll_message(code: str, identity_line: str, nonce: str) -> bytes:
    return b"\n".join([_ENROLL, normalise_code(code).encode(), identity_line.strip().encode(),
                       nonce.encode()])


def sign(keys: ReplicaKeys, message: bytes) -> str:
    return base64.b64encode(keys.signing_key.sign(message)).decode()


def verify(minisign_key: str, message: bytes, signature: str) -> bool:
    """True if ``signature`` (base64 Ed25519) signs ``message`` with that minisign key."""
    try:
        raw = base64.b64decode(minisign_key, validate=True)
        sig = base64.b64decode(signature, validate=True)
        if len(raw) != 42 or len(sig) != 64:
            return False
        Ed25519PublicKey.from_public_bytes(raw[10:]).verify(sig, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def normalise_code(code: str) -> str:
    """An enrollment code as typed ("abcd efgh-…") in its one canonical form."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()
