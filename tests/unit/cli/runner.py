"""Run the real ``clinicapp`` entry point in a subprocess, as a person at a terminal would
(without a terminal: no prompts, the passphrase comes from CLINICAPP_PASSPHRASE)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PASSPHRASE, TEST_LOG_N

# The real entry point (``clinicapp.cli:main``, what the ``clinicapp`` script runs), with
# the test suite's cheap key derivation patched in first: the product has no switch for it.
ENTRY = ("import sys; import clinicapp.core.keys.keystore as k; "
         f"k.LOG_N = {TEST_LOG_N}; sys.argv[0] = 'clinicapp'; "
         "from clinicapp.cli import main; sys.exit(main())")


def command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", ENTRY, "--data-dir", str(data_dir), *args]


def environment(passphrase: str | None = PASSPHRASE) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CLINICAPP_DATA_DIR", "CLINICAPP_PASSPHRASE")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no OS credential store
    if passphrase is not None:
        env["CLINICAPP_PASSPHRASE"] = passphrase
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(data_dir: Path, *args: str, passphrase: str | None = PASSPHRASE) -> Result:
    done = subprocess.run(command(data_dir, *args), env=environment(passphrase),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


def one_line_error(result: Result, command_name: str) -> str:
    """The failure is exit 1 and exactly one line on stderr naming the command."""
    assert result.code == 1, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"clinicapp {command_name}: ")
    return lines[0]
