"""A new row's changes carry the values the row really holds, defaults included, so a
replica that receives them builds the same row (not one with its own idea of a default)."""

from __future__ import annotations

import json

from sqlalchemy import select

from clinicapp.core.models import Change, Group


def test_a_new_row_logs_its_defaults(db):
    with db.write() as session:
        group = Group(name="Defaults travel")  # kind, division, description left unset
        session.add(group)
    with db.read() as session:
        logged = dict(session.execute(select(Change.field, Change.value).where(
            Change.tbl == "groups", Change.row_id == group.id)).all())
    assert json.loads(logged["kind"]) == "small_group"
    assert json.loads(logged["division"]) == ""
    assert json.loads(logged["created_at"]) is not None
