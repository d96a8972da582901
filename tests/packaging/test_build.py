"""The packaged build, built once for this module (`bash packaging/build`, ~1 min of CPU):
the one-folder PyInstaller build passes its smoke test, ships its modules as bytecode and
no unused Qt module; its tarball and .deb are listed in SHA256SUMS, signed with a throwaway
minisign key and verified with the standard `minisign -V`; the .deb installs with apt-get,
its installed program passes its self-test and opens an old-schema data folder, and
removing and purging it keeps every user's records (helpers in tests/packaging/debian.py).
All in one module so that the build is made once."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging import debian

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("PyInstaller", reason="PyInstaller is installed by the test extra")


@dataclass(frozen=True)
class Build:
    dist: Path
    app: Path
    shots: Path
    output: str
    public_key: Path

    @property
    def version(self) -> str:
        return self.output.split("build: ClinicApp ", 1)[1].split()[0]

    @property
    def deb(self) -> Path:
        found = sorted(self.dist.glob("clinicapp_*.deb"))
        assert len(found) == 1, found
        return found[0]


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, text=True, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One build for every test of this module (xdist --dist loadfile keeps them on one
    worker), signed with a throwaway release key made here and kept outside the tree."""
    if not shutil.which("minisign"):
        pytest.fail("minisign is missing: bash scripts/system-deps test installs it")
    tmp = tmp_path_factory.mktemp("packaged")
    key, pub = tmp / "keys" / "release.key", tmp / "keys" / "release.pub"
    key.parent.mkdir()
    made = run(["minisign", "-G", "-W", "-s", str(key), "-p", str(pub)])
    assert made.returncode == 0, made.stderr
    env = {**os.environ, "CLINICAPP_DIST": str(tmp / "dist"),
           "CLINICAPP_BUILD_WORK": str(tmp / "work"), "SMOKE_SHOTS": str(tmp / "shots"),
           "QT_QPA_PLATFORM": "offscreen", "CLINICAPP_RELEASE_KEY": str(key),
           "CLINICAPP_RELEASE_PUBKEY": str(pub)}
    done = run(["bash", "packaging/build"], cwd=ROOT, env=env, timeout=1200)
    output = done.stdout + done.stderr
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(tmp / "work", ignore_errors=True)  # PyInstaller's scratch: ~300 MB
    return Build(tmp / "dist", tmp / "dist" / "clinicapp", tmp / "shots", output, pub)


@pytest.mark.slow
def test_the_build_passes_its_smoke_test(build: Build) -> None:
    assert "smoke: passed" in build.output
    assert "0 failures" in build.output
    shots = sorted(p.name for p in build.shots.glob("*.png"))
    assert any(name.endswith("sessions.png") for name in shots)
    version = run([str(build.app / "clinicapp"), "--version"], timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"ClinicApp {build.version}"


@pytest.mark.slow
def test_the_tarball_holds_the_build_and_its_per_user_installer(build: Build) -> None:
    tarballs = list(build.dist.glob("clinicapp-*-linux-*.tar.gz"))
    assert len(tarballs) == 1
    with tarfile.open(tarballs[0]) as tar:
        names = set(tar.getnames())
    assert {"clinicapp/clinicapp", "clinicapp/install.sh",
            "clinicapp/share/applications/clinicapp.desktop"} <= names


@pytest.mark.slow
def test_the_build_leaves_out_unused_qt_and_keeps_what_the_app_needs(build: Build) -> None:
    internal = build.app / "_internal"
    names = {path.name for path in internal.rglob("*")}
    for unused in ("libQt6Quick.so.6", "libQt6WebEngineCore.so.6", "libQt6Network.so.6",
                   "libQt6Pdf.so.6", "libQt6VirtualKeyboard.so.6", "libQt6Qml.so.6",
                   "libqeglfs.so", "libqvnc.so", "libqlinuxfb.so", "libqpdf.so",
                   "libqopensslbackend.so", "QtNetwork.abi3.so"):
        assert unused not in names, unused
    for needed in ("libQt6Widgets.so.6", "libQt6Charts.so.6", "libQt6Svg.so.6",
                   "libQt6PrintSupport.so.6", "libqxcb.so", "libqwayland.so",
                   "libqoffscreen.so", "libqsvgicon.so", "libcupsprintersupport.so",
                   "clinicapp_fr.qm", "0001_initial_schema.py"):
        assert needed in names, needed


@pytest.mark.slow
def test_the_modules_ship_compiled_not_as_sources(build: Build) -> None:
    """Nothing is compiled at start: ClinicApp's and its libraries' modules are bytecode
    files of their own (no archive to inflate at every import). The only .py files of
    clinicapp are the migration scripts, which Alembic reads as files."""
    import marshal

    internal = build.app / "_internal"
    for module in ("clinicapp/cli/__init__", "clinicapp/ui/main_window",
                   "clinicapp/core/sync/merge", "sqlalchemy/orm/__init__",
                   "alembic/runtime/migration"):
        compiled = internal / f"{module}.pyc"
        assert compiled.is_file(), module
        code = marshal.loads(compiled.read_bytes()[16:])  # after the .pyc header
        assert type(code).__name__ == "code", module
    # The central server and the test tools stay out of the desktop build.
    shipped = {path.relative_to(internal).parts[0] for path in internal.rglob("*.pyc")}
    assert not shipped & {"fastapi", "starlette", "uvicorn", "pydantic", "pytest",
                          "playwright"}, shipped
    assert not (internal / "clinicapp" / "server").exists()
    sources = [path.relative_to(build.app).as_posix()
               for path in (internal / "clinicapp").rglob("*.py")]
    assert sources and all("/core/storage/migrations/" in path for path in sources), sources


@pytest.mark.slow
def test_the_build_starts_without_multiprocessing(build: Build) -> None:
    """Left out of the build (``clinicapp.spec``), and with it PyInstaller's run-time hook
    that imported it, with pickle, socket and subprocess, before every start; the smoke
    test above shows every page still opens without it."""
    internal = build.app / "_internal"
    assert not (internal / "multiprocessing").exists()
    assert not (internal / "concurrent" / "futures" / "process.pyc").exists()
    assert (internal / "concurrent" / "futures" / "thread.pyc").is_file()  # the app's pools


def test_the_app_starts_no_process_through_multiprocessing() -> None:
    """What makes leaving it out of the build safe: no module of the desktop app imports
    multiprocessing or asks for a process pool (the server is not part of the build)."""
    import re

    uses = re.compile(r"^\s*(import multiprocessing|from multiprocessing\b)|ProcessPoolExecutor",
                      re.MULTILINE)
    app = ROOT / "src" / "clinicapp"
    desktop = [path for path in sorted(app.rglob("*.py"))
               if path.relative_to(app).parts[0] != "server"]
    found = [path.relative_to(ROOT).as_posix()
             for path in [*desktop, ROOT / "packaging" / "launch.py"]
             if uses.search(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.slow
def test_the_checksums_are_signed_and_verify_with_the_standard_tools(build: Build) -> None:
    sums = (build.dist / "SHA256SUMS").read_text().splitlines()
    listed = sorted(line.split(maxsplit=1)[1].lstrip("*") for line in sums)
    assert listed == sorted([build.deb.name, next(build.dist.glob("*.tar.gz")).name])
    assert "SHA256SUMS is NOT signed" not in build.output
    verify = ["minisign", "-V", "-p", str(build.public_key), "-m", "SHA256SUMS"]
    checked = run(verify, cwd=build.dist)
    assert checked.returncode == 0, checked.stderr
    assert f"ClinicApp {build.version} release checksums" in checked.stdout
    sums_ok = run(["sha256sum", "-c", "SHA256SUMS"], cwd=build.dist)
    assert sums_ok.returncode == 0, sums_ok.stdout + sums_ok.stderr


@pytest.mark.slow
def test_a_tampered_sums_file_or_artifact_is_caught(build: Build, tmp_path: Path) -> None:
    copy = tmp_path / "download"
    copy.mkdir()
    for name in ("SHA256SUMS", "SHA256SUMS.minisig"):
        shutil.copy(build.dist / name, copy / name)
    sums = (copy / "SHA256SUMS").read_text()
    # An attacker who swaps an artifact must also change its line: the signature breaks.
    (copy / "SHA256SUMS").write_text(sums.replace(sums[0], "0" if sums[0] != "0" else "1", 1))
    forged = run(["minisign", "-V", "-p", str(build.public_key), "-m", "SHA256SUMS"],
                 cwd=copy)
    assert forged.returncode != 0
    # An artifact changed after signing fails its checksum.
    (copy / "SHA256SUMS").write_text(sums)
    deb = copy / build.deb.name
    shutil.copy(build.deb, deb)
    with deb.open("r+b") as handle:
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 1]))
    bad = run(["sha256sum", "-c", "--ignore-missing", "SHA256SUMS"], cwd=copy)
    assert bad.returncode != 0 and "FAILED" in bad.stdout


def test_a_release_key_inside_the_repository_is_refused(tmp_path: Path) -> None:
    artifact = tmp_path / "a.tar.gz"
    artifact.write_bytes(b"artifact")
    inside = ROOT / "build" / "test-release.key"  # build/ is gitignored, still the tree
    inside.parent.mkdir(exist_ok=True)
    inside.write_text("not a key\n")
    try:
        done = run(["bash", "packaging/checksums", str(tmp_path), "0", artifact.name],
                   cwd=ROOT, env={**os.environ, "CLINICAPP_RELEASE_KEY": str(inside)})
    finally:
        inside.unlink()
    assert done.returncode == 2 and "inside the repository" in done.stderr
    assert not (tmp_path / "SHA256SUMS.minisig").exists()


def test_without_a_key_the_sums_are_written_and_said_to_be_unsigned(tmp_path: Path) -> None:
    (tmp_path / "a.deb").write_bytes(b"deb")
    (tmp_path / "SHA256SUMS.minisig").write_text("a stale signature of an older build\n")
    env = {k: v for k, v in os.environ.items() if k != "CLINICAPP_RELEASE_KEY"}
    done = run(["bash", "packaging/checksums", str(tmp_path), "0", "a.deb"], cwd=ROOT, env=env)
    assert done.returncode == 0 and "SHA256SUMS is NOT signed" in done.stdout
    assert (tmp_path / "SHA256SUMS").read_text().endswith("  a.deb\n")
    assert not (tmp_path / "SHA256SUMS.minisig").exists()
    missing = run(["bash", "packaging/checksums", str(tmp_path), "0", "../etc/passwd"],
                  cwd=ROOT, env=env)
    assert missing.returncode == 2 and "not a file name" in missing.stderr


@pytest.mark.slow
def test_the_deb_declares_its_files_menu_entry_and_dependencies(build: Build) -> None:
    assert debian.control_field(build.deb, "Package") == "clinicapp"
    assert debian.control_field(build.deb, "Version") == build.version
    depends = debian.control_field(build.deb, "Depends")
    assert set(debian.app_libraries()) - {"python3-venv"} <= debian.depends_names(depends)
    assert "python3" not in depends  # the build carries its own Python
    listing = run(["dpkg-deb", "-c", str(build.deb)]).stdout.splitlines()
    paths = {line.split()[5].lstrip(".").rstrip("/") or "/" for line in listing}
    assert {"/opt/clinicapp/clinicapp", "/usr/bin/clinicapp",
            "/usr/share/applications/clinicapp.desktop",
            "/usr/share/icons/hicolor/scalable/apps/clinicapp.svg"} <= paths
    assert any("/usr/bin/clinicapp -> /opt/clinicapp/clinicapp" in line for line in listing)
    # Nothing outside the program's folder and the standard places; no per-user extras.
    assert all(p.startswith(("/opt/clinicapp", "/usr/bin", "/usr/share")) or p in ("/", "/opt",
               "/usr") for p in paths)
    assert "/opt/clinicapp/install.sh" not in paths
    assert not [p for p in paths if "ClinicApp" in p or "/home" in p or p.startswith("/var")]
    scripts = run(["dpkg-deb", "-I", str(build.deb)]).stdout
    assert "postrm" not in scripts and "prerm" not in scripts  # nothing runs on removal
    if shutil.which("desktop-file-validate"):
        entry = ROOT / "packaging" / "linux" / "clinicapp.desktop"
        checked = run(["desktop-file-validate", str(entry)])
        assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.slow
def test_the_deb_installs_runs_and_its_removal_keeps_the_records(build: Build,
                                                                 tmp_path: Path) -> None:
    """apt-get install ./clinicapp_….deb on this machine, the installed program's
    self-test offscreen and an old-schema data folder opened with it, then apt-get remove
    and purge: the program is gone and every record is still there."""
    if os.geteuid() != 0:
        pytest.skip("installs a package on this machine: needs root (CI runs as root)")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "CLINICAPP_"))}  # the default data location
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen",
               CLINICAPP_PASSPHRASE="deb test passphrase")
    records = home / ".local" / "share" / "ClinicApp"
    old = tmp_path / "old"
    try:
        debian.apt("install", "--reinstall", f"./{build.deb.name}", cwd=build.dist)
        assert debian.installed("clinicapp")
        assert shutil.which("clinicapp") == "/usr/bin/clinicapp"
        assert os.path.realpath("/usr/bin/clinicapp") == "/opt/clinicapp/clinicapp"
        assert Path("/usr/share/applications/clinicapp.desktop").is_file()

        tested = run(["clinicapp", "--self-test"], env=env, timeout=300)
        assert tested.returncode == 0, tested.stdout[-2000:] + tested.stderr[-2000:]
        assert "0 failures" in tested.stdout
        assert (records / "keystore.json").is_file()  # in the user's home, not /opt

        made = run([str(ROOT / ".venv" / "bin" / "python"), "packaging/old_data_dir.py",
                    str(old)], cwd=ROOT, env=env, timeout=300)
        assert made.returncode == 0, made.stderr
        (tmp_path / "expected.txt").write_text(made.stdout)
        check = run(["clinicapp", "--data-dir", str(old), "check"], env=env, timeout=300)
        assert check.returncode == 0, check.stderr
        (tmp_path / "check.txt").write_text(check.stdout)
        compared = run([str(ROOT / ".venv" / "bin" / "python"), "packaging/old_data_dir.py",
                        "--compare", str(tmp_path / "expected.txt"),
                        str(tmp_path / "check.txt"), str(old)], cwd=ROOT, env=env)
        assert compared.returncode == 0, compared.stdout + compared.stderr

        # Every system library the installed program loads comes with its Depends.
        owners, missing = debian.system_packages_needed(Path("/opt/clinicapp"))
        assert not missing, missing
        depends = debian.depends_names(debian.control_field(build.deb, "Depends"))
        assert owners <= debian.dependency_closure(depends), owners - debian.dependency_closure(
            depends)

        debian.apt("remove", "clinicapp")
        assert debian.state("clinicapp") in ("config-files", "absent")
        assert not Path("/usr/bin/clinicapp").exists()
        # Gone whole: the program wrote nothing of its own under /opt while it ran.
        assert not Path("/opt/clinicapp").exists()
        # No conffiles: dpkg forgets it on removal already; purge whatever might be left.
        debian.purge("clinicapp")
        assert debian.state("clinicapp") == "absent"
    finally:
        debian.purge("clinicapp")
    # The records survived removal and purge, and still open (from the source tree).
    for data_dir, counted in ((records, "sessions"), (old, "attendance")):
        assert (data_dir / "keystore.json").is_file(), data_dir
        source = run([str(ROOT / ".venv" / "bin" / "python"), "-m", "clinicapp", "--data-dir",
                      str(data_dir), "check"], cwd=ROOT, env=env, timeout=300)
        assert source.returncode == 0, source.stderr
        assert counted in source.stdout
    assert (tmp_path / "check.txt").read_text().strip()
