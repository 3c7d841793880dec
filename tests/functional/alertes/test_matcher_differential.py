"""Both engines against the search port: the same alerts as one search per saved search.

Generated offers go into a SQLite offer index; the newest few hundred are the run's new
offers. ~200 generated saved searches (every mode of the search form, places and filters
mixed as candidates save them) go into both matchers. For each subscription, the oracle is
the search port itself: the exact group of search(query, min_created_at = the window's
start), read page by page. Both engines' match() must give exactly those ids.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter

import pytest

from espace.alertes.model import Subscription
from espace.offers.model import MAX_LIMIT, Offer, SearchQuery
from tests.functional.alertes.test_matcher_contract import make_matcher
from tests.functional.offers.test_index_contract import NOW

OFFERS = 700
NEW = 350
SUBSCRIPTIONS = 200
WORDS = ("maçon", "vente", "commercial", "chauffeur", "aide", "nuit", "cuisinier", "maintenance", "anglais",
         "équipe", "client", "soudure", "développeur python", "permis B", "zzzqqq")


def generated_offers(count: int, seed: str, services) -> list[Offer]:
    from espace.offers.cli.generator import generate
    from espace.offers.schema import validate_offer

    return [validate_offer(raw, services.rome, services.places)
            for raw in generate(count, seed, NOW, places=services.places)]


def generated_subscriptions(count: int, offers: list[Offer], services, seed: str = "alerts") -> list[Subscription]:
    """Saved searches as the search form builds them: an appellation (with its ROME code and
    métiers proches), a ROME code with or without keywords, a domaine, keywords only (the
    simple form's strict words, the advanced form's any of them), a place and filters."""
    rng = random.Random(seed)
    rome, places = services.rome, services.places
    codes = [code for code, _ in Counter(o.rome_code for o in offers).most_common(80)]
    appellations = [a for a, _ in Counter(o.appellation_code for o in offers if o.appellation_code).most_common(80)
                    if a in rome.appellations]
    communes = [c for c, _ in Counter(o.commune for o in offers if o.commune).most_common(150)]
    departements = [d for d, _ in Counter(o.departement for o in offers if o.departement).most_common(60)]
    regions = sorted({o.region for o in offers if o.region})
    # Sorted: a set's order changes with the process's string hashing, and ties of most_common follow it.
    counts = Counter(w for o in offers
                     for w in sorted(set(re.findall(r"\w{5,}", f"{o.title} {o.description}".lower()))))
    words = list(WORDS) + [w for w, _ in counts.most_common(300)[::5]]
    made = []
    for number in range(count):
        criteria: dict = {}
        # Most candidates look for jobs that exist where they live: criteria drawn around one offer.
        anchor = rng.choice(offers) if rng.random() < 0.7 else None
        if anchor is not None:
            codes_here = [anchor.rome_code] if anchor.rome_code in rome.fiches else codes
            appellations_here = [anchor.appellation_code] if anchor.appellation_code in rome.appellations \
                else appellations
            communes_here = [anchor.commune] if anchor.commune else communes
            departements_here = [anchor.departement] if anchor.departement else departements
            regions_here = [anchor.region] if anchor.region else regions
        else:
            codes_here, appellations_here, communes_here = codes, appellations, communes
            departements_here, regions_here = departements, regions
        mode = rng.choice(("appellation", "appellation", "rome", "rome", "rome_words", "domaine", "words_simple",
                           "words_simple", "words_any", "strict_occupation", "filters_only"))
        if mode == "appellation":
            appellation = rome.appellations[rng.choice(appellations_here)]
            criteria.update(appellation=appellation.code, rome_codes=(appellation.rome_code,),
                            close_rome_codes=tuple(rome.fiches[appellation.rome_code].close_codes))
        elif mode in ("rome", "rome_words", "strict_occupation"):
            code = rng.choice(codes_here)
            criteria.update(rome_codes=(code,), close_rome_codes=tuple(rome.fiches[code].close_codes))
            if mode != "rome":
                criteria.update(keywords=tuple(rng.sample(words, rng.choice((1, 2)))),
                                strict_keywords=mode == "strict_occupation")
        elif mode == "domaine":
            criteria["domaine"] = rng.choice(codes_here)[:3]
        elif mode == "words_simple":
            criteria.update(keywords=(rng.choice(words),), strict_keywords=True)
        elif mode == "words_any":
            criteria["keywords"] = tuple(rng.sample(words, rng.choice((2, 3))))
        where = rng.choice(("none", "commune", "commune", "commune", "departement", "departement", "region"))
        if where == "commune":
            criteria.update(place=places.commune(rng.choice(communes_here)),
                            distance_km=rng.choice((0, 5, 10, 10, 20, 30, 50, 100)))
        elif where == "departement":
            criteria["place"] = places.departement(rng.choice(departements_here))
        elif where == "region":
            criteria["place"] = places.region(rng.choice(regions_here))
        extras = rng.choice((0, 0, 1, 1, 2)) + (1 if mode == "filters_only" else 0)
        for _ in range(extras):
            name, value = rng.choice((
                ("contract_types", tuple(rng.sample(("CDI", "CDD", "MIS", "SAI", "LIB"), rng.choice((1, 2))))),
                ("contract_types", ("CDI",)), ("full_time", rng.random() < 0.5),
                ("experience", (rng.choice("DSE"),)), ("qualification", rng.choice("09")),
                ("min_monthly_salary", rng.choice((1800, 2000, 2500))), ("max_duration_months", 6),
                ("departements", tuple(rng.sample(departements, 2))),
                ("communes", tuple(places.commune(c) for c in rng.sample(communes, 2))),
                ("published_since_days", 7)))  # ignored by alerts: the run's window decides
            criteria[name] = value
        frequency = "weekly" if rng.random() < 0.2 else "daily"
        made.append(Subscription(f"user{number % 37}:s{number:04d}", f"user{number % 37}", frequency,
                                 SearchQuery(now=NOW, sort=rng.choice(("relevance", "date")), **criteria)))
    return made


def oracle(index, query: SearchQuery, start: int, new_ids: set[str]) -> list[str]:
    """The exact group of the search port's answer, every page, restricted to the new offers."""
    probe = dataclasses.replace(query, min_created_at=start, published_since_days=None, sort="relevance",
                                descending=None, limit=MAX_LIMIT, facets=False)
    found: list[str] = []
    offset = 0
    while True:
        result = index.search(dataclasses.replace(probe, offset=offset))
        found += [hit.offer.id for hit in result.hits if hit.group == "exact"]
        offset += MAX_LIMIT
        if offset >= result.total_exact or not result.hits:
            return [offer_id for offer_id in found if offer_id in new_ids]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.bootstrap import get_services

    services = get_services()
    offers = sorted(generated_offers(OFFERS, "alerts differential", services), key=lambda o: (o.created_at, o.id))
    start = offers[-NEW].created_at
    new = [o for o in offers if o.created_at >= start]
    index = SqliteOfferIndex(tmp_path_factory.mktemp("alerts-oracle") / "offres.db")
    index.upsert(offers)
    subscriptions = generated_subscriptions(SUBSCRIPTIONS, offers, services)
    new_ids = {o.id for o in new}
    expected: dict[str, dict[str, list[str]]] = {"daily": {}, "weekly": {}}
    for subscription in subscriptions:
        hits = oracle(index, subscription.query, start, new_ids)
        if hits:
            order = {o.id: n for n, o in enumerate(new)}
            expected[subscription.frequency][subscription.id] = sorted(hits, key=order.__getitem__)
    return new, subscriptions, expected


@pytest.mark.parametrize("engine", ["sqlite", "opensearch"])
def test_the_engines_give_the_search_ports_exact_group(engine, scenario, request, tmp_path):
    new, subscriptions, expected = scenario
    rng = random.Random("order")
    new = list(new)
    rng.shuffle(new)  # match() keeps the order it is given
    matcher = make_matcher(engine, request, tmp_path)
    try:
        matcher.put(subscriptions)
        assert matcher.count() == len(subscriptions)
        for frequency in ("daily", "weekly"):
            order = {o.id: n for n, o in enumerate(new)}
            wanted = {sid: sorted(ids, key=order.__getitem__) for sid, ids in expected[frequency].items()}
            got = matcher.match(new, frequency)
            differences = {sid: (got.get(sid), wanted.get(sid)) for sid in set(got) | set(wanted)
                           if got.get(sid) != wanted.get(sid)}
            assert differences == {}, frequency
    finally:
        if hasattr(matcher, "drop"):
            matcher.drop()


def test_the_scenario_is_not_trivial(scenario):
    new, subscriptions, expected = scenario
    matched = {**expected["daily"], **expected["weekly"]}
    assert len(new) >= 300 and len(subscriptions) == SUBSCRIPTIONS
    assert len(matched) >= SUBSCRIPTIONS * 0.3, len(matched)  # many alerts have something new (77 of 200)
    assert sum(len(ids) for ids in matched.values()) >= 800  # 1,139 (subscription, offer) pairs
    assert expected["weekly"]  # both frequencies occur
