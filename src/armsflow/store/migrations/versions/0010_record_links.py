"""record_links: which register deal a news record reports, so that a deal the news and the register both hold counts
once

Revision ID: 0010
Revises: 0009

A table of (news record, register record, reason) rows, derived from the records (fuse/register_link.py). It starts
empty; the upgrade marks every pair of a store that holds news records unfused, so the next fusion (an ingest, a review, an import of a
register export) writes the links. It touches nothing 0009 (echo links) made; it follows it so that the history
stays one line. Downgrading drops the table and nothing else.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_links',
                    sa.Column('news_id', sa.Integer(), nullable=False),
                    sa.Column('register_id', sa.Integer(), nullable=False),
                    sa.Column('reason', sa.Text(), nullable=False),
                    sa.ForeignKeyConstraint(['news_id'], ['records.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['register_id'], ['records.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('news_id', 'register_id'))
    op.create_index('ix_record_links_register_id', 'record_links', ['register_id'], unique=False)
    # the next fusion links every stored news record (the "unfused" mark of every pair, store/repo.py)
    op.execute("DELETE FROM meta WHERE key = 'unfused'")
    op.execute("INSERT INTO meta (key, value) SELECT 'unfused', 'record_links' "
               "WHERE EXISTS (SELECT 1 FROM records WHERE source = 'news')")


def downgrade() -> None:
    op.drop_index('ix_record_links_register_id', table_name='record_links')
    op.drop_table('record_links')
