"""echo_links and documents.cluster_id: many-to-many echo links, and the source cluster they make

Revision ID: 0009
Revises: 0008

A document used to hold one link, ``original_id`` (with ``echo_kind``, ``echo_score``, ``echo_reasons``): a copy of
two wires kept one of them, a later match replaced the stored link, and source counting followed that one link, so
each step of a chain counted as a new source. Now every link is a row of ``echo_links`` (document, echo_of, kind,
score, reasons), never replaced, and ``cluster_id`` names the document's source cluster (union-find over the links,
fuse/clusters.py): records count clusters.

Upgrade: each stored link becomes a row of ``echo_links`` with its kind, score and reasons; ``original_id`` is
renamed ``cluster_id`` (so its foreign key stays, and SQLite need not copy the table, which would cascade to the
claims) and set to each document's cluster; the three ``echo_*`` columns are dropped once copied. The echo index is
marked for filing again (its keys now include rare phrases, and older signatures are completed from their text).
Downgrade: ``original_id`` is each document's strongest link (one per document, as the old schema holds), the
other links are dropped with the table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from armsflow.fuse.clusters import clusters

    bind = op.get_bind()
    op.create_table('echo_links',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('document_id', sa.Integer(), nullable=False),
                    sa.Column('echo_of_id', sa.Integer(), nullable=False),
                    sa.Column('kind', sa.String(length=16), nullable=False),
                    sa.Column('score', sa.Float(), nullable=True),
                    sa.Column('reasons', sa.JSON(), nullable=True),
                    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['echo_of_id'], ['documents.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('document_id', 'echo_of_id'))
    op.create_index('ix_echo_links_echo_of_id', 'echo_links', ['echo_of_id'], unique=False)
    op.execute("INSERT INTO echo_links (document_id, echo_of_id, kind, score, reasons) "
               "SELECT id, original_id, COALESCE(echo_kind, 'echo'), echo_score, echo_reasons FROM documents "
               "WHERE original_id IS NOT NULL AND original_id <> id")
    if bind.dialect.name == "sqlite":
        op.drop_index('ix_documents_echoes', table_name='documents')
    op.drop_index('ix_documents_original_id', table_name='documents')
    op.execute("ALTER TABLE documents RENAME COLUMN original_id TO cluster_id")
    for column in ('echo_reasons', 'echo_score', 'echo_kind'):
        op.execute(f"ALTER TABLE documents DROP COLUMN {column}")
    op.create_index('ix_documents_cluster_id', 'documents', ['cluster_id'], unique=False)
    # the clusters: documents in a linked cluster get its representative, every other document itself
    links = bind.execute(sa.text("SELECT document_id, echo_of_id FROM echo_links")).all()
    linked = {d for pair in links for d in pair}
    published = {}
    ids = sorted(linked)
    for i in range(0, len(ids), 500):
        published.update(bind.execute(sa.text("SELECT id, published FROM documents WHERE id IN :ids")
                                      .bindparams(sa.bindparam("ids", expanding=True)),
                                      {"ids": ids[i:i + 500]}).all())
    published = {d: _date(p) for d, p in published.items()}
    rep = clusters([(a, b) for a, b in links], published)
    op.execute("UPDATE documents SET cluster_id = id")
    changed = [{"d": d, "r": r} for d, r in rep.items() if d != r]
    if changed:
        bind.execute(sa.text("UPDATE documents SET cluster_id = :r WHERE id = :d"), changed)
    op.execute("DELETE FROM meta WHERE key = 'echo_index'")


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index('ix_documents_cluster_id', table_name='documents')
    op.execute("ALTER TABLE documents RENAME COLUMN cluster_id TO original_id")
    op.add_column('documents', sa.Column('echo_kind', sa.String(length=16), nullable=True))
    op.add_column('documents', sa.Column('echo_score', sa.Float(), nullable=True))
    op.add_column('documents', sa.Column('echo_reasons', sa.JSON(), nullable=True))
    op.execute("UPDATE documents SET original_id = NULL")
    rows = bind.execute(sa.text("SELECT document_id, echo_of_id, kind, score, reasons FROM echo_links "
                                "ORDER BY document_id, score DESC, id")).all()
    strongest = {}
    for d, o, kind, score, reasons in rows:
        strongest.setdefault(d, {"d": d, "o": o, "k": kind, "s": score, "r": reasons})
    if strongest:
        bind.execute(sa.text("UPDATE documents SET original_id = :o, echo_kind = :k, echo_score = :s, "
                             "echo_reasons = :r WHERE id = :d"),
                     [{**v, "r": v["r"] if isinstance(v["r"], str) or v["r"] is None else _json(v["r"])}
                      for v in strongest.values()])
    op.create_index('ix_documents_original_id', 'documents', ['original_id'], unique=False)
    if bind.dialect.name == "sqlite":
        op.create_index('ix_documents_echoes', 'documents', ['original_id', 'published', 'id'], unique=False,
                        sqlite_where=sa.text("original_id IS NOT NULL"))
    op.drop_index('ix_echo_links_echo_of_id', table_name='echo_links')
    op.drop_table('echo_links')
    op.execute("DELETE FROM meta WHERE key = 'echo_index'")


def _date(value):
    import datetime as dt

    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _json(value) -> str:
    import json

    return json.dumps(value)
