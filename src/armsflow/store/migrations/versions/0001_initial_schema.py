"""initial schema

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('publishers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('domain', sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('register_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('deals', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_key', sa.String(length=300), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('publisher_id', sa.Integer(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('body_offset', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=True),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.Column('original_id', sa.Integer(), nullable=True),
    sa.Column('echo_kind', sa.String(length=16), nullable=True),
    sa.Column('echo_score', sa.Float(), nullable=True),
    sa.Column('echo_reasons', sa.JSON(), nullable=True),
    sa.Column('signature', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['publisher_id'], ['publishers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_doc_key'), ['doc_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_original_id'), ['original_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('register_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=16), nullable=False),
    sa.Column('deal_id', sa.String(length=64), nullable=True),
    sa.Column('supplier_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('supplier', sa.String(length=64), nullable=True),
    sa.Column('recipient', sa.String(length=64), nullable=True),
    sa.Column('designation', sa.String(length=200), nullable=True),
    sa.Column('description', sa.String(length=200), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('order_year', sa.Integer(), nullable=True),
    sa.Column('number_ordered', sa.Integer(), nullable=True),
    sa.Column('number_delivered', sa.Integer(), nullable=True),
    sa.Column('delivery_years', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=64), nullable=True),
    sa.Column('comments', sa.Text(), nullable=True),
    sa.Column('tiv_unit', sa.Float(), nullable=True),
    sa.Column('tiv_total', sa.Float(), nullable=True),
    sa.Column('tiv_delivered', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['register_files.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('register_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_rows_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_rows_recipient'), ['recipient'], unique=False)
        batch_op.create_index(batch_op.f('ix_register_rows_supplier'), ['supplier'], unique=False)

    op.create_table('cited_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'text')
    )
    with op.batch_alter_table('cited_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cited_sources_document_id'), ['document_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('supplier', sa.String(length=64), nullable=True),
    sa.Column('recipient', sa.String(length=64), nullable=True),
    sa.Column('system', sa.String(length=200), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('hedged', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('mention', sa.Text(), nullable=True),
    sa.Column('headline', sa.Boolean(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.Column('review', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_claims_dyad', ['supplier', 'recipient'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_recipient'), ['recipient'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_supplier'), ['supplier'], unique=False)

    op.create_table('records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('supplier', sa.String(length=64), nullable=True),
    sa.Column('recipient', sa.String(length=64), nullable=True),
    sa.Column('system', sa.String(length=200), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('period_start', sa.Integer(), nullable=True),
    sa.Column('period_end', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('timeline', sa.JSON(), nullable=True),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.Column('last_seen', sa.Date(), nullable=True),
    sa.Column('quantity_min', sa.Integer(), nullable=True),
    sa.Column('quantity_max', sa.Integer(), nullable=True),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('hedged', sa.Integer(), nullable=False),
    sa.Column('unhedged', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('register_row_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['register_row_id'], ['register_rows.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_records_category'), ['category'], unique=False)
        batch_op.create_index('ix_records_dyad', ['supplier', 'recipient'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_recipient'), ['recipient'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_supplier'), ['supplier'], unique=False)

    op.create_table('edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edits_claim_id'), ['claim_id'], unique=False)

    op.create_table('record_claims',
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_id', 'claim_id')
    )
    with op.batch_alter_table('record_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_claims_claim_id'), ['claim_id'], unique=False)

    _full_text_index()


def _full_text_index() -> None:
    """Full-text search on document titles and text: FTS5 on SQLite (datasette finds documents_fts by its name),
    a GIN index on the English tsvector on PostgreSQL."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content=\"documents\", content_rowid=\"id\")")
        op.execute("CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
                   "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
        op.execute("CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
                   "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                   "VALUES ('delete', old.id, old.title, old.text); END")
        op.execute("CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN "
                   "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                   "VALUES ('delete', old.id, old.title, old.text); "
                   "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_documents_fts ON documents USING gin "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("documents_ai", "documents_ad", "documents_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    with op.batch_alter_table('record_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_claims_claim_id'))

    op.drop_table('record_claims')
    with op.batch_alter_table('edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edits_claim_id'))

    op.drop_table('edits')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_records_supplier'))
        batch_op.drop_index(batch_op.f('ix_records_source'))
        batch_op.drop_index(batch_op.f('ix_records_recipient'))
        batch_op.drop_index('ix_records_dyad')
        batch_op.drop_index(batch_op.f('ix_records_category'))

    op.drop_table('records')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_supplier'))
        batch_op.drop_index(batch_op.f('ix_claims_recipient'))
        batch_op.drop_index('ix_claims_dyad')
        batch_op.drop_index(batch_op.f('ix_claims_document_id'))
        batch_op.drop_index(batch_op.f('ix_claims_category'))

    op.drop_table('claims')
    with op.batch_alter_table('cited_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cited_sources_document_id'))

    op.drop_table('cited_sources')
    with op.batch_alter_table('register_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_rows_supplier'))
        batch_op.drop_index(batch_op.f('ix_register_rows_recipient'))
        batch_op.drop_index(batch_op.f('ix_register_rows_file_id'))

    op.drop_table('register_rows')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))
        batch_op.drop_index(batch_op.f('ix_documents_original_id'))
        batch_op.drop_index(batch_op.f('ix_documents_doc_key'))

    op.drop_table('documents')
    op.drop_table('register_files')
    op.drop_table('publishers')
    op.drop_table('meta')
    op.drop_table('entities')
