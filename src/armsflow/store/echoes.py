"""Reading echo links and source clusters, for every view that shows them (store/queries.py, browse.py,
documents_view.py, watches.py): one definition of "the document this one repeats" and of "its source".

- ``source_of``: the document's source cluster (``documents.cluster_id``; a document stored without one is its own).
  Independent sources are counted by it.
- ``strongest_link``: of the documents this one repeats (``echo_links``), the one with the strongest link: the
  ``original_id``, ``echo_kind`` and ``echo_score`` the listings show. A document that repeats nothing has none,
  even when it belongs to a cluster (it is then an original that others repeat).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from armsflow.store.schema import DocumentRow, EchoLink


def source_of(documents=DocumentRow):
    """SQL expression: the source cluster of a row of ``documents`` (the table or an alias of it)."""
    return func.coalesce(documents.cluster_id, documents.id)


def strongest_link(documents=DocumentRow):
    """(original_id, kind, score) of the strongest link of a row of ``documents``, as correlated scalar
    subqueries (NULL when it repeats nothing)."""
    link = aliased(EchoLink)          # its own alias: the outer query may join echo_links too

    def pick(column):
        return (select(column).where(link.document_id == documents.id)
                .order_by(link.score.desc().nulls_last(), link.id).limit(1).correlate_except(link)
                .scalar_subquery())
    return pick(link.echo_of_id), pick(link.kind), pick(link.score)


def is_echo(documents=DocumentRow):
    """SQL condition: the row of ``documents`` repeats another document."""
    link = aliased(EchoLink)
    return select(link.id).where(link.document_id == documents.id).correlate_except(link).exists()


def links_of(s: Session, ids) -> dict[int, list[dict]]:
    """{document id: the documents it repeats, strongest first, as {id, doc, kind, score, reasons}} for ``ids``."""
    ids = sorted(set(ids))
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        q = select(EchoLink, DocumentRow.doc_key).join(DocumentRow, DocumentRow.id == EchoLink.echo_of_id) \
            .where(EchoLink.document_id.in_(ids[i:i + 500])) \
            .order_by(EchoLink.document_id, EchoLink.score.desc().nulls_last(), EchoLink.id)
        for link, key in s.execute(q):
            out[link.document_id].append({"id": link.echo_of_id, "doc": key, "kind": link.kind,
                                          "score": link.score, "reasons": list(link.reasons or [])})
    return out
