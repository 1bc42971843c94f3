"""Property-based tests of the REST API from its own OpenAPI spec (schemathesis): whatever a client sends that the
spec allows (and much that it does not), the server answers without a 5xx.

Requests go to the real app over a real store (a private copy per test); GET operations run anonymously, POST
operations with a valid Bearer token, so generated bodies reach the ingest and the review code, not only the 401.
Examples are bounded so the whole file runs in well under a minute.
"""
from __future__ import annotations

import sqlite3

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from websupport import USER, make_app

GET_EXAMPLES = 25
POST_EXAMPLES = 8
# no Phase.explicit: the coverage phase adds hundreds of boundary cases per operation, too slow for the 60 s budget
PHASES = [Phase.generate, Phase.target]


@pytest.fixture
def api_store(built_store, tmp_path):
    """A private copy of the built store (SQLite backup: the WAL holds what a plain file copy would miss)."""
    from armsflow.store import open_store

    path = tmp_path / "store.db"
    src, dst = sqlite3.connect(built_store), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    store = open_store(f"sqlite:///{path}")
    yield store
    store.engine.dispose()


@pytest.fixture
def api_app(api_store):
    return make_app(api_store)


@pytest.fixture
def api_token(api_store):
    from armsflow.store.users import issue_token

    return issue_token(api_store, USER, "schemathesis")


# The spec does not depend on the store, so it is read at collection time from an app without one; each generated
# request is then sent to ``api_app``, the app over the test's own store (``app=`` of call_and_validate).
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", make_app(None))


@schema.include(method="GET").parametrize()
@settings(max_examples=GET_EXAMPLES, deadline=None, phases=PHASES, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_get_operations_never_answer_5xx(case, api_app):
    case.call_and_validate(app=api_app, checks=[not_a_server_error])


@schema.include(method="POST").parametrize()
@settings(max_examples=POST_EXAMPLES, deadline=None, phases=PHASES, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_post_operations_with_a_token_never_answer_5xx(case, api_app, api_token):
    case.call_and_validate(app=api_app, headers={"Authorization": f"Bearer {api_token}"},
                           checks=[not_a_server_error])


def test_spec_lists_every_endpoint(api_store):
    """The spec the tests above walk really holds the API: a missing route would be missed silently."""
    spec = make_app(api_store).openapi()
    paths = set(spec["paths"])
    for path in ("/api/v1/records", "/api/v1/records/{record_id}", "/api/v1/claims", "/api/v1/claims/{claim_id}",
                 "/api/v1/documents", "/api/v1/documents/{document_id}", "/api/v1/states", "/api/v1/states/{state}",
                 "/api/v1/analyses/{name}", "/api/v1/export.{fmt}", "/api/v1/search",
                 "/api/v1/claims/{claim_id}/accept"):
        assert path in paths, path
    assert "post" in spec["paths"]["/api/v1/documents"]
