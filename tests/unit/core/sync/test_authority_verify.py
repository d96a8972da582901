"""Run signatures checked on two threads (a bundle of many runs): the same answer as
checking them in order — the first forged run is the one named, an honest bundle imports,
and an error in the second thread reaches the caller instead of being lost."""

from __future__ import annotations

import base64
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clinicapp.core.services import groups
from clinicapp.core.sync import api, authority
from clinicapp.core.sync.authorship import Run
from clinicapp.core.sync.bundle import BundleError
from tests.unit.core.sync.forge import forge, runs_held
from tests.unit.core.sync.helpers import full_dump

RUNS = 2 * authority.PARALLEL_RUNS  # enough for the second thread


@pytest.fixture
def pair(make_db):
    victim, hostile = make_db("riverside"), make_db("lakes")
    api.add_trusted(victim, api.public_identity(hostile), "lakes")
    api.add_trusted(hostile, api.public_identity(victim), "riverside")
    for n in range(RUNS):  # one transaction, one signed run each
        groups.create(hostile, f"Lakes {n}")
    runs = runs_held(hostile, hostile.replica_id)
    assert len(runs) >= RUNS
    return victim, hostile, runs


def forged(runs, *at):
    """``runs`` with the runs at ``at`` signed by another run's signature."""
    out = list(runs)
    for i in at:
        run, part = out[i]
        other = out[i - 1][0].signature
        out[i] = (Run(run.origin, run.lo, run.hi, other), part)
    return out


def test_an_honest_bundle_of_many_runs_imports(pair, tmp_path):
    victim, hostile, runs = pair
    api.import_bundle(victim, forge(hostile, victim, runs, tmp_path / "b.clinicbundle"))
    names = {g.name for g in groups.list_groups(victim, limit=RUNS + 10).items}
    assert names >= {f"Lakes {n}" for n in range(RUNS)}


@pytest.mark.parametrize("where", ["last", "one in each half", "two in the second half"])
def test_the_first_forged_run_is_named_whichever_thread_checked_it(pair, tmp_path, where):
    victim, hostile, runs = pair
    n = len(runs)
    at = {"last": (n - 1,), "one in each half": (3, n - 2),
          "two in the second half": (n // 2 + 1, n - 1)}[where]
    before = full_dump(victim)
    path = forge(hostile, victim, forged(runs, *at), tmp_path / "b.clinicbundle")
    with pytest.raises(BundleError) as refused:
        api.import_bundle(victim, path)
    first = runs[min(at)][0]
    assert refused.value.kind == "forged"
    assert str(refused.value) == (
        f"changes {first.lo}–{first.hi} of lakes are not signed by lakes's key: altered "
        "or forged on the way (nothing was imported)")
    assert full_dump(victim) == before


def _checks(n):
    key = Ed25519PrivateKey.generate()
    out = []
    for i in range(n):
        message = b"run %d" % i
        out.append((key.public_key(), base64.b64encode(key.sign(message)).decode(), message))
    return out


def test_an_error_in_the_second_thread_reaches_the_caller():
    checks = _checks(RUNS)
    checks[-1] = (None, checks[-1][1], checks[-1][2])  # not a key: verify is no attribute
    threads = threading.active_count()
    with pytest.raises(AttributeError):
        authority.first_forged(checks)
    assert threading.active_count() == threads  # the worker has ended


def test_a_forgery_checked_first_wins_over_a_later_error():
    checks = _checks(RUNS)
    checks[1] = (checks[1][0], checks[0][1], checks[1][2])  # run 0's signature
    checks[-1] = (None, checks[-1][1], checks[-1][2])
    assert authority.first_forged(checks) == 1  # as checking in order would find


def test_signatures_that_are_not_base64_are_forgeries_on_either_thread():
    checks = _checks(RUNS)
    checks[-3] = (checks[-3][0], "not base64!", checks[-3][2])
    assert authority.first_forged(checks) == RUNS - 3
    assert authority.first_forged(_checks(3)) is None
