"""Interface language: the Settings choice (kept in the config folder, so the unlock
screen is already in the right language) or else the system locale."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from clinicapp.paths import AppPaths, resource

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "fr": "Français"}
SYSTEM = ""  # stored value meaning "follow the system"
_installed: list[QTranslator] = []
_generation = 0  # counts installs: caches of translated text key on it


def generation() -> int:
    """Changes whenever ``install`` changes the translators (caches of labels use it)."""
    return _generation


def settings_for(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config_dir / "ui.ini"), QSettings.Format.IniFormat)


def chosen(paths: AppPaths) -> str:
    value = settings_for(paths).value("ui/language", SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def choose(paths: AppPaths, language: str) -> None:
    """Remember the choice (applied at the next start, and at once by ``install``)."""
    stored = settings_for(paths)
    stored.setValue("ui/language", language if language in LANGUAGES else SYSTEM)
    stored.sync()


def effective(paths: AppPaths) -> str:
    language = chosen(paths)
    if language:
        return language
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def catalogue(language: str) -> Path | None:
    try:
        path = resource("translations", f"clinicapp_{language}.qm")
    except FileNotFoundError:
        return None
    return path if path.exists() else None


def install(language: str) -> bool:
    """Replace the installed translators with ``language``'s. English is the source
    language, so it needs none. True if a ClinicApp catalogue was loaded."""
    global _generation
    app = QCoreApplication.instance()
    if app is None:
        return False
    _generation += 1
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        # The source language: only its plural forms ("1 session", "2 sessions").
        plurals = QTranslator(app)
        path = catalogue("en")
        if path is not None and plurals.load(str(path)):
            app.installTranslator(plurals)
            _installed.append(plurals)
        QLocale.setDefault(QLocale.system())
        return False
    loaded = False
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):  # Qt's own dialogs and buttons
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    path = catalogue(language)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
        loaded = True
    else:
        log.warning("no ClinicApp translation for %s", language)
    # Canadian French and English: ISO dates (2026-11-25), as clinics here write them.
    territory = QLocale.Country.Canada if language in ("fr", "en") else QLocale.Country.AnyCountry
    QLocale.setDefault(QLocale(QLocale(language).language(), territory))
    return loaded
