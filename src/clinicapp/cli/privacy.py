"""Privacy commands: a member's private journal, the workstation passphrase and its
recovery key.

Secrets never come from the command line itself (it is visible to other programs and
kept in shell history): they are asked for, or read from a file given by name.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from clinicapp.cli.common import open_db, paths_from, recovery_key_from, unlock_paths
from clinicapp.core.errors import ClinicAppError, LockedError, NotFoundError
from clinicapp.core.keys import journal, workstation
from clinicapp.core.models import Member
from clinicapp.core.services import members
from clinicapp.core.storage.db import Database

NO_WAY_BACK = ("If you forget the passphrase and lose this code, your private reflections "
               "cannot be read again by anyone, ClinicApp's makers included.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("journal", help="a member's private journal: set it up or change "
                                       "its passphrase")
    actions = p.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    setup = actions.add_parser("setup", help="make MEMBER's journal key; prints their "
                                             "personal recovery code once")
    setup.add_argument("member", metavar="MEMBER", help="member id, or part of the name")
    setup.add_argument("--journal-passphrase-file", metavar="FILE",
                       help="read the member's new passphrase from FILE")
    setup.set_defaults(handler=cmd_journal_setup)
    change = actions.add_parser("change-passphrase",
                                help="a new journal passphrase, given the old one or the "
                                     "member's recovery code")
    change.add_argument("member", metavar="MEMBER", help="member id, or part of the name")
    change.add_argument("--journal-passphrase-file", metavar="FILE",
                        help="read the current journal passphrase from FILE")
    change.add_argument("--recovery-code-file", metavar="FILE",
                        help="use the member's recovery code, read from FILE, instead of "
                             "the current passphrase")
    change.add_argument("--new-journal-passphrase-file", metavar="FILE",
                        help="read the new journal passphrase from FILE")
    change.set_defaults(handler=cmd_journal_change)

    p = sub.add_parser("passphrase", help="change the workstation passphrase")
    actions = p.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    change = actions.add_parser("change", help="choose a new workstation passphrase (give "
                                               "the current one, or the recovery key)")
    change.add_argument("--new-passphrase-file", metavar="FILE",
                        help="read the new passphrase from FILE")
    change.add_argument("--recovery-key-file", metavar="FILE",
                        help="forgot the passphrase: unlock with the recovery key in FILE")
    change.set_defaults(handler=cmd_passphrase_change)

    p = sub.add_parser("recovery-key", help="the workstation's printed recovery key")
    actions = p.add_subparsers(dest="recovery_command", metavar="ACTION", required=True)
    replace = actions.add_parser("replace", help="make a new recovery key (the old one "
                                                 "stops working); printed once")
    replace.add_argument("--recovery-key-file", metavar="FILE",
                         help="unlock with the present recovery key in FILE instead of "
                              "the passphrase")
    replace.set_defaults(handler=cmd_recovery_replace)


# --- reading secrets ---------------------------------------------------------------------

def _read_secret(file: str | None, prompt: str, confirm: bool = False) -> str:
    if file:
        try:
            return Path(file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise ClinicAppError(f"cannot read {file}: {exc.strerror}") from None
    if not sys.stdin.isatty():
        raise LockedError("no terminal to ask on: give the passphrase in a file "
                          "(see --help)")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to confirm: ") != first:
        raise ClinicAppError("the two passphrases differ")
    return first


def _unlock_workstation(args: argparse.Namespace) -> Database:
    """Open with the passphrase or recovery key itself (never the OS credential store:
    changing how the data is locked needs someone who can unlock it)."""
    paths = paths_from(args)
    if not Database.exists(paths):
        raise LockedError(f"no ClinicApp data in {paths.data_dir}; run 'clinicapp init' first")
    db, _key = unlock_paths(paths, args, recovery_key_from(args))
    return db


def _member(db: Database, given: str) -> Member:
    try:
        return members.get(db, given)
    except NotFoundError:
        pass
    found = members.list_members(db, search=given, limit=5).items
    if not found:
        raise NotFoundError("member", given)
    if len(found) > 1:
        names = ", ".join(m.full_name for m in found)
        raise ClinicAppError(f"'{given}' matches several members ({names}); give more of "
                             "the name or the member id")
    return found[0]


# --- journal -------------------------------------------------------------------------------

def cmd_journal_setup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        member = _member(db, args.member)
        if journal.has_journal(db, member.id):
            raise ClinicAppError(f"{member.full_name} already has a journal; use "
                                 "'clinicapp journal change-passphrase'")
        print(f"Private journal for {member.full_name}. {NO_WAY_BACK}")
        passphrase = _read_secret(args.journal_passphrase_file,
                                  "Choose your journal passphrase: ", confirm=True)
        code = journal.set_up(db, member.id, passphrase)
    finally:
        db.close()
    print()
    print("PERSONAL RECOVERY CODE (shown only now; keep it where only you can find it):")
    print(f"    {code}")
    print(NO_WAY_BACK)
    return 0


def cmd_journal_change(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        member = _member(db, args.member)
        by_recovery = bool(args.recovery_code_file)
        if by_recovery:
            old = _read_secret(args.recovery_code_file, "Your recovery code: ")
        else:
            old = _read_secret(args.journal_passphrase_file, "Current journal passphrase: ")
        new = _read_secret(args.new_journal_passphrase_file, "New journal passphrase: ",
                           confirm=True)
        journal.change_passphrase(db, member.id, old, new, by_recovery=by_recovery)
    finally:
        db.close()
    print(f"The journal passphrase of {member.full_name} is changed; everything in the "
          "journal still opens with it, and the recovery code still works.")
    return 0


# --- workstation passphrase and recovery key -------------------------------------------

def cmd_passphrase_change(args: argparse.Namespace) -> int:
    db = _unlock_workstation(args)
    try:
        new = _read_secret(args.new_passphrase_file, "New workstation passphrase: ",
                           confirm=True)
        workstation.change_passphrase(db, new)
    finally:
        db.close()
    print("The workstation passphrase is changed. The recovery key still works.")
    return 0


def cmd_recovery_replace(args: argparse.Namespace) -> int:
    db = _unlock_workstation(args)
    try:
        code = workstation.replace_recovery_key(db)
    finally:
        db.close()
    print("NEW RECOVERY KEY (print it and keep it somewhere safe; it is shown only now):")
    print(f"    {code}")
    print("The old recovery key no longer opens this data folder.")
    return 0
