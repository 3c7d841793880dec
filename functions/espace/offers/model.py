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
- Filters of the real v2 API (``EXTRA_FILTERS``; espace.offers.api_params sets them):
  ``experience_levels``: offer.experience_level in the set ("0" also matches None).
  ``departements``: offer.departement in the set. ``communes``: the commune rule above (with
  ``distance_km``) for at least one of them. ``sectors``, ``naf_codes``, ``country``, ``origin``:
  offer.sector / naf_code / country / origin equal to one of them. ``natures``: offer.nature in
  the set, or offer.contract_type in ``or_contract_types`` (the real API ORs typeContrat with
  natureContrat). ``partners``: offers of origin "2" must list one of them (other origins pass);
  ``excluded_partners``: offers of origin "2" must list none of them. ``unspecified_working_time``
  True: offer.full_time is None (False: it is not). ``min_weekly_minutes`` /
  ``max_weekly_minutes``: on offer.weekly_minutes (offers without one are excluded).
  ``education_levels``, ``licences``: the offer lists at least one of them. ``accessible_th``,
  ``adapted_company``, ``handi_engaged``, ``few_candidates``: True keeps offers whose flag is
  True, False those whose flag is not True. ``min_created_at`` / ``max_created_at``: bounds
  (inclusive, epoch seconds) on offer.created_at. ``min_fee``: offer.fee_min >= value (offers
  without a cachet are excluded). And ``qualification`` "X": offer.executive is None.
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

Relevance (absolute: the same offer gets the same figure from one search to the next, whatever
else is shown). ``k`` is the number of keywords that have at least one word, ``m`` how many of them
an offer matches, and ``share(w)`` = w when k == 0, else w * m // k (integer division):
- tier 3 (the appellation chosen): 90 + share(10) — 100 when every keyword matches;
- tier 2 with an occupation criterion (same ROME code or domaine): 80 + share(15);
- tier 2 without any occupation criterion (words and filters only): 50 + share(50);
- tier 1 (a métier proche): 30 + 30 * c // n + share(10), where n = len(close_rome_codes) and
  c = n - i for the first position i of the offer's ROME code in close_rome_codes, which lists the
  métiers proches closest first (the ROME mobility order, ``numero_ordre``). So 31..70.
With an occupation criterion, tier >= 2 <=> relevance >= EXACT_RELEVANCE (80). Every figure is an
integer computed from the offer's fields and the query only (no engine text score such as BM25),
so both engines compute it identically: ``relevance()`` below is the reference.

Order (a property of the port, identical in both engines):
- group "exact" = tier >= 2, group "close" = tier 1.
- ``sort``: "relevance" (group, then relevance), "date" (created_at), "distance" (offers without a
  distance last in both directions), "title" and "place" (on ``sort_key``: accents, ligatures and
  case ignored, so « Épinay-sur-Seine » comes before « Viroflay »), "contract" (contract_type).
- ``descending``: None = the sort's natural direction (relevance and date: best / newest first;
  distance, title, place, contract: ascending); True / False = literally descending / ascending on
  the sort's key. For "relevance" the exact group stays first in both directions.
- Ties always break on created_at desc, then id asc (whatever the direction).
- ``offset``/``limit`` page through the ordered list (limit <= 150).
- ``score`` of a hit is its relevance (a float for the callers that sort or compare).
- ``distance_km`` of a hit: great-circle distance from a commune place to the offer, 1 decimal,
  None when either has no coordinates.
- totals: ``total_exact`` and ``total_close`` count every matching offer (not just the page).
- ``facets``: counts over all matching offers for contract_type, experience, executive, full_time,
  nature and experience_level.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from espace.places.place import Place
from espace.text import fold

MAX_KEYWORDS = 5
MAX_LIMIT = 150
SORTS = ("relevance", "date", "distance", "title", "place", "contract")
LIST_FIELDS = ("partners", "education_levels", "licences")  # Offer fields that hold several codes
# The SearchQuery fields of the real API's other filters: unset is None or ().
EXTRA_FILTERS = ("experience_levels", "departements", "communes", "sectors", "naf_codes", "natures",
                 "or_contract_types", "origin", "partners", "excluded_partners", "unspecified_working_time",
                 "min_weekly_minutes", "max_weekly_minutes", "country", "education_levels", "licences",
                 "accessible_th", "adapted_company", "handi_engaged", "few_candidates", "min_created_at",
                 "max_created_at", "min_fee")
EXACT_RELEVANCE = 80  # with an occupation criterion, tier >= 2 <=> relevance >= this
NATURALLY_DESCENDING = ("relevance", "date")


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
    # What the real API's other filters read (see "Filters of the real v2 API" above).
    nature: str | None = None  # natureContrat code: E1, E2, FS…
    experience_level: str | None = None  # the real API's experience value, "0" to "4"
    weekly_minutes: int | None = None  # hours of dureeTravailLibelle, in minutes
    sector: str | None = None  # NAF division ("82")
    naf_code: str | None = None  # "82.11Z"
    origin: str | None = None  # "1" France Travail, "2" a partner
    partners: tuple[str, ...] = ()  # partner codes ("LABONNEALTERNANCE")
    country: str | None = None  # pays code ("01" France)
    education_levels: tuple[str, ...] = ()  # NV1…NV5, AFS…
    licences: tuple[str, ...] = ()  # permis codes ("B", "C")
    accessible_th: bool | None = None  # handi-bienveillant employer (accessibleTH)
    adapted_company: bool | None = None  # entreprise.entrepriseAdaptee
    handi_engaged: bool | None = None  # employeurHandiEngage
    few_candidates: bool | None = None  # offresManqueCandidats
    fee_min: float | None = None  # a cachet's amount, euros (salaire « Cachet de 150 Euros »)
    raw: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # An engine may hand back lists (JSON): the tuples compare equal to what was written.
        for name in LIST_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, tuple):
                setattr(self, name, tuple(value or ()))


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
    # The real API's other filters ("Filters of the real v2 API" above); listed in EXTRA_FILTERS.
    experience_levels: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    communes: tuple[Place, ...] = ()
    sectors: tuple[str, ...] = ()
    naf_codes: tuple[str, ...] = ()
    natures: tuple[str, ...] = ()
    or_contract_types: tuple[str, ...] = ()
    origin: str | None = None
    partners: tuple[str, ...] = ()
    excluded_partners: tuple[str, ...] = ()
    unspecified_working_time: bool | None = None
    min_weekly_minutes: int | None = None
    max_weekly_minutes: int | None = None
    country: str | None = None
    education_levels: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    accessible_th: bool | None = None
    adapted_company: bool | None = None
    handi_engaged: bool | None = None
    few_candidates: bool | None = None
    min_created_at: int | None = None
    max_created_at: int | None = None
    min_fee: float | None = None
    sort: str = "relevance"
    descending: bool | None = None  # None: the sort's natural direction
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


def sort_key(text: str | None) -> str:
    """The title / place sort key both engines store: accents, ligatures and case folded, then
    compared code point by code point (« ÉPINAY » sorts as « epinay », before « viroflay »)."""
    return fold(text or "").lower()


def is_descending(query: SearchQuery) -> bool:
    """The direction ``query`` asks for, its sort's natural one when unset."""
    return query.sort in NATURALLY_DESCENDING if query.descending is None else query.descending


def has_occupation(query: SearchQuery) -> bool:
    return bool(query.rome_codes or query.close_rome_codes or query.appellation or query.domaine)


def closeness(query: SearchQuery) -> dict[str, int]:
    """ROME code of a métier proche -> c (n for the closest, 1 for the farthest)."""
    n = len(query.close_rome_codes)
    points: dict[str, int] = {}
    for i, code in enumerate(query.close_rome_codes):
        points.setdefault(code, n - i)
    return points


def relevance(tier: int, matched: int, keywords: int, close: int = 0, close_count: int = 0,
              occupation: bool = True) -> int:
    """The contract's relevance (see the module docstring), the reference both engines follow."""
    def share(weight: int) -> int:
        return weight if keywords == 0 else weight * matched // keywords

    if tier == 3:
        return 90 + share(10)
    if tier == 2:
        return 80 + share(15) if occupation else 50 + share(50)
    return 30 + (30 * close // close_count if close_count else 0) + share(10)


class OfferIndex(Protocol):
    def upsert(self, offers: Iterable[Offer]) -> int:
        """Insert or replace by id; returns how many were written."""
        ...

    def delete(self, ids: Iterable[str]) -> int: ...

    def ids(self) -> set[str]: ...

    def get(self, offer_id: str) -> Offer | None: ...

    def get_many(self, ids: Iterable[str]) -> dict[str, Offer]:
        """The offers of ``ids`` that are in the index, by id (absent ones left out): one round trip
        for a page of saved offers."""
        ...

    def published_between(self, start: int, end: int) -> Iterator[Offer]:
        """Every offer with ``start <= created_at < end`` (epoch seconds), in (created_at, id) order,
        streamed in batches: no 150 cap (the alerts job reads a day of new offers)."""
        ...

    def count(self) -> int: ...

    def search(self, query: SearchQuery) -> SearchResult: ...
