"""The interface speaks both languages properly: every French entry finished, plurals
through Qt's %n forms in English and French (never "(s)"), French spacing before
: ; ? !, and the catalogues load."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from clinicapp.paths import resource
from clinicapp.ui import i18n

SRC = Path(__file__).resolve().parents[3] / "src" / "clinicapp"
# What people read: the desktop interface, printed documents and the core messages the
# interface shows.
SHOWN = ("ui", "printing", "core")


def messages(language: str) -> list[ET.Element]:
    tree = ET.parse(resource("translations", f"clinicapp_{language}.ts"))
    return list(tree.getroot().iter("message"))


def translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def strings_in_source() -> list[tuple[str, int, str]]:
    found = []
    for package in SHOWN:
        for path in sorted((SRC / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                               ast.AsyncFunctionDef))
                          and node.body and isinstance(node.body[0], ast.Expr)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and id(node) not in docstrings:
                    found.append((str(path.relative_to(SRC)), node.lineno, node.value))
    return found


def test_no_string_anyone_reads_says_s_in_brackets():
    in_source = [f"{p}:{n}: {s!r}" for p, n, s in strings_in_source() if "(s)" in s]
    assert not in_source, "use a %n plural form instead:\n" + "\n".join(in_source)
    for language in ("fr", "en"):
        in_catalogue = [m.findtext("source") for m in messages(language)
                        if "(s)" in (m.findtext("source") or "")
                        or any("(s)" in t for t in translations(m))]
        assert not in_catalogue, f"{language}: {in_catalogue}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_catalogue_has_no_unfinished_entry(language):
    unfinished = [m.findtext("source") for m in messages(language)
                  if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
                  or not all(t.strip() for t in translations(m))]
    assert not unfinished, f"untranslated ({language}): {unfinished[:10]}"


def test_french_puts_a_space_before_colons_semicolons_and_marks():
    glued = []
    for message in messages("fr"):
        for text in translations(message):
            plain = re.sub(r"<[^>]+>", "", text)  # rich-text tags
            plain = re.sub(r"\{[^}]*\}", "", plain)  # {name:g} placeholders
            plain = plain.replace(";;", " ")  # file-dialog filter separators
            plain = re.sub(r"https?://\S+", "", plain)
            plain = re.sub(r"\b[Hh]{1,2}:mm\b", "", plain)  # a time format, not prose
            if re.search(r"[^\s\u00a0\u202f][:;?!]", plain):
                glued.append(text)
    assert not glued, "French wants a (narrow) no-break space before : ; ? !:\n" + \
        "\n".join(glued[:20])


@pytest.mark.parametrize(("language", "one", "three"), [
    ("en", "1 session", "3 sessions"),
    ("fr", "1 séance", "3 séances"),
])
def test_a_plural_in_both_languages(qtbot, language, one, three):
    try:
        i18n.install(language)
        assert QCoreApplication.translate("StatusLine", "%n sessions", "", 1) == one
        assert QCoreApplication.translate("StatusLine", "%n sessions", "", 3) == three
    finally:
        i18n.install("en")


def test_the_status_line_counts_records_in_words_in_both_languages(qtbot, db, paths):
    from clinicapp.ui.status_line import StatusLine, SyncSummary
    from tests.unit.ui.everyday import make_ctx

    summary = SyncSummary(False, None, None, pending=40,
                          unsent={"sessions": 12, "attendance": 1, "groups": 2,
                                  "members": 3, "audit_entries": 9})
    try:
        i18n.install("en")
        line = StatusLine(make_ctx(db, paths))
        qtbot.addWidget(line)
        assert line.unsent_text(summary) == ("Not yet sent to the office: 12 sessions, "
                                             "1 attendance record and 2 more kinds")
        i18n.install("fr")
        line = StatusLine(make_ctx(db, paths))
        qtbot.addWidget(line)
        assert line.unsent_text(summary) == ("Pas encore envoyé au bureau\u00a0: 12 séances, "
                                             "1 présence et 2 autres types")
        assert line.unsent_text(SyncSummary(False, None, None, 0, {})) == \
            "Toutes les modifications sont envoyées"
    finally:
        i18n.install("en")
