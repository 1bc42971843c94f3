"""monitor_deliveries: the monitor's outbox, so that a killed monitor loses no alert and sends none twice

Revision ID: 0011
Revises: 0010

A new table (store/deliveries.py), empty; nothing else changes. Downgrading drops it (pending deliveries with it).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('monitor_deliveries',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('watch', sa.String(length=100), nullable=False),
                    sa.Column('claim_id', sa.Integer(), nullable=False),
                    sa.Column('channel', sa.Text(), nullable=False),
                    sa.Column('payload', sa.JSON(), nullable=False),
                    sa.Column('queued_at', sa.DateTime(), nullable=False),
                    sa.Column('delivered_at', sa.DateTime(), nullable=True),
                    sa.Column('attempts', sa.Integer(), nullable=False),
                    sa.Column('last_error', sa.Text(), nullable=True),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('watch', 'claim_id', 'channel', name='uq_monitor_deliveries_key'))
    op.create_index('ix_monitor_deliveries_pending', 'monitor_deliveries', ['channel', 'delivered_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_monitor_deliveries_pending', table_name='monitor_deliveries')
    op.drop_table('monitor_deliveries')
