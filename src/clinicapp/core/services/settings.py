"""Every setting of ClinicApp, declared once: name, type, default, limits and help.

Workstation settings live in the (encrypted) database's ``local_settings`` table and are
read and written only through ``get``/``set_value`` here; the Settings page and the CLI
are generated from ``SETTINGS``. Interface preferences needed before the database is
unlocked (language, window geometry) live in the config folder instead (the UI's concern).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import LocalSetting
from clinicapp.core.sync import clock

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[Any], object] | None = None  # raises ValidationError for a bad value

    def coerce(self, value: Any) -> Any:
        try:
            if self.type is bool and isinstance(value, str):
                if value.lower() not in ("true", "false", "yes", "no", "1", "0", "on", "off"):
                    raise ValueError(value)
                typed: Any = value.lower() in ("true", "yes", "1", "on")
            else:
                typed = self.type(value)
        except (TypeError, ValueError):
            raise ValidationError(self.name, "wrong_type", type=self.type.__name__) from None
        if self.choices and typed not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise ValidationError(self.name, "not_one_of", allowed=allowed)
        if self.minimum is not None and typed < self.minimum:
            raise ValidationError(self.name, "below_minimum", minimum=self.minimum)
        if self.maximum is not None and typed > self.maximum:
            raise ValidationError(self.name, "above_maximum", maximum=self.maximum)
        if self.check is not None:
            self.check(typed)
        return typed


def zone_of(name: str) -> tzinfo | None:
    """The time zone an IANA name names; None for "" (this computer's own zone)."""
    name = name.strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # unknown, or a path such as ../x
        raise ValidationError("time_zone", "unknown_time_zone", name=name) from None


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("organisation_name", str, "",
            "Clinic or division name printed on certificates and reports."),
    Setting("credit_rounding_step", float, 0.25,
            "Credits are rounded down to this step (no rule is published; 0.25 by default).",
            choices=(0.01, 0.1, 0.25, 0.5, 1.0)),
    Setting("followup_months", int, 3,
            "A practice commitment's follow-up falls due this many months after its session.",
            minimum=1, maximum=12),
    Setting("idle_lock_minutes", int, 10,
            "Lock the app after this many idle minutes.", minimum=1, maximum=240),
    Setting("max_clock_drift_hours", float, 24.0,
            "Refuse bundles stamped further ahead of this workstation's clock than this.",
            minimum=0.01, maximum=24 * 30),
    Setting("resend_after_days", int, 14,
            "Resend changes a peer has not acknowledged after this many days.",
            minimum=1, maximum=365),
    Setting("backup_keep", int, 14, "How many automatic daily backups to keep.",
            minimum=1, maximum=365),
    Setting("retention_years", int, 6,
            "Attendance and certificates are kept at least this many years (never pruned).",
            minimum=6, maximum=100),
    Setting("time_zone", str, "",
            "The clinic's time zone, an IANA name such as Africa/Kampala (empty: this "
            "computer's). Session dates, credit years and report periods are its days.",
            check=zone_of),
    Setting("small_count_threshold", int, 5,
            "Counts under this are suppressed in aggregates that leave a group.",
            minimum=1, maximum=50),
)}


def get(session: OrmSession, name: str) -> Any:
    setting = SETTINGS[name]
    raw = session.scalar(select(LocalSetting.value).where(LocalSetting.key == name))
    return setting.default if raw is None else setting.coerce(json.loads(raw))


def get_all(session: OrmSession) -> dict[str, Any]:
    stored = dict(session.execute(select(LocalSetting.key, LocalSetting.value)).all())
    return {name: (s.coerce(json.loads(stored[name])) if name in stored else s.default)
            for name, s in SETTINGS.items()}


def set_value(session: OrmSession, name: str, value: Any) -> Any:
    if name not in SETTINGS:
        raise ValidationError("setting", "unknown_setting", name=name)
    typed = SETTINGS[name].coerce(value)
    row = session.get(LocalSetting, name)
    if row is None:
        session.add(LocalSetting(key=name, value=json.dumps(typed)))
    else:
        row.value = json.dumps(typed)
    return typed


def read(db: Database, name: str) -> Any:
    """One setting's value, in its own short read."""
    with db.read() as session:
        return get(session, name)


def change(db: Database, name: str, value: Any) -> Any | None:
    """Set a setting and record it in the audit trail (whichever front end asked).
    Returns the stored value, or None when it already had that value (nothing written)."""
    from clinicapp.core.services import audit

    if name not in SETTINGS:
        raise ValidationError("setting", "unknown_setting", name=name)
    with db.write() as session:
        if get(session, name) == SETTINGS[name].coerce(value):
            return None
        typed = set_value(session, name, value)
        audit.record(session, "setting_changed", f"{name} = {typed}")
    if name == "time_zone":
        clock.set_zone(zone_of(typed))
    return typed


def apply_time_zone(db: Database) -> None:
    """Count local days in the clinic's time zone from now on (called when a database
    opens, and after the setting changes)."""
    with db.read() as session:
        clock.set_zone(zone_of(get(session, "time_zone")))
