"""echo_keys: the echo detector's index on disk, so that an ingest no longer loads every stored signature

Revision ID: 0007
Revises: 0006

Each ingest used to rebuild the echo index in memory from the signature of every stored document: with 2 x 10^5
documents stored, 52 s and 3.9 GB before the first new document. ``echo_keys`` files each signature under its keys
(content hash, LSH bands, claim keys, actors and systems) with its publication date, and a new document's
candidates are read by index range scans on (key, published). The table starts empty: the next ingest files the
signatures already stored (engine/ingest.py, ``Store.index_echo_keys``) before its first document, once, and
records that it has in ``meta`` (key ``echo_index``), which this migration clears both ways so that the filing
is redone whenever the table is new.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('echo_keys',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('key', sa.BigInteger(), nullable=False),
                    sa.Column('document_id', sa.Integer(), nullable=False),
                    sa.Column('published', sa.Date(), nullable=True),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('echo_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_echo_keys_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_echo_keys_lookup', ['key', 'published', 'document_id'], unique=False)
    op.execute("DELETE FROM meta WHERE key = 'echo_index'")


def downgrade() -> None:
    with op.batch_alter_table('echo_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_echo_keys_lookup')
        batch_op.drop_index(batch_op.f('ix_echo_keys_document_id'))
    op.drop_table('echo_keys')
    op.execute("DELETE FROM meta WHERE key = 'echo_index'")
