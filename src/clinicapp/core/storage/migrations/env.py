"""Alembic environment: ClinicApp always passes the connection in (never a URL)."""

from alembic import context

from clinicapp.core.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite ALTER TABLE goes through batch mode
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
