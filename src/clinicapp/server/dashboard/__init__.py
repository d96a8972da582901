"""The program office's dashboard: server-rendered pages under ``/dashboard``.

``register(app)`` mounts it on the server's app (``clinicapp.server.app`` calls it). The
figures come from the desktop's own report code (``core.reports``); no free text is ever
shown; every form is CSRF-checked; staff sign in with argon2id-hashed passwords and a
growing wait after wrong ones (``signin``)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from clinicapp.server.dashboard.web import PREFIX, Dashboard

__all__ = ["PREFIX", "Dashboard", "register"]


def register(app: FastAPI) -> None:
    from clinicapp.server.dashboard import office, routes

    dash = Dashboard(app.state.config.data_dir)
    app.include_router(routes.build(dash))
    app.include_router(office.build(dash))
    app.include_router(routes.build_missing(dash))  # last: it answers every other path

    @app.get(PREFIX, include_in_schema=False)
    def _home() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=308)

    app.state.dashboard = dash  # its pages' errors are pages too (``app``'s handlers)
