"""Network sync commands: ``connect URL --code CODE [--fingerprint FP]`` and ``sync``."""

from __future__ import annotations

import argparse
import sys

from clinicapp.cli.common import open_db


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("connect", help="enroll this workstation with a central server, "
                                       "using the code and fingerprint the office printed")
    p.add_argument("url", metavar="URL", help="the server's address, e.g. https://sync.example.org")
    p.add_argument("--code", required=True, help="the one-time enrollment code")
    p.add_argument("--fingerprint", metavar="FP",
                   help="the fingerprint printed with the code (required when not at a "
                        "terminal; at a terminal you are asked to compare it)")
    p.add_argument("--ca-file", metavar="PEM", default="",
                   help="trust only this certificate authority (or the server's own "
                        "self-signed certificate) for https, instead of the system's")
    p.set_defaults(handler=cmd_connect)

    p = sub.add_parser("sync", help="sync with the central server now: send, then receive "
                                    "(exit 0 when in step)")
    p.set_defaults(handler=cmd_sync)


def cmd_connect(args: argparse.Namespace) -> int:
    from clinicapp.client import enroll
    from clinicapp.core.errors import ClinicAppError

    if not args.fingerprint and not sys.stdin.isatty():
        raise ClinicAppError("give --fingerprint FP (as printed with the code): without a "
                             "terminal nobody can compare it")

    def ask(info: enroll.ServerInfo) -> bool:
        print(f"The server at {args.url} has the fingerprint\n\n    {info.fingerprint}\n")
        answer = input("Is it the one printed with the code? Type yes to connect: ")
        return answer.strip().lower() in ("yes", "y", "oui")

    db = open_db(args)
    try:
        link = enroll.connect(db, args.url, args.code, fingerprint=args.fingerprint,
                              confirm=ask, ca_file=args.ca_file)
    finally:
        db.close()
    print(f"connected to {link.url} (fingerprint {link.fingerprint}); run 'clinicapp sync'")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from clinicapp.client.sync import changes, sync

    db = open_db(args)
    try:
        result = sync(db, say=lambda line: print(line, file=sys.stderr))
    finally:
        db.close()
    parts = "1 part" if result.parts == 1 else f"{result.parts} parts"
    print(f"in step with the server: sent {changes(result.pushed, 'new change')}, received "
          f"{changes(result.pulled)} in {parts}")
    return 0 if result.in_step else 1
