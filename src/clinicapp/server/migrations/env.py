"""Alembic environment of the server's own tables: a history apart from the core chain,
recorded in ``server_alembic_version`` (the core one stays in ``alembic_version``)."""

from alembic import context

from clinicapp.server.models import ServerBase

VERSION_TABLE = "server_alembic_version"

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
    compare_type=True,
    # Only the server's tables: the core tables belong to the core history.
    include_name=lambda name, type_, _parent: type_ != "table" or name.startswith("server_"),
)
with context.begin_transaction():
    context.run_migrations()
