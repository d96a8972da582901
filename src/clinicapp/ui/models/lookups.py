"""Names beside ids: list rows carry member ids; tables show names.

Runs inside the background fetch of a page, so a page of rows costs one small lookup per
distinct member, never a query per painted cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from clinicapp.core.errors import NotFoundError
from clinicapp.core.services._common import Page
from clinicapp.core.storage.db import Database

T = TypeVar("T")


def member_names(db: Database, ids: Iterable[str | None]) -> dict[str, str]:
    """Full names of these members (deleted ones are left out)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    from clinicapp.core.services import members

    names: dict[str, str] = {}
    for member_id in wanted:
        try:
            names[member_id] = members.get(db, member_id).full_name
        except NotFoundError:
            continue
    return names


def with_member_names(db: Database, page: Page[T],
                      member_id: Callable[[T], str | None]) -> Page[tuple[T, str]]:
    """The same page, each row paired with its member's name ("" when none)."""
    names = member_names(db, (member_id(row) for row in page.items))
    rows = [(row, names.get(member_id(row) or "", "")) for row in page.items]
    return Page(items=rows, offset=page.offset, total=page.total)
