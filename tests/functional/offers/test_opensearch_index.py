"""The OpenSearch engine on a real node: what the shared contract suite does not pin down.

Analysis parity with the SQLite engine, the exact haversine at the circle's edge,
raw JSON round trips, bulk sizes and error translation. (Orders and relevance figures
are the contract's: test_index_contract and test_engines_agree check them on both.)
"""

from __future__ import annotations

import math
import uuid

import pytest

from espace.offers.model import Offer
from espace.places import Place
from espace.search_text import terms
from tests.functional.offers.test_index_contract import NOW, ids, search

DAY = 86_400
LR = Place("commune", "17300", "La Rochelle", 46.1591, -1.1520, "17", "75")


def offer(id, title="Maçon", *, rome="F1703", appellation=None, description="", training="", days_ago=1,
          lat=46.1591, lon=-1.1520, commune="17300", dept="17", label="La Rochelle", contract="CDI", raw=None):
    return Offer(id=id, title=title, description=description, training=training, rome_code=rome,
                 appellation_code=appellation, contract_type=contract, created_at=NOW - days_ago * DAY,
                 place_label=label, commune=commune, departement=dept, region="75", latitude=lat, longitude=lon,
                 full_time=True, experience="D", executive=False, raw=raw or {"id": id})


def north_of(km: float) -> float:
    """The latitude `km` north of La Rochelle on the contract's 6371 km sphere."""
    return LR.latitude + math.degrees(km / 6371.0)


@pytest.fixture
def index(opensearch_url):
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    engine = OpenSearchOfferIndex(opensearch_url, index_name=f"offres-os-{uuid.uuid4().hex[:8]}")
    yield engine
    engine.drop()


def test_text_holds_the_sqlite_engines_stems(index):
    """The words are stemmed in Python (espace.search_text.terms) for both engines."""
    text = "Chef d'équipe ÉLECTRICIENS H/F, langue française, Œuvre " + "x" * 41
    index.upsert([offer("1", text)])
    stems = terms(text)
    assert "franc" in stems and "oeuvr" in stems
    for stem in stems:
        body = {"query": {"term": {"text": stem}}}
        assert index.client.count(index=index.index, body=body)["count"] == 1, stem
    assert index.client.count(index=index.index, body={"query": {"term": {"text": "français"}}})["count"] == 0


def test_mapping_is_explicit_and_raw_is_not_indexed(index):
    mapping = index.client.indices.get_mapping(index=index.index)[index.index]["mappings"]
    assert mapping["dynamic"] == "strict"
    assert mapping["properties"]["raw"] == {"type": "object", "enabled": False}
    assert mapping["properties"]["location"]["type"] == "geo_point"
    index.upsert([offer("1", raw={"id": "1", "entreprise": {"nom": "Zythologue SA"}})])
    assert ids(search(index, keywords=("zythologue",))) == []  # only in raw: not searchable


def test_an_index_of_an_older_mapping_is_rebuilt(index):
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    index.drop()
    index.client.indices.create(index=index.index, body={"mappings": {"properties": {"title": {"type": "text"}}}})
    index.client.index(index=index.index, id="old", body={"title": "Maçon"}, refresh=True)
    rebuilt = OpenSearchOfferIndex(index.client, index_name=index.index)
    assert rebuilt.count() == 0
    rebuilt.upsert([offer("1", "Maçon")])
    assert ids(search(rebuilt, sort="title")) == ["1"]
    assert OpenSearchOfferIndex(index.client, index_name=index.index).count() == 1  # same layout: kept


def test_raw_json_round_trips(index):
    raw = {"id": "R1", "intitule": "Maçon – H/F", "salaire": {"libelle": "Mensuel de 2000 € à 2200 €"},
           "competences": [{"code": "1", "exigence": "E"}], "alternance": False, "nombre": 2, "vide": None}
    index.upsert([offer("R1", raw=raw, description="Chantiers\nlignes", training="CAP")])
    got = index.get("R1")
    assert got.raw == raw and got.description == "Chantiers\nlignes" and got.training == "CAP"
    assert got.latitude == 46.1591 and got.created_at == NOW - DAY and got.full_time is True


def test_bulk_upsert_in_chunks_and_ids(index):
    written = index.upsert(offer(f"{n:05d}") for n in range(1234))  # a generator, > 2 bulk chunks
    assert written == 1234 and index.count() == 1234
    assert index.ids() == {f"{n:05d}" for n in range(1234)}
    assert index.delete(f"{n:05d}" for n in range(0, 1234, 2)) == 617
    assert index.count() == 617


def test_distance_is_the_contracts_haversine_at_the_edge(index):
    index.upsert([offer("in", lat=north_of(9.995)), offer("out", lat=north_of(10.005)),
                  offer("dept", lat=None, lon=None, commune=None)])
    result = search(index, place=LR, distance_km=10, sort="distance")
    assert ids(result) == ["in", "dept"]
    assert result.hits[0].distance_km == 10.0 and result.hits[1].distance_km is None


def test_commune_without_departement_and_distance_zero(index):
    index.upsert([offer("same"), offer("other", commune="17299", lat=north_of(1)),
                  offer("dept-only", lat=None, lon=None, commune=None),
                  offer("commune-no-coords", lat=None, lon=None, commune="17299")])
    assert set(ids(search(index, place=LR, distance_km=0))) == {"same", "dept-only"}
    no_dept = Place("commune", "17300", "La Rochelle", LR.latitude, LR.longitude)
    assert set(ids(search(index, place=no_dept, distance_km=5))) == {"same", "other"}


def test_keywords_without_words_are_ignored(index):
    index.upsert([offer("1", "Maçon"), offer("2", "Plombier")])
    assert set(ids(search(index, keywords=("(((", "x" * 3000)))) == {"1", "2"}
    assert ids(search(index, keywords=("(((", "maçon"), strict_keywords=True)) == ["1"]


def test_domaine_ignores_ascii_case_like_sqlite(index):
    index.upsert([offer("1"), offer("2", rome="G1602")])
    assert ids(search(index, domaine="f17")) == ["1"]


def test_appellation_alone_matches_nothing(index):
    index.upsert([offer("1", appellation="15010")])
    assert ids(search(index, appellation="15010")) == []


def test_facets_and_totals_count_both_groups_beyond_the_page(index):
    index.upsert([offer(f"e{n}", contract="CDI") for n in range(4)] + [offer("c1", rome="F1608", contract="MIS")])
    result = search(index, rome_codes=("F1703",), close_rome_codes=("F1608",), limit=2)
    assert (result.total_exact, result.total_close, len(result.hits)) == (4, 1, 2)
    assert result.facets["contract_type"] == {"CDI": 4, "MIS": 1}
    assert search(index, offset=200_000).hits == []  # past the result window: no error


def test_errors_are_translated(index):
    from espace.adapters.offers_opensearch import SearchEngineError
    from espace.ports import StoreError

    index.drop()
    with pytest.raises(SearchEngineError) as caught:
        search(index, keywords=("maçon",))
    assert isinstance(caught.value, StoreError)


def test_an_index_made_before_new_fields_takes_them(index):
    """An index created with the previous mapping version (without the real API's other fields)
    is rebuilt when the engine opens it, instead of refusing every offer."""
    from dataclasses import replace

    from espace.adapters import offers_opensearch_query as dsl
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    index.drop()
    older = {k: v for k, v in dsl.MAPPING["properties"].items() if k not in ("nature", "licences", "partners")}
    previous = {**dsl.MAPPING, "_meta": {"version": dsl.MAPPING_VERSION - 1}, "properties": older}
    index.client.indices.create(index=index.index, body={"mappings": previous})
    reopened = OpenSearchOfferIndex(index.client, index_name=index.index)
    written = replace(offer("1"), nature="E2", licences=("B",), partners=("LABONNEALTERNANCE",))
    reopened.upsert([written])
    assert reopened.get("1") == written
    assert ids(search(reopened, licences=("B",))) == ["1"]
