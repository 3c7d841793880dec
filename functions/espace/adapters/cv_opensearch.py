"""The CV bank's index on OpenSearch (the AWS profile, and the local node), with opensearch-py.

One document per CV, on the VersionedIndex base the offer index and the alert matcher share
(mapping versioned in ``_meta``, errors translated to the port's StoreError family).

Words: the ``text`` field holds espace.search_text.terms of the CV (Snowball-French stems of
the accented words, then accents folded), computed in Python as the SQLite engine does, and
the recruiter's keywords become the same stems; OpenSearch only splits on spaces. Lucene's
own ``french`` analyzer stems a few words differently from Python's Snowball, and then the
two engines would not find the same CVs, which the contract suite requires.

Places (the rule is the port's, espace.cv.index): each CV carries its wanted
communes' codes, their points twice — a multi-valued ``geo_point`` that narrows candidates
fast, and ``"lat,lon"`` strings (doc values only) that Painless reads back as the exact
doubles for the contract's haversine — and the départements and régions it covers.

Writes refresh before returning: a CV suspended or withdrawn is out of the next search.
"""

from __future__ import annotations

import contextlib
from typing import Any

from espace.adapters.offers_opensearch import SearchEngineError, VersionedIndex
from espace.adapters.offers_opensearch_query import EARTH_RADIUS_KM
from espace.cv.index import MAX_KEYWORD_WORDS, MAX_PER_PAGE, MAX_WINDOW, CvDocument, CvHit, CvQuery, CvResults
from espace.places import Place, haversine_km
from espace.search_text import terms

KEYWORD = {"type": "keyword"}
STORED_ONLY = {"type": "keyword", "index": False, "doc_values": False}
MAPPING_VERSION = 1
MAPPING = {
    "_meta": {"version": MAPPING_VERSION},
    "dynamic": "strict",
    "_source": {"excludes": ["text"]},  # derived from the CV's words, never returned
    "properties": {
        "id": KEYWORD, "user_id": KEYWORD, "mode": KEYWORD,
        "title": STORED_ONLY, "appellation_code": KEYWORD, "appellation_label": STORED_ONLY, "rome_code": KEYWORD,
        "contracts": KEYWORD, "languages": KEYWORD, "licences": KEYWORD,
        "experience_months": {"type": "integer"}, "updated_at": {"type": "long"},
        "place_labels": STORED_ONLY,
        "communes": KEYWORD,  # the wanted communes' codes
        "points": {"type": "keyword", "index": False},  # "lat,lon" of each, exact (doc values)
        "location": {"type": "geo_point"},  # the same points, for the fast geo_distance pre-filter
        "departements": KEYWORD,  # of every wanted commune, and the wanted départements
        "whole_departements": KEYWORD,  # wanted as a whole
        "regions": KEYWORD,  # of every wanted place
        "whole_regions": KEYWORD,  # wanted as a whole
        "text": {"type": "text", "analyzer": "whitespace"},
    },
}
BULK_CHUNK = 500

# The contract's haversine (espace.places.haversine_km) from each "lat,lon" of the CV: the
# nearest wanted commune's distance, or params.missing without one.
_NEAREST = """
double best = params.missing;
for (def point : doc['points']) {
  int comma = point.indexOf(',');
  double lat = Double.parseDouble(point.substring(0, comma));
  double lon = Double.parseDouble(point.substring(comma + 1));
  double p1 = Math.toRadians(params.lat); double p2 = Math.toRadians(lat);
  double s1 = Math.sin((p2 - p1) / 2); double s2 = Math.sin(Math.toRadians(lon - params.lon) / 2);
  double a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
  double km = 2 * params.radius * Math.asin(Math.min(1.0, Math.sqrt(a)));
  if (km < best) { best = km; }
}
"""
WITHIN_SCRIPT = _NEAREST + "return best <= params.km;"
NEAREST_SCRIPT = _NEAREST + "return best;"
MISSING = 1e9  # no wanted commune: after every distance


def document(cv: CvDocument) -> dict[str, Any]:
    communes = [p for p in cv.places if p.kind == "commune"]
    located = [p for p in communes if p.latitude is not None and p.longitude is not None]
    whole_departements = [p.code for p in cv.places if p.kind == "departement"]
    return {
        "id": cv.cv_id, "user_id": cv.user_id, "mode": cv.mode, "title": cv.title,
        "appellation_code": cv.appellation_code, "appellation_label": cv.appellation_label,
        "rome_code": cv.rome_code, "contracts": list(cv.contracts),
        "languages": [code for code, _level in cv.languages], "licences": list(cv.licences),
        "experience_months": cv.experience_months, "updated_at": cv.updated_at,
        "place_labels": [p.label for p in cv.places],
        "communes": [p.code for p in communes],
        "points": [f"{p.latitude!r},{p.longitude!r}" for p in located],
        "location": [{"lat": p.latitude, "lon": p.longitude} for p in located],
        "departements": sorted({p.departement for p in communes if p.departement} | set(whole_departements)),
        "whole_departements": whole_departements,
        "regions": sorted({p.code if p.kind == "region" else p.region for p in cv.places} - {None, ""}),
        "whole_regions": [p.code for p in cv.places if p.kind == "region"],
        "text": " ".join(terms("\n".join([cv.title, cv.appellation_label, *cv.skills, cv.text]))),
    }


def _origin(place: Place | None) -> tuple[float, float] | None:
    if place is None or place.kind != "commune" or place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude


def _place_filter(place: Place, distance_km: int) -> dict[str, Any]:
    if place.kind == "region":
        return {"term": {"regions": place.code}}
    should: list[dict[str, Any]] = []
    if place.kind == "departement":
        should.append({"term": {"departements": place.code}})
        if place.region:
            should.append({"term": {"whole_regions": place.region}})
        return {"bool": {"should": should, "minimum_should_match": 1}}
    should.append({"term": {"communes": place.code}})
    origin = _origin(place)
    if origin is not None and distance_km > 0:
        lat, lon = origin
        should.append({"bool": {"filter": [
            # Lucene's own distance (another radius, quantized points): a slightly wider circle,
            # then the contract's exact haversine on each wanted commune.
            {"geo_distance": {"distance": f"{distance_km * 1.001 + 0.01}km", "location": {"lat": lat, "lon": lon}}},
            {"script": {"script": {"source": WITHIN_SCRIPT, "params": {
                "lat": lat, "lon": lon, "km": float(distance_km), "radius": EARTH_RADIUS_KM, "missing": MISSING}}}},
        ]}})
    if place.departement:
        should.append({"term": {"whole_departements": place.departement}})
    if place.region:
        should.append({"term": {"whole_regions": place.region}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def search_body(query: CvQuery) -> dict[str, Any]:
    """The request for one page of ``query`` (pure: read and tested on its own)."""
    filters: list[dict[str, Any]] = []
    if query.rome_codes:
        filters.append({"terms": {"rome_code": list(query.rome_codes)}})
    if query.appellation_code:
        filters.append({"term": {"appellation_code": query.appellation_code}})
    if query.contracts:
        filters.append({"terms": {"contracts": list(query.contracts)}})
    if query.min_experience_months > 0:
        filters.append({"range": {"experience_months": {"gte": query.min_experience_months}}})
    filters += [{"term": {"languages": code}} for code in query.languages]
    filters += [{"term": {"licences": code}} for code in query.licences]
    stems = [t for t in terms(query.keywords) if t][:MAX_KEYWORD_WORDS]
    if stems:
        filters.append({"match": {"text": {"query": " ".join(stems), "operator": "and"}}})
    if query.place is not None:
        filters.append(_place_filter(query.place, query.distance_km))
    per_page = max(1, min(query.per_page, MAX_PER_PAGE))
    offset = (max(1, query.page) - 1) * per_page
    tail: list[dict[str, Any]] = [{"updated_at": "desc"}, {"id": "asc"}]
    origin = _origin(query.place)
    if origin is not None:
        params = {"lat": origin[0], "lon": origin[1], "radius": EARTH_RADIUS_KM, "missing": MISSING}
        tail.insert(0, {"_script": {"type": "number", "order": "asc",
                                    "script": {"source": NEAREST_SCRIPT, "params": params}}})
    beyond = offset + per_page > MAX_WINDOW
    return {"query": {"bool": {"filter": filters}}, "sort": tail, "track_total_hits": True,
            "from": 0 if beyond else offset, "size": 0 if beyond else per_page}


class OpenSearchCvIndex(VersionedIndex):
    """``CvIndex`` on an OpenSearch index (created with its mapping when absent; an index of
    another layout is emptied, and CvBook puts each CV again when it is next saved)."""

    MAPPING = MAPPING
    MAPPING_VERSION = MAPPING_VERSION
    MAX_RESULT_WINDOW = MAX_WINDOW

    def __init__(self, url_or_client: Any, index_name: str = "cvs", replicas: int = 0):
        super().__init__(url_or_client, index_name, replicas, timeout=30)

    def _refresh(self) -> None:
        with self._translated("refresh"):
            self.client.indices.refresh(index=self.index)

    # --- writing --------------------------------------------------------------------------
    def put(self, document_: CvDocument) -> None:
        with self._translated("put"):
            self.client.index(index=self.index, id=document_.cv_id, body=document(document_), refresh=True)

    def put_many(self, documents: list[CvDocument]) -> None:
        """Several CVs in bulk, one refresh (benchmarks, rebuilds)."""
        actions = ({"_op_type": "index", "_index": self.index, "_id": d.cv_id, "_source": document(d)}
                   for d in documents)
        with self._translated("bulk put"):
            self._helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK, max_chunk_bytes=10 * 1024 * 1024)
        self._refresh()

    def remove(self, cv_id: str) -> None:
        # Already out is fine: removing is idempotent.
        with self._translated("remove"), contextlib.suppress(self._errors.NotFoundError):
            self.client.delete(index=self.index, id=cv_id, refresh=True)

    def remove_user(self, user_id: str) -> int:
        """The account's CVs by a search (six at most), then deleted one by one: _delete_by_query
        needs the reindex module, which the test node does not ship."""
        body = {"query": {"term": {"user_id": user_id}}, "_source": False, "size": 1000}
        with self._translated("search by user"):
            hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
        removed = 0
        actions = [{"_op_type": "delete", "_index": self.index, "_id": hit["_id"]} for hit in hits]
        with self._translated("bulk remove"):
            for _ok, item in self._helpers.streaming_bulk(self.client, actions, raise_on_error=False):
                result = item.get("delete", {})
                if result.get("result") == "deleted":
                    removed += 1
                elif result.get("status") != 404:  # removed meanwhile: not an error
                    raise SearchEngineError(f"OpenSearch could not remove {result.get('_id')}: {result}")
        self._refresh()
        return removed

    def owner(self, cv_id: str) -> str | None:
        # A real-time GET: a CV removed a moment ago is gone for it too, refresh or not.
        with self._translated("owner"):
            try:
                response = self.client.get(index=self.index, id=cv_id, _source_includes="user_id")
            except self._errors.NotFoundError:
                return None
        return str(response["_source"]["user_id"]) if response.get("found") else None

    def count(self) -> int:
        with self._translated("count"):
            return int(self.client.count(index=self.index)["count"])

    # --- searching --------------------------------------------------------------------------
    def search(self, query: CvQuery) -> CvResults:
        with self._translated("search"):
            response = self.client.search(index=self.index, body=search_body(query))
        origin = _origin(query.place)
        return CvResults(total=response["hits"]["total"]["value"],
                         hits=[_hit(hit["_source"], origin) for hit in response["hits"]["hits"]])


def _hit(source: dict[str, Any], origin: tuple[float, float] | None) -> CvHit:
    distance = None
    if origin is not None and source["points"]:
        # The contract's haversine on the exact stored doubles, as the SQLite engine computes it.
        points = [point.split(",") for point in source["points"]]
        distance = round(min(haversine_km(origin[0], origin[1], float(lat), float(lon)) for lat, lon in points), 1)
    return CvHit(cv_id=source["id"], user_id=source["user_id"], mode=source["mode"], title=source["title"],
                 appellation_label=source["appellation_label"], rome_code=source["rome_code"],
                 places=tuple(source["place_labels"]), contracts=tuple(source["contracts"]),
                 experience_months=source["experience_months"], updated_at=source["updated_at"],
                 distance_km=distance)
