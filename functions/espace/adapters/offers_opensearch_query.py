"""The OpenSearch side of the search contract: the index mapping and the query DSL.

Pure functions (no client, no I/O) so the translation of espace.offers.model's
semantics can be read, and tested, on its own. See opensearch_index.py for the
adapter that sends them.

Text analysis mirrors espace.search_text (what the SQLite engine indexes) token
for token rather than the usual French chain: words are runs of letters and
digits (so "l'équipe" gives "l" + "équipe" and "aide-soignant" two words, as
Python's ``\\w+`` does), lower-cased, words over 40 characters dropped, Snowball
French stems taken on the accented words, then accents folded. No stop-word or
elision filter: the contract says a keyword matches when *all its words* occur,
and SQLite keeps "de" or "l" as words; dropping them here would make the two
engines match different offers. (Checked on the 30,000 distinct words of the
sample offers and the ROME appellations: 4 stems differ between Lucene's and
Python's Snowball French — "française", "lyonnaise", "balais", "bijoux" — and
Lucene folds "æ" where Python's NFKD does not.)

Scoring: score = tier * 1000 + matched_keywords * 100 + text_score, as the
contract says, built by a function_score whose functions are summed:
- one weight function per tier (3000, 2000, 1000) on mutually exclusive filters;
- one weight-100 function per keyword, filtered on that keyword's match;
- text_score = 100 * s / (s + 1), s being the BM25 of the keywords that match
  (a bool of `should` clauses), so 0 <= text_score < 100 and offers matching no
  keyword get 0 — the squash the SQLite engine applies to FTS5's bm25.
"""

from __future__ import annotations

import string
from dataclasses import asdict
from typing import Any

from espace.offers.model import MAX_KEYWORDS, Offer, SearchQuery
from espace.search_text import MAX_WORD, WORD

# SQLite's NOCASE folds ASCII letters only; the title/place sorts fold the same way.
_ASCII_LOWER = [f"{upper}=>{upper.lower()}" for upper in string.ascii_uppercase]
ANALYSIS = {
    "tokenizer": {"words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
    "filter": {
        "at_most_40": {"type": "length", "max": MAX_WORD},
        "french_snowball": {"type": "snowball", "language": "French"},
    },
    "analyzer": {
        "french_words": {"type": "custom", "tokenizer": "words",
                         "filter": ["lowercase", "at_most_40", "french_snowball", "asciifolding"]},
    },
    "char_filter": {"ascii_lower": {"type": "mapping", "mappings": _ASCII_LOWER}},
    "normalizer": {"nocase": {"type": "custom", "char_filter": ["ascii_lower"]}},
}

KEYWORD = {"type": "keyword"}
STORED_ONLY = {"type": "keyword", "index": False, "doc_values": False}
MAPPING = {
    "dynamic": "strict",
    "_source": {"excludes": ["text"]},  # derived from title/description/training
    "properties": {
        "id": KEYWORD,
        "title": {"type": "keyword", "normalizer": "nocase"},
        "description": {"type": "text", "index": False},
        "training": {"type": "text", "index": False},
        "text": {"type": "text", "analyzer": "french_words"},
        "rome_code": KEYWORD, "appellation_code": KEYWORD, "contract_type": KEYWORD,
        "created_at": {"type": "long"},  # epoch seconds, compared as the contract's integers
        "place_label": {"type": "keyword", "normalizer": "nocase"},
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
TEXT_SCORE_SCRIPT = "double s = _score; return 100.0 * s / (s + 1.0);"
# Tier 1 scores stay below 1000 + 5 * 100 + 100 = 1600 < 2000: the score tells the group.
GROUP_SORT_SCRIPT = "return _score >= 2000 ? 1 : 0;"


def document(offer: Offer) -> dict:
    doc = asdict(offer)
    doc["text"] = f"{offer.title}\n{offer.description}\n{offer.training}"
    if offer.latitude is not None and offer.longitude is not None:
        doc["location"] = {"lat": offer.latitude, "lon": offer.longitude}
    return doc


def offer_from(source: dict) -> Offer:
    fields = {k: v for k, v in source.items() if k not in ("text", "location")}
    return Offer(**fields)


def live_keywords(query: SearchQuery) -> list[str]:
    """The keywords that have at least one word: one made only of punctuation (or of
    words too long to index) is ignored, as in the SQLite engine — not read as
    "match nothing", which would empty a strict search."""
    return [k for k in query.keywords[:MAX_KEYWORDS]
            if any(len(w) <= MAX_WORD for w in WORD.findall(k.lower().replace("_", " ")))]


def _keyword_clause(keyword: str) -> dict:
    return {"match": {"text": {"query": keyword, "operator": "and"}}}


def has_occupation(query: SearchQuery) -> bool:
    return bool(query.rome_codes or query.close_rome_codes or query.appellation or query.domaine)


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
        return [{"weight": 2000}]
    exact = _exact_occupation(query)
    if not query.appellation:
        return [{"filter": exact, "weight": 2000},
                {"filter": {"bool": {"must_not": [exact]}}, "weight": 1000}]
    same = {"term": {"appellation_code": query.appellation}}
    return [{"filter": same, "weight": 3000},
            {"filter": {"bool": {"filter": [exact], "must_not": [same]}}, "weight": 2000},
            {"filter": {"bool": {"must_not": [same, exact]}}, "weight": 1000}]


def scored_query(query: SearchQuery, keywords: list[str]) -> dict:
    functions = _tier_functions(query) + [{"filter": _keyword_clause(k), "weight": 100} for k in keywords]
    if keywords:
        functions.append({"script_score": {"script": {"source": TEXT_SCORE_SCRIPT}}})
    inner = {"bool": {"filter": filters(query, keywords),
                      "should": [_keyword_clause(k) for k in keywords], "minimum_should_match": 0}}
    return {"function_score": {"query": inner, "functions": functions,
                               "score_mode": "sum", "boost_mode": "replace"}}


def _script_sort(source: str, order: str, params: dict | None = None) -> dict:
    return {"_script": {"type": "number", "order": order,
                        "script": {"source": source, "params": params or {}}}}


def sort_clauses(query: SearchQuery) -> list[dict]:
    """The order of espace.offers.model's docstring, as the SQLite engine reads it: the
    group leads the relevance sort only; ties break on created_at desc, then id."""
    up = "desc" if query.descending else "asc"
    tail = [{"created_at": "desc"}, {"id": "asc"}]
    if query.sort == "date":
        # Newest first by default: "descending" gives the oldest first.
        return [{"created_at": "asc" if query.descending else "desc"}, {"id": "asc"}]
    if query.sort == "distance":
        place = query.place
        if place is None or place.kind != "commune" or place.latitude is None or place.longitude is None:
            return tail  # no distance for anyone: all ties
        # Offers without coordinates come last in both directions.
        params = {"lat": place.latitude, "lon": place.longitude, "radius": EARTH_RADIUS_KM,
                  "missing": -1.0 if query.descending else 1e9}
        return [_script_sort(DISTANCE_SORT_SCRIPT, up, params), *tail]
    field = {"title": "title", "place": "place_label", "contract": "contract_type"}.get(query.sort)
    if field:
        return [{field: up}, *tail]
    if query.descending and has_occupation(query):
        # Least relevant first within each group, exact group still first.
        return [_script_sort(GROUP_SORT_SCRIPT, "desc"), {"_score": "asc"}, *tail]
    return [{"_score": "asc" if query.descending else "desc"}, *tail]


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
