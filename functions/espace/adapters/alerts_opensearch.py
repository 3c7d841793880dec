"""The alert matching port on OpenSearch (AWS profile): the percolator.

One index holds one document per subscription: its groups of terms
(espace.alertes.matching.subscription_groups) as a ``percolator`` query made of term filters
only (a bool of filters, one ``terms`` clause per group over the ``terms`` keyword field),
its frequency and user id as keywords, and its SearchQuery as JSON (an object that is
stored, never indexed). Matching percolates the new offers in batches (each offer as a
document of its terms, espace.alertes.matching.offer_terms), keeps the subscriptions of
the frequency, maps each hit back to its offers with ``_percolator_document_slot``, then
runs exact_match in Python on those candidates: distances, keyword phrases and filters are
checked there, so the index never needs geo or text analysis.

The mapping carries a version in ``_meta``, as the offer index does: an index of another
layout is deleted and created again, and the saved searches are then put again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from espace.adapters.offers_opensearch import SearchEngineError, VersionedIndex
from espace.alertes.matching import Matcher, compile_query, offer_stems, offer_terms, subscription_groups
from espace.alertes.model import Subscription, query_from_json, query_to_json
from espace.offers.model import Offer

MAPPING_VERSION = 2  # 2: the larger result window (one page of hits per batch)
MAPPING = {
    "_meta": {"version": MAPPING_VERSION},
    "dynamic": "strict",
    "properties": {
        "query": {"type": "percolator"},
        "terms": {"type": "keyword"},  # what the percolated offers carry
        "id": {"type": "keyword"},
        "user_id": {"type": "keyword"},
        "frequency": {"type": "keyword"},
        "search": {"type": "object", "enabled": False},  # the SearchQuery's JSON, kept as is
    },
}
PERCOLATE_BATCH = 1000  # offers per percolate request: 20k x 1k took 3.6 s by 250, 2.3 s by 1,000
# Subscriptions per page of hits (search_after on the id): every page runs the percolation again, so
# one page should hold a whole batch's hits; the index's max_result_window is raised to it.
# (100k x 5k: 96 s with pages of 5,000, 57 s with one page per batch.)
PAGE = 50_000
BULK_CHUNK = 500


def percolator_query(groups: list[list[str]]) -> dict[str, Any]:
    if not groups:
        return {"match_all": {}}  # filters only: every offer is a candidate
    return {"bool": {"filter": [{"terms": {"terms": group}} if group else {"match_none": {}}
                                for group in groups]}}


class OpenSearchAlertMatcher(VersionedIndex):
    """``AlertMatcher`` on an OpenSearch index (created with its mapping when absent; an index of
    another layout is emptied, and the saved searches must be put again).

    url_or_client: "http://127.0.0.1:9200" or a ready ``opensearchpy.OpenSearch`` (SigV4 in AWS).
    """

    MAPPING = MAPPING
    MAPPING_VERSION = MAPPING_VERSION
    MAX_RESULT_WINDOW = PAGE

    def __init__(self, url_or_client: Any, index_name: str = "alertes", replicas: int = 0):
        super().__init__(url_or_client, index_name, replicas, timeout=60)

    def _refresh(self) -> None:
        with self._translated("refresh"):
            self.client.indices.refresh(index=self.index)

    # --- writing ------------------------------------------------------------------------
    def put(self, subscriptions: Iterable[Subscription]) -> None:
        actions = ({"_op_type": "index", "_index": self.index, "_id": s.id,
                    "_source": {"query": percolator_query(subscription_groups(s.query)), "id": s.id,
                                "user_id": s.user_id, "frequency": s.frequency, "search": query_to_json(s.query)}}
                   for s in subscriptions)
        with self._translated("bulk put"):
            self._helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK, max_chunk_bytes=10 * 1024 * 1024)
        self._refresh()

    def remove(self, ids: Iterable[str]) -> None:
        actions = ({"_op_type": "delete", "_index": self.index, "_id": i} for i in ids)
        with self._translated("bulk remove"):
            for _ok, item in self._helpers.streaming_bulk(self.client, actions, chunk_size=BULK_CHUNK,
                                                          raise_on_error=False):
                result = item.get("delete", {})
                if result.get("result") != "deleted" and result.get("status") != 404:
                    raise SearchEngineError(f"OpenSearch could not remove {result.get('_id')}: {result}")
        self._refresh()

    def remove_user(self, user_id: str) -> None:
        """The user's ids by a search (a few dozen at most), then a bulk delete: _delete_by_query
        needs the reindex module, which the test node does not ship."""
        body = {"query": {"term": {"user_id": user_id}}, "_source": False, "size": 1000}
        while True:
            with self._translated("search by user"):
                hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
            if not hits:
                return
            self.remove(hit["_id"] for hit in hits)

    def clear(self) -> None:
        """The index dropped and created again (no _delete_by_query: it needs the reindex module)."""
        self.drop()
        self._ensure_index()

    def count(self) -> int:
        with self._translated("count"):
            return int(self.client.count(index=self.index)["count"])

    # --- matching -------------------------------------------------------------------------
    def match(self, offers: Sequence[Offer], frequency: str) -> dict[str, list[str]]:
        stems = [offer_stems(offer) for offer in offers]
        found: dict[str, set[int]] = {}
        compiled: dict[str, Matcher] = {}  # a subscription comes back in every batch: decoded once
        for start in range(0, len(offers), PERCOLATE_BATCH):
            documents = [{"terms": sorted(offer_terms(offer, stems[start + slot]))}
                         for slot, offer in enumerate(offers[start:start + PERCOLATE_BATCH])]
            for hit in self._percolate(documents, frequency):
                subscription_id = hit["_source"]["id"]
                matches = compiled.get(subscription_id)
                if matches is None:
                    matches = compiled[subscription_id] = compile_query(query_from_json(hit["_source"]["search"]))
                for slot in hit["fields"]["_percolator_document_slot"]:
                    number = start + slot
                    if matches(offers[number], stems[number]):
                        found.setdefault(subscription_id, set()).add(number)
        return {subscription_id: [offers[n].id for n in sorted(numbers)] for subscription_id, numbers in found.items()}

    def _percolate(self, documents: list[dict], frequency: str) -> Iterator[dict]:
        body: dict[str, Any] = {
            "query": {"bool": {"filter": [{"percolate": {"field": "query", "documents": documents}},
                                          {"term": {"frequency": frequency}}]}},
            "_source": ["id", "search"], "size": PAGE, "sort": [{"id": "asc"}],
        }
        while True:
            with self._translated("percolate"):
                hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
            yield from hits
            if len(hits) < PAGE:
                return
            body["search_after"] = hits[-1]["sort"]
