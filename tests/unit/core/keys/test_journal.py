"""Private reflections sealed to their author: only the member's passphrase (or their
recovery code) reads them back, on any replica, and nothing of them is on disk in clear."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
import pytest
import sqlcipher3
from sqlalchemy import select

from clinicapp import logs
from clinicapp.core.errors import ValidationError, WrongPassphraseError
from clinicapp.core.keys import journal
from clinicapp.core.keys.identity import load_keys
from clinicapp.core.models import (
    Group,
    Member,
    Reflection,
    Session,
    Visibility,
)
from clinicapp.core.reports import csv_export
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, bundle
from clinicapp.paths import AppPaths, resolve
from tests.conftest import PASSPHRASE

MEMBER_PASSPHRASE = "my own journal words"
MARKER = "Zq7-marker-Xylophone-4417"


# --- rows the tests stand on --------------------------------------------------------------

def group_session_member(db: Database, name: str = "Dr. Ana Roy") -> tuple[Session, Member]:
    group = Group(name="Northern hub")
    person = Member(full_name=name)
    with db.write() as s:
        s.add_all([group, person])
        s.flush()
        meeting = Session(group_id=group.id, title="Deprescribing in the elderly",
                          scheduled_start=datetime(2025, 3, 4, 18, tzinfo=UTC))
        s.add(meeting)
    return meeting, person


def private_reflection(db: Database, meeting: Session, person: Member,
                       **fields: str) -> Reflection:
    """A private reflection as the reflections service stores it: sealed, plain empty."""
    recipient = journal.recipient_of(db, person.id)
    row = Reflection(session_id=meeting.id, member_id=person.id,
                     visibility=Visibility.PRIVATE, sealed=journal.seal(recipient, fields))
    with db.write() as s:
        s.add(row)
    return row


def encodings(text: str) -> dict[str, bytes]:
    """The ways a text could sit in a file: plain, UTF-16 both ways, and base64 at each
    of the three byte alignments (the part that does not depend on neighbouring bytes)."""
    raw = text.encode("utf-8")
    found = {"utf-8": raw, "utf-16-le": text.encode("utf-16-le"),
             "utf-16-be": text.encode("utf-16-be")}
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        start = (shift * 4 + 2) // 3 + 1  # skip characters that mix in the padding
        found[f"base64+{shift}"] = encoded[start:start + 16]
    return found


def files_holding(root: Path, text: str) -> list[str]:
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{path.relative_to(root)} ({name})"
                 for name, needle in encodings(text).items() if needle in data]
    return hits


def decrypted_dump(db: Database, path: Path) -> str:
    """Every value in a database file, read with its key: what an attacker who had the
    workstation passphrase would see."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{db.key.hex()}'\"")
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(repr(row) for table in tables
                         for row in conn.execute(f'SELECT * FROM "{table}"'))
    finally:
        conn.close()


@dataclass(frozen=True)
class MadeJournal:
    """A member's journal fields as ``journal.set_up`` made them, and its recovery code."""

    recipient: str
    identity_sealed: str
    recovery_sealed: str
    code: str


@pytest.fixture(scope="session")
def made_journal(tmp_path_factory: pytest.TempPathFactory) -> MadeJournal:
    """One real journal, made once: each age scrypt wrap costs about a second, so tests
    that are not about setting up give their member this one (as if it came by sync)."""
    maker, _code = Database.create(resolve(tmp_path_factory.mktemp("maker") / "data"),
                                   PASSPHRASE)
    try:
        with maker.write() as s:
            someone = Member(full_name="Journal maker")
            s.add(someone)
        code = journal.set_up(maker, someone.id, MEMBER_PASSPHRASE)
        with maker.read() as s:
            m = s.get(Member, someone.id)
            assert m is not None
            return MadeJournal(m.journal_recipient, m.journal_identity_sealed,
                               m.journal_recovery_sealed, code)
    finally:
        maker.close()


def give_journal(db: Database, member_id: str, made: MadeJournal) -> str:
    """The member now has that journal (passphrase MEMBER_PASSPHRASE); returns its code."""
    with db.write() as s:
        member = s.get(Member, member_id)
        assert member is not None
        member.journal_recipient = made.recipient
        member.journal_identity_sealed = made.identity_sealed
        member.journal_recovery_sealed = made.recovery_sealed
    return made.code


# --- sealing ----------------------------------------------------------------------------

def test_seal_and_unseal_round_trip_exactly():
    me = pyrage.x25519.Identity.generate()
    fields = {"what": f"{MARKER} — café, 🩺", "so_what": "", "now_what": "line\nbreak"}
    sealed = journal.seal(str(me.to_public()), fields)
    assert MARKER not in sealed
    assert journal.unseal(me, sealed) == fields
    assert journal.unseal(me, "") == {}


def test_sealed_text_opens_with_no_other_identity():
    me, someone = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    sealed = journal.seal(str(me.to_public()), {"what": MARKER})
    with pytest.raises(journal.JournalError, match="does not open"):
        journal.unseal(someone, sealed)


def test_sealed_length_says_little_about_how_much_was_written():
    me = pyrage.x25519.Identity.generate()
    short = journal.seal(str(me.to_public()), {"what": "ok"})
    longer = journal.seal(str(me.to_public()), {"what": "a much longer thought " * 5})
    # What is encrypted is padded to the same size (age adds random-length header
    # stanzas of its own, so the base64 lengths differ at random anyway).
    assert len(pyrage.decrypt(base64.b64decode(short), [me])) == len(
        pyrage.decrypt(base64.b64decode(longer), [me])) == journal.PAD_TO


# --- the member's journal ---------------------------------------------------------------

def test_private_reflection_reads_back_only_with_the_members_passphrase(db):
    meeting, person = group_session_member(db)
    assert not journal.has_journal(db, person.id)
    code = journal.set_up(db, person.id, MEMBER_PASSPHRASE)
    assert journal.has_journal(db, person.id)
    assert len(journal.normalise_recovery_code(code)) == 32
    row = private_reflection(db, meeting, person, what=MARKER, now_what="ask the pharmacist")

    with pytest.raises(WrongPassphraseError, match="wrong journal passphrase"):
        journal.open_journal(db, person.id, passphrase="not my words at all")

    with journal.open_journal(db, person.id, passphrase=MEMBER_PASSPHRASE) as mine:
        [(found, fields)] = journal.read_private(db, mine)
        assert found.id == row.id
        assert fields == {"what": MARKER, "now_what": "ask the pharmacist"}
    assert not mine.is_open
    with pytest.raises(journal.JournalError, match="closed"):
        journal.read_private(db, mine)
    assert "AGE-SECRET-KEY" not in repr(mine)


def test_wrong_passphrase_is_audited_without_the_passphrase(db, made_journal):
    _meeting, person = group_session_member(db)
    give_journal(db, person.id, made_journal)
    with pytest.raises(journal.WrongJournalPassphraseError) as wrong:
        journal.open_journal(db, person.id, passphrase="guessing-guessing")
    assert "guessing" not in str(wrong.value) + repr(wrong.value)
    [entry] = audit.list_entries(db, action="unlock_failed").items
    assert person.id in entry.detail and "wrong journal passphrase" in entry.detail
    assert "guessing" not in entry.detail

    # A wrong old passphrase changes nothing.
    with db.read() as s:
        before = s.get(Member, person.id).journal_identity_sealed
    with pytest.raises(journal.WrongJournalPassphraseError):
        journal.change_passphrase(db, person.id, "guessing-again", "new words here")
    with db.read() as s:
        assert s.get(Member, person.id).journal_identity_sealed == before
    assert audit.list_entries(db, action="unlock_failed").total == 2
    journal.open_journal(db, person.id, passphrase=MEMBER_PASSPHRASE).close()
    assert [e.action for e in audit.list_entries(db).items][:2] == [
        "journal_opened", "unlock_failed"]


def test_setting_up_twice_is_refused_and_a_short_passphrase_too(db):
    _meeting, person = group_session_member(db)
    with pytest.raises(ValidationError, match="at least 8"):
        journal.set_up(db, person.id, "short")
    assert not journal.has_journal(db, person.id)
    journal.set_up(db, person.id, MEMBER_PASSPHRASE)
    with pytest.raises(ValidationError, match="already set up"):
        journal.set_up(db, person.id, "another passphrase")


def test_opening_a_journal_that_was_never_set_up_says_so(db):
    _meeting, person = group_session_member(db)
    with pytest.raises(journal.JournalError, match="no private journal yet"):
        journal.open_journal(db, person.id, passphrase=MEMBER_PASSPHRASE)


def test_after_a_passphrase_change_and_with_the_recovery_code_it_still_reads(db, made_journal):
    meeting, person = group_session_member(db)
    code = give_journal(db, person.id, made_journal)
    private_reflection(db, meeting, person, what=MARKER)

    journal.change_passphrase(db, person.id, MEMBER_PASSPHRASE, "a brand new phrase")
    with pytest.raises(journal.WrongJournalPassphraseError):
        journal.open_journal(db, person.id, passphrase=MEMBER_PASSPHRASE)
    with journal.open_journal(db, person.id, passphrase="a brand new phrase") as mine:
        assert journal.read_private(db, mine)[0][1] == {"what": MARKER}

    # Forgotten passphrase: the recovery code (typed in lower case, without dashes) opens
    # it and sets a new passphrase; the code keeps working.
    typed = code.replace("-", "").lower()
    journal.change_passphrase(db, person.id, typed, "third time lucky", by_recovery=True)
    with journal.open_journal(db, person.id, recovery_code=code) as mine:
        assert journal.read_private(db, mine)[0][1] == {"what": MARKER}
    with journal.open_journal(db, person.id, passphrase="third time lucky") as mine:
        new_code = journal.replace_recovery_code(db, mine)
    with pytest.raises(journal.WrongJournalPassphraseError, match="recovery code"):
        journal.open_journal(db, person.id, recovery_code=code)
    journal.open_journal(db, person.id, recovery_code=new_code).close()


def test_only_the_members_own_private_reflections_are_read(db, made_journal):
    meeting, ana = group_session_member(db)
    with db.write() as s:
        ben = Member(full_name="Ben Okafor")
        s.add(ben)
    give_journal(db, ana.id, made_journal)
    private_reflection(db, meeting, ana, what="Ana's thought")
    bens_key = pyrage.x25519.Identity.generate()  # Ben's journal, made elsewhere
    with db.write() as s:
        s.add(Reflection(session_id=meeting.id, member_id=ben.id,
                         visibility=Visibility.PRIVATE,
                         sealed=journal.seal(str(bens_key.to_public()), {"what": "Ben's"})))
    with db.write() as s:
        s.add(Reflection(session_id=meeting.id, member_id=ana.id,
                         visibility=Visibility.GROUP, what="shared with the group"))
    with journal.open_journal(db, ana.id, passphrase=MEMBER_PASSPHRASE) as mine:
        assert [f for _r, f in journal.read_private(db, mine)] == [{"what": "Ana's thought"}]


# --- nothing in clear on disk -------------------------------------------------------------

def test_marker_is_nowhere_under_the_data_folder_in_any_encoding(db, paths: AppPaths,
                                                                made_journal):
    logs.setup(paths.log_dir, level=logging.DEBUG)
    try:
        meeting, person = group_session_member(db)
        give_journal(db, person.id, made_journal)
        private_reflection(db, meeting, person, what=MARKER, so_what=MARKER)
        with journal.open_journal(db, person.id, passphrase=MEMBER_PASSPHRASE) as mine:
            assert journal.read_private(db, mine)[0][1]["what"] == MARKER
            member_secret = str(mine.identity)
        with pytest.raises(journal.WrongJournalPassphraseError):
            journal.open_journal(db, person.id, passphrase=MARKER + "-guess")
        backup = db.backup(reason="manual")
        logging.getLogger("clinicapp").debug("debug logging was on during this test")
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()

    assert paths.log_file.exists() and Path(f"{paths.database}-wal").exists()
    assert files_holding(paths.data_dir, MARKER) == []
    assert files_holding(paths.data_dir, MEMBER_PASSPHRASE) == []
    assert files_holding(paths.data_dir, member_secret) == []
    # Even with the database key, no table holds the text, the member's passphrase or
    # their secret key (the replica's own keys are inside, by design).
    for db_file in (paths.database, backup):
        dump = decrypted_dump(db, db_file)
        assert "Deprescribing" in dump or db_file == backup  # the dump really has data
        for secret in (MARKER, MEMBER_PASSPHRASE, member_secret):
            assert secret not in dump
            assert secret.encode("utf-16-le").decode("latin-1") not in dump


# --- another workstation -------------------------------------------------------------------

def test_on_a_second_replica_it_reads_only_once_the_member_opens_their_journal(
        db, make_db, paths: AppPaths, made_journal):
    meeting, person = group_session_member(db)
    give_journal(db, person.id, made_journal)
    private_reflection(db, meeting, person, what=MARKER, barriers="time")
    other = make_db("second workstation")
    api.add_trusted(db, api.public_identity(other), "second")
    api.add_trusted(other, api.public_identity(db), "first")
    path = paths.data_dir / "outbox" / "to-second.clinicbundle"
    path.parent.mkdir()
    api.export_bundle(db, path, peer="second")

    # What travels: the sealed text and the member's encrypted key, never the text.
    with other.read() as s:
        opened = bundle.read(path, load_keys(s))
    carried = repr(opened.changes())
    assert "journal_identity_sealed" in carried and "sealed" in carried
    assert MARKER not in carried and MEMBER_PASSPHRASE not in carried
    assert files_holding(paths.data_dir, MARKER) == []

    api.import_bundle(other, path)
    with other.read() as s:
        row = s.scalars(select(Reflection)).one()
    assert row.visibility == Visibility.PRIVATE and row.what == "" and MARKER not in row.sealed
    assert journal.has_journal(other, person.id)
    with pytest.raises(journal.WrongJournalPassphraseError):
        journal.open_journal(other, person.id, passphrase="the workstation's passphrase")
    with journal.open_journal(other, person.id, passphrase=MEMBER_PASSPHRASE) as mine:
        assert journal.read_private(other, mine)[0][1] == {"what": MARKER, "barriers": "time"}


def test_a_csv_export_holds_no_private_text_nor_keys(db, paths: AppPaths):
    meeting, person = group_session_member(db)
    bens_key = pyrage.x25519.Identity.generate()  # a journal made on another workstation
    with db.write() as s:
        member = s.get(Member, person.id)
        member.journal_recipient = str(bens_key.to_public())
        member.journal_identity_sealed = "c2VhbGVkIGtleQ=="
    private_reflection(db, meeting, person, what=MARKER)
    for table in ("reflections", "members"):
        csv_export.export_csv(db, table, paths.data_dir / f"{table}.csv")
    text = (paths.data_dir / "reflections.csv").read_text("utf-8")
    assert meeting.id in text  # the row is there, without its text
    assert files_holding(paths.data_dir, MARKER) == []
    assert str(bens_key.to_public()) not in (paths.data_dir / "members.csv").read_text("utf-8")


def test_the_scan_would_find_the_marker_in_each_encoding(tmp_path):
    """The search above is not vacuous: each way of writing the marker is found."""
    raw = MARKER.encode()
    for number, data in enumerate((raw, MARKER.encode("utf-16-le"), MARKER.encode("utf-16"),
                                   base64.b64encode(raw), base64.b64encode(b"x" + raw),
                                   base64.b64encode(b"xy" + raw))):
        (tmp_path / f"f{number}").write_bytes(b"...." + data + b"....")
        assert files_holding(tmp_path, MARKER), number
        (tmp_path / f"f{number}").unlink()
