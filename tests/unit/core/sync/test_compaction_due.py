"""After an import, compaction runs when it is due: the first time, a day after the last
time (or when the clock was set back before it), or once a backlog of changes has come
in; not after every small bundle a background sync brings (it reads the whole log, inside
a write that typing waits for). ``compact`` runs at once, whenever asked."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from clinicapp.core.models import Change, LocalSetting
from clinicapp.core.services import groups
from clinicapp.core.sync import api, compaction
from clinicapp.core.sync.authorship import STUB
from tests.unit.core.sync.helpers import send, trust_all


def stubs(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Change)
                              .where(Change.value.like(STUB + "%"))) or 0


def last_compacted(db, when: datetime) -> None:  # type: ignore[no-untyped-def]
    """What the workstation recorded after compacting at ``when``."""
    with db.write() as session:
        row = session.get(LocalSetting, compaction.DUE_KEY)
        assert row is not None
        row.value = json.dumps({"last_at": when.isoformat(), "since": 0})


def edits(db, group_id: str, word: str) -> None:  # type: ignore[no-untyped-def]
    for n in range(4):  # each supersedes the one before
        groups.update(db, group_id, description=f"{word} {n}")


def test_compaction_after_imports_runs_when_due(make_db, tmp_path) -> None:
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    hub = groups.create(clinic, "Riverside")
    edits(clinic, hub.id, "first")
    send(clinic, office, tmp_path)
    send(office, clinic, tmp_path)  # the office holds them all; never compacted: due
    first = stubs(clinic)
    assert first >= 3
    edits(clinic, hub.id, "second")
    send(clinic, office, tmp_path)
    groups.update(office, hub.id, name="Riverside hub")
    send(office, clinic, tmp_path)  # within the day: the second round's values stay
    assert stubs(clinic) == first
    last_compacted(clinic, datetime.now(UTC) - timedelta(hours=25))
    groups.update(office, hub.id, name="Riverside CoP")
    send(office, clinic, tmp_path)  # a day since: due
    second = stubs(clinic)
    assert second >= first + 3
    edits(clinic, hub.id, "third")
    send(clinic, office, tmp_path)
    last_compacted(clinic, datetime.now(UTC) + timedelta(days=30))  # a clock set back
    groups.update(office, hub.id, name="Riverside hub")
    send(office, clinic, tmp_path)  # a "last time" in the future never holds it off
    assert stubs(clinic) >= second + 3
    edits(clinic, hub.id, "fourth")
    send(clinic, office, tmp_path)
    groups.update(office, hub.id, name="Riverside CoP")
    send(office, clinic, tmp_path, auto_compact=False)  # the office's receipt only
    assert api.compact(clinic).pruned >= 3  # asked for: at once


def test_a_backlog_of_changes_makes_it_due_within_the_day(make_db, tmp_path,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(compaction, "DUE_AFTER", 6)  # 10,000 in use
    clinic, office = make_db("clinic"), make_db("office")
    trust_all(clinic, office)
    hub = groups.create(clinic, "Riverside")
    send(clinic, office, tmp_path)
    send(office, clinic, tmp_path)  # the first compaction (nothing to prune yet)
    edits(clinic, hub.id, "first")
    send(clinic, office, tmp_path)
    before = stubs(clinic)
    for name in ("Riverside hub", "Riverside CoP"):  # 3 changes, then 2: 5 < 6
        groups.update(office, hub.id, name=name, region="North")
        send(office, clinic, tmp_path)
    assert stubs(clinic) == before
    groups.update(office, hub.id, name="Riverside", region="South")
    send(office, clinic, tmp_path)  # 7 since: due
    assert stubs(clinic) >= before + 3
