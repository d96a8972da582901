"""Data-folder commands: init, check, backup, restore, settings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import func, select

from clinicapp.cli.common import open_db, passphrase_from, paths_from
from clinicapp.core.errors import ClinicAppError, DatabaseError
from clinicapp.core.models import SYNCED_MODELS, Change, Conflict
from clinicapp.core.services import backups
from clinicapp.core.services import settings as app_settings
from clinicapp.core.storage.db import Database, current_revision, head_revision


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create an encrypted database in the data folder")
    p.add_argument("--name", default="", help="a name for this workstation")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("check", help="integrity check, schema version and record counts")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", help="write an encrypted backup now")
    p.add_argument("--out", type=Path, help="where to write it (default: the backups folder)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (the present "
                                       "state is backed up first)")
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("settings", help="show settings, or set one: settings NAME VALUE")
    p.add_argument("name", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_settings)


def cmd_init(args: argparse.Namespace) -> int:
    paths = paths_from(args)
    if paths.database.exists():
        raise DatabaseError(f"a database already exists in {paths.data_dir}")
    passphrase = passphrase_from(args, "Choose a workstation passphrase: ", confirm=True)
    db, code = Database.create(paths, passphrase, name=args.name)
    db.close()
    print(f"Created an encrypted ClinicApp database in {paths.data_dir}")
    print()
    print("RECOVERY KEY (print it and keep it somewhere safe; it is shown only now):")
    print(f"    {code}")
    print("Without the passphrase or this recovery key the data cannot be opened by anyone.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = db.integrity_check()
        revision = current_revision(db.engine)
        print(f"{'data folder:':18}{paths_from(args).data_dir}")
        print(f"{'integrity:':18}{result}")
        print(f"{'schema:':18}{revision} (this ClinicApp: {head_revision()})")
        print(f"{'replica:':18}{db.replica_id}")
        with db.read() as session:
            for model in SYNCED_MODELS:
                live = session.scalar(select(func.count()).select_from(model)
                                      .where(model.deleted_at.is_(None)))
                deleted = session.scalar(select(func.count()).select_from(model)
                                         .where(model.deleted_at.is_not(None)))
                extra = f" (+{deleted} deleted)" if deleted else ""
                print(f"{model.__tablename__ + ':':18}{live}{extra}")
            print(f"{'changes:':18}{session.scalar(select(func.count()).select_from(Change))}")
            open_conflicts = session.scalar(select(func.count()).select_from(Conflict)
                                            .where(Conflict.resolved_at.is_(None)))
            print(f"{'conflicts:':18}{open_conflicts} open")
        return 0 if result == "ok" and revision == head_revision() else 1
    finally:
        db.close()


def cmd_backup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        path = backups.back_up(db, args.out)
    finally:
        db.close()
    print(f"Backup written: {path} (encrypted with this data folder's key)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if not args.yes:
            if not sys.stdin.isatty():  # nobody to ask: never replace data unconfirmed
                raise ClinicAppError("restore replaces the database; confirm with --yes")
            answer = input(f"Replace the database with {args.file}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                print("Nothing changed.")
                return 1
        safety = backups.restore(db, args.file)
    finally:
        db.close()
    print(f"Restored from {args.file}. The previous state was backed up to {safety}")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.name is None:
            with db.read() as session:
                values = app_settings.get_all(session)
            for name, setting in app_settings.SETTINGS.items():
                print(f"{name} = {values[name]!r}    # {setting.help}")
            return 0
        if args.value is None:
            with db.read() as session:
                print(app_settings.get(session, args.name))
            return 0
        changed = app_settings.change(db, args.name, args.value)
        with db.read() as session:
            value = app_settings.get(session, args.name)
        print(f"{args.name} = {value!r}" + ("" if changed is not None else "  (unchanged)"))
        return 0
    finally:
        db.close()
