"""The dashboard's parts that need no server: its French is the desktop's, its charts and
CSV cells cannot carry markup or formulas, its redirects stay on the dashboard."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from clinicapp.core import messages
from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import Role
from clinicapp.core.reports.charts import Chart, Series
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.reports.tables import Column
from clinicapp.server.dashboard import catalogue, downloads, signin, svg
from clinicapp.server.dashboard.catalogue import NBSP, NNBSP, Catalogue
from clinicapp.server.dashboard.web import local_path

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "clinicapp_fr.ts"


def desktop_french(context: str) -> dict[str, str]:
    root = ET.parse(TS).getroot()
    words: dict[str, str] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") == context:
            for message in ctx.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.text:
                    words[message.findtext("source") or ""] = translation.text
    return words


def test_report_words_and_labels_are_the_desktops_own_french():
    for context, ours in (("Reports", catalogue.REPORTS_FR), ("Labels", catalogue.LABELS_FR)):
        theirs = desktop_french(context)
        differ = {k: (v, theirs.get(k)) for k, v in ours.items() if theirs.get(k) != v}
        assert differ == {}, context


def test_error_wordings_are_the_desktops_own_french_with_the_same_placeholders():
    theirs = desktop_french("Errors")
    english = messages.messages()
    for code, french in catalogue.ERRORS_FR.items():
        assert theirs.get(english[code]) == french, code
        assert messages.placeholders(french) == messages.placeholders(english[code]), code
    fr = Catalogue("fr")
    assert fr.error(ValidationError("to", "period_order", first="2026-03-01")) == \
        f"Fin{NBSP}: ne doit pas précéder le début (2026-03-01)"
    assert Catalogue("en").error(ValidationError("name", "empty")) == "Name: must not be empty"
    assert fr.error(NotFoundError("group", "x")) == "Ce groupe n’existe pas."


def test_every_word_a_template_asks_for_has_its_french():
    templates = Path(catalogue.__file__).parent / "templates"
    asked = set()
    for template in templates.glob("*.html"):
        text = template.read_text()
        asked |= {m.group(1) or m.group(2) for m in re.finditer(
            r"""\b(?:t|cat\.markup)\(\s*(?:"([^"]+)"|'([^']+)')""", text)}
        asked |= set(re.findall(r'\("/[a-z]*", "([^"]+)"\)', text))  # the menu
    assert len(asked) > 60
    french = catalogue.UI_FR | catalogue.REPORTS_FR
    assert sorted(w for w in asked if w not in french) == []


def test_french_numbers_and_punctuation_follow_canadian_typography():
    fr, en = Catalogue("fr"), Catalogue("en")
    assert fr.number(12345.5, 2) == f"12{NNBSP}345,50" and en.number(12345.5, 2) == "12,345.50"
    assert fr.cell(87.5, Column("s", "", "percent")) == f"87,5{NBSP}%"
    assert fr.cell(Suppressed(5), Column("n", "", "int")) == "<5"
    assert fr.t("too many wrong passwords: try again in {n} s", n=4) == \
        f"trop de mots de passe erronés{NBSP}: réessayez dans 4 s"
    assert fr.label(Role.NURSE) == "Personnel infirmier" and en.label(Role.NURSE) == "Nurse"
    assert fr.refusal("replayed", "x was already imported") == \
        "ce lot a déjà été importé (x was already imported)"
    assert en.refusal("replayed", "x was already imported") == "x was already imported"
    assert catalogue.pick(None, "fr-CA,fr;q=0.9,en;q=0.5") == "fr"
    assert catalogue.pick("de", "de-DE") == "en"


def test_charts_escape_every_word_and_mark_withheld_bars():
    chart = Chart("roles", "<script>alert(1)</script>", ["<b>MOA</b>", "Nurse"],
                  [Series("Participants & co", [Suppressed(5), 12])], horizontal=True)
    drawn = svg.draw(chart, Catalogue("en"))
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "<b>" not in drawn
    assert 'data-value="&lt;5"' in drawn and 'data-value="12"' in drawn
    columns = Chart("series", "Over time", ["2026-07", "2026-08"],
                    [Series("Sessions held", [3, 4]), Series("Attendances", [Suppressed(5), 40])])
    assert svg.draw(columns, Catalogue("fr")).count("<rect") >= 4


def test_csv_text_that_starts_like_a_formula_gets_an_apostrophe():
    for hostile in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert downloads.defused(hostile) == "'" + hostile
    assert downloads.defused("Dawson Creek") == "Dawson Creek"
    name = downloads.file_name("division", "Nord / Sud =x", "roles", "2026-07-01", "2026-12-01")
    assert name == "division-nord-sud-x-roles-2026-07-01-2026-12-01.csv"


def test_the_next_page_after_signing_in_is_always_on_the_dashboard():
    assert local_path("/dashboard/bundles?x=1") == "/dashboard/bundles?x=1"
    for hostile in ("https://evil.example/dashboard/", "//evil.example/dashboard/",
                    "/elsewhere", "/dashboard\\..\\x", ""):
        assert local_path(hostile) == "/dashboard/"


def test_the_wait_grows_after_the_second_wrong_password_up_to_five_minutes():
    assert [signin.wait_after(n) for n in range(0, 8)] == [0, 0, 0, 1, 2, 4, 8, 16]
    assert signin.wait_after(40) == 300
