"""server tables: store the pull parts' and upload chunks' bytes uncompressed

Both hold age-encrypted bundles, which do not compress. PostgreSQL's TOAST still tried
(pglz, over the whole value: the bundle's text header gives it early matches, so it does
not give up after its first kilobyte), about 9 ms for each 0.5 MB pull part. ``EXTERNAL``
keeps the values out of line as before, without that attempt; a resumed download's
``substr`` then reads only the chunks it needs. Only PostgreSQL has the setting.

Revision ID: s003
Revises: s002
"""

from alembic import op

revision = 's003'
down_revision = 's002'
branch_labels = None
depends_on = None

COLUMNS = (("server_pulls", "data"), ("server_upload_chunks", "data"))


def _set(storage: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE {storage}")


def upgrade() -> None:
    _set("EXTERNAL")


def downgrade() -> None:
    _set("EXTENDED")
