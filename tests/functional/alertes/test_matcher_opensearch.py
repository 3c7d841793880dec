"""What only the percolator engine has: its versioned mapping, and paging through many hits."""

from __future__ import annotations

import uuid

import pytest

from espace.alertes.model import Subscription
from espace.offers.model import SearchQuery
from tests.functional.offers.test_index_contract import offer


@pytest.fixture
def name():
    return f"alertes-os-{uuid.uuid4().hex[:8]}"


def test_an_index_of_another_mapping_version_is_created_again(opensearch_url, name):
    from opensearchpy import OpenSearch

    from espace.adapters import alerts_opensearch

    client = OpenSearch(hosts=[opensearch_url])
    client.indices.create(index=name, body={"mappings": {"_meta": {"version": 0},
                                                         "properties": {"old": {"type": "keyword"}}}})
    client.index(index=name, body={"old": "x"}, refresh=True)
    matcher = alerts_opensearch.OpenSearchAlertMatcher(opensearch_url, index_name=name)
    try:
        assert matcher.count() == 0
        mapping = client.indices.get_mapping(index=name)[name]["mappings"]
        assert mapping["_meta"]["version"] == alerts_opensearch.MAPPING_VERSION
        assert mapping["properties"]["query"]["type"] == "percolator"
    finally:
        matcher.drop()


def test_hits_are_paged_and_batches_mapped_back_to_their_offers(opensearch_url, name, monkeypatch):
    from espace.adapters import alerts_opensearch

    monkeypatch.setattr(alerts_opensearch, "PAGE", 3)  # several pages of subscriptions per batch
    monkeypatch.setattr(alerts_opensearch, "PERCOLATE_BATCH", 2)  # several batches of offers
    matcher = alerts_opensearch.OpenSearchAlertMatcher(opensearch_url, index_name=name)
    try:
        matcher.put([Subscription(f"u{n}:s", f"u{n}", "daily", SearchQuery(rome_codes=("F1703",)))
                     for n in range(10)])
        offers = [offer("1", "Maçon"), offer("2", "Plombier", rome="F1603"), offer("3", "Maçon"),
                  offer("4", "Maçon"), offer("5", "Plombier", rome="F1603")]
        assert matcher.match(offers, "daily") == {f"u{n}:s": ["1", "3", "4"] for n in range(10)}
    finally:
        matcher.drop()
