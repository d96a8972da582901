"""Rights: who may change what. The scope map (stated in SECURITY.md):

- groups by their id; memberships, sessions and action plans by their group;
- attendance, reflections and evaluations through their session; action items through
  their plan; progress notes and PDSA cycles through their item;
- commitments and support requests through their session, else through their member;
- a member through the groups of the memberships it already has here, or by the
  workstation that created it; a new membership needs rights over both its group and its
  member (so a workstation cannot adopt another clinic's member to edit them);
- a group is in the scope of the workstations trusted for it and of the one that created
  it; topics may be created by any trusted workstation and changed by their creators
  (every workstation creates the seeded ones) and the central office;
- audit entries are append-only: created once, never changed, by their own workstation;
- a member's journal key is set once; a different key is refused.

A change is checked against the groups of its row both as stored here and as the bundle
sets them, so moving a record into or out of a group needs rights over both. All lookups
are batched: a few queries per table, whatever the bundle's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import MODEL_BY_TABLE, Change, Group, Member, Membership
from clinicapp.core.models.ids import short_id
from clinicapp.core.sync import lookups
from clinicapp.core.sync.authorship import STUB
from clinicapp.core.sync.values import loads

# table: (link field, parent table)
PARENT = {
    "memberships": ("group_id", "groups"),
    "sessions": ("group_id", "groups"),
    "action_plans": ("group_id", "groups"),
    "attendance": ("session_id", "sessions"),
    "reflections": ("session_id", "sessions"),
    "evaluations": ("session_id", "sessions"),
    "commitments": ("session_id", "sessions"),
    "support_requests": ("session_id", "sessions"),
    "action_items": ("plan_id", "action_plans"),
    "progress_notes": ("item_id", "action_items"),
    "pdsa_cycles": ("item_id", "action_items"),
}
# Without a session, these belong to their member.
BY_MEMBER_OTHERWISE = frozenset({"commitments", "support_requests"})
# Decisions about conflicts, merges and clock repairs sync to every device; any trusted
# workstation may record one (see SECURITY.md: not yet scoped).
EVERYONE = frozenset({"conflict_decisions", "record_merges", "clock_repairs"})
# The fields whose incoming values the checks look at.
LOOKED_AT = frozenset({"group_id", "session_id", "plan_id", "item_id", "member_id",
                       "journal_recipient", "replica_id", "name"})

Key = tuple[str, str]


class RightsError(Exception):
    """A change outside its author's rights; the message names author, table and group."""


@dataclass(frozen=True)
class Author:
    origin: str
    name: str
    all_groups: bool
    groups: frozenset[str]


_NONE_SENT: dict[str, set[Any]] = {}


def _few(stored: Iterable[str], sent: Iterable[Any]) -> tuple[str, ...]:
    """The distinct ids of ``stored`` and ``sent`` (None left out), in a small tuple."""
    return tuple({*stored, *(v for v in sent if v is not None)})


class _Rows:
    """What the store and the bundle say about the rows a bundle touches."""

    def __init__(self, session: OrmSession, changes: list[dict[str, Any]]) -> None:
        self.session = session
        self.changes = changes
        self.touched: dict[str, set[str]] = defaultdict(set)
        # incoming link values: (tbl, row) -> {field: {values}}
        self.incoming: dict[Key, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
        self.incoming_creators: dict[Key, set[str]] = defaultdict(set)
        touched = self.touched
        for tbl, row, name, value, origin in map(
                itemgetter("tbl", "row_id", "field", "value", "origin"), changes):
            touched[tbl].add(row)
            if name == "created_at":
                self.incoming_creators[(tbl, row)].add(origin)
            elif name in LOOKED_AT and not value.startswith(STUB):
                self.incoming[(tbl, row)][name].add(loads(value))
        self.stored: dict[str, set[str]] = {}
        # A row's parents, stored and incoming: a tuple (nearly always of one) per row.
        self.links: dict[Key, tuple[str, ...]] = {}
        self.member_links: dict[Key, tuple[str, ...]] = {}
        self._load_links()

    def stored_ids(self, tbl: str, ids: Iterable[str]) -> set[str]:
        model = MODEL_BY_TABLE[tbl]
        known = self.stored.setdefault(tbl, set())
        wanted = sorted(set(ids) - known)
        for among in lookups.among(self.session, model.id, wanted):
            known.update(self.session.scalars(select(model.id).where(among)))
        return known

    def _load_links(self) -> None:
        """Each touched row's parents (stored and incoming), level by level up to groups."""
        frontier: dict[str, set[str]] = {t: set(ids) for t, ids in self.touched.items()}
        while frontier:
            following: dict[str, set[str]] = defaultdict(set)
            for tbl, ids in frontier.items():
                if tbl not in PARENT:
                    continue
                link, parent = PARENT[tbl]
                todo = sorted(i for i in ids if (tbl, i) not in self.links)
                found: dict[str, set[str]] = defaultdict(set)
                members: dict[str, set[str]] = defaultdict(set)
                model = MODEL_BY_TABLE[tbl]
                has_member = "member_id" in model.__table__.c  # type: ignore[attr-defined]
                table = model.__table__.c  # type: ignore[attr-defined]
                cols = [table.id, table[link]]
                if has_member:
                    cols.append(table.member_id)
                for among in lookups.among(self.session, table.id, todo):
                    for row in self.session.execute(select(*cols).where(among)):
                        self.stored.setdefault(tbl, set()).add(row[0])
                        if row[1] is not None:
                            found[row[0]].add(row[1])
                        if has_member and row[2] is not None:
                            members[row[0]].add(row[2])
                # Looked up without creating entries: at a million changes an empty set
                # made per row (here and in ``incoming``) was a good part of the peak.
                incoming = self.incoming
                for row_id in todo:
                    sent = incoming.get((tbl, row_id)) or _NONE_SENT
                    values = _few(found.get(row_id, ()), sent.get(link, ()))
                    self.links[(tbl, row_id)] = values
                    if has_member:
                        self.member_links[(tbl, row_id)] = _few(
                            members.get(row_id, ()), sent.get("member_id", ()))
                    if parent != "groups":
                        following[parent].update(values)
            frontier = {t: ids for t, ids in following.items() if ids}

    def groups_of(self, tbl: str, row_id: str) -> set[str]:
        if tbl == "groups":
            return {row_id}
        out: set[str] = set()
        if tbl not in PARENT:
            return out  # a table of no group: refused below as of an unknown group
        _link, parent = PARENT[tbl]
        for pid in self.links.get((tbl, row_id), ()):
            out |= {pid} if parent == "groups" else self.groups_of(parent, pid)
        return out

    def creators(self, tbl: str, ids: Iterable[str]) -> dict[str, set[str]]:
        """Origins that created each row: stored ``created_at`` changes, or for a row new
        here, the bundle's."""
        ids = sorted(set(ids))
        out: dict[str, set[str]] = defaultdict(set)
        for among in lookups.among(self.session, Change.row_id, ids):
            for row_id, origin in self.session.execute(
                    select(Change.row_id, Change.origin).where(
                        Change.tbl == tbl, Change.field == "created_at", among)):
                out[row_id].add(origin)
        # Only a row without a stored creator may be new here (a group held already: no
        # lookup at all).
        unknown = [row_id for row_id in ids if row_id not in out]
        stored = self.stored_ids(tbl, unknown) if unknown else set()
        for row_id in unknown:
            if row_id not in stored:
                out[row_id] = set(self.incoming_creators.get((tbl, row_id), set()))
        return out

    def member_groups(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """The groups of each member's memberships stored here."""
        out: dict[str, set[str]] = defaultdict(set)
        for among in lookups.among(self.session, Membership.member_id, sorted(set(ids))):
            for member_id, group_id in self.session.execute(
                    select(Membership.member_id, Membership.group_id).where(among)):
                out[member_id].add(group_id)
        return out


def _group_name(session: OrmSession, rows: _Rows, group_id: str) -> str:
    name = session.scalar(select(Group.name).where(Group.id == group_id))
    if name is None:
        names = rows.incoming.get(("groups", group_id), {}).get("name", set())
        name = next(iter(sorted(str(n) for n in names)), "")
    return f"'{name[:60]}' ({short_id(group_id)})" if name else group_id


def check(session: OrmSession, changes: list[dict[str, Any]],
          authors: dict[str, Author]) -> None:
    """Raise RightsError for the first change outside its author's rights."""
    rows = _Rows(session, changes)
    _append_only_audit(rows, authors)
    _journal_keys(session, rows, authors)
    origins = set(map(itemgetter("origin"), changes))
    free = {o for o in origins if authors[o].all_groups}
    limited = changes if not free else [c for c in changes if c["origin"] not in free]
    if not limited:
        return
    # What is checked depends on the author and the row alone: once per pair, not per field.
    pairs = dict.fromkeys(map(itemgetter("origin", "tbl", "row_id"), limited))
    by_tbl: dict[str, set[str]] = defaultdict(set)
    for _origin, tbl, row_id in pairs:
        by_tbl[tbl].add(row_id)
    group_ids = set(by_tbl.get("groups", set()))
    for tbl, ids in by_tbl.items():
        if tbl in PARENT:
            for row_id in ids:
                group_ids |= rows.groups_of(tbl, row_id)
    group_creators = rows.creators("groups", group_ids)
    member_ids = set(by_tbl.get("members", set()))
    for tbl in ("memberships", *BY_MEMBER_OTHERWISE):
        for row_id in by_tbl.get(tbl, set()):
            member_ids.update(rows.member_links.get((tbl, row_id), ()))
    member_creators = rows.creators("members", member_ids)
    member_groups = rows.member_groups(member_ids)
    topic_creators = rows.creators("topics", by_tbl.get("topics", set()))

    def may_group(author: Author, group_id: str) -> bool:
        return group_id in author.groups or author.origin in group_creators.get(group_id, ())

    def may_member(author: Author, member_id: str) -> bool:
        return (author.origin in member_creators.get(member_id, ())
                or any(may_group(author, g) for g in member_groups.get(member_id, ())))

    for origin, tbl, row_id in pairs:
        author = authors[origin]
        if tbl == "audit_entries" or tbl in EVERYONE:
            continue  # append-only, checked above; decisions: any trusted workstation
        if tbl == "topics":
            if author.origin not in topic_creators.get(row_id, ()):
                raise RightsError(f"{author.name} may not change topics it did not create "
                                  f"(topic {short_id(row_id)}): only the central office may")
            continue
        if tbl == "members":
            if not may_member(author, row_id):
                raise RightsError(f"{author.name} may not change members: member "
                                  f"{short_id(row_id)} belongs to no group it was trusted for")
            continue
        groups = rows.groups_of(tbl, row_id)
        if tbl in BY_MEMBER_OTHERWISE and not groups:
            for member_id in rows.member_links.get((tbl, row_id), ()):
                if not may_member(author, member_id):
                    raise RightsError(f"{author.name} may not change {tbl} of member "
                                      f"{short_id(member_id)}, who belongs to no group it was "
                                      "trusted for")
            continue
        if not groups:
            raise RightsError(f"{author.name} changes {tbl} {short_id(row_id)} whose group is "
                              "unknown here")
        for group_id in sorted(groups):
            if not may_group(author, group_id):
                raise RightsError(f"{author.name} may not change {tbl} of group "
                                  f"{_group_name(session, rows, group_id)}: it is outside "
                                  "the groups it was trusted for")
        if tbl == "memberships":
            for member_id in rows.member_links.get((tbl, row_id), ()):
                if not may_member(author, member_id):
                    raise RightsError(f"{author.name} may not add member {short_id(member_id)} "
                                      "to a group: the member belongs to no group it was "
                                      "trusted for")


def _append_only_audit(rows: _Rows, authors: dict[str, Author]) -> None:
    ids = rows.touched.get("audit_entries", set())
    if not ids:
        return
    stored = rows.stored_ids("audit_entries", ids)
    seen: set[tuple[str, str]] = set()
    writer: dict[str, str] = {}
    for c in rows.changes:
        if c["tbl"] != "audit_entries":
            continue
        author, row_id = authors[c["origin"]].name, c["row_id"]
        if row_id in stored:
            raise RightsError(f"{author} changes audit entry {short_id(row_id)}: audit entries "
                              "are append-only")
        if (row_id, c["field"]) in seen or writer.setdefault(row_id, c["origin"]) != c["origin"]:
            raise RightsError(f"{author} writes audit entry {short_id(row_id)} twice: audit "
                              "entries are append-only")
        seen.add((row_id, c["field"]))
    for (tbl, row_id), fields in rows.incoming.items():
        if tbl != "audit_entries":
            continue
        for claimed in fields.get("replica_id", set()):
            if claimed and claimed != writer[row_id]:
                raise RightsError(f"audit entry {short_id(row_id)} claims to come from "
                                  f"{str(claimed)[:36]} but was written by "
                                  f"{authors[writer[row_id]].name}")


def _journal_keys(session: OrmSession, rows: _Rows, authors: dict[str, Author]) -> None:
    setting = {row_id: values["journal_recipient"]
               for (tbl, row_id), values in rows.incoming.items()
               if tbl == "members" and values.get("journal_recipient")}
    if not setting:
        return
    current: dict[str, str] = {}
    for among in lookups.among(session, Member.id, sorted(setting)):
        current.update((member_id, key) for member_id, key in session.execute(
            select(Member.id, Member.journal_recipient).where(among)))
    writers = {c["row_id"]: c["origin"] for c in rows.changes
               if c["tbl"] == "members" and c["field"] == "journal_recipient"}
    for member_id, values in setting.items():
        held = current.get(member_id, "")
        new = {v for v in values if v}
        if (held and (new - {held} or "" in values)) or len(new) > 1:
            raise RightsError(f"{authors[writers[member_id]].name} replaces the journal key "
                              f"of member {short_id(member_id)}: a journal key is set once, and "
                              "only a change signed with the member's current journal key "
                              "may replace it")
