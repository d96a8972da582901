"""Helpers of the .deb test (tests/packaging/test_build.py): apt-get on this machine, and
what a package's installed files need from the system."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
# Another apt-get on the shared machine (scripts/system-deps) may hold dpkg's lock.
APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300"]


def sh(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, text=True, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def installed(package: str) -> bool:
    done = sh(["dpkg-query", "-W", "-f=${Status}", package])
    return done.returncode == 0 and "install ok installed" in done.stdout


def state(package: str) -> str:
    """'installed', 'config-files' (removed, not purged) or 'absent'."""
    done = sh(["dpkg-query", "-W", "-f=${Status}", package])
    if done.returncode != 0 or "not-installed" in done.stdout:
        return "absent"
    return done.stdout.split()[-1]


def apt(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = sh([*APT, *args], env=APT_ENV, timeout=600, cwd=cwd)
    assert done.returncode == 0, f"apt-get {' '.join(args)}:\n{done.stdout[-2000:]}{done.stderr}"
    return done


def purge(package: str) -> None:
    """Leave the machine as it was: no trace of the package, whatever state it is in."""
    if state(package) != "absent":
        apt("purge", package)


def control_field(deb: Path, field: str) -> str:
    done = sh(["dpkg-deb", "-f", str(deb), field])
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def depends_names(depends: str) -> set[str]:
    """Every package name in a Depends field, alternatives included."""
    names = set()
    for clause in depends.split(","):
        for alternative in clause.split("|"):
            names.add(alternative.split("(")[0].strip())
    return names - {""}


def app_libraries() -> list[str]:
    done = sh(["bash", str(ROOT / "scripts" / "system-deps"), "--list", "app"])
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def system_packages_needed(program_dir: Path) -> tuple[set[str], list[str]]:
    """The packages owning every system library that a binary of the installed program
    loads, resolved as at run time (the bootloader puts _internal first on the library
    path), and the libraries that resolve nowhere."""
    internal = str(program_dir / "_internal")
    env = {**os.environ, "LD_LIBRARY_PATH": internal}
    files = [path for path in program_dir.rglob("*") if path.is_file() and not path.is_symlink()
             and (".so" in path.name or os.access(path, os.X_OK))]
    libraries: set[str] = set()
    missing: list[str] = []
    for start in range(0, len(files), 50):
        done = sh(["ldd", *map(str, files[start:start + 50])], env=env)
        for line in done.stdout.splitlines():
            if "=> not found" in line:
                missing.append(line.strip())
            elif "=> /" in line:
                path = line.split("=>", 1)[1].split("(")[0].strip()
                if not path.startswith(str(program_dir)):
                    libraries.add(path)
    owners: set[str] = set()
    for library in sorted(libraries):
        found = sh(["dpkg", "-S", library])
        if found.returncode != 0:  # /lib is a symlink to /usr/lib on merged-/usr systems
            found = sh(["dpkg", "-S", os.path.realpath(library)])
        assert found.returncode == 0, f"{library}: no package owns it"
        owners.add(found.stdout.split(":", 1)[0].strip())
    return owners, missing


def dependency_closure(packages: set[str]) -> set[str]:
    """The packages that installing ``packages`` brings, recursively (Depends and
    Pre-Depends only: Recommends may be left out on a clinic's machine)."""
    present = sorted(name for name in packages if state(name) != "absent")
    done = sh(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
               "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *present])
    assert done.returncode == 0, done.stderr
    names = {line.strip() for line in done.stdout.splitlines() if not line.startswith(" ")}
    return {name.split(":")[0] for name in names if name and not name.startswith("<")}
