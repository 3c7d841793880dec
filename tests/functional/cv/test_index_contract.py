"""One contract, two engines: the CV bank's index (espace.cv.index.CvIndex) on SQLite FTS5 and
on the real OpenSearch node. Every criterion, paging, ordering, removal, and what comes back.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from espace.cv.index import MAX_PER_PAGE, CvDocument, CvHit, CvQuery, IndexedPlace
from espace.places import Place

ENGINES = ["sqlite", "opensearch"]

LA_ROCHELLE = IndexedPlace("commune", "17300", "La Rochelle (17)", 46.1591, -1.1520, "17", "75")
ROCHEFORT = IndexedPlace("commune", "17299", "Rochefort (17)", 45.9421, -0.9588, "17", "75")  # ~ 30 km
NIORT = IndexedPlace("commune", "79191", "Niort (79)", 46.3237, -0.4588, "79", "75")  # ~ 56 km
PARIS = IndexedPlace("commune", "75056", "Paris (75)", 48.8566, 2.3522, "75", "11")
CHARENTE_MARITIME = IndexedPlace("departement", "17", "Charente-Maritime (17)", departement="17", region="75")
DEUX_SEVRES = IndexedPlace("departement", "79", "Deux-Sèvres (79)", departement="79", region="75")
NOUVELLE_AQUITAINE = IndexedPlace("region", "75", "Nouvelle-Aquitaine", region="75")
ILE_DE_FRANCE = IndexedPlace("region", "11", "Île-de-France", region="11")


def at(place: IndexedPlace) -> Place:
    """The recruiter's place, as the search form resolves it."""
    return Place(place.kind, place.code, place.label, place.latitude, place.longitude, place.departement,
                 place.region)


def make_index(engine: str, request, folder):
    if engine == "sqlite":
        from espace.adapters.cv_sqlite import SqliteCvIndex

        return SqliteCvIndex(folder / "cvs.db")
    from espace.adapters.cv_opensearch import OpenSearchCvIndex

    return OpenSearchCvIndex(request.getfixturevalue("opensearch_url"), index_name=f"cvs-test-{uuid.uuid4().hex[:8]}")


@pytest.fixture(params=ENGINES)
def index(request, tmp_path):
    engine = make_index(request.param, request, tmp_path)
    yield engine
    engine.drop()


def cv(cv_id: str, *, user: str = "u1", mode: str = "complet", title: str = "Maçon", rome: str = "F1703",
       appellation: str = "15870", places: tuple[IndexedPlace, ...] = (LA_ROCHELLE,), contracts=("CDI",),
       months: int = 24, languages=(("fr", "natif"),), licences=("B",), skills=(), text: str = "",
       updated: int = 1_700_000_000) -> CvDocument:
    return CvDocument(cv_id=cv_id, user_id=user, mode=mode, title=title, appellation_code=appellation,
                      appellation_label="Maçon / Maçonne" if appellation else "", rome_code=rome, places=places,
                      contracts=tuple(contracts), working_times=("plein",), experience_months=months,
                      languages=tuple(languages), licences=tuple(licences), skills=tuple(skills), text=text,
                      updated_at=updated)


def put(index, *documents: CvDocument) -> None:
    for document in documents:
        index.put(document)


def ids(index, **criteria) -> list[str]:
    return [hit.cv_id for hit in index.search(CvQuery(**criteria)).hits]


def test_put_replaces_and_counts(index):
    assert index.count() == 0 and index.search(CvQuery()).total == 0
    put(index, cv("a"), cv("b"))
    put(index, cv("a", title="Plombier", rome="F1603"))  # a CV saved again: replaced, not doubled
    assert index.count() == 2
    assert ids(index, rome_codes=("F1603",)) == ["a"]
    assert ids(index, rome_codes=("F1703",)) == ["b"]


def test_remove_is_at_once_and_idempotent(index):
    put(index, cv("a"), cv("b"))
    index.remove("a")
    index.remove("a")
    index.remove("never-there")
    assert ids(index) == ["b"] and index.count() == 1


def test_remove_user_takes_out_all_theirs_only(index):
    put(index, cv("a", user="u1"), cv("b", user="u1"), cv("p", user="u1", mode="express"), cv("c", user="u2"))
    assert index.remove_user("u1") == 3
    assert index.remove_user("u1") == 0 and index.remove_user("nobody") == 0
    assert ids(index) == ["c"]


def test_what_comes_back(index):
    put(index, cv("a", user="u9", title="Maçon VRD", places=(LA_ROCHELLE, CHARENTE_MARITIME),
                  contracts=("CDI", "MIS"), months=30, updated=1_700_000_123))
    assert index.search(CvQuery()).hits == [CvHit(
        cv_id="a", user_id="u9", mode="complet", title="Maçon VRD", appellation_label="Maçon / Maçonne",
        rome_code="F1703", places=("La Rochelle (17)", "Charente-Maritime (17)"), contracts=("CDI", "MIS"),
        experience_months=30, updated_at=1_700_000_123, distance_km=None)]


def test_no_contact_data_comes_back(index):
    """The hit carries no text at all: what the CV says is searched, never returned."""
    put(index, cv("a", text="Jean Dupont, 12 rue des Lilas, chantier de Niort"))
    result = index.search(CvQuery(keywords="lilas"))
    assert [h.cv_id for h in result.hits] == ["a"]
    fields = {f.name for f in dataclasses.fields(CvHit)}
    assert not fields & {"text", "email", "phone", "address", "name", "skills"}
    assert "Lilas" not in repr(result) and "Dupont" not in repr(result)


def test_rome_codes_any_and_appellation(index):
    put(index, cv("m", rome="F1703", appellation="15870"), cv("m2", rome="F1703", appellation="11111"),
        cv("p", rome="F1603", appellation="20000"), cv("x", mode="express", rome="", appellation=""))
    assert sorted(ids(index, rome_codes=("F1703", "F1603"))) == ["m", "m2", "p"]
    assert ids(index, appellation_code="15870") == ["m"]
    assert ids(index, rome_codes=("F1603",), appellation_code="15870") == []


def test_contracts_any_of_them(index):
    put(index, cv("cdi", contracts=("CDI",)), cv("both", contracts=("CDD", "MIS")), cv("none", contracts=()))
    assert sorted(ids(index, contracts=("CDI", "MIS"))) == ["both", "cdi"]
    assert ids(index, contracts=("SAI",)) == []


def test_min_experience(index):
    put(index, cv("new", months=0), cv("mid", months=12), cv("old", months=120))
    assert sorted(ids(index, min_experience_months=12)) == ["mid", "old"]
    assert sorted(ids(index, min_experience_months=0)) == ["mid", "new", "old"]


def test_languages_and_licences_every_one(index):
    put(index, cv("fr", languages=(("fr", "natif"),), licences=()),
        cv("fr-en", languages=(("fr", "natif"), ("en", "B2")), licences=("B",)),
        cv("fr-en-de", languages=(("fr", "natif"), ("en", "C1"), ("de", "A2")), licences=("B", "C", "CE")))
    assert sorted(ids(index, languages=("en",))) == ["fr-en", "fr-en-de"]
    assert ids(index, languages=("en", "de")) == ["fr-en-de"]
    assert sorted(ids(index, licences=("B",))) == ["fr-en", "fr-en-de"]
    assert ids(index, licences=("B", "CE")) == ["fr-en-de"]
    assert ids(index, licences=("C1",)) == []  # "C1" is not found inside "C" or "CE"


def test_keywords_every_word_stemmed_and_folded_anywhere(index):
    put(index, cv("text", title="Ouvrier", text="Coffrage et ferraillage de dalles, maçonnerie traditionnelle"),
        cv("title", title="Chef coffrage", appellation=""),
        cv("skills", title="Ouvrier", skills=("Réaliser un coffrage",)),
        cv("express", mode="express", rome="", appellation="", places=(), title="Mon CV",
           text="Chef d'équipe maçonnerie, coffrages bois"))
    assert sorted(ids(index, keywords="COFFRAGES")) == ["express", "skills", "text", "title"]  # stems, case
    assert sorted(ids(index, keywords="maconnerie")) == ["express", "text"]  # accents folded
    assert sorted(ids(index, keywords="coffrage maçonnerie")) == ["express", "text"]  # every word
    assert ids(index, keywords="coffrage plomberie") == []


def test_keywords_are_never_engine_syntax(index):
    put(index, cv("a", text="Maçon"))
    for typed in ('"', "maçon*", "NOT maçon", "maçon OR", "-maçon", "(", "title:maçon", "NEAR(maçon)", "\\"):
        result = index.search(CvQuery(keywords=typed))
        assert result.total in (0, 1), typed
    assert ids(index, keywords="  ...  ") == ["a"]  # no word: no keyword criterion


def test_a_pasted_text_counts_its_first_words_only(index):
    put(index, cv("a", text="Maçon coffreur"))
    pasted = "maçon coffreur " + " ".join(f"mot{n}" for n in range(500))
    assert ids(index, keywords=pasted) == []  # its first words include words no CV has
    assert ids(index, keywords="maçon coffreur " * 300) == ["a"]  # no error, however long


def test_around_a_commune_distance_and_nearest_first(index):
    put(index, cv("lr", places=(LA_ROCHELLE,), updated=1),
        cv("ro", places=(ROCHEFORT,), updated=2),
        cv("ni", places=(NIORT,), updated=3),
        cv("pa", places=(PARIS,), updated=4),
        cv("pa-ro", places=(PARIS, ROCHEFORT), updated=5),  # one wanted commune near is enough
        cv("x", mode="express", rome="", appellation="", places=(), updated=6))
    result = index.search(CvQuery(place=at(LA_ROCHELLE), distance_km=40))
    assert [h.cv_id for h in result.hits] == ["lr", "pa-ro", "ro"] and result.total == 3
    assert result.hits[0].distance_km == 0.0
    assert 20 < result.hits[1].distance_km < 35 and result.hits[1].distance_km == result.hits[2].distance_km
    assert ids(index, place=at(LA_ROCHELLE), distance_km=60) == ["lr", "pa-ro", "ro", "ni"]
    assert ids(index, place=at(LA_ROCHELLE), distance_km=0) == ["lr"]  # the commune itself


def test_distance_is_the_contracts_haversine_at_the_edge(index):
    from espace.places import haversine_km

    exact = haversine_km(LA_ROCHELLE.latitude, LA_ROCHELLE.longitude, NIORT.latitude, NIORT.longitude)
    put(index, cv("ni", places=(NIORT,)))
    assert ids(index, place=at(LA_ROCHELLE), distance_km=int(exact)) == []  # just short of it
    assert ids(index, place=at(LA_ROCHELLE), distance_km=int(exact) + 1) == ["ni"]
    assert index.search(CvQuery(place=at(LA_ROCHELLE), distance_km=100)).hits[0].distance_km == round(exact, 1)


def test_a_wanted_departement_or_region_covers_its_communes(index):
    put(index, cv("d17", places=(CHARENTE_MARITIME,), updated=3), cv("d79", places=(DEUX_SEVRES,), updated=2),
        cv("r75", places=(NOUVELLE_AQUITAINE,), updated=1), cv("r11", places=(ILE_DE_FRANCE,), updated=4),
        cv("d79-pa", places=(PARIS, DEUX_SEVRES), updated=5))
    result = index.search(CvQuery(place=at(LA_ROCHELLE), distance_km=10))
    # No wanted commune near: they follow, most recent first, without a distance.
    assert [h.cv_id for h in result.hits] == ["d17", "r75"]
    assert [h.distance_km for h in result.hits] == [None, None]
    niort = ids(index, place=at(NIORT), distance_km=10)
    assert niort == ["d79-pa", "d79", "r75"]  # d79-pa's Paris is far, but it wants all of Deux-Sèvres


def test_search_by_departement(index):
    put(index, cv("lr", places=(LA_ROCHELLE,), updated=5), cv("ni", places=(NIORT,), updated=4),
        cv("d17", places=(CHARENTE_MARITIME,), updated=3), cv("r75", places=(NOUVELLE_AQUITAINE,), updated=2),
        cv("r11", places=(ILE_DE_FRANCE,), updated=1))
    assert ids(index, place=at(CHARENTE_MARITIME)) == ["lr", "d17", "r75"]
    assert ids(index, place=at(DEUX_SEVRES)) == ["ni", "r75"]


def test_search_by_region(index):
    put(index, cv("lr", places=(LA_ROCHELLE,), updated=5), cv("pa", places=(PARIS,), updated=4),
        cv("d79", places=(DEUX_SEVRES,), updated=3), cv("r75", places=(NOUVELLE_AQUITAINE,), updated=2),
        cv("r11", places=(ILE_DE_FRANCE,), updated=1))
    assert ids(index, place=at(NOUVELLE_AQUITAINE)) == ["lr", "d79", "r75"]
    assert ids(index, place=at(ILE_DE_FRANCE)) == ["pa", "r11"]


def test_every_criterion_together(index):
    put(index, cv("yes", places=(ROCHEFORT,), contracts=("CDD",), months=40, languages=(("en", "B1"),),
                  licences=("B",), text="Coffrage"),
        cv("far", places=(PARIS,), contracts=("CDD",), months=40, languages=(("en", "B1"),), licences=("B",),
           text="Coffrage"),
        cv("junior", places=(ROCHEFORT,), contracts=("CDD",), months=3, languages=(("en", "B1"),),
           licences=("B",), text="Coffrage"),
        cv("other-job", rome="F1603", places=(ROCHEFORT,), contracts=("CDD",), months=40,
           languages=(("en", "B1"),), licences=("B",), text="Coffrage"))
    query = dict(rome_codes=("F1703",), appellation_code="15870", place=at(LA_ROCHELLE), distance_km=50,
                 contracts=("CDI", "CDD"), min_experience_months=24, languages=("en",), licences=("B",),
                 keywords="coffrage")
    assert ids(index, **query) == ["yes"]


def test_most_recently_updated_first_then_by_id(index):
    put(index, cv("b", updated=10), cv("a", updated=10), cv("c", updated=30), cv("d", updated=20))
    assert ids(index) == ["c", "d", "a", "b"]


def test_paging(index):
    put(index, *[cv(f"cv{n:02d}", updated=1000 - n) for n in range(25)])
    first = index.search(CvQuery(per_page=10))
    assert first.total == 25 and [h.cv_id for h in first.hits] == [f"cv{n:02d}" for n in range(10)]
    assert ids(index, page=3, per_page=10) == [f"cv{n:02d}" for n in range(20, 25)]
    beyond = index.search(CvQuery(page=4, per_page=10))
    assert beyond.total == 25 and beyond.hits == []
    assert ids(index, page=0, per_page=0) == ["cv00"]  # out of range: page 1, at least one per page
    assert len(ids(index, per_page=10_000)) == min(25, MAX_PER_PAGE)
    deep = index.search(CvQuery(page=1_000_000, per_page=20))  # a URL typed by hand: no error
    assert deep.total == 25 and deep.hits == []


def test_an_index_opened_again_keeps_its_cvs(index, request, tmp_path):
    put(index, cv("a"))
    name = getattr(index, "index", None)
    if name is None:
        from espace.adapters.cv_sqlite import SqliteCvIndex

        again = SqliteCvIndex(tmp_path / "cvs.db")
    else:
        from espace.adapters.cv_opensearch import OpenSearchCvIndex

        again = OpenSearchCvIndex(request.getfixturevalue("opensearch_url"), index_name=name)
    assert [h.cv_id for h in again.search(CvQuery()).hits] == ["a"]
