"""The offer search port on OpenSearch (the AWS profile), with opensearch-py.

The mapping and the query DSL live in espace.adapters.offers_opensearch_query; this module
talks to the cluster: it creates the index when absent, writes in bulk, and turns
a search response into the port's SearchResult.

One search request answers a page: hits (sorted and paged by OpenSearch, each
_score being the contract's relevance, computed even when sorting by a field with
`track_scores`), the totals per group (a `filter` aggregation on the exact group)
and the facets (`terms` aggregations). distance_km is computed here with the
contract's haversine rather than asked from the engine.

Writes refresh the index before returning, so a search right after upsert() or
delete() sees them (the contract tests and the importer's "then search" both rely
on it); one refresh per call, not per document, keeps a bulk import fast.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from espace.adapters import offers_opensearch_query as dsl
from espace.offers.model import EXACT_RELEVANCE, MAX_LIMIT, Hit, Offer, SearchQuery, SearchResult, has_occupation
from espace.places import haversine_km  # the contract's formula, one definition
from espace.ports import StoreError

PAGE = 1000  # offers per published_between request (each carries its v2 JSON)
BULK_CHUNK = 500  # offers carry their v2 JSON (a few KB each): ~2-5 MB per request


class SearchEngineError(StoreError):
    """OpenSearch failed or refused a request (network, mapping, cluster state)."""


class VersionedIndex:
    """One OpenSearch index of an adapter, created with its mapping when absent, and the errors
    translated. The mapping carries a version in ``_meta``: an index of another layout is deleted
    and created again (its owner then rebuilds it from its sources). Subclasses set MAPPING,
    MAPPING_VERSION and MAX_RESULT_WINDOW.

    url_or_client: "http://127.0.0.1:9200" or a ready ``opensearchpy.OpenSearch``
    (e.g. one signing its requests with SigV4 for an AWS domain).
    """

    MAPPING: dict[str, Any]
    MAPPING_VERSION: int
    MAX_RESULT_WINDOW: int

    def __init__(self, url_or_client: Any, index_name: str, replicas: int, *, timeout: int):
        # Imported here, not at module top: a Lambda cold start that never searches
        # (accounts, CVs…) must not pay for opensearch-py (~0.2 s).
        from opensearchpy import OpenSearch, exceptions, helpers

        self._errors = exceptions
        self._helpers = helpers
        if isinstance(url_or_client, str):
            self.client = OpenSearch(hosts=[url_or_client], timeout=timeout, max_retries=2, retry_on_timeout=True)
        else:
            self.client = url_or_client
        self.index = index_name
        self._replicas = replicas
        self._ensure_index()

    @contextlib.contextmanager
    def _translated(self, action: str) -> Iterator[None]:
        """Adapters translate errors: callers see the port's StoreError family only."""
        try:
            yield
        except (self._errors.OpenSearchException, self._helpers.BulkIndexError) as error:
            raise SearchEngineError(f"OpenSearch {action} failed on {self.index}: {error}") from error

    def _ensure_index(self) -> None:
        body = {"settings": {"number_of_shards": 1, "number_of_replicas": self._replicas,
                             "max_result_window": self.MAX_RESULT_WINDOW},
                "mappings": self.MAPPING}
        with self._translated("index creation"):
            if self.client.indices.exists(index=self.index):
                mapping = self.client.indices.get_mapping(index=self.index)[self.index]["mappings"]
                if mapping.get("_meta", {}).get("version") == self.MAPPING_VERSION:
                    return
                # An index from an older layout: emptied here, rebuilt from its sources by its owner.
                self.client.indices.delete(index=self.index)
            try:
                self.client.indices.create(index=self.index, body=body)
            except self._errors.RequestError as error:
                # Two processes (test workers, Lambdas) may race to create it: fine.
                if error.error != "resource_already_exists_exception":
                    raise

    def drop(self) -> None:
        """Delete the whole index (tests, re-imports with a new mapping)."""
        with self._translated("index deletion"), contextlib.suppress(self._errors.NotFoundError):
            self.client.indices.delete(index=self.index)


def signed_client(host: str, port: int) -> Any:
    """A client for an OpenSearch Service domain, which only answers requests signed (SigV4)
    with the function's role, whose credentials Lambda provides: no password to keep anywhere."""
    import os

    import boto3
    from opensearchpy import OpenSearch, Urllib3AWSV4SignerAuth, Urllib3HttpConnection

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    auth = Urllib3AWSV4SignerAuth(boto3.Session().get_credentials(), region, "es")
    return OpenSearch(hosts=[{"host": host, "port": port}], http_auth=auth, use_ssl=True, verify_certs=True,
                      connection_class=Urllib3HttpConnection, timeout=10, max_retries=2, retry_on_timeout=True)


class OpenSearchOfferIndex(VersionedIndex):
    """``OfferIndex`` on an OpenSearch index (created with its mapping when absent; an index of an
    older mapping is emptied and rebuilt from its sources by the importer)."""

    MAPPING = dsl.MAPPING
    MAPPING_VERSION = dsl.MAPPING_VERSION
    MAX_RESULT_WINDOW = dsl.MAX_RESULT_WINDOW

    def __init__(self, url_or_client: Any, index_name: str = "offres", replicas: int = 0):
        super().__init__(url_or_client, index_name, replicas, timeout=30)

    def refresh(self) -> None:
        with self._translated("refresh"):
            self.client.indices.refresh(index=self.index)

    # --- writing --------------------------------------------------------------------
    def upsert(self, offers: Iterable[Offer]) -> int:
        actions = ({"_op_type": "index", "_index": self.index, "_id": offer.id, "_source": dsl.document(offer)}
                   for offer in offers)
        with self._translated("bulk upsert"):
            written, _ = self._helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK,
                                            max_chunk_bytes=10 * 1024 * 1024)
        self.refresh()
        return written

    def delete(self, ids: Iterable[str]) -> int:
        actions = ({"_op_type": "delete", "_index": self.index, "_id": offer_id} for offer_id in ids)
        deleted = 0
        with self._translated("bulk delete"):
            for _ok, item in self._helpers.streaming_bulk(self.client, actions, chunk_size=BULK_CHUNK,
                                                          raise_on_error=False):
                result = item.get("delete", {})
                if result.get("result") == "deleted":
                    deleted += 1
                elif result.get("status") != 404:  # an unknown id is not an error
                    raise SearchEngineError(f"OpenSearch could not delete {result.get('_id')}: {result}")
        self.refresh()
        return deleted

    # --- reading ----------------------------------------------------------------------
    def ids(self) -> set[str]:
        """Every id, by search_after on the id (no scroll context to leak or expire)."""
        found: set[str] = set()
        body: dict = {"size": 10_000, "_source": False, "sort": [{"id": "asc"}], "query": {"match_all": {}}}
        with self._translated("ids"):
            while True:
                hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
                found.update(hit["_id"] for hit in hits)
                if len(hits) < body["size"]:
                    return found
                body["search_after"] = hits[-1]["sort"]

    def count(self) -> int:
        with self._translated("count"):
            return self.client.count(index=self.index)["count"]

    def get(self, offer_id: str) -> Offer | None:
        with self._translated("get"):
            try:
                found = self.client.get(index=self.index, id=offer_id)
            except self._errors.NotFoundError:
                return None
        return dsl.offer_from(found["_source"])

    def get_many(self, ids: Iterable[str]) -> dict[str, Offer]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self._translated("get_many"):
            docs = self.client.mget(index=self.index, body={"ids": wanted})["docs"]
        return {doc["_id"]: dsl.offer_from(doc["_source"]) for doc in docs if doc.get("found")}

    def published_between(self, start: int, end: int) -> Iterator[Offer]:
        """By search_after on (created_at, id), like ``ids``: no scroll context to leak or expire."""
        body: dict = {"size": PAGE, "sort": [{"created_at": "asc"}, {"id": "asc"}],
                      "query": {"range": {"created_at": {"gte": start, "lt": end}}}}
        while True:
            with self._translated("published_between"):
                hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
            yield from (dsl.offer_from(hit["_source"]) for hit in hits)
            if len(hits) < PAGE:
                return
            body["search_after"] = hits[-1]["sort"]

    def search(self, query: SearchQuery) -> SearchResult:
        keywords = dsl.live_keywords(query)
        limit = max(0, min(query.limit, MAX_LIMIT))
        offset = max(0, query.offset)
        if offset + limit > dsl.MAX_RESULT_WINDOW:
            limit = 0  # beyond the window: no page, but totals and facets stay exact
        body = {
            "query": dsl.scored_query(query, keywords),
            "sort": dsl.sort_clauses(query),
            "from": offset if limit else 0, "size": limit,
            "track_total_hits": True,
            "track_scores": True,  # the relevance even when sorting by a field
            "aggs": dsl.aggregations(query),
        }
        with self._translated("search"):
            response = self.client.search(index=self.index, body=body)
        hits_part = response["hits"]
        total = hits_part["total"]["value"]
        aggs = response["aggregations"]
        exact = aggs["exact"]["doc_count"] if "exact" in aggs else total
        hits = [self._hit(hit, query) for hit in hits_part["hits"]]
        facets = {name: {bucket.get("key_as_string", str(bucket["key"])): bucket["doc_count"]
                         for bucket in aggs[name]["buckets"]} for name in dsl.FACETS}
        return SearchResult(hits, exact, total - exact, facets)

    @staticmethod
    def _hit(hit: dict, query: SearchQuery) -> Hit:
        offer = dsl.offer_from(hit["_source"])
        relevance = round(float(hit.get("_score") or 0.0))
        place = query.place
        distance = None
        if (place is not None and place.kind == "commune" and place.latitude is not None
                and place.longitude is not None and offer.latitude is not None and offer.longitude is not None):
            distance = round(haversine_km(place.latitude, place.longitude, offer.latitude, offer.longitude), 1)
        exact = relevance >= EXACT_RELEVANCE or not has_occupation(query)
        return Hit(offer=offer, score=float(relevance), relevance=relevance,
                   group="exact" if exact else "close", distance_km=distance)
