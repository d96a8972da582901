"""Reading an age file (v1, X25519 recipients) a chunk at a time, as a file object.

``pyrage.decrypt`` needs the whole file in memory and returns the whole plain text: a
stranger's 500 MiB bundle would cost a gigabyte before its sender could be checked. This
reader decrypts 64 KiB at a time (the age STREAM chunks, each authenticated on its own), so
the manifest at the front of a bundle is read, and a stranger refused, at the cost of a
few chunks. The format is age's (https://age-encryption.org/v1): files stay readable by
``age -d`` and are written by ``pyrage.encrypt``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
TAG = 16
MAX_HEADER = 256 * 1024  # many recipients are a few hundred bytes each
X25519_INFO = b"age-encryption.org/v1/X25519"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class AgeError(Exception):
    """``kind``: not_age, incomplete (cut inside the header), not_for_us, damaged."""

    def __init__(self, kind: str, detail: str = "", stanzas: int = 0) -> None:
        super().__init__(detail or kind)
        self.kind = kind
        self.stanzas = stanzas


def secret_key(identity: str) -> bytes:
    """The 32-byte X25519 secret of an ``AGE-SECRET-KEY-1…`` identity (bech32)."""
    text = identity.strip().lower()
    hrp, _sep, data = text.rpartition("1")
    if hrp != "age-secret-key-" or len(data) < 6:
        raise ValueError("not an age X25519 identity")
    values = [_BECH32.index(ch) for ch in data][:-6]  # the checksum is pyrage's to check
    acc, bits, out = 0, 0, bytearray()
    for v in values:
        acc, bits = (acc << 5) | v, bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if len(out) != 32:
        raise ValueError("not an age X25519 identity")
    return bytes(out)


def _hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt, info).derive(key)


def _b64(text: bytes) -> bytes:
    """age's base64: standard alphabet, no padding (checked canonical by re-encoding)."""
    raw = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    if base64.b64encode(raw).rstrip(b"=") != text:
        raise ValueError("non-canonical base64")
    return raw


class AgeReader:
    """The plain text of the age file read from ``source``, decrypted as it is read."""

    def __init__(self, source: BinaryIO, identity: str) -> None:
        self._source = source
        self._out = bytearray()
        self._buffer = b""
        self._counter = 0
        self._done = False  # the last chunk was read and authenticated
        file_key = self._header(identity)
        nonce = self._take(16)
        if len(nonce) < 16:
            raise AgeError("damaged", "cut short after its header")
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._pending = self._take(CHUNK + TAG)

    def _take(self, n: int) -> bytes:
        """Up to ``n`` bytes from the source (fewer only at its end)."""
        while len(self._buffer) < n:
            more = self._source.read(max(n - len(self._buffer), CHUNK))
            if not more:
                break
            self._buffer += more
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out

    def _header(self, identity: str) -> bytes:
        head = self._take(len(MAGIC))
        if head != MAGIC:
            raise AgeError("not_age")
        lines: list[bytes] = []
        size = len(MAGIC)
        while True:
            line = self._line(size)
            size += len(line) + 1
            if line.startswith(b"--- "):
                break
            lines.append(line)
        mac = line[4:]
        stanzas = self._stanzas(lines)
        x25519 = [s for s in stanzas if s[0] == b"X25519"]
        secret = secret_key(identity)
        private = X25519PrivateKey.from_private_bytes(secret)
        ours = private.public_key().public_bytes_raw()
        file_key = None
        for _kind, args, body in x25519:
            if len(args) != 1 or len(body) != 32:
                raise AgeError("damaged", "a malformed X25519 stanza")
            share = _b64(args[0])
            try:
                shared = private.exchange(X25519PublicKey.from_public_bytes(share))
                wrap = _hkdf(shared, share + ours, X25519_INFO)
                file_key = ChaCha20Poly1305(wrap).decrypt(b"\0" * 12, body, None)
                break
            except (InvalidTag, ValueError):
                continue
        if file_key is None:
            raise AgeError("not_for_us", stanzas=len(x25519))
        header = MAGIC + b"".join(line + b"\n" for line in lines) + b"---"
        expected = hmac.new(_hkdf(file_key, None, b"header"), header, hashlib.sha256).digest()
        try:
            given = _b64(mac)
        except ValueError:
            given = b""
        if not hmac.compare_digest(expected, given):
            raise AgeError("damaged", "its header fails its check")
        return file_key

    def _line(self, size: int) -> bytes:
        """One header line (without its newline), never reading beyond MAX_HEADER."""
        at = self._buffer.find(b"\n")
        while at < 0:
            if size + len(self._buffer) > MAX_HEADER:
                raise AgeError("damaged", "its header is too long")
            more = self._source.read(4096)
            if not more:
                raise AgeError("incomplete")
            self._buffer += more
            at = self._buffer.find(b"\n")
        line, self._buffer = self._buffer[:at], self._buffer[at + 1:]
        return line

    @staticmethod
    def _stanzas(lines: list[bytes]) -> list[tuple[bytes, list[bytes], bytes]]:
        out: list[tuple[bytes, list[bytes], bytes]] = []
        i = 0
        try:
            while i < len(lines):
                if not lines[i].startswith(b"-> "):
                    raise ValueError("not a stanza")
                kind, *args = lines[i][3:].split(b" ")
                i += 1
                body = b""
                while True:  # body lines of 64 columns, the last one shorter
                    if i >= len(lines):
                        raise ValueError("a stanza without its end")
                    chunk = lines[i]
                    i += 1
                    body += chunk
                    if len(chunk) < 64:
                        break
                out.append((kind, args, _b64(body)))
        except ValueError:
            raise AgeError("damaged", "a malformed header") from None
        return out

    def read(self, n: int) -> bytes:
        """``n`` bytes of plain text, fewer only at its end."""
        while len(self._out) < n:
            piece = self._next_chunk()
            if not piece:
                break
            self._out += piece
        out = bytes(self._out[:n])
        del self._out[:n]
        return out

    def read_whole(self, n: int) -> bytearray:
        """``read`` for a large member (the payload), without copying it: the plain text
        gathered is cut at ``n`` and handed over (``read`` makes two copies of what it
        returns, 17 MiB more for the payload of a 1,000,000-change bundle)."""
        while len(self._out) < n:
            piece = self._next_chunk()
            if not piece:
                break
            self._out += piece
        out, self._out = self._out, self._out[n:]
        del out[n:]
        return out

    def drain(self) -> None:
        """Read to the end, so the whole file is authenticated (or AgeError)."""
        while self._next_chunk():
            pass

    def _next_chunk(self) -> bytes:
        """The next piece of plain text (b"" at the end, once the file authenticated)."""
        if self._done:
            return b""
        sealed = self._pending
        following = self._take(CHUNK + TAG)
        last = not following
        if len(sealed) < TAG or (not last and len(sealed) != CHUNK + TAG):
            raise AgeError("damaged", "cut short")
        nonce = self._counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        try:
            plain = self._aead.decrypt(nonce, sealed, None)
        except InvalidTag:
            raise AgeError("damaged", "altered or cut short") from None
        if last and not plain and self._counter > 0:
            raise AgeError("damaged", "an empty last chunk")
        self._counter += 1
        self._pending = following
        self._done = last
        return plain
