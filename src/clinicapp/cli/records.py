"""Record commands: demo-data, export-csv, audit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinicapp.cli.common import open_db, passphrase_from, paths_from
from clinicapp.core.reports import csv_export
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.demo import generate as demo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo-data", help="add realistic demo records for one busy clinic "
                                         "(creates the database if there is none)")
    p.add_argument("--groups", type=int, default=6, help="groups and hubs (default 6)")
    p.add_argument("--years", type=int, default=5, help="years of history (default 5)")
    p.add_argument("--seed", type=int, default=1,
                   help="the same seed gives the same records (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(handler=cmd_demo_data)

    names = ", ".join(csv_export.table_names())
    p = sub.add_parser("export-csv", help="write one table as CSV (never private text)",
                       description=f"TABLE is one of: {names}")
    p.add_argument("table", metavar="TABLE")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_export_csv)

    p = sub.add_parser("audit", help="show the audit trail, newest first")
    p.add_argument("--action", help="only this action, e.g. export_csv")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_audit)


def _open_or_create(args: argparse.Namespace) -> Database:
    paths = paths_from(args)
    if Database.exists(paths) or paths.database.exists():
        return open_db(args)
    passphrase = passphrase_from(args, "Choose a workstation passphrase: ", confirm=True)
    db, code = Database.create(paths, passphrase, name="demo workstation")
    print(f"Created an encrypted ClinicApp database in {paths.data_dir}")
    print(f"RECOVERY KEY (shown only now; keep it safe): {code}")
    return db


def cmd_demo_data(args: argparse.Namespace) -> int:
    db = _open_or_create(args)

    def show(fraction: float, message: str) -> None:
        # One line per committed chunk: everything above it is safely on disk.
        print(f"  {fraction:4.0%}  committed: {message}", flush=True)

    try:
        summary = demo.generate(db, groups=args.groups, years=args.years, seed=args.seed,
                                progress=None if args.quiet else show)  # audited by it
    finally:
        db.close()
    counts = ", ".join(f"{n} {table}" for table, n in summary.counts.items())
    print(f"Demo data added in {summary.seconds:.1f} s ({summary.chunks} transactions): "
          f"{counts}")
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        count = csv_export.export_csv(db, args.table, args.out)
    finally:
        db.close()
    print(f"Wrote {count} rows of {args.table} to {args.out}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        page = audit.list_entries(db, limit=args.limit, action=args.action)
    finally:
        db.close()
    for entry in page.items:
        local = entry.at.astimezone()
        sys.stdout.write(f"{local:%Y-%m-%d %H:%M}  {entry.action:15} {entry.actor:12} "
                         f"{entry.detail}\n")
    if page.has_more:
        print(f"… {page.total - len(page.items)} older entries (use --limit)")
    return 0
