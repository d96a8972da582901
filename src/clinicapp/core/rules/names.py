"""Names as people read them: 'Émilie' sorts with 'Elena' and 'emilie', not after 'Xin'.

SQLite compares text byte by byte, so an accented capital (É is U+00C9) sorted after
every unaccented name and 'de la Cruz' after 'Zhou'. ``fold`` is the case- and accent-
insensitive form of a text (search matches on it too); the desktop's connections carry it
as the SQL function ``clinicapp_fold`` (``core.storage.db``), and ``by_name`` orders a
query by it, then by the exact text, so equal folds keep one stable order.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import func

FOLD_FUNCTION = "clinicapp_fold"

# The Unicode blocks of combining diacritical marks: stripping them after NFKD turns
# "É" into "E". One regex pass is far faster than testing every character.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                        "\ufe20-\ufe2f]")


def fold(value: str | None) -> str:
    """Case- and accent-insensitive form: 'Émilie' and 'emilie' fold alike."""
    if not value:
        return ""
    if value.isascii():  # nothing to strip
        return value.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", value)).casefold()


def install(dbapi_connection: Any) -> None:
    """Give a SQLite connection the ``clinicapp_fold`` function (once, when it opens)."""
    dbapi_connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def by_name(column: Any, dialect: str) -> tuple[Any, Any]:
    """ORDER BY terms for a name column: folded, then exact. On PostgreSQL (the server,
    which lists no one by name) its lower case, as before."""
    if dialect == "sqlite":
        return getattr(func, FOLD_FUNCTION)(column), column
    return func.lower(column), column
