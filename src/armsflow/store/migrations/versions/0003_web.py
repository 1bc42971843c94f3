"""web: users and API tokens, analysts' grouping pins on claims, full-text search over documents and claims

Revision ID: 0003
Revises: 0002

Search uses no stemming and no stop words on either engine: FTS5's ``unicode61`` tokenizer on SQLite, the
``simple`` text-search configuration on PostgreSQL. ``english`` would stem ("deliveries" finds "delivered") but
SQLite has no matching tokenizer, so the two engines would answer the same query differently; it also mangles
designations and names ("Harop", "Akinci") and drops short words that matter here ("US"). Trailing ``*`` prefix
queries give back most of what stemming finds. PostgreSQL's parser reads ``MiG-29`` or ``rosoboronexport.ru`` as
single tokens where FTS5 splits them, so the indexed text has its ASCII punctuation turned into spaces first
(``translate``); both engines then see the same words. PostgreSQL indexes the first 250,000 characters of a text
only: a tsvector must stay under 1 MB, and a larger one makes the INSERT fail, which would refuse a long PDF report
(0001's index had this flaw). The expressions here must stay the ones ``armsflow.store.search`` queries, or
PostgreSQL will not use the indexes. The ``english`` index of 0001 was used by no query and is dropped.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _vector(text: str) -> str:
    punct = PUNCT.replace("'", "''")
    return f"to_tsvector('simple', translate(left({text}, 250000), '{punct}', '{' ' * len(PUNCT)}'))"


DOCUMENTS_VECTOR = _vector("coalesce(title, '') || ' ' || text")
CLAIMS_VECTOR = _vector("evidence || ' ' || coalesce(system, '') || ' ' || coalesce(mention, '')")


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_api_tokens_user_id', 'api_tokens', ['user_id'], unique=False)
    # plain ALTER TABLE, not a batch copy: copying claims on SQLite would lose the triggers made below
    op.add_column('claims', sa.Column('pin', sa.String(length=64), nullable=True))
    op.create_index('ix_claims_pin', 'claims', ['pin'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # documents_fts and its triggers exist since 0001; claims get the same kind of external-content table
        op.execute('CREATE VIRTUAL TABLE claims_fts USING fts5(evidence, system, mention, '
                   'content="claims", content_rowid="id")')
        op.execute("CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
                   "INSERT INTO claims_fts(rowid, evidence, system, mention) "
                   "VALUES (new.id, new.evidence, new.system, new.mention); END")
        op.execute("CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
                   "INSERT INTO claims_fts(claims_fts, rowid, evidence, system, mention) "
                   "VALUES ('delete', old.id, old.evidence, old.system, old.mention); END")
        op.execute("CREATE TRIGGER claims_au AFTER UPDATE OF evidence, system, mention ON claims BEGIN "
                   "INSERT INTO claims_fts(claims_fts, rowid, evidence, system, mention) "
                   "VALUES ('delete', old.id, old.evidence, old.system, old.mention); "
                   "INSERT INTO claims_fts(rowid, evidence, system, mention) "
                   "VALUES (new.id, new.evidence, new.system, new.mention); END")
        op.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")     # the claims stored before 0003
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
        op.execute(f"CREATE INDEX ix_documents_search ON documents USING gin ({DOCUMENTS_VECTOR})")
        op.execute(f"CREATE INDEX ix_claims_search ON claims USING gin ({CLAIMS_VECTOR})")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("claims_ai", "claims_ad", "claims_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_search")
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
        op.execute("CREATE INDEX ix_documents_fts ON documents USING gin "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")
    op.drop_index('ix_claims_pin', table_name='claims')
    # not a batch copy either: dropping the old claims table would cascade to edits and record_claims
    op.execute("ALTER TABLE claims DROP COLUMN pin")
    op.drop_index('ix_api_tokens_user_id', table_name='api_tokens')
    op.drop_table('api_tokens')
    op.drop_table('users')
