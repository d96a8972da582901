"""minisign signatures (prehashed Ed25519, algorithm "ED") of a bundle's manifest, as the
standard ``minisign -V`` checks them."""

from __future__ import annotations

import base64
import hashlib
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from clinicapp.core.keys.identity import ReplicaKeys, minisign_key_id


def sign(keys: ReplicaKeys, message: bytes, comment: str) -> str:
    """A minisign signature file (prehashed, algorithm 'ED') for ``message``."""
    key_id = minisign_key_id(keys.public_key)
    digest = hashlib.blake2b(message, digest_size=64).digest()
    signature = keys.signing_key.sign(digest)
    trusted = f"timestamp:{int(time.time())}\t{comment}"
    global_sig = keys.signing_key.sign(signature + trusted.encode())
    return (f"untrusted comment: signature from ClinicApp replica {keys.replica_id}\n"
            f"{base64.b64encode(b'ED' + key_id + signature).decode()}\n"
            f"trusted comment: {trusted}\n"
            f"{base64.b64encode(global_sig).decode()}\n")


def public_key_file(keys: ReplicaKeys) -> str:
    return (f"untrusted comment: minisign public key of ClinicApp replica {keys.replica_id}\n"
            f"{keys.public().minisign_key}\n")


def verify(message: bytes, sig_file: str, minisign_key: str) -> bool:
    """True if ``sig_file`` is a valid minisign signature of ``message`` by that key."""
    try:
        raw_key = base64.b64decode(minisign_key)
        public = Ed25519PublicKey.from_public_bytes(raw_key[10:])
        lines = sig_file.splitlines()
        sig = base64.b64decode(lines[1])
        trusted = lines[2].removeprefix("trusted comment: ")
        global_sig = base64.b64decode(lines[3])
        algorithm, key_id, signature = sig[:2], sig[2:10], sig[10:]
        if key_id != raw_key[2:10] or len(signature) != 64:
            return False
        if algorithm == b"ED":
            signed = hashlib.blake2b(message, digest_size=64).digest()
        elif algorithm == b"Ed":
            signed = message
        else:
            return False
        public.verify(signature, signed)
        public.verify(global_sig, signature + trusted.encode())
        return True
    except (InvalidSignature, ValueError, IndexError):
        return False


def signer_key_of(sig_file: str, sender_key: str) -> str:
    """The minisign key that made ``sig_file``: the included ``sender.pub`` if its key id
    matches, otherwise the key id alone (all we know of an unknown signer)."""
    try:
        key_id = base64.b64decode(sig_file.splitlines()[1])[2:10]
    except (ValueError, IndexError):
        return ""
    try:
        if base64.b64decode(sender_key)[2:10] == key_id:
            return sender_key
    except ValueError:
        pass
    return f"key id {key_id[::-1].hex().upper()}"
