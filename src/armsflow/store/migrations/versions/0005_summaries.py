"""summaries: analyses kept between requests, and the revision at which each actor's records last changed

Revision ID: 0005
Revises: 0004

A state page sums up every record of the state and of its rivals: about a second on a store of 10^6 claims, far too
slow to compute per request. ``summaries`` keeps such a result with its ``basis``, the highest revision in
``actor_revisions`` of the actors it depends on; every write of records raises the revision of the actors it
touched (``*`` for all), so a summary is used only while its basis is current. Both tables start empty: a summary
is computed on first use, or when fusion refreshes the states it touched.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actor_revisions',
                    sa.Column('code', sa.String(length=64), nullable=False),
                    sa.Column('revision', sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint('code'))
    op.create_table('summaries',
                    sa.Column('key', sa.String(length=200), nullable=False),
                    sa.Column('basis', sa.BigInteger(), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.Column('computed_at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('key'))


def downgrade() -> None:
    op.drop_table('summaries')
    op.drop_table('actor_revisions')
