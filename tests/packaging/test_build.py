"""The packaged build: `bash packaging/build` makes a one-folder PyInstaller build and a
tarball, and its smoke test passes — the built program's --self-test visits every page,
and a data folder from the oldest schema revision opens in it with every record."""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("PyInstaller", reason="PyInstaller is installed by the test extra")


@pytest.mark.slow
def test_the_build_installs_and_passes_its_smoke_test(tmp_path: Path) -> None:
    env = {**os.environ, "CLINICAPP_DIST": str(tmp_path / "dist"),
           "CLINICAPP_BUILD_WORK": str(tmp_path / "work"),
           "SMOKE_SHOTS": str(tmp_path / "shots"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(["bash", "packaging/build"], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke: passed" in done.stdout
    assert "0 failures" in done.stdout + done.stderr
    shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert any(name.endswith("sessions.png") for name in shots)
    app = tmp_path / "dist" / "clinicapp"
    # Unused Qt modules were left out; the one-folder build has its resources.
    internal = app / "_internal"
    assert not list(internal.rglob("libQt6Quick.so*"))
    assert not list(internal.rglob("libQt6WebEngineCore.so*"))
    assert list(internal.rglob("clinicapp_fr.qm"))
    assert list(internal.rglob("0001_initial_schema.py"))
    tarballs = list((tmp_path / "dist").glob("clinicapp-*-linux-*.tar.gz"))
    assert len(tarballs) == 1
    with tarfile.open(tarballs[0]) as tar:
        names = set(tar.getnames())
    assert {"clinicapp/clinicapp", "clinicapp/install.sh",
            "clinicapp/share/applications/clinicapp.desktop"} <= names
    version = subprocess.run([str(app / "clinicapp"), "--version"], capture_output=True,
                             text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip()
