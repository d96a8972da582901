"""Rate limits on the unauthenticated routes: enrollment attempts and nonce requests, per
source address, counted in the database so every worker on one PostgreSQL (or SQLite)
agrees. A fixed window per (purpose, address): one atomic upsert per request.

- Enrollment: ``enroll_failures`` (10) refused attempts per address per 15 minutes; the
  attempt is counted *before* it is heard (so a burst of parallel guesses cannot slip in
  between a check and a count) and given back when it succeeds, so a clinic enrolling
  many workstations behind one address is never slowed.
- Nonces: ``nonces_per_minute`` (300) per address per minute from ``/nonce``. A signed
  request's next nonce comes with its answer and is not counted: honest sync asks
  ``/nonce`` once per sync.

Behind a reverse proxy the address is the one ``server.proxies`` takes from
``X-Forwarded-For`` when the proxy is trusted (the ``forwarded_allow_ips`` setting or
``serve --forwarded-allow-ips``; 127.0.0.1 and ::1 by default); from any other peer the
header is ignored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects import postgresql, sqlite

from clinicapp.core.sync.clock import utcnow
from clinicapp.server.models import RateLimit
from clinicapp.server.store import Store

ENROLL_WINDOW = 15 * 60
NONCE_WINDOW = 60
KEEP = timedelta(hours=1)  # counters older than every window are removed


@dataclass(frozen=True)
class Limit:
    purpose: str
    hits: int  # allowed per window
    seconds: int


def enroll_limit(store: Store) -> Limit:
    return Limit("enroll", store.config.enroll_failures, ENROLL_WINDOW)


def nonce_limit(store: Store) -> Limit:
    return Limit("nonce", store.config.nonces_per_minute, NONCE_WINDOW)


def _key(limit: Limit, address: str) -> str:
    return f"{limit.purpose}:{address[:100]}"


def hit(store: Store, limit: Limit, address: str) -> int:
    """Count one request; 0 if it is within the limit, else the seconds until the window
    ends (for Retry-After)."""
    now = utcnow()
    expired = RateLimit.window_start <= now - timedelta(seconds=limit.seconds)
    insert = (postgresql.insert if store.dialect == "postgresql" else sqlite.insert)(RateLimit)
    upsert = insert.values(key=_key(limit, address), window_start=now, hits=1)
    upsert = upsert.on_conflict_do_update(
        index_elements=[RateLimit.key],
        set_={"hits": case((expired, 1), else_=RateLimit.hits + 1),
              "window_start": case((expired, literal(now, RateLimit.window_start.type)),
                                   else_=RateLimit.window_start)},
    ).returning(RateLimit.hits, RateLimit.window_start)
    with store.tables() as session:
        hits, start = session.execute(upsert).one()
        if hits == 1:  # a new window: a good moment to drop counters nobody uses
            session.execute(delete(RateLimit).where(RateLimit.window_start < now - KEEP))
    if hits <= limit.hits:
        return 0
    left = (start + timedelta(seconds=limit.seconds) - now).total_seconds()
    return max(1, math.ceil(left))


def forgive(store: Store, limit: Limit, address: str) -> None:
    """Give back one counted request (an enrollment that succeeded)."""
    with store.tables() as session:
        session.execute(update(RateLimit).where(
            RateLimit.key == _key(limit, address), RateLimit.hits > 0)
            .values(hits=RateLimit.hits - 1))
