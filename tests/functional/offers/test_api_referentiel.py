"""The referentials of the "Offres d'emploi v2" API (GET …/v2/referentiel/<name>): the real API's
names and shapes, built from the vendored data, coherent with what the search accepts."""

from __future__ import annotations

import json

import pytest

from espace.contract_types import CONTRACT_TYPES
from tests.conftest import ROOT

REFERENTIELS = ("communes", "departements", "regions", "metiers", "appellations", "domaines", "themes",
                "typesContrats", "naturesContrats", "niveauxFormations", "permis", "langues", "secteursActivites",
                "pays", "continents")
PREFIXES = ("/api/offresdemploi/v2", "/partenaire/offresdemploi/v2")


@pytest.fixture(scope="module")
def client(empty_api_client):
    return empty_api_client


@pytest.fixture(scope="module")
def referentiels(client) -> dict[str, list[dict]]:
    return {name: client.get(f"{PREFIXES[0]}/referentiel/{name}").json() for name in REFERENTIELS}


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: row for row in rows}


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("name", REFERENTIELS)
def test_every_referential_in_the_real_shape_and_headers(client, prefix, name):
    result = client.get(f"{prefix}/referentiel/{name}")
    assert result.status == 200
    assert result.headers["Content-Type"] == "application/json"
    rows = result.json()
    assert rows and isinstance(rows, list)
    for row in rows:
        assert isinstance(row["code"], str) and row["code"], row
        assert isinstance(row["libelle"], str) and row["libelle"].strip() == row["libelle"] != "", row
    if name != "communes":  # a commune has one entry per postal code
        assert len(by_code(rows)) == len(rows), "codes are unique"
    assert result.headers["Content-Range"] == f"{name} */{len(rows)}"  # the real API's form
    assert result.headers["Cache-Control"] == "public, max-age=86400"  # static data: clients may keep it


def test_an_unchanged_referential_is_a_304(client):
    first = client.get(f"{PREFIXES[1]}/referentiel/regions")
    again = client.get(f"{PREFIXES[1]}/referentiel/regions", headers={"if-none-match": first.headers["ETag"]})
    assert (again.status, again.body, again.headers["ETag"]) == (304, "", first.headers["ETag"])
    other = client.get(f"{PREFIXES[1]}/referentiel/departements", headers={"if-none-match": first.headers["ETag"]})
    assert other.status == 200


def test_an_unknown_referential_is_a_404_in_the_api_shape(client):
    result = client.get(f"{PREFIXES[0]}/referentiel/metier")
    assert result.status == 404
    assert result.json()["codeHttp"] == 404 and "metiers" in result.json()["message"]


def test_communes_have_postal_code_and_departement(referentiels):
    communes = referentiels["communes"]
    assert set().union(*map(set, communes)) == {"code", "libelle", "codePostal", "codeDepartement"}
    rochelle = [c for c in communes if c["code"] == "17300"]
    assert rochelle == [{"code": "17300", "libelle": "La Rochelle", "codePostal": "17000", "codeDepartement": "17"}]
    # One entry per postal code, as the schema has one codePostal.
    assert {c["codePostal"] for c in communes if c["code"] == "75056"} >= {"75001", "75020", "75116"}
    # The municipal arrondissements, where offers are placed, with their own postal code.
    arrondissements = by_code([c for c in communes if c["code"] in ("75108", "69381", "13201")])
    assert [(a["libelle"], a["codePostal"], a["codeDepartement"]) for a in arrondissements.values()] == [
        ("Marseille 1er arrondissement", "13001", "13"), ("Lyon 1er arrondissement", "69001", "69"),
        ("Paris 8e arrondissement", "75008", "75")]
    assert len({c["code"] for c in communes}) > 34_900


def test_departements_carry_their_region_and_regions_are_the_eighteen(referentiels):
    departements = by_code(referentiels["departements"])
    assert departements["17"] == {"code": "17", "libelle": "Charente-Maritime",
                                  "region": {"code": "75", "libelle": "Nouvelle-Aquitaine"}}
    assert departements["2A"]["region"] == {"code": "94", "libelle": "Corse"}
    assert departements["974"]["region"]["libelle"] == "La Réunion"
    assert len(departements) == 101 and "975" not in departements  # no overseas collectivity
    regions = by_code(referentiels["regions"])
    assert len(regions) == 18 and regions["11"]["libelle"] == "Île-de-France"
    assert {d["region"]["code"] for d in departements.values()} == set(regions)


def test_rome_referentials(referentiels):
    from espace.offers import services

    rome = services.rome()
    metiers = by_code(referentiels["metiers"])
    assert metiers["F1703"]["libelle"] == rome.fiches["F1703"].title
    assert set(metiers) == set(rome.fiches)
    appellations = by_code(referentiels["appellations"])
    assert appellations["16250"]["libelle"] == rome.appellations["16250"].label
    assert len(appellations) == len(rome.appellations)
    domaines = by_code(referentiels["domaines"])
    assert set(domaines) == set(rome.domaines) and domaines["F17"]["libelle"] == rome.domaines["F17"].title
    themes = referentiels["themes"]
    assert [t["code"] for t in themes] == [f"{n:02d}" for n in range(1, 18)]  # as the real API numbers them
    assert themes[11]["libelle"] == "Métiers auprès des enfants"


def test_code_lists_of_the_real_api(referentiels):
    types = by_code(referentiels["typesContrats"])
    assert types["CDI"]["libelle"] == "Contrat à durée indéterminée" and "DDI" in types and "DIN" in types
    assert {c.code for c in CONTRACT_TYPES} <= set(types)  # every type the site's forms offer
    assert by_code(referentiels["naturesContrats"])["E2"]["libelle"] == "Contrat apprentissage"
    assert by_code(referentiels["niveauxFormations"])["NV3"]["libelle"] == "Bac+2 ou équivalents"
    assert by_code(referentiels["permis"])["B"]["libelle"] == "B - Véhicule léger"
    assert by_code(referentiels["pays"])["01"]["libelle"] == "France"
    assert by_code(referentiels["continents"])["AF"]["libelle"] == "Afrique"
    sectors = by_code(referentiels["secteursActivites"])
    assert len(sectors) == 88 and "04" not in sectors  # the NAF rév. 2 divisions, gaps included
    assert sectors["41"]["libelle"] == "Construction de bâtiments"
    assert sectors["78"]["libelle"] == "Activités liées à l'emploi"
    assert {"Anglais", "Français", "Allemand"} <= {row["libelle"] for row in referentiels["langues"]}


def test_vendored_files_are_what_the_api_serves(referentiels):
    # The files of data/referentiels are served as they are (typesContrats completed if need be).
    for name in ("naturesContrats", "niveauxFormations", "permis", "langues", "secteursActivites", "pays",
                 "continents"):
        on_disk = json.loads((ROOT / "data" / "referentiels" / f"{name}.json").read_text(encoding="utf-8"))
        assert referentiels[name] == on_disk, name


@pytest.mark.parametrize("kind", ["departement", "region"])
def test_the_search_takes_every_code_of_the_place_referentials(client, referentiels, kind):
    # A client fills its place choices from the referential: each code must be a valid criterion.
    for row in referentiels[f"{kind}s"]:
        result = client.get(f"{PREFIXES[1]}/offres/search?{kind}={row['code']}")
        assert result.status in (200, 204, 206), (row, result.body)


def test_the_search_takes_every_rome_code_and_contract_type(client, referentiels):
    for row in referentiels["metiers"][::40] + referentiels["domaines"][::10]:
        name = "codeROME" if len(row["code"]) == 5 else "domaine"
        result = client.get(f"{PREFIXES[1]}/offres/search?{name}={row['code']}")
        assert result.status in (200, 204, 206), (row, result.body)
    for code in by_code(referentiels["typesContrats"]):
        result = client.get(f"{PREFIXES[1]}/offres/search?typeContrat={code}")
        assert result.status in (200, 204, 206), (code, result.body)
