"""Both engines give the same page: a differential test over generated queries.

The same generated offers are loaded into SQLite FTS5 and a real OpenSearch node; a seeded
set of queries (keywords, places, ROME codes, appellations, domaines, filters, their
combinations, every sort and direction, pages) runs on both, and each answer must agree:
totals, and the first page's ids in order with their relevance, group and distance.
The order and the relevance are the port's (espace.offers.model), not an engine's.
"""

from __future__ import annotations

import random
import re
import uuid
from collections import Counter

import pytest

from espace.offers.model import SORTS, SearchQuery
from tests.functional.offers.test_index_contract import NOW

OFFERS = 3000
QUERIES = 200
# Words a job seeker types, the generator's common words, and the one that once stemmed apart.
WORDS = ("maçon", "français", "permis", "commercial", "maintenance", "nuit", "aide", "développeur python",
         "cuisinier", "vente", "chauffeur", "h/f", "équipe", "client", "soudure", "anglais", "CDI", "zzzqqq")


@pytest.fixture(scope="module")
def loaded(request, tmp_path_factory):
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.bootstrap import get_services
    from espace.offers.cli.generator import generate
    from espace.offers.schema import validate_offer

    services = get_services()
    offers = [validate_offer(raw, services.rome, services.places)
              for raw in generate(OFFERS, "agree", NOW, places=services.places)]
    sqlite = SqliteOfferIndex(tmp_path_factory.mktemp("agree") / "offres.db")
    opensearch = OpenSearchOfferIndex(request.getfixturevalue("opensearch_url"),
                                      index_name=f"offres-agree-{uuid.uuid4().hex[:8]}")
    sqlite.upsert(offers)
    opensearch.upsert(offers)
    yield offers, sqlite, opensearch, services
    opensearch.drop()


def queries(offers, services) -> list[SearchQuery]:
    """QUERIES seeded queries; each draws an occupation, words, a place and filters independently,
    so single criteria and combinations both occur, on every sort and direction."""
    rng = random.Random("engines agree")
    rome, places = services.rome, services.places
    # Common codes and words, so that most queries (even combined) find offers in 3,000.
    codes = [code for code, _ in Counter(o.rome_code for o in offers).most_common(60)]
    appellations = [a for a, _ in Counter(o.appellation_code for o in offers if o.appellation_code).most_common(60)]
    communes = sorted({o.commune for o in offers if o.commune})
    departements = sorted({o.departement for o in offers if o.departement})
    regions = sorted({o.region for o in offers if o.region})
    counts = Counter(w for o in offers for w in set(re.findall(r"\w{5,}", f"{o.title} {o.description}".lower())))
    words = list(WORDS) + [w for w, n in counts.most_common(400)[::4]]
    made = []
    for number in range(QUERIES):
        criteria: dict = {"now": NOW, "sort": SORTS[number % len(SORTS)],
                          "descending": (None, True, False)[(number // len(SORTS)) % 3],
                          "limit": rng.choice((20, 20, 50, 150)), "offset": rng.choice((0, 0, 0, 0, 0, 20)),
                          "facets": rng.random() < 0.5}
        occupation = rng.choice(("none", "none", "rome", "appellation", "domaine"))
        if occupation == "rome":
            code = rng.choice(codes)
            criteria.update(rome_codes=(code,), close_rome_codes=tuple(rome.fiches[code].close_codes))
        elif occupation == "appellation":
            appellation = rome.appellations[rng.choice(appellations)]
            criteria.update(appellation=appellation.code, rome_codes=(appellation.rome_code,),
                            close_rome_codes=tuple(rome.fiches[appellation.rome_code].close_codes))
        elif occupation == "domaine":
            criteria["domaine"] = rng.choice(codes)[:3]
        if occupation == "none" or rng.random() < 0.4:
            criteria["keywords"] = tuple(rng.sample(words, rng.choice((1, 1, 2, 3))))
            criteria["strict_keywords"] = rng.random() < 0.3
        where = rng.choice(("none", "none", "none", "commune", "departement", "region", "region"))
        if where == "commune":
            criteria.update(place=places.commune(rng.choice(communes)), distance_km=rng.choice((0, 10, 50, 100, 100)))
        elif where == "departement":
            criteria["place"] = places.departement(rng.choice(departements))
        elif where == "region":
            criteria["place"] = places.region(rng.choice(regions))
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            name, value = rng.choice((
                ("contract_types", tuple(rng.sample(("CDI", "CDD", "MIS", "SAI", "LIB"), 2))),
                ("full_time", rng.random() < 0.5), ("experience", (rng.choice("DSE"),)),
                ("qualification", rng.choice("09")), ("published_since_days", rng.choice((1, 3, 7, 14, 31))),
                ("min_monthly_salary", rng.choice((1500, 2000, 3000))),
                ("min_duration_months", 3), ("max_duration_months", 6)))
            criteria[name] = value
        made.append(SearchQuery(**criteria))
    return made


def answer(result):
    return {"totals": (result.total_exact, result.total_close),
            "page": [(h.offer.id, h.relevance, h.group, h.distance_km) for h in result.hits]}


def test_both_engines_give_the_same_pages(loaded):
    offers, sqlite, opensearch, services = loaded
    made = queries(offers, services)
    differ = []
    for query in made:
        embedded, cluster = sqlite.search(query), opensearch.search(query)
        if answer(embedded) != answer(cluster) or (query.facets and embedded.facets != cluster.facets):
            differ.append(query)
    assert differ == []
    # The set is not trivial: most queries find offers, many fill a page, all sorts occur.
    found = Counter(bool(sqlite.search(q).hits) for q in made)
    assert found[True] >= QUERIES * 0.6, found
    assert {q.sort for q in made} == set(SORTS) and {q.descending for q in made} == {None, True, False}
