"""Property (issue 16): one trusted replica turned hostile sends arbitrary *signed* bundles
among three honest replicas that edit at random in their own scopes and sync with each
other and with it, through the real bundle path and real SQLite files.

The hostile replica 'h' is trusted by everyone for the groups it creates; it holds what the
honest replicas send it and makes bundles of random changes (any table, field, value,
stamp, origin, seq; deletes of others' records, audit rewrites, journal-key swaps, others'
and the receiver's own ids, sequence numbers it already used), altered or honest relays,
and false claims, each signed with its own key (``forge``). Checked:

- every refusal of a hostile bundle names a reason in one line and leaves the receiver's
  database exactly as it was;
- no honest replica ever applies a change outside its author's scope (every change by 'h'
  in an honest log touches a record 'h' created, linked only to records 'h' created);
- no honest replica ever loses a change made in its own scope (each honest change stays in
  its author's log as made, and after a final honest round every honest replica holds it);
- honest sync between honest replicas is never refused;
- after a final honest round the honest replicas hold the same rows, field by field, and
  the same open conflicts — outside the hostile replica's own records, which it can make
  differ by signing two versions of one change (see SECURITY.md).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pyrage
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from sqlalchemy import select

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.models import MODEL_BY_TABLE, Change, Conflict
from clinicapp.core.services import audit, groups, members
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, authorship, vector
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.clock import Hlc, now_ms, utcnow
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.core.sync.forge import forge, keys_of, runs_held, signed
from tests.unit.core.sync.helpers import data, full_dump, name_of, send

HONEST = 3
honest = st.integers(0, HONEST - 1)
anyone = st.integers(0, HONEST)  # HONEST stands for the hostile replica
names = st.sampled_from(["Riverside", "Cariboo hub", "North", "Lakes", "Kootenay"])
NOTHING_NEW = ("replayed", "stale")
ID_AT = {tbl: list(m.__table__.c.keys()).index("id")  # type: ignore[attr-defined]
         for tbl, m in MODEL_BY_TABLE.items()}

# What the hostile replica writes: per table, fields and the kinds of values it tries.
TARGET_FIELDS = {
    "groups": ["name", "deleted_at", "created_at", "kind"],
    "members": ["full_name", "deleted_at", "journal_recipient", "created_at"],
    "memberships": ["group_id", "member_id", "deleted_at", "created_at"],
    "audit_entries": ["detail", "replica_id", "created_at", "action"],
    "no_such_table": ["name"],
}


FLAVOURS = ["scoped", "scoped", "outside", "outside", "new", "audit", "journal", "junk",
            "stamp", "claims", "relay", "altered", "equivocate", "origin", "split", "split"]


def stamp(draw: Any) -> str:
    kind = draw(st.sampled_from(["now", "now", "now", "future", "arabic", "junk"]))
    if kind == "now":
        return str(Hlc(now_ms() + draw(st.integers(0, 1000)), draw(st.integers(0, 5))))
    if kind == "future":
        return str(Hlc(now_ms() + 10 * 24 * 3600 * 1000, 0))
    if kind == "arabic":
        return "".join(chr(0x0660 + int(d)) for d in f"{now_ms():015d}") + ".000000"
    return draw(st.sampled_from(["", "abc", "9" * 30, f"{now_ms():015d}.00000x"]))


class HostileAmongHonest(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="clinicapp-hostile-"))
        self.dbs = [Database.create(resolve(self.folder / f"r{i}"), PASSPHRASE,
                                    name=f"r{i}")[0] for i in range(HONEST)]
        self.h = Database.create(resolve(self.folder / "h"), PASSPHRASE, name="h")[0]
        self.everyone = [*self.dbs, self.h]
        for db in self.everyone:
            for other in self.everyone:
                if other is not db:
                    api.add_trusted(db, api.public_identity(other), name_of(other))
        self.scope: list[list[str]] = [[] for _ in range(HONEST)]  # groups each may edit
        self.made: list[dict[tuple[str, int], bytes]] = [{} for _ in range(HONEST)]
        self.serial = 0

    def teardown(self) -> None:
        try:
            self.final_honest_rounds_converge()
        finally:
            for db in self.everyone:
                db.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # --- honest replicas ---------------------------------------------------------------

    def _own_changes(self, r: int) -> dict[tuple[str, int], bytes]:
        db = self.dbs[r]
        with db.read() as session:
            rows = session.execute(select(*[getattr(Change, k) for k in
                                            authorship.CHANGE_COLUMNS])
                                   .where(Change.origin == db.replica_id)).all()
        return {(row[5], row[6]): authorship.digest(dict(zip(authorship.CHANGE_COLUMNS, row,
                                                             strict=True))) for row in rows}

    def _record(self, r: int) -> None:
        """Remember what replica ``r`` has made so far: it must never be lost."""
        self.made[r].update(self._own_changes(r))

    @initialize()
    def groups_and_a_shared_one(self) -> None:
        for r, db in enumerate(self.dbs):
            self.scope[r].append(groups.create(db, f"Clinic {r}").id)
        shared = groups.create(self.dbs[0], "Shared").id
        self.scope[0].append(shared)
        self.scope[1].append(shared)  # r1 is trusted for r0's group by everyone
        for db in self.everyone:
            if db is not self.dbs[1]:
                api.add_trusted(db, api.public_identity(self.dbs[1]), "r1", groups=[shared])
        groups.create(self.h, "Hostile")
        audit.log(self.dbs[2], "export_csv", "roster of Clinic 2")
        for r in range(HONEST):
            self._record(r)
        self.round(self.everyone)

    @rule(r=honest, what=st.sampled_from(["rename", "create", "delete", "member", "audit"]),
          k=st.integers(0, 5), name=names)
    def honest_edit(self, r: int, what: str, k: int, name: str) -> None:
        """An edit in the replica's own scope (its groups and the shared one)."""
        db, scope = self.dbs[r], self.scope[r]
        with contextlib.suppress(ClinicAppError):  # e.g. deleted meanwhile
            if what == "rename":
                groups.update(db, scope[k % len(scope)], name=f"{name} {r}")
            elif what == "create":
                scope.append(groups.create(db, f"{name} {r}").id)
            elif what == "delete" and len(scope) > 2:
                groups.delete(db, scope[1 + k % (len(scope) - 1)])
            elif what == "member":
                person = members.create(db, f"Dr. {name}")
                members.add_to_group(db, scope[k % len(scope)], person.id)
            elif what == "audit":
                audit.log(db, "print_statement", f"statements of r{r}")
        self._record(r)

    @rule(a=anyone, b=anyone)
    def sync(self, a: int, b: int) -> None:
        """An ordinary export and import; the hostile replica takes part with its real
        database too (its real edits may then contradict what it signed before)."""
        if a != b:
            self.honest_send(self.everyone[a], self.everyone[b])

    @rule(name=names)
    def hostile_real_edit(self, name: str) -> None:
        groups.create(self.h, f"{name} h")

    def honest_send(self, sender: Database, receiver: Database) -> None:
        before = full_dump(receiver)
        try:
            send(sender, receiver, self.folder, auto_compact=False)
        except BundleError as exc:
            if exc.kind in NOTHING_NEW:
                return
            # Only the hostile replica's bundles (or the hostile replica itself) may refuse.
            assert self.h in (sender, receiver), f"honest sync refused: {exc}"
            if receiver is not self.h:
                self.check_refusal(exc, receiver, before)

    def round(self, dbs: list[Database]) -> None:
        for a in dbs:
            for b in dbs:
                if a is not b:
                    self.honest_send(a, b)

    # --- the hostile replica -------------------------------------------------------------

    def _targets(self) -> list[tuple[str, str]]:
        with self.h.read() as session:
            rows = session.execute(select(Change.tbl, Change.row_id).distinct().where(
                Change.tbl.in_(list(TARGET_FIELDS)))).all()
        return sorted((t, r) for t, r in rows)

    def _next_seq(self) -> int:
        with self.h.read() as session:
            held = vector.load(session).get(self.h.replica_id)
        return (max(hi for _lo, hi in held) if held else 0) + 1

    def _value(self, draw: Any, tbl: str, name: str) -> str:
        """A well-formed value for ``tbl.name`` (a record id: any record 'h' holds)."""
        ids = [r for _t, r in self._targets()] or [str(uuid.uuid4())]
        if name in ("name", "full_name", "detail"):
            return json.dumps(draw(st.sampled_from(["Ours", "Riverside", "nothing happened"])))
        if name == "deleted_at":
            return json.dumps(draw(st.sampled_from([utcnow().isoformat(), None])))
        if name == "created_at":
            return json.dumps(utcnow().isoformat())
        if name == "journal_recipient":
            return json.dumps(str(pyrage.x25519.Identity.generate().to_public()))
        if name in ("group_id", "member_id"):
            return json.dumps(draw(st.sampled_from(ids)))
        if name == "replica_id":
            return json.dumps(draw(st.sampled_from(
                [self.h.replica_id, *[db.replica_id for db in self.dbs]])))
        if name == "kind":
            return json.dumps("small_group")
        return json.dumps("export_csv")

    def _changes(self, draw: Any, targets: list[tuple[str, str]], seq: int,
                 hlc: str | None = None) -> list[dict[str, Any]]:
        out = []
        for i in range(draw(st.integers(1, 4))):
            tbl, row_id = draw(st.sampled_from(targets))
            name = draw(st.sampled_from(TARGET_FIELDS[tbl]))
            out.append({"tbl": tbl, "row_id": row_id, "field": name,
                        "value": self._value(draw, tbl, name),
                        "hlc": hlc or str(Hlc(now_ms() + i, 0)), "origin": self.h.replica_id,
                        "seq": seq + i, "prev_origin": None, "prev_seq": None})
        return out

    @rule(data=st.data(), r=honest, flavour=st.sampled_from(FLAVOURS))
    def hostile_bundle(self, data: st.DataObject, r: int, flavour: str) -> None:
        draw = data.draw
        receiver = self.dbs[r]
        keys = keys_of(self.h)
        mine = sorted(t for t in self.hostile_rows(self.h) if t[0] in TARGET_FIELDS)
        others = [t for t in self._targets() if t not in set(mine)]
        new_rows = [(t, str(uuid.uuid4())) for t in ("groups", "members", "memberships",
                                                       "audit_entries")]
        seq = self._next_seq()
        runs: list[Any] = []
        overrides: dict[str, Any] = {}
        if flavour in ("relay", "altered"):
            held = runs_held(self.h)
            run, part = held[draw(st.integers(0, len(held) - 1))]
            if flavour == "altered":
                i = draw(st.integers(0, len(part) - 1))
                part = [*part[:i], {**part[i], "value": json.dumps("Altered")}, *part[i + 1:]]
            runs.append((run, part))
        else:
            own_groups = [t for t in mine if t[0] == "groups"]
            targets = {"scoped": mine or new_rows, "split": own_groups or new_rows,
                       "outside": others or new_rows,
                       "new": new_rows, "audit": [t for t in others + new_rows
                                                  if t[0] == "audit_entries"],
                       "journal": [t for t in others + mine if t[0] == "members"] or new_rows,
                       }.get(flavour, mine + others + new_rows)
            if flavour == "equivocate":
                seq = max(1, seq - draw(st.integers(1, 3)))
            hlc = stamp(draw) if flavour == "stamp" else None
            changes = self._changes(draw, targets, seq + draw(st.integers(0, 1)), hlc)
            if flavour == "split":
                changes = [{**c, "field": "name", "value": json.dumps("One version")}
                           for c in changes]
            if flavour == "journal":
                changes = [{**c, "field": "journal_recipient",
                            "value": self._value(draw, "members", "journal_recipient")}
                           for c in changes]
            if flavour == "junk":
                i = draw(st.integers(0, len(changes) - 1))
                junk = draw(st.sampled_from([{"tbl": "no_such_table"}, {"field": "evil"},
                                             {"value": "not json"}, {"value": "[]"},
                                             {"value": "#" + "0" * 64}, {"row_id": "x"}]))
                changes[i] = {**changes[i], **junk}
            origin = self.h.replica_id
            if flavour == "origin":
                origin = draw(st.sampled_from([receiver.replica_id,
                                               self.dbs[(r + 1) % HONEST].replica_id]))
            runs.append(signed(keys, changes, origin=origin))
        if flavour == "claims":
            overrides = draw(st.sampled_from([
                {"ranges": {self.dbs[(r + 2) % HONEST].replica_id: [[1, 10**12]]}},
                {"vector": {db.replica_id: [[1, 10**12]] for db in self.dbs}},
                {"changes": 10**6}, {"counts": {"groups": 1}}]))
        self.deliver(receiver, runs, overrides)
        if flavour == "split":  # another version of the same changes for another clinic
            other = self.dbs[(r + 1) % HONEST]
            changes = [{**c, "value": json.dumps("Other version")} for c in runs[-1][1]]
            self.deliver(other, [signed(keys, changes)], {})

    def deliver(self, receiver: Database, runs: list[Any], overrides: dict[str, Any]) -> None:
        self.serial += 1
        path = forge(self.h, receiver, runs, self.folder / f"x{self.serial}.clinicbundle",
                     **overrides)
        before = full_dump(receiver)
        try:
            api.import_bundle(receiver, path, auto_compact=False)
        except BundleError as exc:
            self.check_refusal(exc, receiver, before)
        self.check(receiver)

    def check_refusal(self, exc: BundleError, receiver: Database, before: Any) -> None:
        message = str(exc)
        # Its own kind: "failed" would mean the database, not a check, stopped it.
        assert exc.kind and exc.kind != "failed", message
        assert message.strip() and "\n" not in message, message
        assert "Traceback" not in message
        assert full_dump(receiver) == before, f"refused ({exc.kind}) but changed: {message}"

    # --- what must hold ------------------------------------------------------------------

    def hostile_rows(self, db: Database) -> set[tuple[str, str]]:
        """The records the hostile replica created, as ``db`` knows them."""
        with db.read() as session:
            creators: dict[tuple[str, str], set[str]] = {}
            for tbl, row_id, origin in session.execute(select(
                    Change.tbl, Change.row_id, Change.origin).where(
                    Change.field == "created_at")):
                creators.setdefault((tbl, row_id), set()).add(origin)
        return {k for k, who in creators.items() if who == {self.h.replica_id}}

    def check(self, db: Database) -> None:
        self.nothing_outside_its_authors_scope(db)
        self.no_honest_change_is_lost()

    def nothing_outside_its_authors_scope(self, db: Database) -> None:
        mine = self.hostile_rows(db)
        hostile_ids = {row_id for _t, row_id in mine}
        with db.read() as session:
            by_h = session.execute(select(Change.tbl, Change.row_id, Change.field,
                                          Change.value).where(
                Change.origin == self.h.replica_id)).all()
        for tbl, row_id, name, value in by_h:
            assert (tbl, row_id) in mine, f"h changed {tbl} {row_id} it did not create"
            if name in ("group_id", "member_id") and not value.startswith("#"):
                assert json.loads(value) in hostile_ids | {None}, (tbl, name)
            if tbl == "audit_entries" and name == "replica_id":
                assert json.loads(value) == self.h.replica_id

    def no_honest_change_is_lost(self) -> None:
        for r in range(HONEST):
            held = self._own_changes(r)
            for key, d in self.made[r].items():
                assert held.get(key) == d, f"r{r} lost or altered its change {key}"

    def compared(self, db: Database, hostile: set[tuple[str, str]]) -> Any:
        rows = {tbl: [row for row in rows if (tbl, row[ID_AT[tbl]]) not in hostile]
                for tbl, rows in data(db).items()}
        with db.read() as session:
            open_conflicts = sorted(
                (c.tbl, c.row_id, c.field, c.kind, c.kept_value, c.lost_value, c.conflict_key)
                for c in session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None)))
                if (c.tbl, c.row_id) not in hostile)
        return rows, open_conflicts

    def final_honest_rounds_converge(self) -> None:
        self.round(self.dbs)
        self.round(self.dbs)
        for db in self.dbs:
            self.check(db)
        hostile = set().union(*(self.hostile_rows(db) for db in self.dbs))
        first = self.compared(self.dbs[0], hostile)
        for db in self.dbs[1:]:
            other = self.compared(db, hostile)
            assert other == first, difference(first, other)
        made = {k: d for m in self.made for k, d in m.items()}
        for r in range(HONEST):
            with self.dbs[r].read() as session:
                rows = session.execute(select(*[getattr(Change, k) for k in
                                                authorship.CHANGE_COLUMNS])).all()
            held = {(row[5], row[6]): authorship.digest(dict(zip(
                authorship.CHANGE_COLUMNS, row, strict=True))) for row in rows}
            for key, d in made.items():
                assert held.get(key) == d, f"r{r} lacks honest change {key}"


def difference(a: Any, b: Any) -> str:
    """The rows and conflicts that differ (what a failure shows)."""
    (rows_a, conflicts_a), (rows_b, conflicts_b) = a, b
    out = [f"{t}: {sorted(set(rows_a[t]) ^ set(rows_b[t]), key=repr)}"
           for t in rows_a if set(rows_a[t]) != set(rows_b[t])]
    if conflicts_a != conflicts_b:
        out.append(f"conflicts: {sorted(set(conflicts_a) ^ set(conflicts_b))}")
    return "; ".join(out)


HostileAmongHonest.TestCase.settings = settings(
    max_examples=10, stateful_step_count=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large])
test_a_hostile_replica_among_honest_ones = HostileAmongHonest.TestCase


def test_two_versions_of_one_change_do_not_stop_honest_sync(make_db, tmp_path):
    """'h' signs two versions of its next change, one for each honest clinic: each clinic
    accepts its own, and their sync with each other still works (each keeps the version
    it holds; h's bundles that carry the other are refused)."""
    a, b, h = make_db("a"), make_db("b"), make_db("h")
    for db in (a, b, h):
        for other in (a, b, h):
            if other is not db:
                api.add_trusted(db, api.public_identity(other), name_of(other))
    hostile = groups.create(h, "Hostile")
    send(h, a, tmp_path)
    send(h, b, tmp_path)
    groups.create(a, "Clinic a")
    [(run, part)] = runs_held(h, h.replica_id)[-1:]
    seq = run.hi + 1
    for receiver, name in ((a, "Version for a"), (b, "Version for b")):
        change = {**part[0], "tbl": "groups", "row_id": hostile.id, "field": "name",
                  "value": json.dumps(name), "hlc": str(Hlc(now_ms(), 0)), "seq": seq,
                  "prev_origin": None, "prev_seq": None}
        api.import_bundle(receiver, forge(h, receiver, [signed(keys_of(h), [change])],
                                          tmp_path / f"{name}.clinicbundle"))
    result = send(a, b, tmp_path)  # a relays h's other version to b: left out, said so
    assert result.two_versions == {"h": [seq]}
    assert api.two_versions_text(result) == (
        f"change {seq} of h left out: h signed it in two versions (forgery or a bug), and "
        "the version held here is kept")
    send(b, a, tmp_path)
    assert "Clinic a" in [g.name for g in groups.list_groups(b).items]
    assert groups.get(a, hostile.id).name == "Version for a"  # each keeps what it holds
    assert groups.get(b, hostile.id).name == "Version for b"
    groups.create(b, "Clinic b")
    send(b, a, tmp_path)
    assert "Clinic b" in [g.name for g in groups.list_groups(a).items]
