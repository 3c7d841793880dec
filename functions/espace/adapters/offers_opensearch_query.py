"""The OpenSearch side of the search contract: the index mapping and the query DSL.

Pure functions (no client, no I/O) so the translation of espace.offers.model's
semantics can be read, and tested, on its own. See opensearch_index.py for the
adapter that sends them.

Text: the ``text`` field holds the words espace.search_text.terms gives (Snowball French
stems of the accented words, then accents folded), computed in Python at indexing as the
SQLite engine does, and keywords are turned into the same stems before they are sent;
OpenSearch only splits on spaces. So both engines match exactly the same offers: Lucene's
own French stemmer differs from Python's Snowball on a few words ("française", "lyonnaise",
"balais", "bijoux") and folds "æ" where NFKD does not.

Scoring: each hit's _score is the contract's relevance (espace.offers.model.relevance),
in two function_score layers. The inner one sums integer weights into one number that
holds every input of the formula: tier * 10,000 (mutually exclusive filters), 10 * c for
a métier proche of closeness c (one function per close ROME code), and 1 per keyword
matched (at most 5). The outer one decodes that sum in Painless and applies the formula
with integer arithmetic, as the SQLite engine does in SQL. No BM25: the relevance depends
on the offer and the query only, so both engines order every page the same way. (All
sums stay far below 2^24, exact in Lucene's float scores.)

Title and place sort on keyword fields holding espace.offers.model.sort_key (accents and
case folded), the very keys the SQLite engine stores.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from espace.offers.model import (
    EXACT_RELEVANCE,
    MAX_KEYWORDS,
    Offer,
    SearchQuery,
    closeness,
    has_occupation,
    is_descending,
    sort_key,
)
from espace.search_text import terms

KEYWORD = {"type": "keyword"}
SORT_KEYS = {"title": "title_key", "place_label": "place_key"}  # field -> its sort key (model.sort_key)
STORED_ONLY = {"type": "keyword", "index": False, "doc_values": False}
# Bumped when the mapping changes: an index of another layout is rebuilt (as the SQLite engine's
# schema version). 2: Python stems in "text", title_key / place_key sort keys.
MAPPING_VERSION = 3  # 3: the real v2 API's filter fields
MAPPING = {
    "_meta": {"version": MAPPING_VERSION},
    "dynamic": "strict",
    "_source": {"excludes": ["text", *SORT_KEYS.values()]},  # derived from the offer's fields
    "properties": {
        "id": KEYWORD,
        "title": STORED_ONLY, "title_key": KEYWORD,
        "description": {"type": "text", "index": False},
        "training": {"type": "text", "index": False},
        "text": {"type": "text", "analyzer": "whitespace"},
        "rome_code": KEYWORD, "appellation_code": KEYWORD, "contract_type": KEYWORD,
        "created_at": {"type": "long"},  # epoch seconds, compared as the contract's integers
        "place_label": STORED_ONLY, "place_key": KEYWORD,
        "commune": KEYWORD, "postal_code": KEYWORD, "departement": KEYWORD, "region": KEYWORD,
        # Exact doubles for the contract's haversine; the geo_point narrows candidates fast.
        "latitude": {"type": "double"}, "longitude": {"type": "double"},
        "location": {"type": "geo_point"},
        "full_time": {"type": "boolean"}, "experience": KEYWORD, "executive": {"type": "boolean"},
        "monthly_salary_min": {"type": "integer"}, "duration_months": {"type": "integer"},
        "company": STORED_ONLY,
        # The real v2 API's other filters (espace.offers.model, EXTRA_FILTERS); lists are arrays.
        "nature": KEYWORD, "experience_level": KEYWORD, "weekly_minutes": {"type": "integer"}, "sector": KEYWORD,
        "naf_code": KEYWORD, "origin": KEYWORD, "partners": KEYWORD, "country": KEYWORD,
        "education_levels": KEYWORD, "licences": KEYWORD, "accessible_th": {"type": "boolean"},
        "adapted_company": {"type": "boolean"}, "handi_engaged": {"type": "boolean"},
        "few_candidates": {"type": "boolean"}, "fee_min": {"type": "double"},
        "raw": {"type": "object", "enabled": False},  # the v2 JSON, kept verbatim, never indexed
    },
}
MAX_RESULT_WINDOW = 100_000  # offset + limit beyond this return no hits (totals still exact)
FACETS = ("contract_type", "experience", "executive", "full_time", "nature", "experience_level")
EARTH_RADIUS_KM = 6371.0

# The contract's haversine (espace.places.haversine_km) on the exact stored doubles.
_HAVERSINE = """
double p1 = Math.toRadians(params.lat); double p2 = Math.toRadians(doc['latitude'].value);
double dp = p2 - p1; double dl = Math.toRadians(doc['longitude'].value - params.lon);
double s1 = Math.sin(dp / 2); double s2 = Math.sin(dl / 2);
double a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
double km = 2 * params.radius * Math.asin(Math.min(1.0, Math.sqrt(a)));
"""
_HAS_COORDINATES = "doc['latitude'].size() != 0 && doc['longitude'].size() != 0"
WITHIN_SCRIPT = f"if (!({_HAS_COORDINATES})) {{ return false; }} {_HAVERSINE} return km <= params.km;"
DISTANCE_SORT_SCRIPT = f"if (!({_HAS_COORDINATES})) {{ return params.missing; }} {_HAVERSINE} return km;"
TIER_WEIGHT = 10_000
CLOSE_WEIGHT = 10
# espace.offers.model.relevance on the inner sum (see the module docstring).
RELEVANCE_SCRIPT = """
long s = Math.round(_score); long tier = s / 10000; long c = (s % 10000) / 10; long m = s % 10;
long k = params.k; long n = params.n;
long share10 = k == 0 ? 10 : 10 * m / k; long share15 = k == 0 ? 15 : 15 * m / k;
long share50 = k == 0 ? 50 : 50 * m / k;
if (tier == 3) { return 90 + share10; }
if (tier == 2) { return params.occupation ? 80 + share15 : 50 + share50; }
return 30 + (n == 0 ? 0 : 30 * c / n) + share10;
"""
GROUP_SORT_SCRIPT = f"return _score >= {EXACT_RELEVANCE} ? 1 : 0;"


def document(offer: Offer) -> dict:
    doc = asdict(offer)
    doc["text"] = " ".join(terms(f"{offer.title}\n{offer.description}\n{offer.training}"))
    for name, key in SORT_KEYS.items():
        doc[key] = sort_key(doc[name])
    if offer.latitude is not None and offer.longitude is not None:
        doc["location"] = {"lat": offer.latitude, "lon": offer.longitude}
    return doc


def offer_from(source: dict) -> Offer:
    fields = {k: v for k, v in source.items() if k not in ("text", "location", *SORT_KEYS.values())}
    return Offer(**fields)


def live_keywords(query: SearchQuery) -> list[str]:
    """Each keyword that has at least one word, as its stems separated by spaces. One made
    only of punctuation (or of words too long to index) is ignored, as in the SQLite engine —
    not read as "match nothing", which would empty a strict search."""
    stemmed = (" ".join(t for t in terms(k) if t) for k in query.keywords[:MAX_KEYWORDS])
    return [stems for stems in stemmed if stems]


def _keyword_clause(stems: str) -> dict:
    return {"match": {"text": {"query": stems, "operator": "and"}}}


def _exact_occupation(query: SearchQuery) -> dict:
    """Tier >= 2 apart from the appellation: rome_code in rome_codes or under domaine."""
    should: list[dict] = []
    if query.rome_codes:
        should.append({"terms": {"rome_code": list(query.rome_codes)}})
    if query.domaine:
        # SQLite's LIKE 'F16%' ignores ASCII case: so does this prefix.
        should.append({"prefix": {"rome_code": {"value": query.domaine, "case_insensitive": True}}})
    return {"bool": {"should": should, "minimum_should_match": 1}} if should else {"match_none": {}}


def exact_group(query: SearchQuery) -> dict:
    """The filter of the "exact" group (tier >= 2) among the matching offers."""
    if not has_occupation(query):
        return {"match_all": {}}
    exact = _exact_occupation(query)
    if query.appellation:
        return {"bool": {"should": [exact, {"term": {"appellation_code": query.appellation}}],
                         "minimum_should_match": 1}}
    return exact


def _place_filter(query: SearchQuery) -> dict | None:
    place = query.place
    if place is None:
        return None
    if place.kind == "departement":
        return {"term": {"departement": place.code}}
    if place.kind == "region":
        return {"term": {"region": place.code}}
    if place.kind != "commune":
        return None
    # Offers without coordinates (only a département is known) are placed by département.
    by_departement = ([{"bool": {"filter": [{"term": {"departement": place.departement}}],
                                 "must_not": [{"exists": {"field": "latitude"}}]}}]
                      if place.departement else [])
    if place.latitude is not None and place.longitude is not None and query.distance_km > 0:
        km = query.distance_km
        near = {"bool": {"filter": [
            # Lucene's own distance (mean radius 6371.0088 km, quantized points): a slightly
            # wider circle, then the contract's exact haversine on radius 6371 km.
            {"geo_distance": {"distance": f"{km * 1.001 + 0.01}km",
                              "location": {"lat": place.latitude, "lon": place.longitude}}},
            {"script": {"script": {"source": WITHIN_SCRIPT, "params": {
                "lat": place.latitude, "lon": place.longitude, "km": float(km), "radius": EARTH_RADIUS_KM}}}},
        ]}}
        return {"bool": {"should": [near, *by_departement], "minimum_should_match": 1}}
    same_commune = {"term": {"commune": place.code}}
    if by_departement:  # ... and, with distance 0, only when the offer has no commune either
        by_departement[0]["bool"]["must_not"].append({"exists": {"field": "commune"}})
    return {"bool": {"should": [same_commune, *by_departement], "minimum_should_match": 1}}


def filters(query: SearchQuery, keywords: list[str]) -> list[dict]:
    """Every condition an offer must pass (filter context: no score, cached)."""
    out: list[dict] = []
    if query.contract_types:
        out.append({"terms": {"contract_type": list(query.contract_types)}})
    if query.full_time is not None:
        out.append({"term": {"full_time": query.full_time}})
    if query.experience:
        out.append({"terms": {"experience": list(query.experience)}})
    if query.qualification in ("0", "9"):
        out.append({"term": {"executive": query.qualification == "9"}})
    if query.published_since_days:
        out.append({"range": {"created_at": {"gte": query.now - query.published_since_days * 86400}}})
    if query.min_monthly_salary is not None:
        out.append({"range": {"monthly_salary_min": {"gte": query.min_monthly_salary}}})
    if query.min_duration_months is not None:
        out.append({"range": {"duration_months": {"gte": query.min_duration_months}}})
    if query.max_duration_months is not None:
        out.append({"range": {"duration_months": {"lte": query.max_duration_months}}})
    if (place := _place_filter(query)) is not None:
        out.append(place)
    occupation = has_occupation(query)
    if occupation:
        codes = list(dict.fromkeys([*query.rome_codes, *query.close_rome_codes]))
        should: list[dict[str, Any]] = [{"terms": {"rome_code": codes}}] if codes else []
        if query.domaine:
            should.append({"prefix": {"rome_code": {"value": query.domaine, "case_insensitive": True}}})
        # An appellation alone matches nothing: the contract asks for its ROME codes too.
        out.append({"bool": {"should": should, "minimum_should_match": 1}} if should else {"match_none": {}})
    out += api_filters(query)
    if keywords and query.strict_keywords:
        out += [_keyword_clause(k) for k in keywords]
    elif keywords and not occupation:
        out.append({"bool": {"should": [_keyword_clause(k) for k in keywords], "minimum_should_match": 1}})
    return out


def _tier_functions(query: SearchQuery) -> list[dict]:
    if not has_occupation(query):
        return [{"weight": 2 * TIER_WEIGHT}]
    exact = _exact_occupation(query)
    if not query.appellation:
        return [{"filter": exact, "weight": 2 * TIER_WEIGHT},
                {"filter": {"bool": {"must_not": [exact]}}, "weight": TIER_WEIGHT}]
    same = {"term": {"appellation_code": query.appellation}}
    return [{"filter": same, "weight": 3 * TIER_WEIGHT},
            {"filter": {"bool": {"filter": [exact], "must_not": [same]}}, "weight": 2 * TIER_WEIGHT},
            {"filter": {"bool": {"must_not": [same, exact]}}, "weight": TIER_WEIGHT}]


def scored_query(query: SearchQuery, keywords: list[str]) -> dict:
    """Filters, and _score = the contract's relevance (see the module docstring)."""
    functions = (_tier_functions(query)
                 + [{"filter": {"term": {"rome_code": code}}, "weight": CLOSE_WEIGHT * c}
                    for code, c in closeness(query).items()]
                 + [{"filter": _keyword_clause(k), "weight": 1} for k in keywords])
    inner = {"function_score": {"query": {"bool": {"filter": filters(query, keywords)}}, "functions": functions,
                                "score_mode": "sum", "boost_mode": "replace"}}
    params = {"k": len(keywords), "n": len(query.close_rome_codes), "occupation": has_occupation(query)}
    return {"function_score": {"query": inner, "boost_mode": "replace", "functions": [
        {"script_score": {"script": {"source": RELEVANCE_SCRIPT, "params": params}}}]}}


def _script_sort(source: str, order: str, params: dict | None = None) -> dict:
    return {"_script": {"type": "number", "order": order,
                        "script": {"source": source, "params": params or {}}}}


def sort_clauses(query: SearchQuery) -> list[dict]:
    """The order of espace.offers.model's docstring, as the SQLite engine reads it: the
    group leads the relevance sort only; ties break on created_at desc, then id."""
    order = "desc" if is_descending(query) else "asc"
    tail = [{"created_at": "desc"}, {"id": "asc"}]
    if query.sort == "date":
        return [{"created_at": order}, {"id": "asc"}]
    if query.sort == "distance":
        place = query.place
        if place is None or place.kind != "commune" or place.latitude is None or place.longitude is None:
            return tail  # no distance for anyone: all ties
        # Offers without coordinates come last in both directions.
        params = {"lat": place.latitude, "lon": place.longitude, "radius": EARTH_RADIUS_KM,
                  "missing": -1.0 if order == "desc" else 1e9}
        return [_script_sort(DISTANCE_SORT_SCRIPT, order, params), *tail]
    field = {"title": "title_key", "place": "place_key", "contract": "contract_type"}.get(query.sort)
    if field:
        return [{field: order}, *tail]
    if order == "asc" and has_occupation(query):
        # Least relevant first within each group, exact group still first.
        return [_script_sort(GROUP_SORT_SCRIPT, "desc"), {"_score": "asc"}, *tail]
    return [{"_score": order}, *tail]


def aggregations(query: SearchQuery) -> dict:
    aggs: dict = {name: {"terms": {"field": name, "size": 100}} for name in FACETS}
    if has_occupation(query):
        aggs["exact"] = {"filter": exact_group(query)}
    return aggs


def _commune_filter(place, distance_km: int) -> dict:
    """One commune of ``communes``: the same rule as a commune place."""
    return _place_filter(SearchQuery(place=place, distance_km=distance_km)) or {"match_none": {}}


def _flag(name: str, value: bool) -> dict:
    return {"term": {name: True}} if value else {"bool": {"must_not": [{"term": {name: True}}]}}


def api_filters(query: SearchQuery) -> list[dict]:
    """The conditions of the real v2 API's other filters (espace.offers.model, EXTRA_FILTERS)."""
    out: list[dict] = []
    for name, codes in (("departement", query.departements), ("sector", query.sectors), ("naf_code", query.naf_codes),
                        ("education_levels", query.education_levels), ("licences", query.licences)):
        if codes:
            out.append({"terms": {name: list(codes)}})
    for name, value in (("origin", query.origin), ("country", query.country)):
        if value is not None:
            out.append({"term": {name: value}})
    if query.experience_levels:
        levels: list[dict] = [{"terms": {"experience_level": list(query.experience_levels)}}]
        if "0" in query.experience_levels:
            levels.append({"bool": {"must_not": [{"exists": {"field": "experience_level"}}]}})
        out.append({"bool": {"should": levels, "minimum_should_match": 1}})
    if query.natures:
        either: list[dict] = [{"terms": {"nature": list(query.natures)}}]
        if query.or_contract_types:
            either.append({"terms": {"contract_type": list(query.or_contract_types)}})
        out.append({"bool": {"should": either, "minimum_should_match": 1}})
    not_partner = {"bool": {"must_not": [{"term": {"origin": "2"}}]}}
    if query.partners:
        out.append({"bool": {"should": [not_partner, {"terms": {"partners": list(query.partners)}}],
                             "minimum_should_match": 1}})
    if query.excluded_partners:
        out.append({"bool": {"should": [not_partner, {"bool": {"must_not": [
            {"terms": {"partners": list(query.excluded_partners)}}]}}], "minimum_should_match": 1}})
    for name in ("accessible_th", "adapted_company", "handi_engaged", "few_candidates"):
        if getattr(query, name) is not None:
            out.append(_flag(name, getattr(query, name)))
    if query.qualification == "X":
        out.append({"bool": {"must_not": [{"exists": {"field": "executive"}}]}})
    if query.unspecified_working_time is not None:
        unset = {"exists": {"field": "full_time"}}
        out.append({"bool": {"must_not": [unset]}} if query.unspecified_working_time else unset)
    for name, low, high in (("weekly_minutes", query.min_weekly_minutes, query.max_weekly_minutes),
                            ("created_at", query.min_created_at, query.max_created_at),
                            ("fee_min", query.min_fee, None)):
        bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
        if bounds:
            out.append({"range": {name: bounds}})
    if query.communes:
        out.append({"bool": {"should": [_commune_filter(place, query.distance_km) for place in query.communes],
                             "minimum_should_match": 1}})
    return out
