"""web: indexes for the document and overview pages on large stores

Revision ID: 0004
Revises: 0003

Measured on a store of 10^6 claims (bench/web_latency.py, SQLite):

* ``ix_documents_echoes``: a document page lists the document's echoes (``WHERE original_id = ? ORDER BY
  published, id``). Almost every document is an original, so ``original_id`` is NULL in nearly all rows; SQLite's
  statistics then rate the plain ``ix_documents_original_id`` as useless (200,000 rows, "100,000 per value") and it
  scans the whole table in ``published`` order instead: 450-600 ms per page. A partial index over the echoes only
  (``original_id IS NOT NULL``, which ``original_id = ?`` implies) is small, rated exact, and already in the
  page's order: under 1 ms. SQLite only: PostgreSQL keeps the fraction of NULLs in its statistics and already uses
  ``ix_documents_original_id`` for this query, so there the index would be used by no query.
* ``ix_records_dyad_period``: the overview's new entrants take each pair's first year (``GROUP BY supplier,
  recipient`` over ``period_start``, ``period_end``, ``first_seen``). With every column in the index the query
  reads the index alone, in group order, never the records: 930 ms -> 95 ms on 660,000 records. SQLite only too:
  PostgreSQL answers this with a hash aggregate over the table, which an index does not speed up (and its planner
  did not pick the index in tests/store/test_migration_0004.py).

Both are plain indexes on SQLite; on PostgreSQL this revision changes nothing. The downgrade drops them.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

ECHOES_ONLY = sa.text("original_id IS NOT NULL")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index('ix_documents_echoes', 'documents', ['original_id', 'published', 'id'], unique=False,
                    sqlite_where=ECHOES_ONLY)
    op.create_index('ix_records_dyad_period', 'records',
                    ['supplier', 'recipient', 'period_start', 'period_end', 'first_seen'], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index('ix_records_dyad_period', table_name='records')
    op.drop_index('ix_documents_echoes', table_name='documents')
