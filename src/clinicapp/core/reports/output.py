"""Saving a report: written beside its destination, recorded in the audit trail, and
renamed into place in the same step, so there is never half a file nor an unrecorded one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from clinicapp.core.db import Database
from clinicapp.core.errors import ValidationError
from clinicapp.core.services import audit

AUDIT_ACTION = "print_report"


def check_destination(out: Path, suffixes: tuple[str, ...]) -> Path:
    out = Path(out)
    if out.suffix.lower() not in suffixes:
        raise ValidationError("out", f"must end in {' or '.join(suffixes)} (got '{out.name}')")
    if out.is_dir():
        raise ValidationError("out", f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise ValidationError("out", f"the folder {out.parent} does not exist")
    return out


def save(db: Database, out: Path, write: Callable[[Path], None], detail: str,
         actor: str = "") -> Path:
    """Call ``write(temporary path)``, then record ``detail`` and move the file to ``out``.

    ``detail`` names what was produced (kind, period, record ids), never its content.
    """
    out = Path(out)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with db.write() as session:
            audit.record(session, AUDIT_ACTION, f"{detail} to {out.name}", actor)
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
