"""The alert matching port: which new offers each saved search would list in its exact group.

An offer goes into a subscription's alert when ``search(subscription.query)`` would list it
in the "exact" group (tier >= 2, see espace.offers.model), published_since_days,
min/max_created_at (the run's window decides what is new), sort and paging aside.
``exact_match`` is that rule in pure Python: the reference both engines end with.

The engines first narrow the candidates with *terms*, one vocabulary for both sides:
- a subscription is a list of groups of terms: an offer is a candidate when it has at least
  one term of every group (AND across groups, OR within);
- an offer is the set of its terms (``offer_terms``).
Every offer that ``exact_match`` accepts is a candidate (the groups are necessary
conditions, never sufficient ones), so the engines only decide how fast, never what.

Vocabulary: "a:" appellation, "r:" ROME code, "dom:" ROME code prefix (domaine), "g<level>:"
grid cell of the offer's coordinates, "nd:" département of an offer without coordinates,
"ncd:" département of an offer with neither commune nor coordinates, "cm:" commune, "d:"
département, "reg:" région, "c:" contract type, "k:" a stem of the offer's words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from espace.alertes.model import Subscription
from espace.offers.model import MAX_KEYWORDS, Offer, SearchQuery, has_occupation
from espace.places.place import Place, haversine_km
from espace.search_text import terms

# Grid levels (cell size in degrees): a circle uses the finest level it covers in at most
# MAX_CELLS cells; an offer carries its cell at every level.
GRID_LEVELS = (0.1, 0.4, 1.6, 6.4)
MAX_CELLS = 30
KM_PER_DEGREE = 110.0  # a little less than the real 111.2: the box is wide on purpose


class AlertMatcher(Protocol):
    def put(self, subscriptions: Iterable[Subscription]) -> None:
        """Insert or replace by id."""
        ...

    def remove(self, ids: Iterable[str]) -> None:
        """Forget these subscriptions (unknown ids are ignored)."""
        ...

    def remove_user(self, user_id: str) -> None:
        """Forget every subscription of ``user_id`` (account deletion: no need to know the ids)."""
        ...

    def match(self, offers: Sequence[Offer], frequency: str) -> dict[str, list[str]]:
        """Subscription id -> ids of its matching offers (in the offers' order), for the
        subscriptions of ``frequency``; subscriptions without a match are left out."""
        ...

    def count(self) -> int: ...

    def clear(self) -> None: ...


# --- the reference ---------------------------------------------------------------------------
@lru_cache(maxsize=65_536)
def keyword_stems(keyword: str) -> tuple[str, ...]:
    """The stems a keyword needs (all of them), as the engines' FTS phrase reads it."""
    return tuple(dict.fromkeys(t for t in terms(keyword) if t))


def query_phrases(query: SearchQuery) -> list[tuple[str, ...]]:
    """The keywords that have words (the contract's k), each as its stems."""
    return [stems for stems in (keyword_stems(k) for k in query.keywords[:MAX_KEYWORDS]) if stems]


def offer_stems(offer: Offer) -> frozenset[str]:
    return frozenset(terms(f"{offer.title}\n{offer.description}\n{offer.training}"))


def _near(place: Place, distance_km: float, offer: Offer) -> bool:
    """The contract's commune rule for one commune place."""
    if place.latitude is not None and place.longitude is not None and distance_km > 0:
        if offer.latitude is not None and offer.longitude is not None:
            return haversine_km(place.latitude, place.longitude, offer.latitude, offer.longitude) <= distance_km
        return offer.latitude is None and place.departement is not None and offer.departement == place.departement
    if offer.commune is not None:
        return offer.commune == place.code
    return (offer.latitude is None and place.departement is not None
            and offer.departement == place.departement)


Check = Callable[[Offer], bool]


def _filter_checks(query: SearchQuery) -> list[Check]:
    """One check per filter the query sets (espace.offers.model's "Filters"), time bounds aside."""
    q = query
    checks: list[Check] = []
    for codes, name in ((q.contract_types, "contract_type"), (q.experience, "experience"),
                        (q.departements, "departement"), (q.sectors, "sector"), (q.naf_codes, "naf_code")):
        if codes:
            checks.append(_field_in(name, frozenset(codes)))
    for wanted, name in ((q.full_time, "full_time"), (q.origin, "origin"), (q.country, "country")):
        if wanted is not None:
            checks.append(_field_equals(name, wanted))
    if q.qualification in ("9", "0", "X"):
        checks.append(_field_is("executive", {"9": True, "0": False, "X": None}[q.qualification]))
    for bound, name, lower in ((q.min_monthly_salary, "monthly_salary_min", True),
                               (q.min_duration_months, "duration_months", True),
                               (q.max_duration_months, "duration_months", False),
                               (q.min_weekly_minutes, "weekly_minutes", True),
                               (q.max_weekly_minutes, "weekly_minutes", False),
                               (q.min_fee, "fee_min", True)):
        if bound is not None:
            checks.append(_bound_check(name, bound, lower))
    if q.experience_levels:
        levels, unspecified = frozenset(q.experience_levels), "0" in q.experience_levels
        checks.append(lambda o: o.experience_level in levels or (unspecified and o.experience_level is None))
    if q.natures:
        natures, either = frozenset(q.natures), frozenset(q.or_contract_types)
        checks.append(lambda o: o.nature in natures or o.contract_type in either)
    if q.partners:
        partners = frozenset(q.partners)
        checks.append(lambda o: o.origin != "2" or not partners.isdisjoint(o.partners))
    if q.excluded_partners:
        excluded = frozenset(q.excluded_partners)
        checks.append(lambda o: o.origin != "2" or excluded.isdisjoint(o.partners))
    for codes, name in ((q.education_levels, "education_levels"), (q.licences, "licences")):
        if codes:
            checks.append(_lists_meet(name, frozenset(codes)))
    for name in ("accessible_th", "adapted_company", "handi_engaged", "few_candidates"):
        if (flag := getattr(q, name)) is not None:
            checks.append(_flag_check(name, flag))
    if (unspecified_time := q.unspecified_working_time) is not None:
        checks.append(lambda o: (o.full_time is None) == unspecified_time)
    if q.communes:
        checks.append(_near_any(q.communes, q.distance_km))
    place = q.place
    if place is not None and place.kind == "commune":
        checks.append(_near_any((place,), q.distance_km))
    elif place is not None and place.kind == "departement":
        checks.append(_field_equals("departement", place.code))
    elif place is not None and place.kind == "region":
        checks.append(_field_equals("region", place.code))
    return checks


def _field_in(name: str, codes: frozenset[str]) -> Check:
    return lambda o: getattr(o, name) in codes


def _field_equals(name: str, wanted: object) -> Check:
    return lambda o: getattr(o, name) == wanted


def _field_is(name: str, wanted: bool | None) -> Check:
    return lambda o: getattr(o, name) is wanted


def _lists_meet(name: str, codes: frozenset[str]) -> Check:
    return lambda o: not codes.isdisjoint(getattr(o, name))


def _flag_check(name: str, wanted: bool) -> Check:
    """True keeps the offers whose flag is True, False those whose flag is not True."""
    return lambda o: (getattr(o, name) is True) == wanted


def _near_any(places: tuple[Place, ...], distance_km: int) -> Check:
    return lambda o: any(_near(place, distance_km, o) for place in places)


def _bound_check(name: str, bound: float, lower: bool) -> Check:
    """Offers without the value are excluded, as in the engines' SQL."""
    if lower:
        return lambda o: (value := getattr(o, name)) is not None and value >= bound
    return lambda o: (value := getattr(o, name)) is not None and value <= bound


def _occupation_check(query: SearchQuery) -> Check | None:
    """Tier >= 2 of the contract: an exact code, the domaine, or the appellation chosen when
    its code is among the searched ones (None when the query names no occupation)."""
    if not has_occupation(query):
        return None
    exact, close, domaine, appellation = (frozenset(query.rome_codes), frozenset(query.close_rome_codes),
                                          query.domaine, query.appellation)

    def check(o: Offer) -> bool:
        code = o.rome_code
        if code in exact or (domaine and code.startswith(domaine)):
            return True
        return bool(appellation) and o.appellation_code == appellation and code in close

    return check


Matcher = Callable[[Offer, "frozenset[str] | None"], bool]


def compile_query(query: SearchQuery) -> Matcher:
    """``exact_match`` for one query, its checks built once: (offer, stems or None) -> bool.
    The engines compile each candidate subscription once per run."""
    checks = _filter_checks(query)
    if (occupation := _occupation_check(query)) is not None:
        checks.append(occupation)
    phrases = query_phrases(query)
    words: Callable[[frozenset[str]], bool] | None = None
    if phrases and query.strict_keywords:
        def words(have: frozenset[str]) -> bool:
            return all(have.issuperset(phrase) for phrase in phrases)
    elif phrases and not has_occupation(query):
        def words(have: frozenset[str]) -> bool:
            return any(have.issuperset(phrase) for phrase in phrases)

    def matches(offer: Offer, stems: frozenset[str] | None = None) -> bool:
        for check in checks:
            if not check(offer):
                return False
        if words is not None:
            return words(offer_stems(offer) if stems is None else stems)
        return True

    return matches


def exact_match(query: SearchQuery, offer: Offer, stems: frozenset[str] | None = None) -> bool:
    """Would ``search(query)`` list ``offer`` in its exact group (time bounds, sort and paging
    aside)? ``stems``: the offer's ``offer_stems``, when the caller has them already."""
    return compile_query(query)(offer, stems)


# --- the terms ---------------------------------------------------------------------------------
def _cell(level: int, latitude: float, longitude: float) -> str:
    size = GRID_LEVELS[level]
    return f"g{level}:{math.floor(latitude / size)}:{math.floor(longitude / size)}"


def offer_terms(offer: Offer, stems: frozenset[str] | None = None) -> set[str]:
    found = {f"r:{offer.rome_code}", f"c:{offer.contract_type}"}
    found.update(f"dom:{offer.rome_code[:n]}" for n in range(1, len(offer.rome_code) + 1))
    if offer.appellation_code:
        found.add(f"a:{offer.appellation_code}")
    if offer.latitude is not None and offer.longitude is not None:
        found.update(_cell(level, offer.latitude, offer.longitude) for level in range(len(GRID_LEVELS)))
    if offer.departement:
        found.add(f"d:{offer.departement}")
        if offer.latitude is None:
            found.add(f"nd:{offer.departement}")
            if offer.commune is None:
                found.add(f"ncd:{offer.departement}")
    if offer.region:
        found.add(f"reg:{offer.region}")
    if offer.commune:
        found.add(f"cm:{offer.commune}")
    found.update(f"k:{stem}" for stem in (offer_stems(offer) if stems is None else stems))
    return found


def _circle_cells(place: Place, distance_km: float) -> list[str]:
    """Cells covering the circle's bounding box, at the finest level that needs few of them.
    floor() is monotonic, so every point inside the box falls in one of these cells."""
    assert place.latitude is not None and place.longitude is not None
    dlat = distance_km / KM_PER_DEGREE
    far = min(89.0, abs(place.latitude) + dlat)  # the circle is widest in longitude on its polar side
    dlon = min(180.0, distance_km / (KM_PER_DEGREE * max(1e-6, math.cos(math.radians(far)))))
    south, north = place.latitude - dlat, place.latitude + dlat
    west, east = place.longitude - dlon, place.longitude + dlon
    for level, size in enumerate(GRID_LEVELS):
        rows = range(math.floor(south / size), math.floor(north / size) + 1)
        columns = range(math.floor(west / size), math.floor(east / size) + 1)
        if len(rows) * len(columns) <= MAX_CELLS or level == len(GRID_LEVELS) - 1:
            return [f"g{level}:{row}:{column}" for row in rows for column in columns]
    raise AssertionError("unreachable")


def _commune_terms(place: Place, distance_km: float) -> list[str]:
    if place.latitude is not None and place.longitude is not None and distance_km > 0:
        found = _circle_cells(place, distance_km)
        return found + ([f"nd:{place.departement}"] if place.departement else [])
    return [f"cm:{place.code}"] + ([f"ncd:{place.departement}"] if place.departement else [])


def _rarest(stems: tuple[str, ...]) -> str:
    """The stem of a keyword most likely to be rare: the longest (ties: the first in order)."""
    return max(stems, key=len)


def subscription_groups(query: SearchQuery) -> list[list[str]]:
    """The groups of terms every exact match has (AND across groups, OR within). An empty
    list: nothing to index, the subscription is checked against every offer."""
    groups: list[list[str]] = []
    if has_occupation(query):
        occupation = [f"r:{code}" for code in query.rome_codes]
        if query.domaine:
            occupation.append(f"dom:{query.domaine}")
        if query.appellation:
            occupation.append(f"a:{query.appellation}")
        groups.append(occupation)  # may be empty: then nothing is ever exact, and no offer is a candidate
    place = query.place
    if place is not None:
        if place.kind == "commune":
            groups.append(_commune_terms(place, query.distance_km))
        elif place.kind == "departement":
            groups.append([f"d:{place.code}"])
        elif place.kind == "region":
            groups.append([f"reg:{place.code}"])
    if query.communes:
        groups.append([term for commune in query.communes for term in _commune_terms(commune, query.distance_km)])
    if query.departements:
        groups.append([f"d:{code}" for code in query.departements])
    if query.contract_types:
        groups.append([f"c:{code}" for code in query.contract_types])
    phrases = query_phrases(query)
    if phrases and query.strict_keywords:
        groups += [[f"k:{_rarest(phrase)}"] for phrase in phrases]
    elif phrases and not has_occupation(query):
        groups.append(sorted({f"k:{_rarest(phrase)}" for phrase in phrases}))
    return [sorted(set(group)) for group in groups]

