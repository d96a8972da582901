"""server tables: staff session epoch, rate-limit counters, periodic jobs, pull windows

Revision ID: s002
Revises: s001
"""

import sqlalchemy as sa
from alembic import op

from clinicapp.core.models.base import UTCDateTime

revision = 's002'
down_revision = 's001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('server_staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0',
                                      nullable=False))
    with op.batch_alter_table('server_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pull_considered', sa.Text(), server_default='{}',
                                      nullable=False))
    with op.batch_alter_table('server_pulls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('considered', sa.Text(), server_default='{}',
                                      nullable=False))
    op.create_table('server_rate_limits',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('window_start', UTCDateTime(timezone=True), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_server_rate_limits'))
    )
    with op.batch_alter_table('server_rate_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_server_rate_limits_window_start'),
                              ['window_start'], unique=False)
    op.create_table('server_jobs',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('last_run_at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_server_jobs'))
    )


def downgrade() -> None:
    op.drop_table('server_jobs')
    with op.batch_alter_table('server_rate_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_server_rate_limits_window_start'))
    op.drop_table('server_rate_limits')
    with op.batch_alter_table('server_staff', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
    with op.batch_alter_table('server_pulls', schema=None) as batch_op:
        batch_op.drop_column('considered')
    with op.batch_alter_table('server_devices', schema=None) as batch_op:
        batch_op.drop_column('pull_considered')
