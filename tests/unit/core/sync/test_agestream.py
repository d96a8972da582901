"""The chunked age reader opens what pyrage (age) writes, byte for byte, and refuses a file
cut short, altered, or for other recipients."""

from __future__ import annotations

import io
import os

import pyrage
import pytest

from clinicapp.core.sync.agestream import CHUNK, AgeError, AgeReader, secret_key

ME = pyrage.x25519.Identity.generate()
OTHER = pyrage.x25519.Identity.generate()


def sealed(data: bytes) -> bytes:
    return bytes(pyrage.encrypt(data, [OTHER.to_public(), ME.to_public()]))


def opened(blob: bytes, identity: pyrage.x25519.Identity = ME) -> bytes:
    reader = AgeReader(io.BytesIO(blob), str(identity))
    out = b""
    while piece := reader.read(7777):
        out += piece
    reader.drain()
    return out


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 200_000])
def test_it_reads_what_age_writes(size):
    data = os.urandom(size)
    assert opened(sealed(data)) == data


@pytest.mark.parametrize("cut", [1, 16, CHUNK + 16])
def test_a_file_cut_short_is_damaged(cut):
    blob = sealed(os.urandom(2 * CHUNK))
    with pytest.raises(AgeError) as err:
        opened(blob[:-cut])
    assert err.value.kind == "damaged"


def test_an_altered_byte_is_damaged():
    blob = bytearray(sealed(os.urandom(CHUNK + 10)))
    blob[-(CHUNK // 2)] ^= 1
    with pytest.raises(AgeError) as err:
        opened(bytes(blob))
    assert err.value.kind == "damaged"


def test_a_file_for_others_names_how_many_they_are():
    with pytest.raises(AgeError) as err:
        opened(sealed(b"x"), pyrage.x25519.Identity.generate())
    assert err.value.kind == "not_for_us" and err.value.stanzas == 2


def test_not_age_and_a_header_cut_short():
    for blob, kind in ((b"PK\x03\x04", "not_age"), (sealed(b"x")[:40], "incomplete")):
        with pytest.raises(AgeError) as err:
            opened(blob)
        assert err.value.kind == kind


def test_the_secret_key_is_the_one_age_derives_the_recipient_from():
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    public = X25519PrivateKey.from_private_bytes(secret_key(str(ME))).public_key()
    assert pyrage.x25519.Recipient.from_str(str(ME.to_public())) is not None
    assert bytes(public.public_bytes_raw()) == _bech32_payload(str(ME.to_public()))


def _bech32_payload(text: str) -> bytes:
    alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    values = [alphabet.index(c) for c in text.rpartition("1")[2]][:-6]
    acc, bits, out = 0, 0, bytearray()
    for v in values:
        acc, bits = (acc << 5) | v, bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


@pytest.mark.parametrize("size", [0, CHUNK, 3 * CHUNK + 5])
def test_a_large_member_is_handed_over_whole_and_the_rest_still_follows(size):
    data = os.urandom(size + 3 * CHUNK)
    reader = AgeReader(io.BytesIO(sealed(data)), str(ME))
    assert reader.read(10) == data[:10]
    whole = reader.read_whole(size)
    assert whole == data[10:10 + size] and len(whole) == min(size, len(data) - 10)
    assert reader.read(len(data)) == data[10 + size:]
    reader.drain()
