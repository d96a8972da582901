"""Property: replicas that also settle conflicts (keep, use the other value, restore,
keep deleted), delete records while others edit them, merge duplicate members, and run
their clocks ahead (within and beyond the drift bound) and are corrected, still end with
the same records and the same open conflicts everywhere, each conflict showing the value
in place, nothing left waiting, and no vector claiming a change its replica lacks."""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import rule
from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import MODEL_BY_TABLE, ParkedChange
from clinicapp.core.services import duplicates, groups, members
from clinicapp.core.sync import api, clock
from clinicapp.core.sync.values import encode
from tests.unit.core.sync.helpers import data, name_of
from tests.unit.core.sync.test_merge_convergence import Replicas, names, open_conflicts, replica

HOUR = 3600.0


class DecidingReplicas(Replicas):
    def teardown(self) -> None:
        clock.set_wall_clock(None)
        super().teardown()

    @rule(r=replica, k=st.integers(0, 5), choice=st.sampled_from(["kept", "lost"]))
    def settle_a_conflict(self, r: int, k: int, choice: str) -> None:
        rows = api.list_conflicts(self.dbs[r])
        if not rows:
            return
        c = rows[k % len(rows)]
        if c.kind == "delete":
            choice = "restore" if choice == "lost" else "keep_deleted"
        with contextlib.suppress(ClinicAppError):
            api.resolve_conflict(self.dbs[r], c.id, keep=choice)

    @rule(r1=replica, r2=replica, name=names)
    def the_same_person_on_two_workstations(self, r1: int, r2: int, name: str) -> None:
        email = f"{name.split()[0].lower()}@clinic.ca"
        members.create(self.dbs[r1], f"Dr. {name}", email=email)
        members.create(self.dbs[r2], name, email=email.upper())

    @rule(r=replica, k=st.integers(0, 5))
    def merge_duplicates(self, r: int, k: int) -> None:
        found = [d for d in duplicates.find(self.dbs[r]) if d.kind == "member"]
        if found:
            d = found[k % len(found)]
            with contextlib.suppress(ClinicAppError):
                duplicates.merge(self.dbs[r], "member", d.first_id, d.second_id)

    @rule(r=replica, to=replica, k=st.integers(0, 3), name=names,
          hours=st.sampled_from([2.0, 48.0]))
    def edit_with_the_clock_ahead(self, r: int, to: int, k: int, name: str,
                                  hours: float) -> None:
        """Replica r's clock runs ``hours`` ahead (within, or beyond, the day's bound):
        it edits and sends a bundle, then its clock is corrected."""
        clock.set_wall_clock(lambda: time.time() + hours * HOUR)
        try:
            ids = self._groups(r)
            if ids:
                with contextlib.suppress(ClinicAppError):
                    groups.update(self.dbs[r], ids[k % len(ids)], name=f"{name} ahead")
            groups.create(self.dbs[r], f"{name} made ahead")
            if r != to:
                self.serial += 1
                path = self.folder / f"b{self.serial}.clinicbundle"
                api.export_bundle(self.dbs[r], path, peer=name_of(self.dbs[to]))
                self.in_flight.append((to, path))
        finally:
            clock.set_wall_clock(None)

    @rule(r=replica)
    def repair_the_clock_now(self, r: int) -> None:
        api.restamp_unacknowledged(self.dbs[r])

    def converge_and_check(self) -> None:
        clock.set_wall_clock(None)
        for _round in range(3):
            self.exchange_all()
        first = data(self.dbs[0])
        for db in self.dbs[1:]:
            assert data(db) == first
        reference = open_conflicts(self.dbs[0])
        for db in self.dbs[1:]:
            assert open_conflicts(db) == reference
        for db in self.dbs:
            assert api.clock_warnings(db) == []
            with db.read() as session:
                assert not session.scalars(select(ParkedChange)).first()
                for c in api.list_conflicts(db):  # "kept" is always the value in place
                    row = session.get(MODEL_BY_TABLE[c.tbl], c.row_id)
                    if c.kind == "edit" and row is not None:
                        assert c.kept_value == encode(getattr(row, c.field))


DecidingReplicas.TestCase.settings = settings(
    max_examples=8, stateful_step_count=20, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_decisions_deletes_merges_and_clocks_still_converge = DecidingReplicas.TestCase
