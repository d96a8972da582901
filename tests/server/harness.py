"""A real ``clinicapp-server`` for the server tests: initialised in a temporary folder
(encrypted SQLite, or a PostgreSQL URL), served by uvicorn on a free 127.0.0.1 port in a
subprocess, stopped afterwards. And workstations: real encrypted data folders."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clinicapp.core.storage.db import Database
from clinicapp.paths import resolve
from clinicapp.server import config as server_config
from clinicapp.server import enrollment
from clinicapp.server.store import Store, initialise, open_store
from tests.conftest import PASSPHRASE

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """One server data folder and, while started, its ``serve`` process."""

    def __init__(self, folder: Path, database_url: str = "", workers: int = 1,
                 settings: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.database_url = database_url
        # CLINICAPP_SERVER_<NAME> settings of this server (e.g. {"COMPACT_SECONDS": "0"}).
        self.settings = dict(settings or {})
        self.workers = workers
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = folder.parent / f"{folder.name}-serve.log"
        self._store: Store | None = None

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.database_url:
            env["CLINICAPP_SERVER_DATABASE_URL"] = self.database_url
        env.update({"CLINICAPP_SERVER_" + k: v for k, v in self.settings.items()})
        return env

    @property
    def tls(self) -> bool:
        return "TLS_CERT" in self.settings

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def cli(self, *args: str, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([PYTHON, "-m", "clinicapp.server", *args,
                               "--data-dir", str(self.folder)],
                              env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=120)
        if check and done.returncode != 0:
            raise AssertionError(f"clinicapp-server {args[0]} failed: {done.stderr}")
        return done

    def init(self) -> ServerProcess:
        """Initialise the server's database in this process, as ``clinicapp-server init``
        does (the same ``initialise``, with this server's settings): a command costs a
        second or two of interpreter start and imports, and only test_cli tests it."""
        initialise(server_config.load(self.folder, environ=self.env)).close()
        return self

    def add_group(self, name: str, division: str = "") -> str:
        """A group on the server (in-process, as ``group add`` does; test_cli runs the
        command). Returns its id."""
        from clinicapp.core.services import groups

        return groups.create(self.store.db, name, division=division).id

    def start(self) -> ServerProcess:
        self.port = free_port()
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "clinicapp.server", "serve", "--data-dir", str(self.folder),
             "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the server stopped: " + self.log.read_text())
            try:
                # Served with TLS: its own certificate is the authority trusted here.
                context = (ssl.create_default_context(cafile=self.settings["TLS_CERT"])
                           if self.tls else None)
                with urllib.request.urlopen(self.url + "/api/v1/identity", timeout=2,
                                            context=context):
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer within 60 s")

    def stop(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    @property
    def store(self) -> Store:
        """The same database, opened in the test process (for arranging and checking)."""
        if self._store is None:
            self._store = open_store(server_config.load(self.folder, environ=self.env))
        return self._store

    def code(self, *groups: str, expires: str = "1d") -> tuple[str, str]:
        """A fresh enrollment code and the fingerprint printed with it (in-process: the
        command itself is tested by test_cli)."""
        issued = enrollment.issue_code(self.store, list(groups),
                                       enrollment.parse_duration(expires))
        return issued.code, issued.fingerprint

    def code_by_command(self, *groups: str, expires: str = "1d") -> tuple[str, str]:
        args = ["enroll-code", "--expires", expires]
        for g in groups:
            args += ["--group", g]
        lines = self.cli(*args).stdout.splitlines()
        assert lines[1].startswith("fingerprint: ")
        return lines[0], lines[1].removeprefix("fingerprint: ")


@contextmanager
def running(folder: Path, *groups: str) -> Iterator[ServerProcess]:
    """A trial server (its encrypted SQLite file) with these groups, serving on
    127.0.0.1 until the block ends."""
    proc = ServerProcess(folder).init()
    for group in groups:
        proc.add_group(group)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


def workstation(folder: Path, name: str) -> Database:
    db, _code = Database.create(resolve(folder / name), PASSPHRASE, name=name)
    return db
