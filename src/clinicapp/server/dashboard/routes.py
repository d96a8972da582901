"""The dashboard's sign-in and figures pages (with charts and CSV downloads)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, RedirectResponse, Response

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.reports import output
from clinicapp.core.services import audit
from clinicapp.server.dashboard import auth, downloads, figures, signin, svg
from clinicapp.server.dashboard.catalogue import LANGUAGES
from clinicapp.server.dashboard.web import (
    EXPIRED,
    HERE,
    PREFIX,
    Dashboard,
    SignInNeeded,
    local_path,
    secured,
    to_login,
)


def build(dash: Dashboard) -> APIRouter:
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("/static/dashboard.css")
    def stylesheet() -> Response:
        return secured(FileResponse(HERE / "static" / "dashboard.css", media_type="text/css"))

    @r.get("/static/icon.svg")
    def icon() -> Response:
        return secured(FileResponse(HERE / "static" / "icon.svg", media_type="image/svg+xml"))

    @r.get("/lang/{code}")
    def language(code: str, request: Request, next: str = "") -> Response:
        response = RedirectResponse(local_path(next), status_code=303)
        if code in LANGUAGES:
            response.set_cookie(auth.LANG_COOKIE, code, max_age=365 * 86400, path=PREFIX,
                                httponly=True, samesite="strict")
        return secured(response)

    # --- signing in and out ------------------------------------------------------------

    @r.get("/login")
    def login_form(request: Request, next: str = "") -> Response:
        return dash.render(request, "login.html", dash.state(request), next=local_path(next),
                           error="", username="")

    @r.post("/login")
    async def login(request: Request) -> Response:
        state = dash.state(request)
        cat = dash.catalogue(request)
        try:
            form = await dash.form(request, state)
        except HTTPException:
            return dash.render(request, "login.html", None, status=403, next=PREFIX + "/",
                               username="", error=cat.t(EXPIRED))
        username = str(form.get("username", ""))[:signin.MAX_NAME]
        password = str(form.get("password", ""))
        target = local_path(str(form.get("next", "")))
        try:
            who = await run_in_threadpool(signin.authenticate, dash.store(request),
                                          dash.sessions.secret, username, password)
        except signin.Refused as refused:
            error = (cat.t("too many wrong passwords: try again in {n} s", n=refused.wait)
                     if refused.wait else cat.t("wrong user name or password"))
            response = dash.render(request, "login.html", state,
                                   status=429 if refused.wait else 401, next=target,
                                   username=username, error=error)
            if refused.wait:
                response.headers["Retry-After"] = str(refused.wait)
            return response
        response = RedirectResponse(target, status_code=303)
        # A new nonce on sign-in: a token seen before signing in is worth nothing after.
        dash.set_session(request, response, dash.sessions.fresh(who.username, who.stamp))
        return secured(response)

    @r.post("/logout")
    async def logout(request: Request) -> Response:
        try:
            who, state = dash.signed_in(request)
        except SignInNeeded:
            return to_login(request)
        try:
            await dash.form(request, state)
        except HTTPException:
            return dash.render(request, "message.html", state, status=403, who=who,
                               error=dash.catalogue(request).t(EXPIRED))
        # On the server too: the cookie, wherever a copy of it is, names a past epoch.
        await run_in_threadpool(signin.sign_out, dash.store(request), who.username)
        response = RedirectResponse(f"{PREFIX}/login", status_code=303)
        # A fresh, signed-out session: the old nonce (and its CSRF token) is dropped too.
        dash.set_session(request, response, dash.sessions.fresh())
        return secured(response)

    # --- figures --------------------------------------------------------------------

    @r.get("/")
    def figures_page(request: Request) -> Response:
        try:
            who, state = dash.signed_in(request)
        except SignInNeeded:
            return to_login(request)
        db = dash.store(request).db
        cat = dash.catalogue(request)
        words = cat.words()
        error, rep, sel = "", None, None
        choices = figures.choices(db)
        try:
            sel = figures.selection(request.query_params)
            # A new server has no group yet: the page says how figures arrive (no error).
            if choices.groups or sel.division or sel.group_id:
                rep = figures.report(db, sel)
        except ClinicAppError as exc:
            error = cat.error(exc)
        shown = figures.shown_tables(rep, words) if rep else []
        charts = ([(c, svg.draw(c, cat)) for c in figures.chart_list(rep, words)]
                  if rep else [])
        return dash.render(request, "figures.html", state, who=who,
                           choices=choices, no_groups=not choices.groups,
                           sel=sel or figures.Selection("", "", figures.default_period()),
                           rep=rep, tables=shown, charts=charts, error=error,
                           cells=lambda tab: figures.cells(tab, cat, words),
                           status=200 if not error else 400)

    @r.get("/figures/{key}.csv")
    def figures_csv(key: str, request: Request) -> Response:
        try:
            who, _state = dash.signed_in(request)
        except SignInNeeded:
            return to_login(request)
        db = dash.store(request).db
        words = dash.catalogue(request).words()
        try:
            sel = figures.selection(request.query_params)
            rep = figures.report(db, sel)
            table = figures.table(rep, words, key)
        except ClinicAppError as exc:
            raise HTTPException(400, dash.catalogue(request).error(exc)) from None
        body = downloads.table_csv(table, words)
        name = downloads.file_name(rep.kind, rep.name, table.key, sel.period.first.isoformat(),
                                   sel.period.last.isoformat())
        # Every export is in the audit trail: what and by whom, never its content.
        audit.log(db, output.AUDIT_ACTION,
                  f"{rep.kind} report of {rep.name or 'all groups'}, {sel.period.first}.."
                  f"{sel.period.last} ({table.key} CSV, dashboard) as {name}", who.username)
        return secured(Response(body, media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{name}"'}))

    return r


def build_missing(dash: Dashboard) -> APIRouter:
    """A page of its own, in the reader's language, for any other dashboard address
    (included last, after every real page)."""
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("/{rest:path}")
    def missing(rest: str, request: Request) -> Response:
        try:
            who, state = dash.signed_in(request)
        except SignInNeeded:
            return dash.render(request, "missing.html", dash.state(request), status=404)
        return dash.render(request, "missing.html", state, status=404, who=who)

    return r
