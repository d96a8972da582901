"""Server configuration: a TOML file (``server.toml`` in the data dir, or ``--config``),
overridden by environment variables. Nothing here is a secret except the database key,
which is kept in its own 0600 file (or given by the environment)."""

from __future__ import annotations

import os
import secrets
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clinicapp.core.errors import ClinicAppError

ENV_PREFIX = "CLINICAPP_SERVER_"
CONFIG_FILE = "server.toml"
KEY_FILE = "server.key"
DB_FILE = "server.db"
# (TOML key, environment suffix)
FIELDS = {
    "database_url": "DATABASE_URL",
    "host": "HOST",
    "port": "PORT",
    "workers": "WORKERS",
    "tls_cert": "TLS_CERT",
    "tls_key": "TLS_KEY",
    "db_key": "DB_KEY",
    "nonce_seconds": "NONCE_SECONDS",
    "max_upload_bytes": "MAX_UPLOAD_BYTES",
    "compact_seconds": "COMPACT_SECONDS",
    "enroll_failures": "ENROLL_FAILURES",
    "nonces_per_minute": "NONCES_PER_MINUTE",
    "forwarded_allow_ips": "FORWARDED_ALLOW_IPS",
}


@dataclass(frozen=True)
class ServerConfig:
    data_dir: Path
    database_url: str = ""  # "" = the encrypted SQLite file in data_dir
    host: str = "127.0.0.1"
    port: int = 8443
    workers: int = 1
    tls_cert: str = ""
    tls_key: str = ""
    db_key: str = field(default="", repr=False)  # hex; "" = data_dir/server.key
    nonce_seconds: int = 300
    max_upload_bytes: int = 512 * 1024 * 1024
    # Compaction runs after a bundle or a pull acknowledgement at most this often (any
    # worker; 0 = every time): history waits a minute, ingest does not pay for it.
    compact_seconds: int = 60
    # Wrong enrollment attempts per source address per 15 minutes, then 429.
    enroll_failures: int = 10
    # Unsigned nonce requests (/nonce) per source address per minute, then 429.
    nonces_per_minute: int = 300
    # The reverse proxies whose X-Forwarded-For/-Proto/-Host are believed (addresses or
    # networks, comma-separated; "*" = every peer; "" = none): ``server.proxies``.
    forwarded_allow_ips: str = "127.0.0.1,::1"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def key_path(self) -> Path:
        return self.data_dir / KEY_FILE

    @property
    def uses_sqlite(self) -> bool:
        return not self.database_url

    def with_(self, **changes: Any) -> ServerConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def database_key(self, create: bool = False) -> bytes:
        """The key of the embedded SQLCipher database: from the environment, or from the
        0600 key file beside it (created by ``init``): a server starts without a person."""
        if self.db_key:
            try:
                key = bytes.fromhex(self.db_key)
            except ValueError:
                raise ClinicAppError(f"{ENV_PREFIX}DB_KEY must be 64 hex digits") from None
            if len(key) != 32:
                raise ClinicAppError(f"{ENV_PREFIX}DB_KEY must be 64 hex digits")
            return key
        path = self.key_path
        if not path.exists():
            if not create:
                raise ClinicAppError(f"no database key at {path}: run 'clinicapp-server init'")
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
        if sys.platform != "win32" and path.stat().st_mode & 0o077:
            raise ClinicAppError(f"{path} is readable by others: chmod 600 it")
        try:
            key = bytes.fromhex(path.read_text().strip())
        except ValueError:
            key = b""
        if len(key) != 32:
            raise ClinicAppError(f"{path} does not hold a database key (64 hex digits)")
        return key


def _coerce(name: str, value: Any) -> Any:
    kind = ServerConfig.__dataclass_fields__[name].type
    try:
        return int(value) if kind == "int" else str(value)
    except (TypeError, ValueError):
        raise ClinicAppError(f"setting '{name}' must be a whole number, not {value!r}") from None


def load(data_dir: str | os.PathLike[str] | None = None,
         config_file: str | os.PathLike[str] | None = None,
         environ: dict[str, str] | None = None) -> ServerConfig:
    env = os.environ if environ is None else environ
    folder = Path(data_dir or env.get(ENV_PREFIX + "DATA_DIR") or
                  Path.home() / ".local/share/clinicapp-server").expanduser().resolve()
    values: dict[str, Any] = {}
    path = Path(config_file) if config_file else folder / CONFIG_FILE
    if config_file and not path.exists():
        raise ClinicAppError(f"no configuration file at {path}")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ClinicAppError(f"{path} is not valid TOML ({exc})") from None
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise ClinicAppError(f"{path}: unknown setting{'s' if len(unknown) > 1 else ''} "
                                 f"{', '.join(unknown)}; "
                                 f"known: {', '.join(FIELDS)}")
        values.update({k: _coerce(k, v) for k, v in data.items()})
    for name, suffix in FIELDS.items():
        if ENV_PREFIX + suffix in env:
            values[name] = _coerce(name, env[ENV_PREFIX + suffix])
    config = ServerConfig(data_dir=folder, **values)
    from clinicapp.server.proxies import Trusted

    Trusted(config.forwarded_allow_ips)  # a setting that cannot be read stops here
    return config
