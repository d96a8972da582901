"""What every subcommand shares: global options, unlocking the database, one-line errors."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from clinicapp import paths as app_paths
from clinicapp.core.errors import ClinicAppError, LockedError
from clinicapp.core.keys.keystore import secret_from_file_or_env

if TYPE_CHECKING:  # the database layer loads when a command uses it, not at every start
    from clinicapp.core.storage.db import Database

ENV_RECOVERY_KEY = "CLINICAPP_RECOVERY_KEY"
Clock = Callable[[], float]

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all data under DIR (also: CLINICAPP_DATA_DIR)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the workstation passphrase from FILE "
                             "(also: CLINICAPP_PASSPHRASE; otherwise you are asked)")
    parser.add_argument("--with-recovery-key", action="store_true",
                        help="unlock with the printed recovery key instead of the passphrase "
                             f"(read from {ENV_RECOVERY_KEY}; otherwise you are asked)")


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


def recovery_key_from(args: argparse.Namespace) -> str | None:
    """The recovery key if this command is to unlock with it: from the command's
    --recovery-key-file, CLINICAPP_RECOVERY_KEY, or (with --with-recovery-key) a prompt.
    Never from the command line itself."""
    given = secret_from_file_or_env(getattr(args, "recovery_key_file", None),
                                    env=ENV_RECOVERY_KEY)
    if given is not None or not getattr(args, "with_recovery_key", False):
        return given
    if not sys.stdin.isatty():
        raise LockedError(f"a recovery key is needed: set {ENV_RECOVERY_KEY}")
    import getpass

    return getpass.getpass("Recovery key: ")


def open_db(args: argparse.Namespace, *, now: Clock = time.time,
            sleep: Callable[[float], None] = time.sleep) -> Database:
    """Open the data folder for a command: with the OS credential store when it holds
    the key, else with the passphrase or recovery key under core's unlock policy."""
    from clinicapp.core.storage.db import Database

    paths = paths_from(args)
    if not Database.exists(paths):
        return Database.open(paths)  # raises the "run clinicapp init" message
    recovery = recovery_key_from(args)
    if recovery is None:
        from clinicapp.core.keys.keystore import Keystore

        key = Keystore.load(paths.keystore).unlock_from_os()
        if key is not None:
            return Database.open(paths, key=key)
    db, _key = unlock_paths(paths, args, recovery, now=now, sleep=sleep)
    return db


def unlock_paths(paths: app_paths.AppPaths, args: argparse.Namespace, recovery: str | None,
                 *, now: Clock = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> tuple[Database, bytes]:
    """Unlock with a secret under core's unlock policy, as the lock screen does: wait out
    the growing wait after wrong tries first, count a wrong one, and audit earlier wrong
    ones once open."""
    from clinicapp.core.keys import unlock
    from clinicapp.core.storage.db import Database

    unlocker = unlock.Unlocker(paths.keystore, now=now)
    left = unlocker.wait_left()
    if left > 0:
        print(f"clinicapp: {unlocker.failures()} wrong tries in a row: waiting "
              f"{max(1, round(left))} s before checking", file=sys.stderr)
        sleep(left)
    secret = recovery if recovery is not None else passphrase_from(args)
    key, before = unlocker.unlock(secret, recovery=recovery is not None)
    db = Database.open(paths, key=key)
    unlock.audit_failures_before(db, "command line", before)
    return db, key


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
