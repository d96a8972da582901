"""What every dashboard page shares: the templates (autoescaped), the signed session
cookie, the signed-in staff member, CSRF checks on every form, and security headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from clinicapp.server.dashboard import auth, catalogue, signin
from clinicapp.server.dashboard.auth import Sessions, SessionState
from clinicapp.server.dashboard.catalogue import Catalogue
from clinicapp.server.dashboard.signin import SignedIn
from clinicapp.server.store import Store

HERE = Path(__file__).parent
MAX_FORM_FIELDS = 600
PREFIX = "/dashboard"
# No script at all; styles only from our own stylesheet; forms post only here. The
# referrer stays on this site (never leaves it); "no-referrer" would make browsers send
# "Origin: null" on our own forms, which the origin check refuses.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
EXPIRED = ("This form has expired or did not come from this dashboard. Reload the page and "
           "try again.")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
}


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


class SignInNeeded(Exception):
    """Raised by ``signed_in``; the router turns it into a redirect to the login page."""


@dataclass
class Dashboard:
    data_dir: Path
    sessions: Sessions = field(init=False)
    prefix: ClassVar[str] = PREFIX  # where its pages are
    env: Environment = field(default_factory=_environment)

    def __post_init__(self) -> None:
        self.sessions = Sessions(auth.load_secret(self.data_dir))

    @staticmethod
    def store(request: Request) -> Store:
        """The server's database, opened by the app at start-up (one per worker)."""
        return request.app.state.store  # type: ignore[no-any-return]

    # --- who is asking --------------------------------------------------------------

    def state(self, request: Request) -> SessionState | None:
        return self.sessions.load(request.cookies.get(auth.COOKIE))

    def catalogue(self, request: Request) -> Catalogue:
        return Catalogue(catalogue.pick(request.cookies.get(auth.LANG_COOKIE),
                                        request.headers.get("accept-language")))

    def signed_in(self, request: Request) -> tuple[SignedIn, SessionState]:
        state = self.state(request)
        if state is None or state.username is None:
            raise SignInNeeded
        who = signin.signed_in(self.store(request), self.sessions.secret, state.username,
                               state.stamp)
        if who is None:
            raise SignInNeeded
        return who, state

    async def form(self, request: Request, state: SessionState | None) -> Any:
        """The posted form, once its origin and CSRF token are checked (403 otherwise)."""
        if not same_origin(request):
            raise HTTPException(403, "cross-site form")
        # One field per group box on the enrollment form: room for every group listed.
        form = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS)
        if not self.sessions.csrf_ok(state, form.get("csrf")):
            raise HTTPException(403, "csrf")
        return form

    # --- answers ----------------------------------------------------------------------

    def render(self, request: Request, template: str, state: SessionState | None,
               status: int = 200, **values: Any) -> HTMLResponse:
        cat = self.catalogue(request)
        fresh = state is None
        state = state or self.sessions.fresh()
        html = self.env.get_template(template).render(
            t=cat.t, cat=cat, lang=cat.lang, csrf=self.sessions.csrf_token(state),
            here=request.url.path, prefix=PREFIX,
            this_page=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            **values)
        response = HTMLResponse(html, status_code=status)
        if fresh:
            self.set_session(request, response, state)
        return secured(response)

    def set_session(self, request: Request, response: Response, state: SessionState) -> None:
        response.set_cookie(auth.COOKIE, self.sessions.dump(state),
                            **auth.cookie_options(is_https(request)))  # type: ignore[arg-type]


def secured(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def is_https(request: Request) -> bool:
    # Behind a TLS reverse proxy the scheme is the one a trusted proxy forwarded
    # (server.proxies); a client's own X-Forwarded-Proto never reaches here.
    return request.url.scheme == "https"


def same_origin(request: Request) -> bool:
    """A browser names the page a form came from; it must be this server."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # "null": a sandboxed or privacy-stripped origin: refuse
    # The Host header, or the host a trusted proxy forwarded (server.proxies); a
    # client's own X-Forwarded-Host was removed before this point.
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def local_path(target: str | None) -> str:
    """``target`` if it is a page of this dashboard, else the dashboard's home (no open
    redirects through ``next=``)."""
    if not target:
        return PREFIX + "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(PREFIX) or "\\" in target:
        return PREFIX + "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def to_login(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return secured(RedirectResponse(f"{PREFIX}/login?next={quote(target)}", status_code=303))
