"""What every subcommand shares: global options, unlocking the database, one-line errors."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from clinicapp import paths as app_paths
from clinicapp.core.errors import ClinicAppError, LockedError
from clinicapp.core.keys.keystore import secret_from_file_or_env

if TYPE_CHECKING:  # the database layer loads when a command uses it, not at every start
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all data under DIR (also: CLINICAPP_DATA_DIR)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the workstation passphrase from FILE "
                             "(also: CLINICAPP_PASSPHRASE; otherwise you are asked)")
    parser.add_argument("--recovery-key", metavar="CODE", help=argparse.SUPPRESS)


def paths_from(args: argparse.Namespace) -> app_paths.AppPaths:
    return app_paths.resolve(getattr(args, "data_dir", None))


def passphrase_from(args: argparse.Namespace, prompt: str = "Workstation passphrase: ",
                    confirm: bool = False) -> str:
    """The passphrase from --passphrase-file, CLINICAPP_PASSPHRASE, or a prompt."""
    given = secret_from_file_or_env(getattr(args, "passphrase_file", None))
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise LockedError("a passphrase is needed: use --passphrase-file FILE or set "
                          "CLINICAPP_PASSPHRASE")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to confirm: ") != first:
        raise ClinicAppError("the two passphrases differ")
    return first


def open_db(args: argparse.Namespace) -> Database:
    from clinicapp.core.storage.db import Database

    paths = paths_from(args)
    if getattr(args, "recovery_key", None):
        return Database.open(paths, recovery_code=args.recovery_key)
    if not Database.exists(paths):
        return Database.open(paths)  # raises the "run clinicapp init" message
    from clinicapp.core.keys.keystore import Keystore

    key = Keystore.load(paths.keystore).unlock_from_os()
    if key is not None:
        return Database.open(paths, key=key)
    return Database.open(paths, passphrase=passphrase_from(args))


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; a person-facing error is one line and exit 1."""
    from clinicapp.core.sync.changelog import HardDeleteError

    handler: Handler = args.handler
    try:
        return handler(args)
    except (ClinicAppError, HardDeleteError) as exc:
        print(f"clinicapp {args.command}: {exc}", file=sys.stderr)
        log.info("command %s failed: %s", args.command, type(exc).__name__)
        return 1
    except KeyboardInterrupt:
        print(f"clinicapp {args.command}: interrupted; nothing was half-written",
              file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"clinicapp {args.command}: {exc.strerror or exc}"
              + (f": {exc.filename}" if exc.filename else ""), file=sys.stderr)
        return 1
