"""The layers hold, as DESIGN.md draws them: ``core`` imports neither Qt nor a web framework
(the rules run headless, on the server and in millisecond tests); ``ui`` never reaches into
``cli``; ``printing`` builds on ``core`` alone; the ``server`` and the HTTP ``client`` import only
``core``; demo
data lives outside ``core``. And the tests mirror the source tree."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "clinicapp"
TESTS = Path(__file__).resolve().parent

# Which first-level packages of clinicapp each layer may import (besides itself).
ALLOWED = {
    "core": {"paths", "logs"},
    "printing": {"core", "paths", "logs"},
    "server": {"core", "paths", "logs"},
    "client": {"core", "paths", "logs"},
    "demo": {"core", "paths", "logs"},
    "ui": {"core", "printing", "demo", "client", "paths", "logs"},
    "cli": {"core", "printing", "demo", "client", "ui", "paths", "logs"},
}
FOREIGN = {"core": {"PySide6", "shiboken6", "fastapi", "starlette", "uvicorn"},
           "printing": {"fastapi", "starlette", "uvicorn"},
           "server": {"PySide6", "shiboken6"},
           "client": {"PySide6", "shiboken6", "fastapi", "starlette", "uvicorn"},
           "demo": {"PySide6", "shiboken6", "fastapi", "starlette"}}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module a source file imports, at top level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_violations(layer: str) -> list[str]:
    bad = []
    for path in sorted((SRC / layer).rglob("*.py")):
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] == "clinicapp" and len(parts) > 1:
                target = parts[1]
                if target != layer and target not in ALLOWED[layer]:
                    bad.append(f"{path.relative_to(SRC)} imports {name}")
            elif parts[0] in FOREIGN.get(layer, set()):
                bad.append(f"{path.relative_to(SRC)} imports {name}")
    return bad


def test_each_layer_imports_only_the_layers_below_it():
    problems = [line for layer in ALLOWED if (SRC / layer).is_dir()
                for line in layer_violations(layer)]
    assert problems == []


def test_core_loads_neither_qt_nor_web_frameworks_at_run_time():
    script = (
        "import importlib, pkgutil, sys, clinicapp.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'clinicapp.core.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "('PySide6', 'shiboken6', 'fastapi', 'starlette', 'uvicorn'))\n"
        "print(' '.join(bad))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_ui_never_loads_modules_by_name_and_tests_never_skip_the_apps_own_modules():
    ui_hits = [str(p.relative_to(SRC)) for p in (SRC / "ui").rglob("*.py")
               if "importlib" in imported_modules(p)]
    assert ui_hits == []
    own = re.compile("importorskip" + r"""\(\s*["']clinicapp""")
    skips = [str(p.relative_to(TESTS.parent)) for p in TESTS.parent.rglob("*.py")
             if own.search(p.read_text(encoding="utf-8"))]
    assert skips == []


# Tests that are about the whole program, or every dialog, rather than one module.
WHOLE_PROGRAM = {"test_layers.py", "ui/dialogs/test_mnemonics.py"}


def test_every_test_module_sits_at_the_path_of_the_source_it_tests():
    """tests/unit/<package>/test_<module>[_<story>].py tests src/clinicapp/<package>/<module>."""
    strays = []
    for test in sorted(TESTS.rglob("test_*.py")):
        rel = test.relative_to(TESTS)
        if str(rel) in WHOLE_PROGRAM:
            continue
        folder = SRC / rel.parent
        stem = test.stem.removeprefix("test_")
        names = {p.stem for p in folder.glob("*.py")} | {
            p.name for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__"
        } if folder.is_dir() else set()
        if not any(stem == n or stem.startswith(n + "_") for n in names):
            strays.append(str(rel))
    assert strays == []
