"""Property: the replicas of ``test_merge_convergence`` still converge when they prune
acknowledged history after every import and at random moments: the same data, the same
vectors and the same open conflicts everywhere.

A file of its own so that the two long property tests run on two workers at once."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, rule
from sqlalchemy import select

from clinicapp.core.models import Change
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, vector
from clinicapp.core.sync.ranges import RangeSet
from tests.unit.core.sync.test_merge_convergence import (
    Replicas,
    open_conflicts,
    replica,
)


def log_within_vector(db: Database) -> bool:
    """With compaction the vector also covers pruned changes; the log never exceeds it."""
    with db.read() as session:
        held = vector.load(session)
        logged = session.execute(select(Change.origin, Change.seq)).all()
    return all(seq in held.get(origin, RangeSet()) for origin, seq in logged)


class CompactingReplicas(Replicas):
    """The same, with replicas pruning acknowledged history after every import and at
    random moments."""

    auto_compact = True

    @rule(r=replica)
    def compact(self, r: int) -> None:
        api.compact(self.dbs[r])

    def vectors_never_claim_what_is_not_held(self) -> None:  # type: ignore[override]
        pass  # pruned changes stay covered by the vector: see log_within_vector

    @invariant()
    def the_log_never_exceeds_the_vector(self) -> None:
        for db in self.dbs:
            assert log_within_vector(db)

    def converge_and_check(self) -> None:
        self.converge_to_the_same_data()
        with self.dbs[0].read() as session:
            reference = vector.load(session)
        for db in self.dbs[1:]:
            with db.read() as session:
                assert vector.load(session) == reference
        conflicts = open_conflicts(self.dbs[0])  # pruning never closes or opens one
        for db in self.dbs[1:]:
            assert open_conflicts(db) == conflicts


CompactingReplicas.TestCase.settings = settings(
    max_examples=15, stateful_step_count=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_replicas_that_compact_still_converge = CompactingReplicas.TestCase
