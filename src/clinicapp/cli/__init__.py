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

# Modules that add subcommands; each has ``register(subparsers)``.
COMMAND_MODULES = (
    "clinicapp.cli.data",
    "clinicapp.cli.sync",
    "clinicapp.cli.reports",
    "clinicapp.cli.privacy",
    "clinicapp.cli.records",
    "clinicapp.cli.network",
)


def build_parser() -> argparse.ArgumentParser:
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
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that group of commands is not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
