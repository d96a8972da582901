"""A received clock repair may move its author's changes in time, never drop or alter one.

A repair voids some of its author's own changes and re-issues them, in the same order, as
new changes (``repair``). Voiding alone would be a way to erase history: a workstation
turned hostile could "repair" its audit entries or the records it created, and every
replica would drop them. So before any repair is applied, each carried repair is checked:

- it re-issues exactly as many changes as it voids, and never voids its own re-issue;
- each re-issued change whose voided original this replica can read (held, parked or in
  the same bundle, and not already a stub) writes the same table, field and value to the
  same record (an audit entry, append-only, is re-issued as a new entry with the same
  content), stamped no later than the original.

Anything else refuses the whole bundle, nothing applied, naming the author.
"""

from __future__ import annotations

import json
from collections import defaultdict
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.models import Change, ParkedChange, Peer
from clinicapp.core.models.ids import short_id
from clinicapp.core.sync.authorship import is_stub
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.payload import Seen
from clinicapp.core.sync.ranges import RangeSet

REPAIRS = "clock_repairs"
APPEND_ONLY = frozenset({"audit_entries"})  # a voided one goes; its re-issue is new
Content = tuple[str, str, str, str, str]  # tbl, row_id, field, value, hlc


def seqs_named(value: str, before: int) -> RangeSet:
    """The seqs a repair's ``voided``/``reissued`` value names, below the repair's own
    first change ``before``."""
    try:
        text = json.loads(value)
        found = RangeSet(json.loads(text)) if isinstance(text, str) else RangeSet()
    except (ValueError, TypeError):
        return RangeSet()  # malformed: names nothing
    out = RangeSet()
    for lo, hi in found:
        if isinstance(lo, int) and isinstance(hi, int) and lo >= 1:
            out.add(lo, min(hi, before - 1))
    return out


def check(session: OrmSession, fresh: list[dict[str, Any]], seen: Seen | None = None
          ) -> None:
    """Refuse the bundle if a repair it carries drops or alters a change (``seen``: what
    the bundle's changes hold at most)."""
    if (seen is not None and seen.lacks_table(REPAIRS)) or REPAIRS not in map(
            itemgetter("tbl"), fresh):
        return  # no repair carried (the usual bundle), found by C alone
    repairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    first: dict[tuple[str, str], int] = {}
    for c in fresh:
        if c["tbl"] == REPAIRS:
            key = (c["origin"], c["row_id"])
            first[key] = min(c["seq"], first.get(key, c["seq"]))
            if c["field"] in ("voided", "reissued") and not is_stub(c["value"]):
                repairs[key][c["field"]] = c
    if not any("voided" in fields for fields in repairs.values()):
        return  # no repair carried (the usual bundle): nothing to map
    carried = {(c["origin"], c["seq"]): c for c in fresh}
    for (origin, row_id), fields in repairs.items():
        if "voided" not in fields:
            continue  # an edit of another field: it voids nothing
        voided = seqs_named(fields["voided"]["value"], first[(origin, row_id)])
        reissued = seqs_named(fields["reissued"]["value"], first[(origin, row_id)]) \
            if "reissued" in fields else RangeSet()
        old = [s for lo, hi in voided for s in range(lo, hi + 1)]
        new = [s for lo, hi in reissued for s in range(lo, hi + 1)]
        author = _name(session, origin)
        if len(old) != len(new) or set(old) & set(new):
            raise BundleError("out_of_scope", (
                f"{author}'s clock repair voids {len(old)} of its changes but re-issues "
                f"{len(new) if not set(old) & set(new) else 'some of those same ones'}: a "
                "repair must re-issue every change it voids (nothing was imported)"))
        contents = _contents(session, origin, voided, reissued, carried=carried)
        for o, n in zip(old, new, strict=True):
            before, after = contents.get(o), contents.get(n)
            if before is None or after is None:
                continue  # not readable here: nothing of this replica's can be lost
            same_row = before[1] == after[1] or before[0] in APPEND_ONLY
            if before[0] != after[0] or before[2:4] != after[2:4] or not same_row \
                    or after[4] > before[4]:
                raise BundleError("out_of_scope", (
                    f"{author}'s clock repair re-issues its change {o} as something else "
                    f"(change {n}): a repair may move a change back in time, never alter "
                    "it (nothing was imported)"))


def _contents(session: OrmSession, origin: str, *spans: RangeSet,
              carried: dict[tuple[str, int], dict[str, Any]]) -> dict[int, Content]:
    """The live content of ``origin``'s changes in ``spans`` readable here."""
    out: dict[int, Content] = {}
    for model in (ParkedChange, Change):
        for span in spans:
            for lo, hi in span:
                for seq, tbl, row_id, f, value, hlc in session.execute(
                        select(model.seq, model.tbl, model.row_id, model.field,
                               model.value, model.hlc)
                        .where(model.origin == origin, model.seq.between(lo, hi))):
                    if not is_stub(value):
                        out[seq] = (tbl, row_id, f, value, hlc)
    for (o, seq), c in carried.items():
        if o == origin and not is_stub(c["value"]) and any(seq in s for s in spans):
            out[seq] = (c["tbl"], c["row_id"], c["field"], c["value"], c["hlc"])
    return out


def _name(session: OrmSession, origin: str) -> str:
    peer = session.get(Peer, origin)
    return peer.name if peer is not None else f"workstation {short_id(origin)}"
