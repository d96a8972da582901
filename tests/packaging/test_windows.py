"""The Windows installer workflow (.github/workflows/windows.yml) and its Inno Setup script
(packaging/windows/clinicapp.iss) cannot run here: this checks what can be checked on
Linux — the workflow against GitHub's published schema (vendored by check-jsonschema, no
network), its steps in the same order as the Linux release test, every repository path it
names, and that the .iss takes exactly what the build produces and never the records."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
ISS = ROOT / "packaging" / "windows" / "clinicapp.iss"


def workflow() -> dict[str, Any]:
    from ruamel.yaml import YAML

    loaded: dict[str, Any] = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"]["installer"]["steps"]
    return found


def test_the_workflow_is_valid_against_githubs_workflow_schema() -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_is_caught_by_the_schema_check(tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"),
                      encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode != 0


def test_the_job_runs_on_windows_and_its_steps_follow_the_linux_release_test() -> None:
    job = workflow()["jobs"]["installer"]
    assert job["runs-on"] == "windows-latest" and job["timeout-minutes"] <= 90
    runs = [step.get("run", "") for step in steps()]
    order = [
        "pip install -e",                # the app and PyInstaller in .venv
        "bash packaging/build",          # PyInstaller + ISCC + SHA256SUMS + smoke of the build
        "/VERYSILENT",                   # install (the .deb test: apt-get install ./….deb)
        "--self-test",                   # the installed program, default data folder
        "bash packaging/smoke",          # installed program: self-test + old-schema folder
        "unins000.exe",                  # uninstall (apt-get remove / purge)
        "clinicapp check",               # the records are kept and still open
    ]
    positions = [next(i for i, run in enumerate(runs) if marker in run) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    install = next(run for run in runs if "/VERYSILENT" in run)
    assert "/CURRENTUSER" in install and "-Wait" in install
    assert "ISCC" in " ".join(runs) and "choco install innosetup" in " ".join(runs)
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", used) for used in uses), uses


def test_every_repository_path_the_workflow_names_exists() -> None:
    text = " ".join(step.get("run", "") for step in steps())
    named = set(re.findall(r"(?<![\w/.])((?:packaging|scripts|src|tests|resources)/[\w./-]+)",
                           text))
    assert {"packaging/build", "packaging/smoke"} <= named
    for path in named:
        assert (ROOT / path).exists(), path
    # The paths the build and smoke scripts use on Windows exist too.
    for script in ("packaging/build", "packaging/smoke"):
        body = (ROOT / script).read_text()
        for path in re.findall(r"(?<![\w/.$])((?:packaging|scripts|resources)/[\w./-]+\w)",
                               body):
            assert (ROOT / path).exists(), f"{script}: {path}"


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        elif current:
            sections[current].append(line)
    return sections


def spec_names() -> set[str]:
    """The name= of the spec's EXE and COLLECT: the executable and the build folder."""
    tree = ast.parse((ROOT / "packaging" / "clinicapp.spec").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("EXE", "COLLECT"):
            for keyword in node.keywords:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    names.add(f"{node.func.id}={keyword.value.value}")  # type: ignore[attr-defined]
    return names


def test_the_iss_installs_exactly_the_one_folder_build_the_spec_produces() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert spec_names() == {"EXE=clinicapp", "COLLECT=clinicapp"}
    dist_dir = re.search(r'#define DistDir "([^"]+)"', text)
    assert dist_dir
    # Relative to the .iss: the build's default output folder, dist/ at the top.
    assert (ISS.parent / dist_dir.group(1).replace("\\", "/")).resolve() == ROOT / "dist"
    sections = iss_sections()
    sources = [line for line in sections["Files"] if line.startswith("Source:")]
    assert sources == [
        'Source: "{#DistDir}\\clinicapp\\*"; DestDir: "{app}"; '
        "Flags: ignoreversion recursesubdirs createallsubdirs"]
    assert "UninstallDisplayIcon={app}\\clinicapp.exe" in sections["Setup"]
    assert all("{app}\\clinicapp.exe" in line for line in sections["Icons"]
               if "Filename:" in line and "{uninstallexe}" not in line)
    icon = next(line for line in sections["Setup"] if line.startswith("SetupIconFile="))
    assert (ISS.parent / icon.split("=", 1)[1]).is_file()
    # The name packaging/build and the workflow look for.
    assert "OutputBaseFilename=ClinicApp-{#AppVersion}-setup" in sections["Setup"]
    assert "OutputDir={#DistDir}" in sections["Setup"]
    build = (ROOT / "packaging" / "build").read_text()
    assert 'ClinicApp-$version-setup.exe' in build and '"/DAppVersion=$version"' in build
    assert "/DDistDir=" in build
    # PyInstaller 6's one-folder layout, which [InstallDelete] replaces on upgrade.
    assert "Type: filesandordirs; Name: \"{app}\\_internal\"" in sections["InstallDelete"]


def test_the_installer_never_installs_into_or_removes_the_records() -> None:
    sections = iss_sections()
    assert "PrivilegesRequired=lowest" in sections["Setup"]
    touching = [line for name in ("Files", "Dirs", "InstallDelete", "UninstallDelete")
                for line in sections.get(name, [])
                if re.search(r"\{(localappdata|userappdata|commonappdata|%LOCALAPPDATA)",
                             line, re.IGNORECASE)]
    assert touching == []
    assert all("{app}" in line for line in sections["UninstallDelete"])
    assert "[Code]" not in ISS.read_text(encoding="utf-8")  # no script that could delete more
