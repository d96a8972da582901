"""Dashboard sessions end on the server: a copy of the cookie (stolen from a shared
computer, say) stops working when its owner signs out, and when the password changes —
not only in the browser that signed out."""

from __future__ import annotations

import httpx

from clinicapp.server import staff
from clinicapp.server.dashboard import auth
from tests.server import dashboard_fixtures
from tests.server.dashboard_fixtures import csrf_of, sign_in

served = dashboard_fixtures.served  # this module's server


def copy_of(served, client: httpx.Client) -> httpx.Client:
    """Another client holding the same cookie, as a thief would."""
    thief = served.client()
    thief.cookies.set(auth.COOKIE, client.cookies[auth.COOKIE], path="/dashboard")
    return thief


def test_a_copied_cookie_is_refused_after_sign_out(served):
    staff.create(served.store, "leaving", "a long enough password")
    with served.client() as owner:
        assert sign_in(owner, "leaving", "a long enough password").status_code == 303
        with copy_of(served, owner) as thief:
            assert thief.get("/dashboard/").status_code == 200  # the copy works, so far
            page = owner.get("/dashboard/")
            out = owner.post("/dashboard/logout", data={"csrf": csrf_of(page.text)})
            assert out.status_code == 303 and out.headers["location"] == "/dashboard/login"
            refused = thief.get("/dashboard/")
            assert refused.status_code == 303
            assert refused.headers["location"].startswith("/dashboard/login")
            assert thief.get("/dashboard/devices").status_code == 303
            # Its owner signs in again: the new cookie works, the old copy still does not.
            assert sign_in(owner, "leaving", "a long enough password").status_code == 303
            assert owner.get("/dashboard/").status_code == 200
            assert thief.get("/dashboard/").status_code == 303


def test_a_copied_cookie_is_refused_after_a_password_change(served):
    staff.create(served.store, "changing", "the first long password")
    with served.client() as owner:
        assert sign_in(owner, "changing", "the first long password").status_code == 303
        with copy_of(served, owner) as thief:
            assert thief.get("/dashboard/").status_code == 200
            done = served.proc.cli("set-password", "changing", env={
                "CLINICAPP_SERVER_ADMIN_PASSWORD": "the second long password"})
            assert "every dashboard session of it has ended" in done.stdout
            assert thief.get("/dashboard/").status_code == 303
            assert owner.get("/dashboard/").status_code == 303  # its own browser too
        assert sign_in(owner, "changing", "the first long password").status_code == 401
        assert sign_in(owner, "changing", "the second long password").status_code == 303
    short = served.proc.cli("set-password", "changing", check=False,
                            env={"CLINICAPP_SERVER_ADMIN_PASSWORD": "short"})
    assert short.returncode == 1 and short.stderr.count("\n") == 1
    nobody = served.proc.cli("set-password", "nobody", check=False,
                             env={"CLINICAPP_SERVER_ADMIN_PASSWORD": "long enough anyway"})
    assert nobody.returncode == 1 and "not found" in nobody.stderr
