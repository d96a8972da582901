"""A throwaway PostgreSQL server on 127.0.0.1 for the portability tests.

The models must run unchanged on PostgreSQL (the central server will use it), so these
tests start a real server from Debian's `postgresql` package (scripts/system-deps installs
it), in a temporary folder, on a free loopback port, and remove it afterwards. PostgreSQL
refuses to run as root, so under root (CI containers) the server runs as the `postgres`
user that the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for found in candidates:
        if Path(found, "initdb").exists():
            return Path(found)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed: run `bash scripts/system-deps test` (it installs the "
        "Debian package `postgresql`)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh, empty database; stops the server after."""
    bindir = _bindir()
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="clinicapp-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PostgresUnavailable("running as root, and there is no `postgres` user "
                                      "to run the server as") from exc
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, capture_output=True, timeout=120)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "clinicapp", "-A", "trust",
            "-E", "UTF8", "--no-sync")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l",
            str(folder / "server.log"), "-o",
            f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off",
            "start")
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "clinicapp",
            "clinicapp")
        yield f"postgresql+psycopg://clinicapp@127.0.0.1:{port}/clinicapp"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
