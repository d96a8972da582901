"""A data folder as the oldest ClinicApp schema wrote it, for the upgrade smoke test.

``python packaging/old_data_dir.py DIR`` creates DIR at the *first* migration revision —
not the head — with its rows inserted by plain SQL written against that revision's tables,
so the fixture stays the old one as later revisions add columns and tables. It prints the
counts the new build must still show. ``--compare EXPECTED CHECK_OUTPUT DIR`` then checks
the built program's ``clinicapp check`` output: the schema is at the build's head, every
record is still there, and when the build migrated the folder, a backup was written first.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ROWS = {"groups": 2, "members": 12, "sessions": 6, "attendance": 36}


def first_revision() -> str:
    from alembic.script import ScriptDirectory

    from clinicapp.core.storage.db import alembic_config

    bases = ScriptDirectory.from_config(alembic_config()).get_bases()
    assert len(bases) == 1, bases
    return bases[0]


def make(target: Path, passphrase: str) -> None:
    import pyrage
    from alembic import command
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from sqlalchemy import text

    from clinicapp.core.keys.keystore import Keystore
    from clinicapp.core.models.ids import new_id
    from clinicapp.core.storage.db import alembic_config, sqlcipher_engine
    from clinicapp.paths import resolve

    paths = resolve(target).ensure()
    _store, key, _code = Keystore.create(paths.keystore, passphrase)
    engine = sqlcipher_engine(paths.database, key)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), first_revision())
    now = datetime(2025, 1, 15, 18, tzinfo=UTC).replace(tzinfo=None)
    signing = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    stamps = {"created_at": now, "updated_at": now}
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO replica_state (replica_id, name, created_at, last_seq, last_hlc, "
            "signing_key, age_identity, schema_note) VALUES (:id, 'old clinic', :now, 0, "
            "'000000000000000.000000', :key, :age, '')"),
            {"id": new_id(), "now": now, "key": signing,
             "age": str(pyrage.x25519.Identity.generate())})
        groups = [new_id() for _ in range(ROWS["groups"])]
        for n, gid in enumerate(groups):
            conn.execute(text(
                "INSERT INTO groups (id, name, kind, division, region, description, "
                "created_at, updated_at) VALUES (:id, :name, 'small_group', 'North', '', '', "
                ":created_at, :updated_at)"), {"id": gid, "name": f"Old group {n + 1}", **stamps})
        members = [new_id() for _ in range(ROWS["members"])]
        for n, mid in enumerate(members):
            conn.execute(text(
                "INSERT INTO members (id, full_name, role, profession_detail, email, phone, "
                "licence_number, active, journal_recipient, journal_identity_sealed, "
                "journal_recovery_sealed, created_at, updated_at) VALUES (:id, :name, "
                "'physician', '', '', '', '', 1, '', '', '', :created_at, :updated_at)"),
                {"id": mid, "name": f"Old Member {n + 1}", **stamps})
        for s in range(ROWS["sessions"]):
            sid = new_id()
            conn.execute(text(
                "INSERT INTO sessions (id, group_id, title, objectives, scheduled_start, "
                "planned_minutes, actual_start, actual_end, breaks, location, "
                "facilitation_method, facilitator_ids, provider, accreditation_body, "
                "credit_category, credits_per_hour, accreditation_statement, "
                "certification_id, status, notes, created_at, updated_at) VALUES (:id, :g, "
                ":t, '[]', :at, 60, :at, :at, '[]', '', '', '[]', '', 'mainpro_plus', "
                "'certified', 1.0, '', '', 'completed', '', :created_at, :updated_at)"),
                {"id": sid, "g": groups[s % 2], "t": f"Old session {s + 1}", "at": now,
                 **stamps})
            for mid in members[:6]:
                conn.execute(text(
                    "INSERT INTO attendance (id, session_id, member_id, status, "
                    "minutes_attended, credits, certificate_number, created_at, updated_at) "
                    "VALUES (:id, :s, :m, 'present', 60, 1.0, '', :created_at, :updated_at)"),
                    {"id": new_id(), "s": sid, "m": mid, **stamps})
    engine.dispose()


def compare(expected_file: Path, check_file: Path, data_dir: Path) -> int:
    from clinicapp.core.storage.db import head_revision

    expected = dict(line.split("=") for line in expected_file.read_text().split())
    shown: dict[str, str] = {}
    for line in check_file.read_text().splitlines():
        name, _, value = line.partition(":")
        shown[name.strip()] = value.strip()
    problems = [f"{table}: expected {count}, the build shows {shown.get(table)}"
                for table, count in expected.items()
                if table != "revision" and shown.get(table, "").split(" ")[0] != count]
    if not shown.get("schema", "").startswith(head_revision()):
        problems.append(f"schema: {shown.get('schema')} is not the head {head_revision()}")
    migrated = expected["revision"] != head_revision()
    backups = list((data_dir / "backups").glob("*")) if (data_dir / "backups").exists() else []
    if migrated and not backups:
        problems.append("migrated without a backup first")
    for problem in problems:
        print(f"smoke: {problem}", file=sys.stderr)
    print(f"smoke: old data dir (revision {expected['revision']}) opened"
          + (f", migrated to {head_revision()} after a backup" if migrated else
             " (it is also the head: nothing to migrate)")
          + f"; {', '.join(f'{t} {c}' for t, c in expected.items() if t != 'revision')}")
    return 1 if problems else 0


if __name__ == "__main__":
    import os

    if sys.argv[1] == "--compare":
        raise SystemExit(compare(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])))
    make(Path(sys.argv[1]), os.environ["CLINICAPP_PASSPHRASE"])
    print(f"revision={first_revision()}")
    for table, count in ROWS.items():
        print(f"{table}={count}")
