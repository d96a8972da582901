"""The layers hold: nothing under clinicapp.core imports Qt (or a web framework), so the
rules run headless, on the server, and in millisecond tests."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_neither_qt_nor_web_frameworks():
    script = (
        "import importlib, pkgutil, sys, clinicapp.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'clinicapp.core.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "('PySide6', 'shiboken6', 'fastapi', 'starlette'))\n"
        "print(' '.join(bad))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
