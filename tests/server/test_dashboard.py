"""The program office's dashboard over HTTP, against a real ``clinicapp-server serve`` on
127.0.0.1: signing in (cookie flags, growing wait, CSRF), figures equal to the desktop's
report code on the same data, CSV that a spreadsheet cannot run, bundle upload."""

from __future__ import annotations

import html
import re
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from clinicapp.core.models import Change, Group
from clinicapp.core.reports import activity, tables
from clinicapp.core.reports.period import Period
from clinicapp.core.reports.suppression import Suppressed
from clinicapp.core.services import audit
from clinicapp.core.services import groups as group_service
from clinicapp.core.sync import clock
from clinicapp.server import staff
from clinicapp.server.dashboard import figures as dash_figures
from clinicapp.server.models import EnrollmentCode, RefusedBundle, Staff
from tests.server import dashboard_fixtures
from tests.server.dashboard_fixtures import STAFF, csrf_of, first_group, sign_in, workstation_bundle

served = dashboard_fixtures.served  # this module's server

CELL = re.compile(r'<td data-plain="([^"]*)"')


def table_cells(page: str, key: str) -> list[str]:
    """The machine values (``data-plain``) of one report table of a page, row by row."""
    found = re.search(rf'<table data-table="{key}">(.*?)</table>', page, re.S)
    assert found, f"no table {key} on the page"
    return [html.unescape(v) for v in CELL.findall(found.group(1))]


def expected_cells(table: tables.Table) -> list[str]:
    rows = [*table.rows, *([table.total] if table.total else [])]
    return [tables.plain(v, c) for row in rows for v, c in zip(row, table.columns, strict=True)]


@pytest.fixture
def client(served):
    with served.client() as c:
        assert sign_in(c).status_code == 303
        yield c


def test_pages_ask_for_a_sign_in_and_the_cookie_is_signed_httponly_and_strict(served):
    with served.client() as c:
        first = c.get("/dashboard/")
        assert first.status_code == 303
        assert first.headers["location"].startswith("/dashboard/login?next=")
        done = sign_in(c)
        assert done.status_code == 303 and done.headers["location"] == "/dashboard/"
        cookie = done.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "Path=/dashboard" in cookie and "Secure" not in cookie
        page = c.get("/dashboard/")
        assert page.status_code == 200 and f"Signed in as {STAFF}" in page.text
        assert "script-src" not in page.headers["content-security-policy"]
        assert "default-src 'none'" in page.headers["content-security-policy"]
        # A cookie altered by one character is no cookie at all. (Not its last character:
        # the last base64 digit of the signature carries padding bits, so some changes
        # there decode to the same bytes.)
        value = c.cookies["clinicapp_dashboard"]
        forged = ("B" if value[0] == "A" else "A") + value[1:]
        c.cookies.clear()
        c.cookies.set("clinicapp_dashboard", forged, path="/dashboard")
        assert c.get("/dashboard/").status_code == 303
    with served.client(headers={"X-Forwarded-Proto": "https"}) as c:
        assert "Secure" in sign_in(c).headers["set-cookie"]  # behind a TLS proxy


def test_the_password_is_kept_only_as_an_argon2id_hash(served):
    with served.store.tables(write=False) as session:
        row = session.get(Staff, STAFF)
    assert row is not None and row.password_hash.startswith("$argon2id$")
    assert "a long enough password" not in row.password_hash


def test_wrong_passwords_earn_a_growing_wait_even_for_the_right_password(served):
    staff.create(served.store, "waiter", "the right password here")
    with served.client() as c:
        # No wait after the first two; then 1 s, then 2 s, then 4 s (each one let pass,
        # since a try during a wait is refused unheard and not counted).
        for pause in (0, 0, 0, 1.1, 2.1):
            time.sleep(pause)
            wrong = sign_in(c, "waiter", "not the password at all")
            assert wrong.status_code == 401 and "wrong user name or password" in wrong.text
        waiting = sign_in(c, "waiter", "the right password here")
        assert waiting.status_code == 429
        wait = int(waiting.headers["retry-after"])
        assert 1 <= wait <= 4 and f"try again in {wait} s" in waiting.text
        assert c.get("/dashboard/").status_code == 303  # still signed out
        time.sleep(wait + 0.2)
        assert sign_in(c, "waiter", "the right password here").status_code == 303
    with served.store.tables(write=False) as session:
        assert session.get(Staff, "waiter").failed_logins == 0  # reset by the success
    with served.client() as c:  # a name nobody has: the same answer as a wrong password
        unknown = sign_in(c, "nobody-here", "whatever it is")
        assert unknown.status_code == 401 and "wrong user name or password" in unknown.text


def codes_issued(served) -> int:
    with served.store.tables(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(EnrollmentCode)) or 0)


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(served, client):
    group_id, _name = first_group(served.store)
    before = codes_issued(served)
    page = client.get("/dashboard/enrollment")
    token = csrf_of(page.text)
    for data, headers in [
        ({"group": group_id, "days": "7"}, {}),  # no token
        ({"group": group_id, "days": "7", "csrf": "0" * 64}, {}),  # a made-up token
        ({"group": group_id, "days": "7", "csrf": token},  # the right token, another site
         {"Origin": "http://evil.example"}),
    ]:
        refused = client.post("/dashboard/enrollment", data=data, headers=headers)
        assert refused.status_code == 403
        assert "This form has expired or did not come from this dashboard" in refused.text
    assert codes_issued(served) == before
    with served.client() as stranger:  # the sign-in form too
        refused = stranger.post("/dashboard/login", data={"username": STAFF,
                                                          "password": "a long enough password"})
        assert refused.status_code == 403
        assert stranger.get("/dashboard/").status_code == 303  # not signed in
    issued = client.post("/dashboard/enrollment", data={"group": group_id, "days": "7",
                                                         "csrf": token})
    assert issued.status_code == 200 and codes_issued(served) == before + 1
    code = re.search(r'id="issued-code">([0-9A-Z-]+)<', issued.text)
    assert code and len(code.group(1)) == 19  # shown once, stored only as a hash


def test_division_figures_equal_the_report_code_with_small_counts_withheld(served, client):
    period = dash_figures.default_period()
    page = client.get("/dashboard/", params={"from": period.first.isoformat(),
                                             "to": period.last.isoformat()})
    assert page.status_code == 200
    report = activity.division_report(served.store.db, None, period)
    shown = 0
    for table in tables.activity_tables(report):
        if table.key in dash_figures.HIDDEN_TABLES:
            continue
        assert table_cells(page.text, table.key) == expected_cells(table), table.key
        shown += 1
    assert shown == 8
    roles = dict(zip(report.participants_by_role.keys(),
                     report.participants_by_role.values(), strict=True))
    assert any(isinstance(v, Suppressed) for v in roles.values())
    assert '<td data-plain="&lt;5" class="num withheld" title="withheld: fewer than 5">' \
        '&lt;5</td>' in page.text
    assert "<svg" in page.text and 'data-chart="roles"' in page.text


def test_group_and_division_figures_follow_the_selection(served, client):
    group_id, _name = first_group(served.store)
    with served.store.db.read() as session:
        division = session.get(Group, group_id).division
    period = Period(date(clock.today().year - 1, 1, 1), clock.today())
    query = {"from": period.first.isoformat(), "to": period.last.isoformat()}
    page = client.get("/dashboard/", params={**query, "group": group_id})
    report = activity.group_report(served.store.db, group_id, period, suppress=True)
    for key in ("summary", "roles", "evaluation", "commitments", "actions"):
        table = next(t for t in tables.activity_tables(report) if t.key == key)
        assert table_cells(page.text, key) == expected_cells(table), key
    assert "Dashboard upload session" not in page.text  # no session titles (typed text)
    by_division = client.get("/dashboard/", params={**query, "division": division})
    report = activity.division_report(served.store.db, division, period)
    summary = next(t for t in tables.activity_tables(report) if t.key == "summary")
    assert table_cells(by_division.text, "summary") == expected_cells(summary)
    bad = client.get("/dashboard/", params={"from": "2026-13-01"})
    assert bad.status_code == 400 and "is not a date" in bad.text


def test_csv_of_a_table_equals_the_report_and_no_cell_runs_as_a_formula(served, client):
    group_id, name = first_group(served.store)
    hostile = "=HYPERLINK(\"http://x.example\",\"<b>click</b>\")"
    group_service.update(served.store.db, group_id, name=hostile)
    try:
        period = dash_figures.default_period()
        query = {"from": period.first.isoformat(), "to": period.last.isoformat()}
        got = client.get("/dashboard/figures/groups.csv", params=query)
        assert got.status_code == 200
        assert got.headers["content-type"].startswith("text/csv")
        assert got.headers["content-disposition"].startswith('attachment; filename="division-')
        lines = got.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "Group,Sessions held,Participants,Attendances,Participant hours," \
                           "Credits"
        assert any(line.startswith("\"'=HYPERLINK(") for line in lines[1:])
        assert not any(line.startswith(("=", "\"=")) for line in lines)
        report = activity.division_report(served.store.db, None, period)
        table = next(t for t in tables.activity_tables(report) if t.key == "roles")
        roles = client.get("/dashboard/figures/roles.csv", params=query)
        body = roles.content.decode("utf-8-sig").splitlines()
        assert body[1:] == [",".join(tables.plain(v, c) for v, c in
                                     zip(row, table.columns, strict=True))
                            for row in [*table.rows, table.total]]
        page = client.get("/dashboard/", params=query)
        assert "<b>click</b>" not in page.text and "&lt;b&gt;click&lt;/b&gt;" in page.text
        assert client.get("/dashboard/figures/nothing.csv").status_code == 400
    finally:
        group_service.update(served.store.db, group_id, name=name)


def test_french_pages_use_the_desktops_words_and_canadian_typography(served, client):
    client.get("/dashboard/lang/fr", params={"next": "/dashboard/"})
    try:
        page = client.get("/dashboard/").text
        assert '<html lang="fr-CA">' in page
        assert "Rapport de division\u00a0: Tous les groupes" in page
        assert "Participants distincts par rôle" in page and "Heures-participants" in page
        hours = re.search(r'<td data-plain="(\d+\.\d\d)" class="num">([^<]+)</td>', page)
        assert hours and hours.group(2) == hours.group(1).replace(".", ",")
        assert client.get("/dashboard/lang/en", params={"next": "https://evil.example/"}
                          ).headers["location"] == "/dashboard/"
    finally:
        client.get("/dashboard/lang/en")


def changes_held(served) -> int:
    """Changes to records (the audit trail is left out: every upload, refused or not, is
    recorded there, by whom and with the bundle's hash)."""
    with served.store.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Change).where(
            Change.tbl != "audit_entries")) or 0)


def test_an_uploaded_bundle_is_checked_then_imported_and_a_bad_one_changes_nothing(
        served, client, tmp_path):
    token = csrf_of(client.get("/dashboard/bundles").text)
    before = changes_held(served)
    junk = client.post("/dashboard/bundles", data={"csrf": token},
                       files={"bundle": ("stick.clinicbundle", b"not a bundle at all")})
    assert junk.status_code == 422 and "Refused stick.clinicbundle" in junk.text
    assert changes_held(served) == before
    with served.store.tables(write=False) as session:
        assert session.scalar(select(func.count()).select_from(RefusedBundle).where(
            RefusedBundle.source == "upload")) >= 1
    assert "No bundle has been refused." not in junk.text
    bundle = workstation_bundle(served, tmp_path)
    done = client.post("/dashboard/bundles", data={"csrf": token},
                       files={"bundle": (bundle.name, bundle.read_bytes())})
    assert done.status_code == 200, done.text
    assert "Imported riverside.clinicbundle from riverside" in done.text
    assert table_cells_by_key(done.text) == {"attendance": "6", "members": "6",
                                             "memberships": "6", "sessions": "1"}
    assert changes_held(served) > before
    again = client.post("/dashboard/bundles", data={"csrf": token},
                        files={"bundle": (bundle.name, bundle.read_bytes())})
    assert again.status_code == 422 and "already imported" in again.text
    # The device's last sync and last failure, as for a network push, in words.
    devices = client.get("/dashboard/devices").text
    row = re.search(r'<tr data-device="([^"]+)">(.*?)</tr>', devices, re.S)
    assert row and "riverside" in row.group(2) and "never" not in row.group(2)
    # The whole id, as `revoke` takes it: PCs enrolled in one minute share its start.
    assert f'<span class="muted mono">{row.group(1)}</span>' in row.group(2)
    assert "already imported" in row.group(2)
    # Core audits each upload (no dashboard-written entry), naming the signed-in user.
    shown = [(e.action, e.actor, e.detail) for e in audit.list_entries(
        served.store.db, action=None).items if e.action.endswith("_bundle")]
    [imported] = [d for a, who, d in shown if a == "import_bundle" and who == STAFF]
    assert re.fullmatch(r"from riverside[^:]*: \d+ new changes, 19 records added, 0 records "
                        r"changed, 0 conflicts", imported), imported
    refused = [d for a, who, d in shown if a == "refused_bundle" and who == STAFF]
    # A bundle already here is no refusal in core's audit (nothing to do: 5980dac); the
    # dashboard still answers it in words and keeps it with the device's last failure.
    assert not any("already imported" in d for d in refused)
    assert any(d.startswith("refused (not_bundle): stick.clinicbundle is not a ClinicApp "
                            "bundle") for d in refused)


def table_cells_by_key(page: str) -> dict[str, str]:
    rows = re.findall(r'<tr data-key="([a-z_]+)"><td>[^<]*</td><td class="num" '
                      r'data-plain="(\d+)"', page)
    return {k: v for k, v in rows if v != "0"}


def refusals(served) -> int:
    with served.store.tables(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(RefusedBundle)) or 0)


def test_an_upload_over_the_bound_or_without_a_sign_in_is_refused_unread(served, client):
    token = csrf_of(client.get("/dashboard/bundles").text)
    before, refused_before = changes_held(served), refusals(served)
    big = b"\0" * (dashboard_fixtures.MAX_UPLOAD + 1)
    over = client.post("/dashboard/bundles", data={"csrf": token},
                       files={"bundle": ("big.clinicbundle", big)})
    assert over.status_code == 413 and "The file is larger than 2 MiB." in over.text
    with served.client() as stranger:
        anonymous = stranger.post("/dashboard/bundles", data={"csrf": token},
                                  files={"bundle": ("x.clinicbundle", b"x")})
        assert anonymous.status_code == 303
        assert anonymous.headers["location"].startswith("/dashboard/login")
    no_token = client.post("/dashboard/bundles",
                           files={"bundle": ("x.clinicbundle", b"x")})
    assert no_token.status_code == 403
    assert changes_held(served) == before and refusals(served) == refused_before


def test_the_office_adds_a_group_then_issues_a_code_for_it(served, client):
    token = csrf_of(client.get("/dashboard/enrollment").text)
    added = client.post("/dashboard/groups", data={"csrf": token, "name": "  Fort  Nelson hub ",
                                                    "division": "Northern Rockies"})
    assert added.status_code == 200 and "Group Fort Nelson hub added." in added.text
    with served.store.db.read() as session:
        group = session.scalar(select(Group).where(Group.name == "Fort Nelson hub"))
    assert group is not None and group.division == "Northern Rockies"
    assert f'value="{group.id}"' in added.text  # now offered for enrollment
    nameless = client.post("/dashboard/groups", data={"csrf": token, "name": " "})
    assert nameless.status_code == 400
    issued = client.post("/dashboard/enrollment", data={"csrf": token, "group": group.id,
                                                         "days": "2"})
    assert issued.status_code == 200 and "Fort Nelson hub" in issued.text
    for days in ("0", "91", "x"):
        assert client.post("/dashboard/enrollment", data={
            "csrf": token, "group": group.id, "days": days}).status_code == 400
    assert client.post("/dashboard/enrollment", data={
        "csrf": token, "group": "no-such-group", "days": "2"}).status_code == 400
    # A form with a box for each of many groups is heard (only known groups count).
    many = client.post("/dashboard/enrollment", data={
        "csrf": token, "days": "2", "group": [f"unknown-{i}" for i in range(60)] + [group.id]})
    assert many.status_code == 200 and 'id="issued-code"' in many.text
