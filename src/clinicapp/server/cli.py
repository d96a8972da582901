"""``clinicapp-server``: set up, run and administer the central server."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from clinicapp import __version__
from clinicapp.core.errors import ClinicAppError
from clinicapp.core.sync import protocol
from clinicapp.server import config as server_config
from clinicapp.server.store import Store, initialise, open_store

log = logging.getLogger("clinicapp.server")
Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")


def _config(args: argparse.Namespace) -> server_config.ServerConfig:
    return server_config.load(args.data_dir, args.config)


def _with_store(args: argparse.Namespace, fn: Callable[[Store], T]) -> T:
    """``fn`` over the server's database, closed afterwards whatever happens."""
    store = open_store(_config(args))
    try:
        return fn(store)
    finally:
        store.close()


def cmd_init(args: argparse.Namespace) -> int:
    config = _config(args)
    store = initialise(config, args.name)
    try:
        from clinicapp.server.enrollment import server_identity

        me = server_identity(store)
        where = "SQLite (encrypted) at " + str(config.sqlite_path) if config.uses_sqlite \
            else "the configured database"
        print(f"server ready in {where}")
        print(f"identity: {me.line()}")
        print(f"fingerprint: {protocol.fingerprint(me)}")
    finally:
        store.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from clinicapp.server.proxies import Trusted

    config = _config(args).with_(host=args.host, port=args.port, workers=args.workers,
                                 forwarded_allow_ips=args.forwarded_allow_ips)
    Trusted(config.forwarded_allow_ips)  # refused in words before anything starts
    open_store(config).close()  # migrate once, before any worker starts
    os.environ[server_config.ENV_PREFIX + "DATA_DIR"] = str(config.data_dir)
    if args.forwarded_allow_ips is not None:  # each worker reads its settings again
        os.environ[server_config.ENV_PREFIX + "FORWARDED_ALLOW_IPS"] = args.forwarded_allow_ips
    if args.config:
        os.environ["CLINICAPP_SERVER_CONFIG"] = str(Path(args.config).resolve())
    tls = {}
    if config.tls_cert or config.tls_key:
        if not (config.tls_cert and config.tls_key):
            raise ClinicAppError("give both tls_cert and tls_key, or neither")
        tls = {"ssl_certfile": config.tls_cert, "ssl_keyfile": config.tls_key}
    print(f"serving on {'https' if tls else 'http'}://{config.host}:{config.port} "
          f"with {config.workers} worker{'' if config.workers == 1 else 's'}", flush=True)
    uvicorn.run("clinicapp.server.app:app_from_environment", factory=True,
                host=config.host, port=config.port, workers=config.workers,
                access_log=False, log_level="warning",
                # Forwarded headers are the app's to check (server.proxies), not uvicorn's.
                proxy_headers=False, **tls)  # type: ignore[arg-type]
    return 0


def cmd_identity(args: argparse.Namespace) -> int:
    from clinicapp.server.enrollment import server_identity

    me = _with_store(args, server_identity)
    print(me.line())
    print(f"fingerprint: {protocol.fingerprint(me)}")
    return 0


def cmd_group_add(args: argparse.Namespace) -> int:
    from clinicapp.core.services import groups

    group = _with_store(args, lambda store: groups.create(store.db, args.name,
                                                          division=args.division or ""))
    print(f"group '{group.name}' added ({group.id})")
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from clinicapp.server import enrollment

    issued = _with_store(args, lambda store: enrollment.issue_code(
        store, args.group, enrollment.parse_duration(args.expires)))
    print(issued.code)
    print(f"fingerprint: {issued.fingerprint}")
    print(f"groups: {', '.join(issued.groups)}; expires {issued.expires_at:%Y-%m-%d %H:%M} "
          "UTC; usable once", file=sys.stderr)
    if args.qr:
        import segno

        segno.make(issued.code, error="m").save(args.qr, kind="svg", scale=6)
        print(f"QR code written to {args.qr}", file=sys.stderr)
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from clinicapp.server import enrollment

    devices = _with_store(args, enrollment.list_devices)
    if args.json:
        print(json.dumps([{"replica_id": d.replica_id, "name": d.name, "groups": d.groups,
                           "revoked": d.revoked_at is not None,
                           "last_sync_at": d.last_sync_at.isoformat() if d.last_sync_at
                           else None, "last_failure": d.last_failure} for d in devices],
                         indent=1))
        return 0
    if not devices:
        print("no devices enrolled yet")
    for d in devices:
        state = f"revoked {d.revoked_at:%Y-%m-%d %H:%M}" if d.revoked_at else "active"
        last = f"{d.last_sync_at:%Y-%m-%d %H:%M}" if d.last_sync_at else "never"
        print(f"{d.replica_id}  {d.name}  [{', '.join(d.groups)}]  {state}; last sync {last}"
              + (f"; last failure: {d.last_failure}" if d.last_failure else ""))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from clinicapp.server import enrollment

    device = _with_store(args, lambda store: enrollment.revoke(store, args.device))
    print(f"revoked {device.name} ({device.replica_id}): its requests, its bundles and its "
          "changes stamped from now on are refused")
    return 0


def _new_password() -> str:
    password = os.environ.get("CLINICAPP_SERVER_ADMIN_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise ClinicAppError("give the password on a terminal or in "
                                 "CLINICAPP_SERVER_ADMIN_PASSWORD")
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again, to confirm: ") != password:
            raise ClinicAppError("the two passwords differ")
    return password


def cmd_create_admin(args: argparse.Namespace) -> int:
    from clinicapp.server import staff

    password = _new_password()
    _with_store(args, lambda store: staff.create(store, args.username, password))
    print(f"staff account '{args.username}' created")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    from clinicapp.server import staff

    password = _new_password()
    _with_store(args, lambda store: staff.set_password(store, args.username, password))
    print(f"new password for '{args.username}': every dashboard session of it has ended")
    return 0


def cmd_import_bundle(args: argparse.Namespace) -> int:
    from clinicapp.server import ingest

    data = Path(args.file).read_bytes()
    outcome = _with_store(args, lambda store: ingest.apply_bytes(
        store, data, source="cli", label=Path(args.file).name))
    if outcome.refused:
        raise ClinicAppError(outcome.reason)
    print(outcome.summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from clinicapp.server import health

    problems = _with_store(args, health.check)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("ok: schema at head, identity present, database answers")
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clinicapp-server",
                                     description="ClinicApp's central server")
    parser.add_argument("--version", action="version", version=f"ClinicApp {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR",
                        help="the server's folder (also CLINICAPP_SERVER_DATA_DIR)")
    common.add_argument("--config", metavar="FILE",
                        help="a TOML file (default: server.toml in the data dir)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, parents=[common])
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create the database, the server's identity and its tables")
    p.add_argument("--name", default="central server")
    p = add("serve", cmd_serve, "run the server")
    p.add_argument("--host", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, help="worker processes (default 1)")
    p.add_argument("--forwarded-allow-ips", metavar="IPS",
                   help="reverse proxies whose X-Forwarded-* headers are believed: "
                   "addresses or networks, comma-separated, '*' for all, '' for none "
                   "(default 127.0.0.1,::1; also the forwarded_allow_ips setting)")
    p = add("create-admin", cmd_create_admin, "create a staff account for the dashboard")
    p.add_argument("username")
    p = add("set-password", cmd_set_password, "give a staff account a new password (ends "
            "its dashboard sessions)")
    p.add_argument("username")
    p = sub.add_parser("group", help="the program office's groups: group add NAME")
    gsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    g = gsub.add_parser("add", help="add a group", parents=[common])
    g.add_argument("name")
    g.add_argument("--division", default="")
    g.set_defaults(handler=cmd_group_add)
    p = add("enroll-code", cmd_enroll_code, "issue a one-time enrollment code")
    p.add_argument("--group", action="append", required=True, metavar="NAME",
                   help="a group the workstation will hold (repeat for several)")
    p.add_argument("--expires", default="7d", help="e.g. 30m, 12h, 7d (default 7d)")
    p.add_argument("--qr", metavar="FILE.svg", help="also write the code as a QR code")
    p = add("devices", cmd_devices, "enrolled workstations, their scope and last sync")
    p.add_argument("--json", action="store_true")
    p = add("revoke", cmd_revoke, "revoke a workstation's enrollment")
    p.add_argument("device", help="replica id (or a unique prefix, or the name)")
    add("identity", cmd_identity, "print the server's identity line and fingerprint")
    p = add("import-bundle", cmd_import_bundle, "apply a bundle file (e.g. from a USB stick)")
    p.add_argument("file")
    add("check", cmd_check, "check the database, schema and identity")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("clinicapp.server").setLevel(logging.INFO)
    try:
        return int(args.handler(args))
    except ClinicAppError as exc:
        print(f"clinicapp-server {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"clinicapp-server {args.command}: {exc.strerror or exc}"
              + (f": {exc.filename}" if exc.filename else ""), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
