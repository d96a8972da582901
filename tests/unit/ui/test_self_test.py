"""--self-test: the packaged build's smoke test visits every page and saves a PNG of each."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtGui import QImage

from clinicapp.core.storage.db import Database
from clinicapp.paths import resolve
from clinicapp.ui.app import run
from clinicapp.ui.dialogs import crash
from clinicapp.ui.main_window import PAGES
from tests.conftest import PASSPHRASE


def test_self_test_creates_the_folder_visits_every_page_and_saves_pngs(
        qtbot, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setattr(crash, "presenter", crash.presenter)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    shots = tmp_path / "shots"
    args = argparse.Namespace(data_dir=str(tmp_path / "data"), self_test=True,
                              screenshots=str(shots), passphrase_file=str(secret))

    code = run(args)

    out = capsys.readouterr().out
    failures = [line for line in out.splitlines()
                if line.startswith("self-test: ") and "screenshots" not in line]
    assert failures == []
    assert code == 0
    assert Database.exists(resolve(tmp_path / "data"))  # made with the given passphrase
    names = sorted(path.name for path in shots.glob("*.png"))
    for number, entry in enumerate(PAGES, start=1):
        assert f"{number:02d}-{entry.key}.png" in names
    assert "90-lock-screen.png" in names and "91-first-run.png" in names
    image = QImage(str(shots / "09-settings.png"))
    assert image.width() >= 600 and image.height() >= 400


def test_self_test_visits_every_page_again_in_french(qtbot, tmp_path, capsys, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash, "presenter", crash.presenter)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    shots = tmp_path / "shots"
    args = argparse.Namespace(data_dir=str(tmp_path / "data"), self_test=True,
                              screenshots=str(shots), passphrase_file=str(secret))
    assert run(args) == 0, capsys.readouterr().out
    names = {path.name for path in shots.glob("*.png")}
    for number, entry in enumerate(PAGES, start=1):
        assert f"fr-{number:02d}-{entry.key}.png" in names
    assert "fr-90-lock-screen.png" in names
    # The French pass leaves the interface in the language it found.
    assert QCoreApplication.translate("SettingsPage", "Settings") == "Settings"
