"""The offer search port: what both engines index, the query they answer, and its semantics.

Two adapters implement ``OfferIndex``: SQLite FTS5 + R*Tree (embedded) and
OpenSearch (AWS). One contract test suite (tests/functional/offers/) runs the
same scenarios against both; the semantics below are that contract.

Semantics of ``search(query)``
------------------------------
Filters (an offer must pass all that are set):
- ``contract_types``: offer.contract_type in the set.
- ``full_time``: offer.full_time == value.
- ``experience``: offer.experience in the set ("D" débutant accepté, "S" souhaitée, "E" exigée).
- ``qualification``: "9" cadre -> offer.executive is True; "0" -> offer.executive is False.
- ``published_since_days``: offer.created_at >= now - days (now = query.now, epoch seconds).
- ``min_monthly_salary``: offer.monthly_salary_min >= value (offers without a salary are excluded).
- ``min_duration_months`` / ``max_duration_months``: on offer.duration_months (offers without one
  are excluded when either is set).
- place, by kind:
  * "commune" with ``distance_km`` > 0: offers with coordinates within distance_km (great-circle,
    haversine, earth radius 6371 km) of the place's centre; offers without coordinates match when
    their département is the place's département.
  * "commune" with ``distance_km`` == 0: offer.commune == place.code (or, without commune, the
    département rule above).
  * "departement": offer.departement == place.code. "region": offer.region == place.code.
Occupation (``rome_codes``, ``close_rome_codes``, ``appellation``, ``domaine``): when any is set,
an offer must have rome_code in rome_codes ∪ close_rome_codes, or rome_code starting with domaine.
Its *tier* is 3 if appellation is set and offer.appellation_code == appellation, else 2 if its
rome_code is in rome_codes or starts with domaine, else 1 (a métier proche).
Words (``keywords``, at most 5, each one or more words): a keyword *matches* an offer when all its
words occur in title, description or training, accent- and case-insensitively with French stemming
(so "maçon" matches "Maçonne", "maçons", "MACON"). With ``strict_keywords`` every keyword must
match. Without strict and without any occupation criterion, at least one keyword must match.
Otherwise keywords only rank.
Without occupation criteria, every matching offer has tier 2.

Ranking and groups:
- score = tier * 1000 + matched_keywords * 100 + text_score, with 0 <= text_score < 100 from the
  engine's own text relevance (BM25) — engines may differ on text_score only.
- group "exact" = tier >= 2, group "close" = tier 1. Results list exact ones first, then close.
- ``sort``: "relevance" (group, score desc, created_at desc), "date" (created_at), "distance"
  (distance, offers without one last), "title", "place" (place_label), "contract" (contract_type);
  ``descending`` flips the order (not the group order for relevance). Ties break on created_at desc
  then id.
- ``offset``/``limit`` page through the ordered list (limit <= 150).
- ``relevance`` of a hit is round(100 * score / best score of the whole result), 1..100.
- ``distance_km`` of a hit: great-circle distance from a commune place to the offer, 1 decimal,
  None when either has no coordinates.
- totals: ``total_exact`` and ``total_close`` count every matching offer (not just the page).
- ``facets``: counts over all matching offers for contract_type, experience, executive, full_time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from espace.places.place import Place

MAX_KEYWORDS = 5
MAX_LIMIT = 150
SORTS = ("relevance", "date", "distance", "title", "place", "contract")


@dataclass
class Offer:
    """An offer as indexed: fields normalized from the v2 JSON, plus the JSON itself."""

    id: str
    title: str
    description: str
    training: str
    rome_code: str
    appellation_code: str | None
    contract_type: str
    created_at: int  # epoch seconds
    place_label: str
    commune: str | None = None
    postal_code: str | None = None
    departement: str | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    full_time: bool | None = None
    experience: str | None = None
    executive: bool | None = None
    monthly_salary_min: int | None = None
    duration_months: int | None = None
    company: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchQuery:
    keywords: tuple[str, ...] = ()
    strict_keywords: bool = False
    appellation: str | None = None
    rome_codes: tuple[str, ...] = ()
    close_rome_codes: tuple[str, ...] = ()
    domaine: str | None = None
    place: Place | None = None
    distance_km: int = 10
    contract_types: tuple[str, ...] = ()
    full_time: bool | None = None
    experience: tuple[str, ...] = ()
    qualification: str | None = None
    published_since_days: int | None = None
    min_monthly_salary: int | None = None
    min_duration_months: int | None = None
    max_duration_months: int | None = None
    sort: str = "relevance"
    descending: bool = False
    offset: int = 0
    limit: int = 20
    now: int = 0  # epoch seconds; "published since" counts back from it
    facets: bool = True  # False: the result's facets may be left empty (pages that show none)


@dataclass
class Hit:
    offer: Offer
    score: float
    relevance: int
    group: str  # "exact" | "close"
    distance_km: float | None


@dataclass
class SearchResult:
    hits: list[Hit]
    total_exact: int
    total_close: int
    facets: dict[str, dict[str, int]]

    @property
    def total(self) -> int:
        return self.total_exact + self.total_close


class OfferIndex(Protocol):
    def upsert(self, offers: Iterable[Offer]) -> int:
        """Insert or replace by id; returns how many were written."""
        ...

    def delete(self, ids: Iterable[str]) -> int: ...

    def ids(self) -> set[str]: ...

    def get(self, offer_id: str) -> Offer | None: ...

    def count(self) -> int: ...

    def search(self, query: SearchQuery) -> SearchResult: ...
