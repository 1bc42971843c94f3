"""claims.rules and claims.confidence: which grammar rules read a claim, and how likely it is right

Revision ID: 0008
Revises: 0007

Extractor 0.2.0 names the rules of its grammar (extract/rules.yaml) and says, for each claim, which of them gave
its parties, and a confidence from 0 to 1 (extract/confidence.py). Claims stored before have neither: both columns
are NULL until the document is extracted again (an ingest of it re-extracts what an older extractor read).
Downgrading drops the two columns and nothing else.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('claims', sa.Column('rules', sa.Text(), nullable=True))
    op.add_column('claims', sa.Column('confidence', sa.Float(), nullable=True))


def downgrade() -> None:
    # not a batch copy: dropping the old claims table would cascade to edits and record_claims (SQLite >= 3.35 and
    # PostgreSQL drop a column in place)
    op.execute("ALTER TABLE claims DROP COLUMN confidence")
    op.execute("ALTER TABLE claims DROP COLUMN rules")
