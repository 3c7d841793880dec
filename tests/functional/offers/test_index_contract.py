"""One contract, two engines: every scenario runs on SQLite FTS5 and on a real OpenSearch node.

The semantics are those of espace.offers.model's docstring.
"""

from __future__ import annotations

import uuid

import pytest

from espace.offers.model import Offer, SearchQuery
from espace.places import Place

NOW = 1_795_000_000  # a fixed "now" (epoch seconds) for "published since"
DAY = 86_400
LA_ROCHELLE = Place("commune", "17300", "La Rochelle", 46.1591, -1.1520, "17", "75")
CHARENTE_MARITIME = Place("departement", "17", "Charente-Maritime", departement="17", region="75")
NOUVELLE_AQUITAINE = Place("region", "75", "Nouvelle-Aquitaine", region="75")


def offer(id, title, *, rome="F1703", appellation=None, description="", training="", contract="CDI",
          days_ago=1, place=("La Rochelle", "17300", "17", "75", 46.1591, -1.1520), full_time=True,
          experience="D", executive=False, salary=None, duration=None):
    label, commune, dept, region, lat, lon = place
    return Offer(id=id, title=title, description=description, training=training, rome_code=rome,
                 appellation_code=appellation, contract_type=contract, created_at=NOW - days_ago * DAY,
                 place_label=label, commune=commune, departement=dept, region=region, latitude=lat, longitude=lon,
                 full_time=full_time, experience=experience, executive=executive, monthly_salary_min=salary,
                 duration_months=duration, company="Entreprise", raw={"id": id, "intitule": title})


ROCHEFORT = ("17 - Rochefort", "17299", "17", "75", 45.9421, -0.9588)  # ~ 30 km from La Rochelle
NIORT = ("79 - Niort", "79191", "79", "75", 46.3237, -0.4588)  # ~ 56 km
PARIS = ("75 - Paris", "75111", "75", "11", 48.8566, 2.3522)
DEPT_17_ONLY = ("17 - Charente-Maritime", None, "17", "75", None, None)
DEPT_79_ONLY = ("79 - Deux-Sèvres", None, "79", "75", None, None)


@pytest.fixture(params=["sqlite", "opensearch"])
def index(request, tmp_path):
    if request.param == "sqlite":
        from espace.adapters.offers_sqlite import SqliteOfferIndex

        yield SqliteOfferIndex(tmp_path / "offres.db")
        return
    url = request.getfixturevalue("opensearch_url")
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    name = f"offres-test-{uuid.uuid4().hex[:8]}"
    engine = OpenSearchOfferIndex(url, index_name=name)
    yield engine
    engine.drop()


def search(index, **criteria):
    return index.search(SearchQuery(now=NOW, **criteria))


def ids(result):
    return [hit.offer.id for hit in result.hits]


def test_upsert_get_delete(index):
    assert index.upsert([offer("100AAAA", "Maçon"), offer("100AAAB", "Plombier", rome="F1603")]) == 2
    assert index.count() == 2 and index.ids() == {"100AAAA", "100AAAB"}
    index.upsert([offer("100AAAA", "Maçon confirmé")])
    assert index.count() == 2 and index.get("100AAAA").title == "Maçon confirmé"
    assert index.get("100AAAA").raw == {"id": "100AAAA", "intitule": "Maçon confirmé"}
    assert index.get("999ZZZZ") is None
    assert index.delete(["100AAAB", "999ZZZZ"]) == 1
    assert index.ids() == {"100AAAA"}
    assert ids(search(index, keywords=("plombier",))) == []



def test_get_many_leaves_absent_ids_out(index):
    index.upsert([offer("100AAAA", "Maçon"), offer("100AAAB", "Plombier", rome="F1603")])
    found = index.get_many(["100AAAB", "999ZZZZ", "100AAAA", "100AAAB"])
    assert sorted(found) == ["100AAAA", "100AAAB"] and found["100AAAB"].title == "Plombier"
    assert index.get_many([]) == {}


def test_published_between_streams_a_window_in_order(index, monkeypatch):
    import espace.adapters.offers_opensearch as opensearch_engine
    import espace.adapters.offers_sqlite as sqlite_engine

    # Small pages, so that the walk crosses several of them, ties on created_at included.
    monkeypatch.setattr(sqlite_engine, "BATCH", 3)
    monkeypatch.setattr(opensearch_engine, "PAGE", 3)
    offers = [offer(f"2{n:02d}AAAA", f"Offre {n}", days_ago=n // 2) for n in range(12)]
    index.upsert(offers)
    start, end = NOW - 4 * DAY, NOW - 1 * DAY  # days_ago 4, 3 and 2 (1 is excluded): n = 4..9
    walked = list(index.published_between(start, end))
    expected = sorted((o for o in offers if start <= o.created_at < end), key=lambda o: (o.created_at, o.id))
    assert [o.id for o in walked] == [o.id for o in expected] and len(walked) == 6
    assert walked[0].raw == expected[0].raw
    assert list(index.published_between(end, end)) == []


def test_words_are_stemmed_and_accent_folded(index):
    index.upsert([offer("1", "Maçonne H/F"), offer("2", "Chef d'équipe", description="Vous encadrez des MACONS."),
                  offer("3", "Coffreur", training="CAP maçon"), offer("4", "Plombier chauffagiste", rome="F1603")])
    for word in ("maçon", "MACON", "maçons", "Maçonnes"):
        assert set(ids(search(index, keywords=(word,)))) == {"1", "2", "3"}, word


def test_words_stem_alike_in_both_engines(index):
    """Lucene's French stemmer and Python's Snowball differ on these: the contract's is Snowball."""
    index.upsert([offer("1", "Professeur", description="langue française"), offer("2", "Vendeur", description="balai"),
                  offer("3", "Bijoutier", description="bijou en or"), offer("4", "Cuisinier", description="lyonnais")])
    assert ids(search(index, keywords=("français",))) == ["1"]
    assert ids(search(index, keywords=("balais",))) == []  # Snowball: "balais" != "balai"
    assert ids(search(index, keywords=("bijoux",))) == ["3"]
    assert ids(search(index, keywords=("lyonnaise",))) == ["4"]


def test_strict_keywords_need_every_keyword(index):
    index.upsert([offer("1", "Maçon coffreur"), offer("2", "Maçon"), offer("3", "Coffreur bancheur")])
    assert set(ids(search(index, keywords=("maçon", "coffreur")))) == {"1", "2", "3"}
    assert ids(search(index, keywords=("maçon", "coffreur"), strict_keywords=True)) == ["1"]
    # A keyword of several words needs all of them.
    assert ids(search(index, keywords=("maçon coffreur",))) == ["1"]


def test_syntax_characters_are_plain_text(index):
    index.upsert([offer("1", "Aide-soignant de nuit")])
    for text in ('aide-soignant', '"aide', "soignant*", "NEAR(aide soignant)", "aide OR nuit", "-nuit", "a:b",
                 "(((", "'; DROP TABLE offers; --", "x" * 3000):
        search(index, keywords=(text,))  # never raises
    assert ids(search(index, keywords=("aide-soignant",))) == ["1"]


def test_occupation_tiers_and_groups(index):
    index.upsert([
        offer("1", "Maçon VRD", appellation="15010", days_ago=5),
        offer("2", "Maçon", days_ago=1),
        offer("3", "Carreleur", rome="F1608", days_ago=1),  # a métier proche
        offer("4", "Comptable", rome="M1203"),
    ])
    result = search(index, appellation="15010", rome_codes=("F1703",), close_rome_codes=("F1608",))
    assert ids(result) == ["1", "2", "3"]
    assert [h.group for h in result.hits] == ["exact", "exact", "close"]
    assert (result.total_exact, result.total_close) == (2, 1)
    assert [h.relevance for h in result.hits] == [100, 95, 70]  # see test_relevance_is_absolute


def test_keywords_raise_offers_within_a_tier(index):
    index.upsert([offer("1", "Maçon", days_ago=1), offer("2", "Maçon", description="Permis B et enduits", days_ago=9)])
    result = search(index, rome_codes=("F1703",), keywords=("enduit", "permis"))
    assert ids(result) == ["2", "1"]  # keywords rank; without them offer 1 (newer) would win
    assert ids(search(index, rome_codes=("F1703",))) == ["1", "2"]


def test_domaine_matches_its_codes(index):
    index.upsert([offer("1", "Maçon"), offer("2", "Électricien", rome="F1602"), offer("3", "Cuisinier", rome="G1602")])
    assert set(ids(search(index, domaine="F16"))) == {"2"}
    assert set(ids(search(index, domaine="F1"))) == {"1", "2"}


def test_distance_around_a_commune(index):
    index.upsert([offer("LR", "Maçon"), offer("RO", "Maçon", place=ROCHEFORT), offer("NI", "Maçon", place=NIORT),
                  offer("PA", "Maçon", place=PARIS), offer("D17", "Maçon", place=DEPT_17_ONLY),
                  offer("D79", "Maçon", place=DEPT_79_ONLY)])
    result = search(index, place=LA_ROCHELLE, distance_km=40, sort="distance")
    assert ids(result) == ["LR", "RO", "D17"]
    assert result.hits[0].distance_km == 0.0 and 20 < result.hits[1].distance_km < 35
    assert result.hits[2].distance_km is None
    assert set(ids(search(index, place=LA_ROCHELLE, distance_km=100))) == {"LR", "RO", "NI", "D17"}
    assert set(ids(search(index, place=LA_ROCHELLE, distance_km=0))) == {"LR", "D17"}


def test_departement_and_region(index):
    index.upsert([offer("LR", "Maçon"), offer("NI", "Maçon", place=NIORT), offer("PA", "Maçon", place=PARIS),
                  offer("D17", "Maçon", place=DEPT_17_ONLY)])
    assert set(ids(search(index, place=CHARENTE_MARITIME))) == {"LR", "D17"}
    assert set(ids(search(index, place=NOUVELLE_AQUITAINE))) == {"LR", "NI", "D17"}


def test_filters(index):
    index.upsert([
        offer("1", "Maçon", contract="CDI", days_ago=2, salary=2100, experience="E", executive=False),
        offer("2", "Maçon", contract="CDD", duration=6, days_ago=10, salary=1900, full_time=False, experience="D"),
        offer("3", "Maçon", contract="MIS", duration=1, days_ago=40, executive=True, experience="S"),
    ])
    assert set(ids(search(index, contract_types=("CDI", "CDD")))) == {"1", "2"}
    assert ids(search(index, full_time=False)) == ["2"]
    assert set(ids(search(index, experience=("D", "S")))) == {"2", "3"}
    assert ids(search(index, qualification="9")) == ["3"]
    assert set(ids(search(index, qualification="0"))) == {"1", "2"}
    assert set(ids(search(index, published_since_days=14))) == {"1", "2"}
    assert ids(search(index, published_since_days=3)) == ["1"]
    assert ids(search(index, min_monthly_salary=2000)) == ["1"]
    assert ids(search(index, min_duration_months=3)) == ["2"]
    assert ids(search(index, max_duration_months=3)) == ["3"]


def test_sorts(index):
    index.upsert([offer("1", "Bancheur", contract="MIS", days_ago=3, place=NIORT),
                  offer("2", "Alpiniste", contract="CDD", days_ago=1, place=ROCHEFORT),
                  offer("3", "Coffreur", contract="CDI", days_ago=2)])
    assert ids(search(index, sort="date")) == ["2", "3", "1"]
    assert ids(search(index, sort="date", descending=False)) == ["1", "3", "2"]
    assert ids(search(index, sort="title")) == ["2", "1", "3"]
    assert ids(search(index, sort="title", descending=True)) == ["3", "1", "2"]
    assert ids(search(index, sort="contract")) == ["2", "3", "1"]
    assert ids(search(index, sort="place")) == ["2", "1", "3"]  # "17 - Rochefort" < "79 - Niort" < "La Rochelle"
    assert ids(search(index, place=LA_ROCHELLE, distance_km=100, sort="distance")) == ["3", "2", "1"]
    # Without criteria every offer is equally relevant: newest first.
    assert ids(search(index)) == ["2", "3", "1"]


def test_paging_totals_and_limit(index):
    index.upsert([offer(f"{n:03d}PAGE", "Maçon", days_ago=n) for n in range(1, 161)])
    first = search(index, sort="date", limit=20)
    second = search(index, sort="date", limit=20, offset=20)
    assert first.total == second.total == 160
    assert len(first.hits) == 20 and not set(ids(first)) & set(ids(second))
    assert ids(first)[0] == "001PAGE" and ids(second)[0] == "021PAGE"
    assert len(search(index, limit=500).hits) == 150


def test_facets(index):
    index.upsert([offer("1", "Maçon", contract="CDI"), offer("2", "Maçon", contract="CDI", full_time=False),
                  offer("3", "Maçon", contract="MIS", executive=True, experience="E")])
    facets = search(index).facets
    assert facets["contract_type"] == {"CDI": 2, "MIS": 1}
    assert facets["experience"] == {"D": 2, "E": 1}
    assert facets["executive"] == {"false": 2, "true": 1}
    assert facets["full_time"] == {"true": 2, "false": 1}


def test_ranking_on_generated_offers(index):
    """The seed's "recherche approchée" on 1,500 generated offers: chosen appellation, then its
    ROME code, then the métiers proches; totals match a count made independently."""
    from collections import Counter

    from espace.bootstrap import get_services
    from espace.offers.cli.generator import generate
    from espace.offers.schema import validate_offer

    rome, places = get_services().rome, get_services().places
    offers = [validate_offer(raw, rome, places) for raw in generate(1500, "ranking", NOW, places=places)]
    index.upsert(offers)
    appellation = Counter(o.appellation_code for o in offers if o.appellation_code).most_common(1)[0][0]
    code = rome.appellations[appellation].rome_code
    close = tuple(c for c in rome.fiches[code].close_codes if c != code)
    result = search(index, appellation=appellation, rome_codes=(code,), close_rome_codes=close, limit=150)
    assert result.total_exact == sum(1 for o in offers if o.rome_code == code)
    assert result.total_close == sum(1 for o in offers if o.rome_code in close)
    tiers = [3 if h.offer.appellation_code == appellation else 2 if h.offer.rome_code == code else 1
             for h in result.hits]
    assert tiers and tiers == sorted(tiers, reverse=True) and tiers[0] == 3
    assert [h.group for h in result.hits] == ["exact" if t >= 2 else "close" for t in tiers]


def api_offer(id, **fields):
    """An offer with the fields the real v2 API's other filters read (espace.offers.model)."""
    from dataclasses import replace

    place = fields.pop("place", None)
    base = offer(id, "Maçon", **({"place": place} if place else {}), **{
        k: fields.pop(k) for k in ("contract", "full_time", "days_ago") if k in fields})
    return replace(base, **fields)


def test_filters_of_the_real_api(index):
    index.upsert([
        api_offer("1", nature="E1", experience_level="4", weekly_minutes=2100, sector="43", naf_code="43.99C",
                  origin="1", country="01", education_levels=("NV5",), licences=("B",), accessible_th=True,
                  adapted_company=False, few_candidates=True, days_ago=1),
        api_offer("2", nature="E2", contract="CDD", experience_level="2", weekly_minutes=1470, sector="78",
                  naf_code="78.20Z", origin="2", partners=("LABONNEALTERNANCE",), education_levels=("NV4", "NV3"),
                  licences=("B", "C"), handi_engaged=True, days_ago=5, place=ROCHEFORT),
        api_offer("3", nature="FS", contract="MIS", experience_level=None, full_time=None, origin="2",
                  partners=("INDEED",), adapted_company=True, days_ago=10, place=NIORT),
    ])
    assert ids(search(index, experience_levels=("4",))) == ["1"]
    assert set(ids(search(index, experience_levels=("0", "2")))) == {"2", "3"}  # "0": not given
    assert ids(search(index, sectors=("78",))) == ["2"]
    assert ids(search(index, naf_codes=("43.99C",))) == ["1"]
    assert set(ids(search(index, origin="2"))) == {"2", "3"}
    assert ids(search(index, country="01")) == ["1"]
    assert set(ids(search(index, natures=("E2", "FS")))) == {"2", "3"}
    assert set(ids(search(index, natures=("E2",), or_contract_types=("MIS",)))) == {"2", "3"}
    # Partners select among partner offers only: France Travail's own offers always pass.
    assert set(ids(search(index, partners=("LABONNEALTERNANCE",)))) == {"1", "2"}
    assert set(ids(search(index, excluded_partners=("LABONNEALTERNANCE",)))) == {"1", "3"}
    assert ids(search(index, origin="2", partners=("INDEED",))) == ["3"]
    assert set(ids(search(index, education_levels=("NV3", "NV5")))) == {"1", "2"}
    assert ids(search(index, licences=("C",))) == ["2"]
    assert ids(search(index, accessible_th=True)) == ["1"]
    assert set(ids(search(index, accessible_th=False))) == {"2", "3"}
    assert ids(search(index, adapted_company=True)) == ["3"]
    assert ids(search(index, handi_engaged=True)) == ["2"]
    assert ids(search(index, few_candidates=True)) == ["1"]
    assert ids(search(index, unspecified_working_time=True)) == ["3"]
    assert ids(search(index, min_weekly_minutes=1500)) == ["1"]
    assert ids(search(index, max_weekly_minutes=1500)) == ["2"]
    assert ids(search(index, min_created_at=NOW - 6 * DAY, max_created_at=NOW - 2 * DAY)) == ["2"]
    assert set(ids(search(index, departements=("17", "79")))) == {"1", "2", "3"}
    assert ids(search(index, departements=("79",))) == ["3"]
    # Several filters together, and with a keyword (the engines' fast paths must not skip them).
    assert ids(search(index, keywords=("maçon",), licences=("B",), origin="2")) == ["2"]


def test_several_communes(index):
    index.upsert([offer("LR", "Maçon"), offer("RO", "Maçon", place=ROCHEFORT), offer("NI", "Maçon", place=NIORT),
                  offer("D79", "Maçon", place=DEPT_79_ONLY), offer("PA", "Maçon", place=PARIS)])
    niort = Place("commune", "79191", "Niort", 46.3237, -0.4588, "79", "75")
    assert set(ids(search(index, communes=(LA_ROCHELLE, niort), distance_km=10))) == {"LR", "NI", "D79"}
    assert set(ids(search(index, communes=(LA_ROCHELLE, niort), distance_km=40))) == {"LR", "RO", "NI", "D79"}
    # Distance 0: the communes themselves, and offers placed only by one of their départements.
    assert set(ids(search(index, communes=(LA_ROCHELLE, niort), distance_km=0))) == {"LR", "NI", "D79"}


def test_facets_of_the_real_api(index):
    index.upsert([api_offer("1", nature="E1", experience_level="4"), api_offer("2", nature="E1", experience_level="2"),
                  api_offer("3", nature="E2", experience_level="2"), api_offer("4")])
    facets = search(index).facets
    assert facets["nature"] == {"E1": 2, "E2": 1}
    assert facets["experience_level"] == {"4": 1, "2": 2}


def test_offer_fields_round_trip(index):
    written = api_offer("1", nature="E1", experience_level="1", weekly_minutes=2100, sector="43", naf_code="43.99C",
                        origin="2", partners=("A", "B"), country="01", education_levels=("NV5",),
                        licences=("B", "C"), accessible_th=False, adapted_company=True, handi_engaged=None,
                        few_candidates=True)
    index.upsert([written])
    assert index.get("1") == written
    assert search(index, licences=("C",)).hits[0].offer == written


def test_broad_keywords_with_a_filter_of_the_real_api(index):
    """A keyword search is answered by a fast path in SQLite (level by level); one of the real
    API's filters must still apply."""
    index.upsert([api_offer(f"{n:03d}BROA", licences=("B",) if n % 2 else (), days_ago=n) for n in range(1, 21)])
    result = search(index, keywords=("maçon",), licences=("B",), facets=False, limit=5)
    assert result.total == 10 and ids(result) == ["001BROA", "003BROA", "005BROA", "007BROA", "009BROA"]


def test_directions_natural_by_default_literal_when_given(index):
    index.upsert([offer("1", "Bancheur", contract="MIS", days_ago=3, place=NIORT),
                  offer("2", "Alpiniste", contract="CDD", days_ago=1, place=ROCHEFORT),
                  offer("3", "Coffreur", contract="CDI", days_ago=2),
                  offer("4", "Maçon", rome="F1608", contract="SAI", days_ago=4,
                        place=("17 - La Rochelle", "17300", "17", "75", 46.1591, -1.1520))])
    occupation = dict(rome_codes=("F1703",), close_rome_codes=("F1608",))
    natural = {"relevance": ["2", "3", "1", "4"], "date": ["2", "3", "1", "4"],
               "distance": ["3", "4", "2", "1"], "title": ["2", "1", "3", "4"],
               "place": ["4", "2", "1", "3"], "contract": ["2", "3", "1", "4"]}
    for sort, expected in natural.items():
        criteria = dict(occupation, sort=sort, place=LA_ROCHELLE, distance_km=100)
        assert ids(search(index, **criteria)) == expected, sort
        assert ids(search(index, **criteria, descending=sort in ("relevance", "date"))) == expected, sort
        if sort not in ("relevance", "date", "distance"):
            assert ids(search(index, **criteria, descending=True)) == expected[::-1], sort
    # Literal directions: the oldest first, the least relevant first (the exact group still leads).
    assert ids(search(index, sort="date", descending=False)) == ["4", "1", "3", "2"]
    assert ids(search(index, **occupation, sort="relevance", descending=False)) == ["2", "3", "1", "4"]


def test_title_and_place_sort_ignore_accents_and_case(index):
    epinay = ("93 - ÉPINAY-SUR-SEINE", "93031", "93", "11", 48.955, 2.309)
    viroflay = ("93 - VILLEPINTE", "93078", "93", "11", 48.962, 2.533)
    index.upsert([offer("1", "maçon", days_ago=3), offer("2", "Maçon", days_ago=1), offer("3", "MAÇON", days_ago=1),
                  offer("4", "Électricien", place=epinay), offer("5", "zingueur", place=viroflay),
                  offer("6", "Œnologue", place=("Évreux", None, "27", "28", None, None))])
    # Equal keys (maçon) break on date, then id.
    assert ids(search(index, sort="title")) == ["4", "2", "3", "1", "6", "5"]
    assert ids(search(index, sort="title", descending=True)) == ["5", "6", "2", "3", "1", "4"]
    # « 93 - É… » < « 93 - V… » < « Évreux » < « La Rochelle »
    assert ids(search(index, sort="place")) == ["4", "5", "6", "2", "3", "1"]


def test_relevance_is_absolute(index):
    """The contract's figures, the same for an offer whatever else the result holds."""
    from espace.offers.model import relevance

    index.upsert([offer("app", "Maçon VRD", appellation="15010", description="permis B", days_ago=3),
                  offer("rome", "Maçon", days_ago=1),
                  offer("near", "Carreleur", rome="F1608", description="enduits et permis", days_ago=2),
                  offer("far", "Plaquiste", rome="F1604", days_ago=1)])
    criteria = dict(appellation="15010", rome_codes=("F1703",), close_rome_codes=("F1608", "F1605", "F1604"),
                    keywords=("permis", "enduit"))
    result = search(index, **criteria)
    assert ids(result) == ["app", "rome", "near", "far"]
    expected = {"app": relevance(3, 1, 2), "rome": relevance(2, 0, 2),
                "near": relevance(1, 2, 2, close=3, close_count=3), "far": relevance(1, 0, 2, 1, 3)}
    assert expected == {"app": 95, "rome": 80, "near": 70, "far": 40}
    assert {h.offer.id: h.relevance for h in result.hits} == expected
    assert {h.offer.id: h.score for h in result.hits} == {k: float(v) for k, v in expected.items()}
    # Another sort, a page, or no exact offer at all: the same figures (never 100 for a proche).
    by_date = search(index, **criteria, sort="date", offset=2, limit=2)
    assert {h.offer.id: h.relevance for h in by_date.hits} == {"near": 70, "app": 95}
    proches = search(index, **{**criteria, "appellation": None, "rome_codes": ("F1502",)})
    assert [(h.offer.id, h.relevance, h.group) for h in proches.hits] == [("near", 70, "close"), ("far", 40, "close")]
    # Words only: the share of keywords matched; every keyword matched = 100.
    words = search(index, keywords=("permis", "enduit", "maçon"))
    assert [(h.offer.id, h.relevance) for h in words.hits] == [("near", 83), ("app", 83), ("rome", 66)]


def test_close_metiers_rank_by_closeness_then_keywords(index):
    """« plombier » (F1603): Chauffagiste (I1308, 3rd closest) before Manutentionnaire (N1105,
    11th) however new the latter; a keyword lifts an offer within the same closeness."""
    from espace.bootstrap import get_services

    close = tuple(get_services().rome.fiches["F1603"].close_codes)
    assert close.index("I1308") < close.index("N1105")
    index.upsert([offer("manut", "Manutentionnaire", rome="N1105", days_ago=1),
                  offer("chauf", "Chauffagiste", rome="I1308", days_ago=20),
                  offer("chauf-soudure", "Chauffagiste", rome="I1308", description="soudure", days_ago=30),
                  offer("plombier", "Plombier", rome="F1603", days_ago=40)])
    result = search(index, rome_codes=("F1603",), close_rome_codes=close, keywords=("soudure",))
    assert ids(result) == ["plombier", "chauf-soudure", "chauf", "manut"]
    relevances = [h.relevance for h in result.hits]
    assert relevances == sorted(relevances, reverse=True) and len(set(relevances)) == 4


def test_distance_descending_keeps_offers_without_coordinates_last(index):
    near, mid, far = (("17 - A", "17300", "17", "75", 46.1591 + d, -1.1520) for d in (0.01, 0.05, 0.2))
    index.upsert([offer("near", "Maçon", place=near), offer("far", "Maçon", place=far),
                  offer("none", "Maçon", place=DEPT_17_ONLY), offer("mid", "Maçon", place=mid)])
    assert ids(search(index, place=LA_ROCHELLE, distance_km=50, sort="distance")) == ["near", "mid", "far", "none"]
    assert ids(search(index, place=LA_ROCHELLE, distance_km=50, sort="distance", descending=True)) == [
        "far", "mid", "near", "none"]
    # No commune to measure from: every distance is unknown, ties break on date, then id.
    assert ids(search(index, sort="distance")) == ["far", "mid", "near", "none"]
