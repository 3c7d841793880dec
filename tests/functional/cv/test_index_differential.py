"""The two engines side by side on generated CVs: the same recruiter searches give the same
totals, the same CVs in the same order, at the same distances (the contract suite checks each
rule on a few CVs; this checks them together, at a scale where ties and edges occur)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from espace.adapters.cv_opensearch import OpenSearchCvIndex
from espace.adapters.cv_sqlite import SqliteCvIndex
from tests.bench.cv_index import queries
from tests.cv_generator import documents

COUNT = 1500


@pytest.fixture(scope="module")
def engines(opensearch_url, tmp_path_factory):
    docs = documents(COUNT, seed="differential")
    sqlite = SqliteCvIndex(tmp_path_factory.mktemp("cv-differential") / "cvs.db")
    opensearch = OpenSearchCvIndex(opensearch_url, index_name=f"cvs-diff-{uuid.uuid4().hex[:8]}")
    for index in (sqlite, opensearch):
        index.put_many(docs)
    yield docs, sqlite, opensearch
    opensearch.drop()


def answer(index, query):
    result = index.search(query)
    return result.total, [(hit.cv_id, hit.distance_km) for hit in result.hits]


def test_same_answers_on_both_engines(engines):
    docs, sqlite, opensearch = engines
    assert sqlite.count() == opensearch.count() == COUNT
    mix = queries(docs, 140, seed=5)
    # The same searches, wider and narrower, and deeper pages.
    mix += [(kind, dataclasses.replace(q, distance_km=100, per_page=50)) for kind, q in mix[:35]]
    mix += [(kind, dataclasses.replace(q, rome_codes=(), page=2, per_page=7)) for kind, q in mix[:35]]
    found = 0
    for kind, query in mix:
        expected = answer(sqlite, query)
        assert answer(opensearch, query) == expected, (kind, query)
        found += bool(expected[0])
    assert found > len(mix) * 0.8  # the searches do find CVs: the comparison is not of empty lists


def test_removals_agree(engines):
    docs, sqlite, opensearch = engines
    user = docs[10].user_id
    assert sqlite.remove_user(user) == opensearch.remove_user(user) > 0
    for index in (sqlite, opensearch):
        index.remove(docs[20].cv_id)
    assert sqlite.count() == opensearch.count() < COUNT
    for kind, query in queries(docs, 21, seed=6):
        assert answer(opensearch, query) == answer(sqlite, query), (kind, query)
