"""Property: replicas that edit at random and exchange bundles that are duplicated,
reordered and lost still end identical after a few ordinary exchanges, no vector ever
claims a change its replica lacks, and every losing concurrent edit is kept as a conflict
(with pruning: ``test_merge_convergence_compacting``)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import Change, Conflict, Group
from clinicapp.core.services import groups, members
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, vector
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.merge import NO_CONFLICT_FIELDS
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.core.sync.helpers import data, name_of, send, trust_all

REPLICAS = 4
replica = st.integers(0, REPLICAS - 1)
names = st.sampled_from(["Riverside", "Cariboo hub", "North", "Lakes", "Kootenay"])


def held_matches_log(db: Database) -> bool:
    """The version vector claims exactly the changes in the log, no more."""
    with db.read() as session:
        held = vector.load(session)
        logged = session.execute(select(Change.origin, Change.seq)).all()
    claimed = {(o, s) for o, ranges in held.items() for lo, hi in ranges
               for s in range(lo, hi + 1)}
    return claimed == set(logged)


def all_changes(db: Database) -> dict[tuple[str, int], Change]:
    with db.read() as session:
        return {(c.origin, c.seq): c for c in session.scalars(select(Change))}


def seen_values(changes: dict[tuple[str, int], Change], last: Change) -> set[str]:
    """The values along ``last``'s line of knowing overwrites (its own included)."""
    values = {last.value}
    current: Change | None = last
    while current is not None and current.prev_origin is not None:
        current = changes.get((current.prev_origin, current.prev_seq))  # type: ignore[arg-type]
        if current is not None:
            values.add(current.value)
    return values


def losing_heads(changes: dict[tuple[str, int], Change]) -> set[tuple[str, int]]:
    """Per field, the edits nobody built on (heads) other than the winner, whose value
    the winner's writers never had: the losing concurrent edits. (A head that repeats a
    value the winning line already held and moved past loses nothing, and neither does one
    that wrote the very value that won, nor a delete when a delete won.)"""
    superseded = {(c.prev_origin, c.prev_seq) for c in changes.values() if c.prev_origin}
    by_field: dict[tuple[str, str, str], list[Change]] = {}
    for c in changes.values():
        if c.field not in NO_CONFLICT_FIELDS:
            by_field.setdefault((c.tbl, c.row_id, c.field), []).append(c)
    losers = set()
    for edits in by_field.values():
        winner = max(edits, key=lambda c: (c.hlc, c.origin))
        seen = seen_values(changes, winner)
        for c in edits:
            key = (c.origin, c.seq)
            both_deletes = c.field == "deleted_at" and "null" not in (c.value, winner.value)
            if (c is not winner and key not in superseded and c.value not in seen
                    and c.value != winner.value and not both_deletes):
                losers.add(key)
    return losers


class Replicas(RuleBasedStateMachine):
    # Every change stays in every log here, so conflicts can be checked against history.
    auto_compact = False

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="clinicapp-sync-"))
        self.dbs = [Database.create(resolve(self.folder / f"r{i}"), PASSPHRASE,
                                    name=f"r{i}")[0] for i in range(REPLICAS)]
        trust_all(*self.dbs)
        self.in_flight: list[tuple[int, Path]] = []
        self.serial = 0

    def teardown(self) -> None:
        try:
            if self.dbs:
                self.converge_and_check()
        finally:
            for db in self.dbs:
                db.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _groups(self, r: int) -> list[str]:
        with self.dbs[r].read() as session:
            return list(session.scalars(select(Group.id).order_by(Group.id)))

    @initialize()
    def a_group_everyone_holds(self) -> None:
        groups.create(self.dbs[0], "Shared")
        self.exchange_all()

    @rule(r1=replica, r2=replica, k=st.integers(0, 3), names=st.tuples(names, names))
    def concurrent_renames(self, r1: int, r2: int, k: int, names: tuple[str, str]) -> None:
        """Two replicas rename a group both hold, neither having seen the other's edit."""
        shared = sorted(set(self._groups(r1)) & set(self._groups(r2)))
        if r1 == r2 or not shared:
            return
        gid = shared[k % len(shared)]
        for r, name in ((r1, names[0]), (r2, names[1])):
            with contextlib.suppress(ClinicAppError):
                groups.update(self.dbs[r], gid, name=name)

    @rule(r=replica, name=names)
    def create_group(self, r: int, name: str) -> None:
        groups.create(self.dbs[r], name)

    @rule(r=replica, k=st.integers(0, 3), name=names)
    def rename_group(self, r: int, k: int, name: str) -> None:
        ids = self._groups(r)
        if ids:
            with contextlib.suppress(ClinicAppError):  # deleted here meanwhile
                groups.update(self.dbs[r], ids[k % len(ids)], name=name)

    @rule(r=replica, k=st.integers(0, 3))
    def delete_group(self, r: int, k: int) -> None:
        ids = self._groups(r)
        if ids:
            with contextlib.suppress(ClinicAppError):
                groups.delete(self.dbs[r], ids[k % len(ids)])

    @rule(r=replica, k=st.integers(0, 3), name=names)
    def add_member(self, r: int, k: int, name: str) -> None:
        ids = self._groups(r)
        person = members.create(self.dbs[r], f"Dr. {name}")
        if ids:
            with contextlib.suppress(ClinicAppError):
                members.add_to_group(self.dbs[r], ids[k % len(ids)], person.id)

    @rule(sender=replica, receiver=replica)
    def export(self, sender: int, receiver: int) -> None:
        if sender == receiver:
            return
        self.serial += 1
        path = self.folder / f"b{self.serial}.clinicbundle"
        api.export_bundle(self.dbs[sender], path, peer=name_of(self.dbs[receiver]))
        self.in_flight.append((receiver, path))

    @precondition(lambda self: self.in_flight)
    @rule(k=st.integers(0, 50), keep=st.booleans())
    def deliver(self, k: int, keep: bool) -> None:
        """Import one bundle in flight, in any order; keep it to deliver it again later."""
        receiver, path = self.in_flight[k % len(self.in_flight)]
        if not keep:
            self.in_flight.remove((receiver, path))
        try:
            api.import_bundle(self.dbs[receiver], path, auto_compact=self.auto_compact)
        except BundleError as exc:
            assert exc.kind in ("replayed", "stale"), str(exc)

    @precondition(lambda self: self.in_flight)
    @rule(k=st.integers(0, 50))
    def lose(self, k: int) -> None:
        self.in_flight.pop(k % len(self.in_flight))

    @rule()
    def everyone_exchanges(self) -> None:
        """An ordinary round: every replica sends to every other (shares rows to edit)."""
        self.exchange_all()

    @invariant()
    def vectors_never_claim_what_is_not_held(self) -> None:
        for db in self.dbs:
            assert held_matches_log(db)

    def exchange_all(self) -> None:
        for a in self.dbs:
            for b in self.dbs:
                if a is not b:
                    send(a, b, self.folder, auto_compact=self.auto_compact)

    def converge_to_the_same_data(self) -> None:
        """Two ordinary rounds; then every replica holds the same records."""
        self.exchange_all()
        self.exchange_all()
        first = data(self.dbs[0])
        for db in self.dbs[1:]:
            assert data(db) == first

    def converge_and_check(self) -> None:
        self.converge_to_the_same_data()
        changes = all_changes(self.dbs[0])
        for db in self.dbs[1:]:
            assert set(all_changes(db)) == set(changes)
        losers = losing_heads(changes)
        for db in self.dbs:
            with db.read() as session:
                recorded = {(c.tbl, c.row_id, c.field, c.lost_value)
                            for c in session.scalars(select(Conflict))}
            for key in losers:
                # by value: two concurrent edits to the same value are one conflict
                lost = changes[key]
                assert (lost.tbl, lost.row_id, lost.field, lost.value) in recorded


Replicas.TestCase.settings = settings(
    max_examples=20, stateful_step_count=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_replicas_converge_whatever_happens_to_bundles = Replicas.TestCase


def open_conflicts(db: Database) -> set[tuple[str, str, str]]:
    return {(c.key, c.kept_value, c.lost_value) for c in api.list_conflicts(db)}
