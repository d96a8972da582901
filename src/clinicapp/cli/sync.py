"""Sync commands: identity, trust, peers, export-bundle, bundle-info, import-bundle,
conflicts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from clinicapp.cli.common import open_db
from clinicapp.core.errors import ValidationError
from clinicapp.core.models.ids import short_id
from clinicapp.core.services import duplicates
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api, inbox
from clinicapp.core.sync.bundle import BundleError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("identity", help="print this workstation's replica id and public "
                                        "keys, and the line another replica trusts it by")
    p.add_argument("--export-age-identity", type=Path, metavar="FILE",
                   help="after the passphrase, write the age identity that opens bundles "
                        "addressed to this replica to FILE (owner-only, audited)")
    p.set_defaults(handler=cmd_identity)

    p = sub.add_parser("trust", help="trusted peers: trust add LINE --name NAME, "
                                     "trust list, trust remove NAME")
    trust = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_parser(trust)
    trust.add_parser("list", help="list trusted peers").set_defaults(handler=cmd_peers)
    q = trust.add_parser("remove", help="stop trusting a peer")
    q.add_argument("name")
    q.set_defaults(handler=cmd_trust_remove)

    p = sub.add_parser("peers", help="each peer with its last bundle in each direction, "
                                     "what it acknowledged and what it still lacks")
    p.set_defaults(handler=cmd_peers)
    peers = p.add_subparsers(dest="action", metavar="ACTION")
    peers.add_parser("list", help="the same as 'peers'").set_defaults(handler=cmd_peers)
    _add_parser(peers)

    p = sub.add_parser("export-bundle", help="write a sync bundle for a peer (default: the "
                                             "central server)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--to", "--peer", dest="to", metavar="NAME",
                   help="the trusted peer to export for")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("bundle-info", help="what a bundle is (sender, signature, counts, "
                                           "dates), without importing it")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("import-bundle", help="check a bundle, then apply it all or nothing; "
                                             "a folder: every bundle in it, by sender and "
                                             "date, each once")
    p.add_argument("file", type=Path, metavar="FILE_OR_FOLDER")
    p.add_argument("--progress", action="store_true", help="print a line as it applies")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("duplicates", help="possible duplicate members and topics: list, "
                                          "merge KEEP_ID OTHER_ID, undo MERGE_ID")
    p.set_defaults(handler=cmd_duplicates)
    dups = p.add_subparsers(dest="action", metavar="ACTION")
    dups.add_parser("list", help="the same as 'duplicates'").set_defaults(
        handler=cmd_duplicates)
    q = dups.add_parser("merge", help="fold OTHER_ID into KEEP_ID on every workstation")
    q.add_argument("keep_id")
    q.add_argument("other_id")
    q.add_argument("--kind", choices=("member", "topic"), default="member")
    q.set_defaults(handler=cmd_merge)
    q = dups.add_parser("undo", help="undo a merge (its id is listed by 'duplicates')")
    q.add_argument("merge_id")
    q.set_defaults(handler=cmd_unmerge)

    p = sub.add_parser("restamp", help="after correcting a clock that ran ahead: re-issue "
                                       "this workstation's future-stamped changes from the "
                                       "corrected clock, on every replica alike (an export "
                                       "does it by itself)")
    p.set_defaults(handler=cmd_restamp)

    p = sub.add_parser("compact", help="prune superseded values every peer has acknowledged "
                                       "(attendance and audit history are kept)")
    p.set_defaults(handler=cmd_compact)

    p = sub.add_parser("conflicts", help="concurrent edits that lost: list, or resolve ID "
                                         "--keep kept|lost")
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p.set_defaults(handler=cmd_conflicts)
    conflicts = p.add_subparsers(dest="action", metavar="ACTION")
    conflicts.add_parser("list", help="the same as 'conflicts'").set_defaults(
        handler=cmd_conflicts, all=False)
    q = conflicts.add_parser("resolve", help="close a conflict")
    q.add_argument("id", type=int)
    q.add_argument("--keep", choices=("kept", "lost", "restore", "keep_deleted"),
                   default=None, help="'kept': the value in place stays; 'lost': use the "
                   "other value; for a record deleted while it was changed elsewhere: "
                   "'restore' or 'keep_deleted' (default: kept, or keep_deleted)")
    q.set_defaults(handler=cmd_resolve)


def _add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser("add", help="trust a replica by the line its 'clinicapp identity' "
                                   "printed")
    q.add_argument("line", metavar="LINE")
    q.add_argument("--name", required=True, help="what to call it, e.g. office")
    q.add_argument("--central", action="store_true",
                   help="it is the central server (bundles go to it by default); it may "
                        "change the records of every group")
    q.add_argument("--groups", default="", metavar="G1,G2",
                   help="the groups (names or ids) whose records it may change; it may "
                        "also change the groups it creates")
    q.set_defaults(handler=cmd_trust_add)


def _on_db(command: Callable[[argparse.Namespace, Database], int]
           ) -> Callable[[argparse.Namespace], int]:
    """A command that works on the unlocked database, closed whatever happens."""
    def run(args: argparse.Namespace) -> int:
        db = open_db(args)
        try:
            return command(args, db)
        finally:
            db.close()

    run.__name__ = command.__name__
    return run


def _n(count: int, one: str, many: str) -> str:
    """``1 change``, ``3 changes``: never ``change(s)``."""
    return f"{count} {one if count == 1 else many}"


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "never"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {n}" for table, n in sorted(counts.items())) or "none"


def cmd_identity(args: argparse.Namespace) -> int:
    if args.export_age_identity is not None:
        return _export_age_identity(args)
    return _show_identity(args)


@_on_db
def _show_identity(args: argparse.Namespace, db: Database) -> int:
    ident = api.public_identity(db)
    print(f"{'replica:':16}{ident.replica_id}")
    print(f"{'name:':16}{ident.name}")
    print(f"{'age recipient:':16}{ident.age_recipient}")
    print(f"{'minisign key:':16}{ident.minisign_key}")
    print()
    print("Another workstation trusts this one with:")
    print(f"    clinicapp trust add {ident.line()} --name NAME")
    for warning in api.clock_warnings(db):
        print(f"warning: {warning}")
    return 0


def _export_age_identity(args: argparse.Namespace) -> int:
    """Always after the passphrase, even where the OS credential store could unlock."""
    from clinicapp.cli.common import paths_from, unlock_paths

    db, _key = unlock_paths(paths_from(args), args, None)  # the passphrase, under the policy
    try:
        path = inbox.export_age_identity(db, args.export_age_identity)
    finally:
        db.close()
    print(f"Wrote this workstation's age identity to {path} (readable by you only).")
    print(f"Open a bundle addressed to it with: age -d -i {path} BUNDLE | tar x")
    print("Keep the file secret and delete it when done: it opens every bundle for this "
          "workstation.")
    return 0


@_on_db
def cmd_trust_add(args: argparse.Namespace, db: Database) -> int:
    if args.central and args.groups:
        raise ValidationError("groups", "central_has_every_group")
    peer = api.add_trusted(db, args.line, args.name, central=args.central,
                           groups=args.groups.split(","))
    kind = "central server" if peer.central else "peer"
    print(f"Trusted {kind} '{peer.name}' ({peer.replica_id}); it may change: "
          f"{peer.scope}")
    return 0


@_on_db
def cmd_trust_remove(args: argparse.Namespace, db: Database) -> int:
    api.remove_trusted(db, args.name)
    print(f"No longer trusting '{args.name}'")
    return 0


@_on_db
def cmd_peers(args: argparse.Namespace, db: Database) -> int:
    peers = api.peers_status(db)
    if not peers:
        print("No trusted peers yet: add one with 'clinicapp trust add LINE --name NAME'")
    for p in peers:
        central = " (central)" if p.central else ""
        acknowledged = _n(p.acknowledged, "change", "changes")
        print(f"{p.name}{central}: sent {_when(p.last_sent_at)}, received "
              f"{_when(p.last_received_at)}, acknowledged {acknowledged}, "
              f"lacks {p.lacking} — {p.state}; may change: {p.scope}")
    print(f"Changes not yet sent: {api.pending_changes(db)}")
    for warning in api.clock_warnings(db):
        print(f"warning: {warning}")
    return 0


@_on_db
def cmd_export(args: argparse.Namespace, db: Database) -> int:
    result = api.export_bundle(db, args.out, peer=args.to)
    print(f"Exported {_n(result.changes, 'change', 'changes')} for "
          f"{', '.join(result.recipients)} to {result.path}")
    print(f"  {_counts(result.counts)}")
    return 0


@_on_db
def cmd_info(args: argparse.Namespace, db: Database) -> int:
    info = api.inspect_bundle(db, args.file)
    print(f"{'sender:':18}{info.sender_name} ({info.sender_id})")
    print(f"{'signature:':18}{'valid' if info.signature_valid else 'NOT VALID'}"
          f"{'' if info.trusted else ' (signer not trusted)'}")
    print(f"{'created:':18}{_when(info.created_at)}")
    print(f"{'changes:':18}{info.changes} ({info.new_changes} new here)")
    print(f"{'counts:':18}{_counts(info.counts)}")
    for origin, ranges in sorted(info.ranges.items()):
        print(f"{'carries:':18}{ranges} of {origin}")
    print(f"{'already imported:':18}{'yes' if info.already_imported else 'no'}")
    if info.problem:
        print(f"{'problem:':18}{info.problem}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    return _import_folder(args) if args.file.is_dir() else _import_one(args)


@_on_db
def _import_one(args: argparse.Namespace, db: Database) -> int:
    def show(done: int, total: int) -> None:
        print(f"  applying: {done} of {total}", flush=True)

    try:
        result = api.import_bundle(db, args.file,
                                   progress=show if args.progress else None)
    except BundleError as exc:
        if exc.kind not in inbox.NOTHING_NEW:
            raise
        print(str(exc))  # nothing new is not an error
        return 0
    print(f"Imported {args.file.name} from {result.sender_name}: "
          f"{_n(result.received, 'new change', 'new changes')}, "
          f"{result.already_held} already here")
    print(f"  added:     {_counts(result.rows_added)}")
    print(f"  changed:   {_counts(result.rows_changed)}")
    print(f"  conflicts: {result.conflicts} put aside for review"
          + (" (clinicapp conflicts)" if result.conflicts else ""))
    if result.parked:
        print(f"  waiting:   {_n(result.parked, 'change', 'changes')} stamped too far ahead, "
              "until their workstation's clock is repaired")
    if result.two_versions:
        print(f"  left out:  {api.two_versions_text(result)}")
    return 0


@_on_db
def _import_folder(args: argparse.Namespace, db: Database) -> int:
    def show(o: inbox.Outcome) -> None:
        line = f"{o.status.replace('_', ' ')}: {o.message}"
        print(line, file=sys.stdout if o.ok else sys.stderr, flush=True)

    outcomes = inbox.import_many(db, [args.file], report=show)
    if not outcomes:
        print(f"No bundles (*{inbox.SUFFIX}) in {args.file}.")
    refused = sum(not o.ok for o in outcomes)
    print(f"{_n(len(outcomes), 'bundle', 'bundles')}: "
          f"{sum(o.status == 'imported' for o in outcomes)} imported, "
          f"{sum(o.status in ('nothing_new', 'skipped') for o in outcomes)} with nothing "
          f"new here, {refused} refused")
    return 1 if refused else 0


@_on_db
def cmd_conflicts(args: argparse.Namespace, db: Database) -> int:
    rows = api.list_conflicts(db, open_only=not args.all)
    if not rows:
        print("No conflicts to review.")
    for c in rows:
        kind = "deleted while changed" if c.kind == "delete" else "concurrent edit"
        print(f"{c.id}: {c.tbl} {short_id(c.row_id)} {c.field} ({kind}, found "
              f"{_when(c.detected_at)}): {c.summary}")
        if c.resolution:
            print(f"    closed: {c.resolution} — {c.note}")
    return 0


@_on_db
def cmd_resolve(args: argparse.Namespace, db: Database) -> int:
    keep = args.keep
    if keep is None:
        kinds = {c.id: c.kind for c in api.list_conflicts(db, open_only=False)}
        keep = "keep_deleted" if kinds.get(args.id) == "delete" else "kept"
    done = api.resolve_conflict(db, args.id, keep=keep)
    print(f"Conflict {done.id} resolved on every workstation it reaches: "
          f"{done.resolution} — {done.note}")
    return 0


@_on_db
def cmd_duplicates(args: argparse.Namespace, db: Database) -> int:
    found = duplicates.find(db)
    if not found:
        print("No possible duplicates.")
    for d in found:
        print(f"{d.kind} {d.first_id} “{d.first_name}” and {d.second_id} "
              f"“{d.second_name}”: {', '.join(d.reasons)}")
    for m in duplicates.list_merges(db):
        state = f"undone by {m.undone_by}" if m.undone_at else "standing"
        print(f"merge {m.id}: {m.kind} {m.merged_id} into {m.kept_id} by {m.merged_by} "
              f"on {m.merged_on} at {_when(m.merged_at)} ({state})")
    return 0


@_on_db
def cmd_merge(args: argparse.Namespace, db: Database) -> int:
    done = duplicates.merge(db, args.kind, args.keep_id, args.other_id)
    print(f"Merged {done.kind} {done.merged_id} into {done.kept_id} (merge {done.merge_id}); "
          f"moved: {_counts(done.moved)}. Every workstation applies it when it syncs.")
    return 0


@_on_db
def cmd_unmerge(args: argparse.Namespace, db: Database) -> int:
    record = duplicates.undo(db, args.merge_id)
    print(f"Merge {record.id} undone: {record.kind} {record.merged_id} is separate again.")
    return 0


@_on_db
def cmd_restamp(args: argparse.Namespace, db: Database) -> int:
    moved = api.restamp_unacknowledged(db)
    if moved:
        print(f"Re-issued {_n(moved, 'change', 'changes')} from the corrected clock; every "
              "workstation applies the repair alike when it next syncs.")
    else:
        print("No change is stamped ahead of this clock: nothing to repair.")
    for warning in api.clock_warnings(db):
        print(f"warning: {warning}")
    return 0


@_on_db
def cmd_compact(args: argparse.Namespace, db: Database) -> int:
    result = api.compact(db)
    print(f"Pruned {_n(result.pruned, 'superseded change', 'superseded changes')}; "
          f"{result.remaining} remain.")
    return 0

