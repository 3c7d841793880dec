"""The alert matcher on both engines: SQLite (embedded) and the percolator of a real OpenSearch node."""

from __future__ import annotations

import uuid

import pytest

ENGINES = ["sqlite", "opensearch"]


def make_matcher(engine: str, request, folder):
    if engine == "sqlite":
        from espace.adapters.alerts_sqlite import SqliteAlertMatcher

        return SqliteAlertMatcher(folder / "alerts.db")
    from espace.adapters.alerts_opensearch import OpenSearchAlertMatcher

    return OpenSearchAlertMatcher(request.getfixturevalue("opensearch_url"),
                                  index_name=f"alertes-test-{uuid.uuid4().hex[:8]}")


@pytest.fixture(params=ENGINES)
def matcher(request, tmp_path):
    engine = make_matcher(request.param, request, tmp_path)
    yield engine
    if hasattr(engine, "drop"):
        engine.drop()
