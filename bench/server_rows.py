"""Central server rows, on a throwaway PostgreSQL (tests/postgres.py, Debian's package):

- ``server_ingest``: the server applies the bundles of 20 workstations (the same path as a
  push: ``server.ingest.apply_bytes`` — decrypt, verify, authority, merge, vectors, under
  the advisory lock), against psycopg ``COPY`` of the same change rows into a like table;
- ``server_pull``: a pull of every change (100,000 in the full run) for a device whose
  group holds them all (``server.pulls``: scope in SQL, export, parts of 20,000, each
  acknowledged), against a raw ``SELECT`` of the same rows.

Each run gets a fresh database; the workstations are real encrypted replicas enrolled the
way the server enrolls them (a signed nonce), built once per run of the suite.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.harness import ERROR, NA, Row, compare, not_run

WORKSTATIONS = 20
PULL_TARGET, INGEST_TARGET = 2.0, 4.0
CHANGE_COLUMNS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq", "prev_origin",
                  "prev_seq")


@contextmanager
def _postgres() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as url:
        yield url


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


class Fleet:
    """20 workstations' bundles for the server, and the means to make fresh servers."""

    def __init__(self, pg_url: str, folder: Path, per_workstation: int) -> None:
        import os

        os.environ.setdefault("CLINICAPP_SCRYPT_LOG_N", "10")  # bench replicas only
        self.pg_url, self.folder, self.per = pg_url, folder, per_workstation
        self.serial = 0
        self.template = self._server("template")
        self.bundles: list[bytes] = []
        self._build()

    def _server(self, name: str) -> Any:
        import psycopg

        from clinicapp.server.config import ServerConfig
        from clinicapp.server.store import initialise

        self.serial += 1
        db_name = f"bench_{name}_{self.serial}"
        with psycopg.connect(_plain(self.pg_url), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {db_name}"
                         + (" TEMPLATE bench_template_1" if name != "template" else ""))
        url = self.pg_url.rsplit("/", 1)[0] + "/" + db_name
        return initialise(ServerConfig(data_dir=self.folder / db_name, database_url=url))

    def _build(self) -> None:
        from clinicapp.client.enroll import SERVER_PEER
        from clinicapp.core.keys.identity import load_keys
        from clinicapp.core.models import Member, Membership
        from clinicapp.core.services import groups
        from clinicapp.core.storage.db import Database
        from clinicapp.core.sync import api, protocol
        from clinicapp.paths import resolve
        from clinicapp.server import enrollment, nonces, pulls
        from clinicapp.server.auth import Caller

        store = self.template
        hub = groups.create(store.db, "Bench hub", division="Bench")
        me = enrollment.server_identity(store)
        for i in range(WORKSTATIONS + 1):  # the last one only pulls (server_pull)
            db = Database.create(resolve(self.folder / f"ws{i}"), "bench passphrase",
                                 name=f"ws{i}")[0]
            with db.read() as s:
                keys = load_keys(s)
            code = enrollment.issue_code(store, ["Bench hub"]).code
            nonce = nonces.issue(store)
            line = keys.public().line()
            enrollment.enroll(store, code, line, keys.name, nonce,
                              protocol.sign(keys, protocol.enroll_message(code, line, nonce)))
            api.add_trusted(db, me, SERVER_PEER, central=True)
            caller = Caller(keys.replica_id, keys.name, (hub.id,), "", "")
            part = pulls.request(store, caller)
            api.import_bundle_bytes(db, pulls.read(store, caller, part.id))
            pulls.acknowledge(store, caller, part.id)
            if i == WORKSTATIONS:
                self.puller = caller
                db.close()
                break
            with db.write() as session:  # a member and a membership: about 20 changes
                for n in range(max(1, self.per // 20)):
                    person = Member(full_name=f"Member {i}-{n}", role="physician")
                    session.add(person)
                    session.flush()
                    session.add(Membership(group_id=hub.id, member_id=person.id))
            self.bundles.append(api.export_bundle_bytes(db, SERVER_PEER))
            db.close()
        store.close()  # a template database must have no connections

    def fresh(self) -> Any:
        return self._server("run")

    def rows_of(self, store: Any) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes WHERE origin <> :me "
                "ORDER BY origin, seq"), {"me": store.db.replica_id})]


def server_rows(runs: int, changes: int) -> list[Row]:
    per = max(50, changes // WORKSTATIONS)
    ingest = Row("server_ingest", f"server ingest, {WORKSTATIONS} workstations' bundles, "
                 "PostgreSQL", "psycopg COPY of the same rows", INGEST_TARGET)
    pull = Row("server_pull", "pull of every change by one device (scope, parts, acks)",
               "raw SELECT of the same rows", PULL_TARGET)
    try:
        import psycopg  # noqa: F401

        from clinicapp.server import ingest as _ingest  # noqa: F401
    except ModuleNotFoundError as exc:
        return [not_run(r.key, r.what, r.baseline_what, r.target, NA,
                        f"{exc.name} is not installed (the server extra)") for r in (ingest, pull)]
    folder = Path(tempfile.mkdtemp(prefix="clinicapp-bench-server-"))
    try:
        with _postgres() as url:
            fleet = Fleet(url, folder, per)
            measured = fleet.fresh()
            for body in fleet.bundles:
                _apply(measured, body)
            rows = fleet.rows_of(measured)
            measured.close()
            count = len(rows)
            ingest.what = (f"server ingest of {WORKSTATIONS} workstations' {count:,} changes, "
                           "PostgreSQL")
            compare(ingest, _timed_ingest(fleet), _timed_copy(fleet, rows), runs)
            pull.what = f"pull of {count:,} changes by one device (scope, parts, acks)"
            compare(pull, _timed_pull(fleet), _timed_select(fleet), runs)
            return [ingest, pull]
    except Exception as exc:
        note = f"{type(exc).__name__}: {exc}"[:200]
        return [not_run(r.key, r.what, r.baseline_what, r.target, ERROR, note)
                for r in (ingest, pull)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _apply(store: Any, body: bytes) -> None:
    from clinicapp.server import ingest

    outcome = ingest.apply_bytes(store, body, source="bench")
    if outcome.refused:
        raise RuntimeError(outcome.reason)


def _timed_ingest(fleet: Fleet) -> Callable[[], float]:
    def run() -> float:
        store = fleet.fresh()
        try:
            started = time.perf_counter()
            for body in fleet.bundles:
                _apply(store, body)
            return time.perf_counter() - started
        finally:
            store.close()
    return run


def _timed_copy(fleet: Fleet, rows: list[tuple[Any, ...]]) -> Callable[[], float]:
    import psycopg

    def run() -> float:
        with psycopg.connect(_plain(fleet.pg_url)) as conn:
            conn.execute("DROP TABLE IF EXISTS bench_copy")
            conn.execute("CREATE TABLE bench_copy (id bigserial PRIMARY KEY, tbl varchar(40), "
                         "row_id varchar(36), field varchar(60), value text, hlc varchar(32), "
                         "origin varchar(36), seq bigint, prev_origin varchar(36), "
                         "prev_seq bigint, UNIQUE (origin, seq))")
            conn.commit()
            started = time.perf_counter()
            with conn.cursor() as cur, cur.copy(
                    f"COPY bench_copy ({', '.join(CHANGE_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            conn.commit()
            return time.perf_counter() - started
    return run


def _timed_pull(fleet: Fleet) -> Callable[[], float]:
    from clinicapp.server import pulls

    def run() -> float:
        target = fleet.fresh()  # the device holds only its group so far
        try:
            for body in fleet.bundles:
                _apply(target, body)
            started = time.perf_counter()
            while True:
                part = pulls.request(target, fleet.puller)
                pulls.read(target, fleet.puller, part.id)
                pulls.acknowledge(target, fleet.puller, part.id)
                if not part.more:
                    return time.perf_counter() - started
        finally:
            target.close()
    return run


def _timed_select(fleet: Fleet) -> Callable[[], float]:
    import psycopg

    def run() -> float:
        with psycopg.connect(_plain(fleet.pg_url)) as conn:
            started = time.perf_counter()
            rows = conn.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM bench_copy "
                                "ORDER BY origin, seq").fetchall()
            assert rows
            return time.perf_counter() - started
    return run
