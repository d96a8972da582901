"""The ``clinicapp`` command: with no subcommand it starts the desktop app; with one it
works headless through the same services the app uses."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from clinicapp import __version__
from clinicapp.cli import common

log = logging.getLogger(__name__)

# Each subcommand and the module that adds it (``register(subparsers)``). A run loads only
# the module of the command it was given: starting the desktop app loads none, so the
# first window is not held up by the database layer those modules import.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("init", "check", "backup", "restore", "settings"), "clinicapp.cli.data"),
    **dict.fromkeys(("identity", "trust", "peers", "export-bundle", "bundle-info",
                     "import-bundle", "restamp", "compact", "conflicts", "duplicates"),
                    "clinicapp.cli.sync"),
    "report": "clinicapp.cli.reports",
    **dict.fromkeys(("journal", "passphrase", "recovery-key"), "clinicapp.cli.privacy"),
    **dict.fromkeys(("demo-data", "export-csv", "audit"), "clinicapp.cli.records"),
    **dict.fromkeys(("connect", "sync"), "clinicapp.cli.network"),
}
# Global options that take a value: the word after them is not the command.
_VALUED = ("--data-dir", "--passphrase-file", "--recovery-key", "--screenshots")


def _register(name: str, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
              ) -> None:
    # Plain imports, one per module: no loading by name.
    if name == "clinicapp.cli.data":
        from clinicapp.cli import data as module
    elif name == "clinicapp.cli.sync":
        from clinicapp.cli import sync as module  # type: ignore[no-redef]
    elif name == "clinicapp.cli.reports":
        from clinicapp.cli import reports as module  # type: ignore[no-redef]
    elif name == "clinicapp.cli.privacy":
        from clinicapp.cli import privacy as module  # type: ignore[no-redef]
    elif name == "clinicapp.cli.network":
        from clinicapp.cli import network as module  # type: ignore[no-redef]
    else:
        from clinicapp.cli import records as module  # type: ignore[no-redef]
    module.register(subparsers)


def command_word(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not an option or an
    option's value); None when there is none (the desktop app)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv``, only the part that run needs: the named
    command's module, none for the desktop app, all of them for help or an unknown word."""
    parser = argparse.ArgumentParser(
        prog="clinicapp",
        description="ClinicApp: small-group learning and communities of practice, offline.",
    )
    parser.add_argument("--version", action="version", version=f"ClinicApp {__version__}")
    common.add_global_options(parser)
    # Desktop-app options (used when no subcommand is given).
    parser.add_argument("--self-test", action="store_true",
                        help="open the app, visit every page, and exit 0 if all worked")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="with --self-test: save a PNG of every page into DIR")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = list(dict.fromkeys(COMMANDS.values()))
    if argv is not None:
        word = command_word(argv)
        wants_help = any(a in ("-h", "--help") for a in argv)
        if word in COMMANDS:
            modules = [COMMANDS[word]]
        elif word is None and not wants_help:
            modules = []
    for name in modules:
        _register(name, subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    paths = common.paths_from(args)
    from clinicapp import logs

    try:
        logs.setup(paths.log_dir)
    except OSError as exc:
        print(f"clinicapp: cannot write logs in {paths.log_dir}: {exc}", file=sys.stderr)
    if args.command is None:
        return _start_desktop(args)
    return common.run_command(args)


def _start_desktop(args: argparse.Namespace) -> int:
    try:
        from clinicapp.ui.app import run
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("clinicapp.ui"):
            print("clinicapp: the desktop app is not part of this build yet; "
                  "use a subcommand (clinicapp --help)", file=sys.stderr)
            return 2
        raise
    return run(args)
