"""The dashboard in a real browser: Debian's chromium driven by Playwright (its Python
package only; the browser is the system's, never downloaded). A person signs in, reads
figures that equal the desktop's report code on the same data (a withheld cell among
them), uploads a workstation's bundle and sees its records counted and the figures grow;
every request the pages made went to 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright import sync_api

from clinicapp.core.reports import activity, tables
from clinicapp.server.dashboard import figures as dash_figures
from tests.server import dashboard_fixtures
from tests.server.dashboard_fixtures import STAFF, STAFF_PASSWORD, first_group, workstation_bundle

CHROMIUM = "/usr/bin/chromium"  # Debian's (scripts/system-deps test installs it)
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

served = dashboard_fixtures.served  # this module's own server

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def plain_cells(page, key: str) -> list[str]:
    return page.locator(f'table[data-table="{key}"] td').evaluate_all(
        "cells => cells.map(c => c.dataset.plain)")


def shown_cells(page, key: str) -> list[str]:
    return page.locator(f'table[data-table="{key}"] td').all_inner_texts()


def expected(table: tables.Table) -> list[str]:
    rows = [*table.rows, *([table.total] if table.total else [])]
    return [tables.plain(v, c) for row in rows for v, c in zip(row, table.columns, strict=True)]


def report_tables(served, group_id: str = "") -> dict[str, tables.Table]:
    period = dash_figures.default_period()
    rep = (activity.group_report(served.store.db, group_id, period, suppress=True) if group_id
           else activity.division_report(served.store.db, None, period))
    return {t.key: t for t in tables.activity_tables(rep)}


def test_a_person_signs_in_reads_the_figures_and_uploads_a_bundle(served, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-CA")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    failed: list[tuple[int, str]] = []
    context.on("response", lambda r: failed.append((r.status, urlsplit(r.url).path))
               if r.status >= 400 else None)
    problems: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(served.url + "/dashboard/")
    assert page.url.startswith(served.url + "/dashboard/login")
    page.fill("#username", STAFF)
    page.fill("#password", "not the password")
    page.click("form[action='/dashboard/login'] button")
    assert "wrong user name or password" in page.inner_text("[role=alert]")
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/dashboard/login'] button")
    page.wait_for_url(served.url + "/dashboard/")
    page.screenshot(path=str(tmp_path / "figures-en.png"), full_page=True)

    # The figures are the division report's own, withheld cells included.
    division = report_tables(served)
    for key in ("summary", "roles", "topics", "evaluation", "commitments", "actions", "groups"):
        assert plain_cells(page, key) == expected(division[key]), key
    roles = shown_cells(page, "roles")
    assert roles == expected(division["roles"])  # plain counts read the same on screen
    assert "<5" in roles
    withheld = page.locator('table[data-table="roles"] td.withheld').first
    assert withheld.get_attribute("title") == "withheld: fewer than 5"
    assert page.locator("svg.chart").count() >= 3

    # A USB stick's bundle, uploaded: its records are counted, and the figures grow.
    group_id, _name = first_group(served.store)
    before = report_tables(served, group_id)["summary"]
    bundle = workstation_bundle(served, tmp_path)
    page.click("nav >> text=Bundles")
    page.set_input_files("#bundle", str(bundle))
    page.click("form.upload button")
    page.wait_for_selector("#outcome")
    assert page.inner_text("#outcome").startswith("Imported riverside.clinicbundle")
    counted = dict(zip(page.locator("#records tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.key)"), page.locator(
        "#records tbody tr td:nth-child(2)").evaluate_all(
        "cells => cells.map(c => c.dataset.plain)"), strict=True))
    assert {k: v for k, v in counted.items() if v != "0"} == {
        "attendance": "6", "members": "6", "memberships": "6", "sessions": "1"}
    page.goto(served.url + f"/dashboard/?group={group_id}")
    after = report_tables(served, group_id)["summary"]
    assert plain_cells(page, "summary") == expected(after)
    held = after.rows[0][1]
    assert held == before.rows[0][1] + 1  # the session the bundle brought is counted

    # The same page in French.
    page.click("text=Français")
    page.wait_for_selector("html[lang=fr-CA]")
    assert page.inner_text("h1").startswith("Rapport de groupe\u00a0:")
    page.screenshot(path=str(tmp_path / "figures-fr.png"), full_page=True)
    context.close()

    assert problems == []
    assert failed == [(401, "/dashboard/login")]  # the one wrong password, nothing else
    assert requested, "the browser made no request at all"
    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
