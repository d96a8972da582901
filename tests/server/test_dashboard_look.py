"""The dashboard as the program office sees it, on a real server on 127.0.0.1: every page
says in its title where you are, in English and French; an unknown address is a page, not
JSON; a new server and an empty period say why there is nothing; errors name the field as
the form labels it, in the reader's language; and in Debian's chromium at a phone's and a
narrow window's width nothing makes the page scroll sideways, wide tables scroll inside
their box, and chart labels keep the page's size without touching one another."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright import sync_api

from clinicapp.server import config as server_config
from clinicapp.server import staff
from clinicapp.server.store import open_store
from tests.server import dashboard_fixtures
from tests.server.dashboard_fixtures import (
    STAFF,
    STAFF_PASSWORD,
    csrf_of,
    first_group,
    sign_in,
)
from tests.server.harness import ServerProcess

CHROMIUM = "/usr/bin/chromium"  # Debian's, never downloaded
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
NBSP = "\u00a0"

served = dashboard_fixtures.served  # this module's server, with a year of two groups


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server just set up: one staff account, no group, no device, no code."""
    proc = ServerProcess(tmp_path_factory.mktemp("bare") / "server").init()
    store = open_store(server_config.load(proc.folder))
    staff.create(store, STAFF, STAFF_PASSWORD)
    store.close()
    proc.start()
    yield proc
    proc.stop()


@contextmanager
def signed_in(url: str, lang: str = "en") -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=60) as client:
        assert sign_in(client).status_code == 303
        if lang != "en":
            client.get(f"/dashboard/lang/{lang}")
        yield client


def title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found, "the page has no title"
    return html.unescape(found.group(1))


def heading(page: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert found, "the page has no heading"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


OFFICE = {"en": "ClinicApp program office", "fr": "ClinicApp, bureau du programme"}
PAGES = {"en": {"/dashboard/bundles": "Bundles", "/dashboard/devices": "Devices",
                "/dashboard/enrollment": "Enrollment codes"},
         "fr": {"/dashboard/bundles": "Lots", "/dashboard/devices": "Postes",
                "/dashboard/enrollment": "Codes d’inscription"}}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_says_in_its_title_where_you_are(served, lang):
    with httpx.Client(base_url=served.url, timeout=60) as c:
        if lang == "fr":
            c.get("/dashboard/lang/fr")
        login = c.get("/dashboard/login").text
        assert title(login) == f"{heading(login)} – {OFFICE[lang]}"
    group_id, group_name = first_group(served.store)
    with signed_in(served.url, lang) as c:
        seen = set()
        for path, word in PAGES[lang].items():
            page = c.get(path).text
            assert title(page) == f"{word} – {OFFICE[lang]}", path
            seen.add(title(page))
        division = c.get("/dashboard/").text
        group = c.get(f"/dashboard/?group={group_id}").text
        figures = "Figures" if lang == "en" else "Données"
        # The report's own heading comes first: two tabs of figures tell themselves apart.
        assert title(division) == f"{heading(division)} – {figures} – {OFFICE[lang]}"
        assert title(group) == f"{heading(group)} – {figures} – {OFFICE[lang]}"
        assert group_name in title(group)
        seen |= {title(division), title(group)}
        assert len(seen) == 5


def test_an_unknown_dashboard_address_is_a_page_in_the_readers_language(served):
    with httpx.Client(base_url=served.url, timeout=60) as c:
        missing = c.get("/dashboard/figurez")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("text/html")
        assert '<html lang="en-CA">' in missing.text
        assert title(missing.text) == f"Page not found – {OFFICE['en']}"
        assert '<a href="/dashboard/">Back to the figures</a>' in missing.text
        assert "default-src 'none'" in missing.headers["content-security-policy"]
    with signed_in(served.url, "fr") as c:
        missing = c.get("/dashboard/devices/extra")
        assert missing.status_code == 404 and '<html lang="fr-CA">' in missing.text
        assert heading(missing.text) == "Page introuvable"
        assert f"Connecté·e{NBSP}: {STAFF}" in missing.text  # the menu, as on every page
        assert c.get("/dashboard/devices").status_code == 200  # real pages still answer


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_server_with_no_group_yet_says_how_figures_arrive(bare, lang):
    with signed_in(bare.url, lang) as c:
        page = c.get("/dashboard/")
        assert page.status_code == 200 and 'role="alert"' not in page.text
        words = text_of(page.text)
        if lang == "en":
            assert heading(page.text) == "No group is on this server yet"
            assert "add the group on the Enrollment codes page" in words
            assert "a bundle uploaded on the Bundles page" in words
        else:
            assert heading(page.text) == "Aucun groupe n’est encore sur ce serveur"
            assert "ajoutez le groupe à la page Codes d’inscription" in words
        assert '<a href="/dashboard/enrollment">' in page.text
        assert '<a href="/dashboard/bundles">' in page.text
        codes = c.get("/dashboard/enrollment").text
        found = re.search(r'<p class="muted" id="no-groups">(.*?)</p>', codes)
        assert found, "the code form does not say why it has no group to tick"
        assert found.group(1) == ("There is no group to enroll for yet: add one first."
                                  if lang == "en" else "Il n’y a encore aucun groupe pour "
                                  f"lequel inscrire un poste{NBSP}: ajoutez-en un d’abord.")


def test_a_table_with_nothing_in_the_period_says_so(served):
    with signed_in(served.url) as c:
        page = c.get("/dashboard/?from=2020-01-01&to=2020-01-31").text
    topics = re.search(r'id="table-topics">(.*?)</div>', page, re.S)
    assert topics, "no topics table"
    assert "<tbody>\n      </tbody>" in topics.group(1)  # no topic in January 2020
    assert '<p class="muted empty-table">Nothing in this period.</p>' in topics.group(1)
    summary = re.search(r'id="table-summary">(.*?)</div>', page, re.S)
    assert summary and "Nothing in this period." not in summary.group(1)


def test_a_wrong_date_names_its_field_as_the_form_labels_it_in_french(served):
    with signed_in(served.url, "en") as c:
        page = c.get("/dashboard/?from=2026-13-01")
        assert page.status_code == 400
        assert ('<p class="error" role="alert">From: &#39;2026-13-01&#39; is not a date; '
                "write it as YYYY-MM-DD</p>") in page.text
    with signed_in(served.url, "fr") as c:
        page = c.get("/dashboard/?from=2026-13-01").text
        alert = re.search(r'<p class="error" role="alert">(.*?)</p>', page)
        assert alert and html.unescape(alert.group(1)) == (
            f"Début{NBSP}: «{NBSP}2026-13-01{NBSP}» n’est pas une date\u202f; écrivez-la sous "
            "la forme AAAA-MM-JJ")
        page = c.get("/dashboard/?from=2026-03-01&to=2026-01-01").text
        assert f"Fin{NBSP}: ne doit pas précéder le début (2026-03-01)" in html.unescape(page)
        page = c.get("/dashboard/?group=no-such-group").text
        assert "Ce groupe n’existe pas." in html.unescape(page)
        form = c.get("/dashboard/enrollment").text
        added = c.post("/dashboard/groups", data={"csrf": csrf_of(form), "name": " "})
        assert added.status_code == 400
        assert f"Nom{NBSP}: ne doit pas être vide" in html.unescape(added.text)


# --- in a browser, at a phone's and a narrow window's width -----------------------------

LAYOUT = """() => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll('.table-box, .chart-box')].map(box => ({
    id: box.id || box.className, scrolls: getComputedStyle(box).overflowX,
    wider: box.scrollWidth > box.clientWidth + 1,
    inside: box.getBoundingClientRect().right <= page.clientWidth + 1}));
  const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
    const frame = svg.getBoundingClientRect();
    const words = [...svg.querySelectorAll('text')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, left: r.left, right: r.right, top: r.top,
              bottom: r.bottom, height: r.height,
              inside: r.left >= frame.left - 1 && r.right <= frame.right + 1 &&
                      r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1};
    });
    return {chart: svg.dataset.chart, words};
  });
  return {pageWidth: page.scrollWidth, viewport: page.clientWidth, boxes, charts};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def browser_sign_in(page: sync_api.Page, url: str) -> None:
    """Sign in on the login page as the office's staff, as a person does."""
    page.goto(url + "/dashboard/login")
    page.fill("#username", STAFF)
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/dashboard/login'] button")
    page.wait_for_url(url + "/dashboard/")


def overlapping(words: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(words) for b in words[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_at_a_phones_and_a_narrow_windows_width_every_page_fits_and_charts_read(
        served, browser, tmp_path: Path, lang):
    with signed_in(served.url) as c:  # one refused bundle, for its table
        form = c.get("/dashboard/bundles").text
        c.post("/dashboard/bundles", data={"csrf": csrf_of(form)},
               files={"bundle": ("holiday-photos-from-the-lake.clinicbundle", b"x" * 300)})
    group_id, _name = first_group(served.store)
    requested: list[str] = []
    for width in (420, 800):
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      locale="fr-CA" if lang == "fr" else "en-CA")
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
        browser_sign_in(page, served.url)
        assert page.get_attribute("html", "lang") == f"{lang}-CA"
        for path in ("/", "/?from=2025-07-01&to=2026-06-30", f"/?group={group_id}",
                     "/bundles", "/devices", "/enrollment", "/login", "/nowhere"):
            page.goto(served.url + "/dashboard" + path)
            where = f"{path} at {width} px ({lang})"
            seen = page.evaluate(LAYOUT)
            page.screenshot(path=str(tmp_path / f"{width}-{len(requested)}.png"),
                            full_page=True)
            assert seen["pageWidth"] <= seen["viewport"], f"the page scrolls sideways: {where}"
            for box in seen["boxes"]:
                assert box["inside"], f"{box['id']} pokes out of the page: {where}"
                if box["wider"]:  # its table or chart scrolls inside the box instead
                    assert box["scrolls"] == "auto", f"{box['id']}: {where}"
            for chart in seen["charts"]:
                words = chart["words"]
                assert words, chart["chart"]
                assert overlapping(words) == [], f"{chart['chart']}: {where}"
                # Drawn at the page's size: a 12 px word is not shrunk to 8 px to fit.
                small = [w["text"] for w in words if w["height"] < 12]
                assert small == [], f"{chart['chart']} shrunk: {where}"
                assert all(w["inside"] for w in words), f"{chart['chart']} cut: {where}"
        # The Groups table has six columns: at 420 px it scrolls inside its own box.
        if width == 420:
            page.goto(served.url + "/dashboard/")
            groups = page.evaluate(LAYOUT)["boxes"]
            assert any(b["id"] == "table-groups" and b["wider"] for b in groups)
        context.close()
    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}


def test_on_a_desktop_the_whole_selection_is_one_row(served, browser):
    """A label as wide as the longest group name (its select was narrowed, the label was
    not) pushed "From" to the row's end and "To" onto a row of its own at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-CA")
    page = context.new_page()
    browser_sign_in(page, served.url)
    tops = {name: page.locator(f"form.selection [name='{name}']").bounding_box()["y"]
            for name in ("division", "group", "from", "to")}
    button = page.locator("form.selection button").bounding_box()
    group = page.locator("form.selection [name='group']").bounding_box()
    start = page.locator("form.selection [name='from']").bounding_box()
    context.close()
    assert max(tops.values()) - min(tops.values()) < 4, tops  # one row
    assert start["x"] - (group["x"] + group["width"]) < 40  # "From" right after "Group"
    assert abs(button["y"] + button["height"] - (group["y"] + group["height"])) < 8


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_hostile_date_or_address_is_shown_as_text(served, lang):
    """The error now repeats what was typed, in the reader's language, and any other
    address is a page of its own: markup in either is text, never a tag."""
    hostile = "<script>alert(1)</script>"
    with signed_in(served.url, lang) as c:
        page = c.get("/dashboard/", params={"from": hostile})
        assert page.status_code == 400
        assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)" in page.text
        missing = c.get("/dashboard/" + "%3Cscript%3Ealert(1)%3C/script%3E")
        assert missing.status_code == 404 and "<script>alert" not in missing.text
