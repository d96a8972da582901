"""Bundles in bulk (a USB stick's folder, several files dropped at once) and the age
identity that opens bundles addressed to this replica.

Nothing new is not an error: a bundle already imported, older than one already imported
from its sender, made by this workstation or addressed to another is reported and
skipped. A refusal (damage, an unknown signer, a bad signature, a clock problem) is
reported and counts as a failure; the other bundles are still imported, each all or
nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import ReplicaState
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import api
from clinicapp.core.sync.bundle import BundleError
from clinicapp.core.sync.clock import utcnow

SUFFIX = ".clinicbundle"
NOTHING_NEW = api.NOTHING_NEW
NOT_OURS = frozenset({"own", "not_for_us"})  # normal on a stick several clinics share


@dataclass(frozen=True)
class Outcome:
    path: Path
    status: str  # imported, nothing_new, skipped, refused
    message: str
    result: api.ImportResult | None = None

    @property
    def ok(self) -> bool:
        return self.status != "refused"


def bundle_files(paths: Iterable[Path | str]) -> list[Path]:
    """The bundle files among ``paths``: files as given, folders by their ``*.clinicbundle``
    files (not their subfolders), each once."""
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.name.endswith(SUFFIX):
                    found[child.resolve()] = None
        else:
            found[path.resolve()] = None
    return list(found)


def _order(db: Database, files: list[Path]) -> list[tuple[Path, BundleError | None]]:
    """By sender, then creation time: each sender's bundles in the order it made them,
    so none waits for its predecessor."""
    keyed: list[tuple[tuple[str, str, str], Path, BundleError | None]] = []
    for path in files:
        try:
            info = api.inspect_bundle(db, path)
            keyed.append(((info.sender_name, info.created_at.isoformat(), path.name), path,
                          None))
        except BundleError as exc:
            keyed.append((("", "", path.name), path, exc))
    return [(path, error) for _key, path, error in sorted(keyed, key=lambda k: k[0])]


def import_many(db: Database, paths: Iterable[Path | str],
                report: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Import every bundle among ``paths`` (files or folders) in a sensible order, each
    once; ``report`` hears of each as it is done."""
    outcomes = []
    for path, early in _order(db, bundle_files(paths)):
        outcome = _one(db, path, early)
        outcomes.append(outcome)
        if report is not None:
            report(outcome)
    return outcomes


def _one(db: Database, path: Path, early: BundleError | None) -> Outcome:
    try:
        if early is not None:  # refused at inspection: recorded as import would
            api.record_refusal(db, early.kind, str(early))
            raise early
        result = api.import_bundle(db, path)
    except BundleError as exc:
        if exc.kind in NOTHING_NEW:
            return Outcome(path, "nothing_new", str(exc))
        if exc.kind in NOT_OURS:
            return Outcome(path, "skipped", str(exc))
        return Outcome(path, "refused", str(exc))
    if result.received == 0:
        return Outcome(path, "nothing_new", f"{path.name} from {result.sender_name} holds "
                       "nothing new: nothing to do", result)
    conflicts = "1 conflict" if result.conflicts == 1 else f"{result.conflicts} conflicts"
    changes = "1 new change" if result.received == 1 else f"{result.received} new changes"
    left_out = api.two_versions_text(result)
    return Outcome(path, "imported", f"{path.name} from {result.sender_name}: {changes}, "
                   f"{conflicts}" + (f"; {left_out}" if left_out else ""), result)


# --- the age identity ---------------------------------------------------------------------


def export_age_identity(db: Database, path: Path | str, actor: str = "") -> Path:
    """Write the age identity that opens bundles addressed to this replica, readable by
    its owner only (0600), and audit it. The caller has checked the passphrase. An
    existing file is never overwritten."""
    path = Path(path)
    with db.write() as session:
        state = session.scalars(select(ReplicaState)).one()
        import pyrage

        identity = pyrage.x25519.Identity.from_str(state.age_identity)
        text = (f"# ClinicApp replica {state.name} ({state.replica_id})\n"
                f"# created: {utcnow().isoformat(timespec='seconds')}\n"
                f"# public key: {identity.to_public()}\n"
                f"{state.age_identity}\n")
        audit.record(session, "age_identity_exported",
                     f"age identity of this workstation written to {path.name}", actor)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise ValidationError("file", "file_exists", path=str(path)) from None
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.chmod(path, 0o600)  # whatever the umask
    return path
