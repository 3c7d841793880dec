"""One contract, two engines: the alert matcher on SQLite and on the OpenSearch percolator.

An offer matches a subscription when search(query) would list it in the exact group
(espace.alertes.matching); each scenario checks one kind of criterion on both engines.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from espace.alertes.model import Subscription
from espace.offers.model import SearchQuery
from tests.functional.offers.test_index_contract import (
    CHARENTE_MARITIME,
    DEPT_17_ONLY,
    DEPT_79_ONLY,
    LA_ROCHELLE,
    NIORT,
    NOUVELLE_AQUITAINE,
    PARIS,
    ROCHEFORT,
    offer,
)

MACON_APPELLATION = "15870"
ENGINES = ["sqlite", "opensearch"]


def make_matcher(engine: str, request, folder):
    if engine == "sqlite":
        from espace.adapters.alerts_sqlite import SqliteAlertMatcher

        return SqliteAlertMatcher(folder / "alerts.db")
    from espace.adapters.alerts_opensearch import OpenSearchAlertMatcher

    return OpenSearchAlertMatcher(request.getfixturevalue("opensearch_url"),
                                  index_name=f"alertes-test-{uuid.uuid4().hex[:8]}")


@pytest.fixture(params=ENGINES)
def matcher(request, tmp_path):
    engine = make_matcher(request.param, request, tmp_path)
    yield engine
    if hasattr(engine, "drop"):
        engine.drop()


def sub(name, frequency="daily", **criteria):
    return Subscription(f"u1:{name}", "u1", frequency, SearchQuery(**criteria))


def test_put_count_remove_clear(matcher):
    assert matcher.count() == 0
    matcher.put([sub("a", keywords=("maçon",)), sub("b", rome_codes=("F1703",))])
    assert matcher.count() == 2
    matcher.put([sub("a", keywords=("plombier",))])  # an upsert, not a second one
    assert matcher.count() == 2
    offers = [offer("1", "Maçon"), offer("2", "Plombier", rome="F1603")]
    assert matcher.match(offers, "daily") == {"u1:a": ["2"], "u1:b": ["1"]}
    matcher.remove(["u1:b", "u1:unknown"])
    assert matcher.count() == 1
    assert matcher.match(offers, "daily") == {"u1:a": ["2"]}
    matcher.clear()
    assert matcher.count() == 0 and matcher.match(offers, "daily") == {}


def test_remove_user_forgets_all_theirs_only(matcher):
    matcher.put([Subscription("u1:a", "u1", "daily", SearchQuery(keywords=("maçon",))),
                 Subscription("u1:b", "u1", "weekly", SearchQuery()),
                 Subscription("u2:a", "u2", "daily", SearchQuery(keywords=("maçon",)))])
    matcher.remove_user("u1")
    matcher.remove_user("nobody")
    assert matcher.count() == 1
    assert matcher.match([offer("1", "Maçon")], "daily") == {"u2:a": ["1"]}


def test_frequency_selects_the_subscriptions_and_an_upsert_moves_one(matcher):
    matcher.put([sub("d", keywords=("maçon",)), sub("w", "weekly", keywords=("maçon",))])
    offers = [offer("1", "Maçon")]
    assert matcher.match(offers, "daily") == {"u1:d": ["1"]}
    assert matcher.match(offers, "weekly") == {"u1:w": ["1"]}
    matcher.put([sub("d", "weekly", keywords=("maçon",))])
    assert matcher.match(offers, "daily") == {}
    assert matcher.match(offers, "weekly") == {"u1:d": ["1"], "u1:w": ["1"]}


def test_occupation_exact_group_only(matcher):
    matcher.put([
        sub("rome", rome_codes=("F1703",), close_rome_codes=("F1701", "F1604")),
        sub("appellation", appellation=MACON_APPELLATION, rome_codes=("F1703",), close_rome_codes=("F1701",)),
        sub("domaine", domaine="F16"),
    ])
    offers = [offer("1", "Maçon", appellation=MACON_APPELLATION), offer("2", "Chef de chantier", rome="F1703"),
              offer("3", "Coffreur", rome="F1701"),  # a métier proche: never in the alert
              offer("4", "Plombier", rome="F1603"), offer("5", "Cuisinier", rome="G1602")]
    assert matcher.match(offers, "daily") == {"u1:rome": ["1", "2"], "u1:appellation": ["1", "2"],
                                              "u1:domaine": ["4"]}


def test_an_appellation_among_the_close_codes_is_tier_3(matcher):
    matcher.put([sub("a", appellation="12345", rome_codes=("F1703",), close_rome_codes=("F1701",))])
    offers = [offer("1", "Coffreur", rome="F1701", appellation="12345"), offer("2", "Coffreur", rome="F1701")]
    assert matcher.match(offers, "daily") == {"u1:a": ["1"]}


def test_keywords_any_strict_or_ranking(matcher):
    matcher.put([
        sub("any", keywords=("maçon", "carreleur")),
        sub("strict", keywords=("maçon", "carreleur"), strict_keywords=True),
        sub("phrase", keywords=("maçon confirmé",)),  # every word of one keyword
        sub("rank", rome_codes=("F1703",), keywords=("piscine",)),  # words only rank: the ROME code decides
    ])
    offers = [offer("1", "Maçonne H/F", description="Carrelage et CARRELEURS"),
              offer("2", "Carreleur", rome="F1608"),
              offer("3", "Maçon", description="Poste confirmé"),
              offer("4", "Peintre", rome="F1606")]
    assert matcher.match(offers, "daily") == {"u1:any": ["1", "2", "3"], "u1:strict": ["1"], "u1:phrase": ["3"],
                                              "u1:rank": ["1", "3"]}


def test_strict_keywords_with_an_occupation(matcher):
    matcher.put([sub("s", rome_codes=("F1703",), keywords=("piscine",), strict_keywords=True)])
    offers = [offer("1", "Maçon piscine"), offer("2", "Maçon"), offer("3", "Pisciniste", rome="F1608",
                                                                       description="piscine")]
    assert matcher.match(offers, "daily") == {"u1:s": ["1"]}


def test_commune_and_distance(matcher):
    matcher.put([
        sub("10", place=LA_ROCHELLE, distance_km=10),
        sub("40", place=LA_ROCHELLE, distance_km=40),
        sub("0", place=LA_ROCHELLE, distance_km=0),
        sub("200", place=LA_ROCHELLE, distance_km=200),
    ])
    offers = [offer("1", "Maçon"), offer("2", "Maçon", place=ROCHEFORT), offer("3", "Maçon", place=NIORT),
              offer("4", "Maçon", place=PARIS), offer("5", "Maçon", place=DEPT_17_ONLY),
              offer("6", "Maçon", place=DEPT_79_ONLY)]
    assert matcher.match(offers, "daily") == {"u1:10": ["1", "5"], "u1:40": ["1", "2", "5"], "u1:0": ["1", "5"],
                                              "u1:200": ["1", "2", "3", "5"]}


def test_departement_region_and_the_api_lists(matcher):
    niort = dataclasses.replace(LA_ROCHELLE, code="79191", label="Niort", latitude=46.3237, longitude=-0.4588,
                                departement="79")
    matcher.put([sub("d", place=CHARENTE_MARITIME), sub("r", place=NOUVELLE_AQUITAINE),
                 sub("ds", departements=("79", "75")), sub("cs", communes=(niort,), distance_km=5)])
    offers = [offer("1", "Maçon"), offer("2", "Maçon", place=NIORT), offer("3", "Maçon", place=PARIS),
              offer("4", "Maçon", place=DEPT_79_ONLY)]
    assert matcher.match(offers, "daily") == {"u1:d": ["1"], "u1:r": ["1", "2", "4"], "u1:ds": ["2", "3", "4"],
                                              "u1:cs": ["2", "4"]}


def test_contract_types_and_other_filters(matcher):
    matcher.put([sub("c", keywords=("maçon",), contract_types=("CDD", "MIS")),
                 sub("filters", full_time=False, min_monthly_salary=2000),  # nothing to index: checked on all
                 sub("all")])  # no criterion at all: every new offer
    offers = [offer("1", "Maçon", contract="CDD", full_time=False, salary=2100),
              offer("2", "Maçon", contract="CDI", full_time=False, salary=1900),
              offer("3", "Plombier", rome="F1603", contract="MIS", full_time=True, salary=3000)]
    assert matcher.match(offers, "daily") == {"u1:c": ["1"], "u1:filters": ["1"], "u1:all": ["1", "2", "3"]}


def test_matches_keep_the_offers_order_across_batches(matcher):
    matcher.put([sub("m", rome_codes=("F1703",))])
    offers = [offer(f"{n:03d}AAAA", "Maçon") for n in range(600, 0, -1)]
    assert matcher.match(offers, "daily") == {"u1:m": [o.id for o in offers]}
