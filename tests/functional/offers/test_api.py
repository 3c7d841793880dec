"""France Travail's "Offres d'emploi v2" API on our index (embedded profile): parameters, statuses, headers.

The offers are built directly (like test_index_contract.py), so each test knows exactly which
ones a criterion keeps.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from espace.offers.model import Offer
from tests.functional.client import Client
from tests.functional.offers.conftest import ENGINES, OffersEnv, engine_url

DAY = 86_400
BASE = "/api/offresdemploi/v2"
LA_ROCHELLE = ("La Rochelle (17)", "17300", "17", "75", 46.1591, -1.1520)
ROCHEFORT = ("Rochefort (17)", "17299", "17", "75", 45.9421, -0.9588)  # ~ 30 km from La Rochelle
NIORT = ("Niort (79)", "79191", "79", "75", 46.3237, -0.4588)  # ~ 56 km
PARIS = ("Paris (75)", "75056", "75", "11", 48.8566, 2.3522)
DEPT_17 = ("17 - Charente-Maritime", None, "17", "75", None, None)
MACON = "16250"  # the appellation "Maçon / Maçonne" of F1703


def offer(number, title, *, rome="F1703", appellation=None, description="", contract="CDI", days_ago=1,
          place=LA_ROCHELLE, full_time=True, experience="D", executive=False, salary=None, duration=None):
    label, commune, dept, region, lat, lon = place
    id = f"{number:03d}TEST"
    return Offer(id=id, title=title, description=description, training="", rome_code=rome,
                 appellation_code=appellation, contract_type=contract,
                 created_at=int(time.time()) - days_ago * DAY + DAY // 2, place_label=label, commune=commune,
                 departement=dept, region=region, latitude=lat, longitude=lon, full_time=full_time,
                 experience=experience, executive=executive, monthly_salary_min=salary, duration_months=duration,
                 company="Entreprise", raw={"id": id, "intitule": title, "romeCode": rome, "typeContrat": contract,
                                            "lieuTravail": {"libelle": label, "commune": commune}})


OFFERS = [
    offer(1, "Maçon", appellation=MACON, days_ago=1, salary=2000),
    offer(2, "Maçon coffreur", appellation=MACON, days_ago=2, place=ROCHEFORT, contract="CDD", duration=6),
    offer(3, "Maçon VRD", days_ago=3, place=NIORT, experience="E", salary=2500),
    offer(4, "Maçon", appellation=MACON, days_ago=4, place=PARIS, contract="MIS", duration=1, full_time=False),
    offer(5, "Maçon du patrimoine", days_ago=5, place=DEPT_17, experience="S"),
    offer(6, "Coffreur bancheur", rome="F1701", days_ago=6, contract="CDD", duration=3),
    offer(7, "Carreleur", rome="F1608", days_ago=7, salary=1900),
    offer(8, "Carreleur mosaïste", rome="F1608", days_ago=8, place=ROCHEFORT, contract="MIS", duration=2),
    offer(9, "Électricien du bâtiment", rome="F1602", days_ago=9, experience="E", salary=2200),
    offer(10, "Électricien", rome="F1602", days_ago=10, place=NIORT, contract="CDD", duration=12),
    offer(11, "Comptable", rome="M1203", days_ago=11, executive=True, salary=3000, experience="E"),
    offer(12, "Comptable unique", rome="M1203", days_ago=12, place=PARIS, executive=True, salary=3500),
    offer(13, "Aide-comptable", rome="M1203", days_ago=13, full_time=False, salary=1500),
    offer(14, "Commis de cuisine", rome="G1602", days_ago=14, contract="SAI", duration=4),
    offer(15, "Commis de cuisine", rome="G1602", days_ago=15, place=ROCHEFORT, contract="SAI", duration=2),
    offer(16, "Cuisinier", rome="G1602", days_ago=16, place=PARIS, experience="S"),
    offer(17, "Aide-soignant de nuit", rome="J1501", days_ago=17, full_time=False),
    offer(18, "Aide-soignant", rome="J1501", days_ago=18, place=NIORT, contract="CDD", duration=1),
    offer(19, "Aide-soignant", rome="J1501", days_ago=19, place=DEPT_17),
    offer(20, "Aide-soignante", rome="J1501", days_ago=20, place=PARIS, salary=1800),
    offer(21, "Maçon", days_ago=21, description="Chantiers de rénovation, enduits à la chaux."),
    offer(22, "Plombier", rome="F1603", days_ago=22, description="Dépannage, permis B exigé."),
    offer(23, "Plombier chauffagiste", rome="F1603", days_ago=23, place=ROCHEFORT),
    offer(24, "Couvreur", rome="F1610", days_ago=24, contract="MIS", duration=1),
    offer(25, "Couvreur zingueur", rome="F1610", days_ago=25, place=NIORT),
    offer(26, "Peintre en bâtiment", rome="F1606", days_ago=26),
    offer(27, "Peintre", rome="F1606", days_ago=27, place=PARIS, contract="CDD", duration=9),
    offer(28, "Menuisier", rome="F1607", days_ago=28),
    offer(29, "Menuisier poseur", rome="F1607", days_ago=29, place=ROCHEFORT, experience="S"),
    offer(30, "Charpentier", rome="F1503", days_ago=40),
]


@pytest.fixture(scope="module", params=ENGINES)
def client(request, site, tmp_path_factory):
    with OffersEnv(engine_url(request, tmp_path_factory.mktemp("api")), Path(site)) as env:
        env.index.upsert(OFFERS)
        from espace.handlers.offers import handler

        yield Client(handler)


def ids(result) -> list[str]:
    return [o["id"][:3] for o in result.json()["resultats"]]


def found(client, query: str) -> set[int]:
    result = client.get(f"{BASE}/offres/search?{query}")
    assert result.status in (200, 204, 206), (query, result.status, result.body)
    return set() if result.status == 204 else {int(i) for i in ids(result)}


def header(result, name: str) -> str | None:
    return {k.lower(): v for k, v in result.headers.items()}.get(name.lower())


# --- statuses, headers and shape -------------------------------------------------------------

def test_everything_fits_in_the_default_range(client):
    result = client.get(f"{BASE}/offres/search")
    assert result.status == 200
    assert header(result, "Content-Type") == "application/json"
    assert header(result, "Content-Range") == "offres 0-29/30"
    assert header(result, "Accept-Range") == "offres 150"
    body = result.json()
    assert set(body) == {"resultats", "filtresPossibles"}
    assert body["resultats"][0] == OFFERS[0].raw  # the v2 JSON as imported; newest first without criteria
    assert len(body["resultats"]) == 30
    filters = {f["filtre"]: {a["valeurPossible"]: a["nbResultats"] for a in f["agregation"]}
               for f in body["filtresPossibles"]}
    assert filters["typeContrat"] == dict(Counter(o.contract_type for o in OFFERS)) == {"CDI": 20, "CDD": 5,
                                                                                        "MIS": 3, "SAI": 2}
    assert filters["experienceExigence"] == {"D": 24, "E": 3, "S": 3}
    assert filters["qualification"] == {"0": 28, "9": 2}
    assert filters["tempsPlein"] == {"true": 27, "false": 3}
    # Most frequent value first, like the real API's aggregations.
    type_contrat = next(f for f in body["filtresPossibles"] if f["filtre"] == "typeContrat")
    assert [a["valeurPossible"] for a in type_contrat["agregation"]] == ["CDI", "CDD", "MIS", "SAI"]


def test_partial_ranges_are_206(client):
    first = client.get(f"{BASE}/offres/search?range=0-9&sort=1")
    assert (first.status, header(first, "Content-Range")) == (206, "offres 0-9/30")
    assert ids(first) == [f"{n:03d}" for n in range(1, 11)]
    last = client.get(f"{BASE}/offres/search?range=20-29&sort=1")
    assert (last.status, header(last, "Content-Range")) == (206, "offres 20-29/30")
    assert ids(last) == [f"{n:03d}" for n in range(21, 31)]
    beyond = client.get(f"{BASE}/offres/search?range=25-60&sort=1")
    assert (beyond.status, header(beyond, "Content-Range")) == (206, "offres 25-29/30")
    window = client.get(f"{BASE}/offres/search?range=0-149")
    assert window.status == 200


def test_no_result_is_204_with_an_empty_body(client):
    result = client.get(f"{BASE}/offres/search?motsCles=astronaute")
    assert (result.status, result.body) == (204, "")
    assert header(result, "Content-Range") == "offres */0"
    past_the_end = client.get(f"{BASE}/offres/search?range=30-39")
    assert (past_the_end.status, past_the_end.body, header(past_the_end, "Content-Range")) == (204, "", "offres */30")


def test_empty_values_count_as_absent(client):
    assert len(found(client, "typeContrat=&motsCles=&commune=")) == 30


# --- every parameter ------------------------------------------------------------------------

def test_keywords_must_all_match(client):
    assert found(client, "motsCles=" + quote("maçon")) == {1, 2, 3, 4, 5, 21}
    assert found(client, "motsCles=" + quote("maçon,coffreur")) == {2}
    assert found(client, "motsCles=" + quote("MACONS")) == {1, 2, 3, 4, 5, 21}
    assert found(client, "motsCles=" + quote("enduit chaux")) == {21}  # every word of a keyword


def test_commune_distance_departement_region(client):
    around = {n for n, o in enumerate(OFFERS, 1) if o.commune in ("17300", "17299") or o.place_label == DEPT_17[0]}
    assert found(client, "commune=17300") == {n for n, o in enumerate(OFFERS, 1)
                                               if o.commune == "17300" or o.place_label == DEPT_17[0]}
    assert found(client, "commune=17300&distance=40") == around
    assert found(client, "commune=17300&distance=100") == around | {n for n, o in enumerate(OFFERS, 1)
                                                                    if o.commune == "79191"}
    assert found(client, "commune=17300&distance=0") == found(client, "commune=17300&distance=5")
    assert found(client, "departement=17") == around
    assert found(client, "region=75") == {n for n, o in enumerate(OFFERS, 1) if o.region == "75"}
    assert found(client, "commune=75111&distance=0") == {4, 12, 16, 20, 27}  # an arrondissement: its commune


def test_occupation_criteria_intersect(client):
    assert found(client, "codeROME=F1608,M1203") == {7, 8, 11, 12, 13}
    # The appellation's offers first, then the other offers of its ROME code; no métier proche.
    result = client.get(f"{BASE}/offres/search?appellation={MACON}")
    assert ids(result)[:3] == ["001", "002", "004"] and set(ids(result)) == {"001", "002", "003", "004", "005",
                                                                              "021"}
    assert found(client, "domaine=F16") == {7, 8, 9, 10, 22, 23, 24, 25, 26, 27, 28, 29}
    assert found(client, "grandDomaine=M") == {11, 12, 13}
    assert found(client, "codeROME=F1608,M1203&domaine=F16") == {7, 8}
    assert found(client, "codeROME=F1608&grandDomaine=M") == set()
    assert found(client, "domaine=F16&grandDomaine=M") == set()
    assert found(client, f"appellation={MACON}&codeROME=F1608") == set()


def test_contract_and_condition_filters(client):
    assert found(client, "typeContrat=SAI,MIS") == {4, 8, 14, 15, 24}
    assert found(client, "typeContrat=sai") == {14, 15}
    assert found(client, "experienceExigence=E") == {3, 9, 11}
    assert found(client, "experience=1") == found(client, "experienceExigence=D")
    assert found(client, "experience=2") == {3, 5, 9, 11, 16, 29} == found(client, "experience=3")
    assert len(found(client, "experience=0")) == 30
    assert found(client, "experience=1&experienceExigence=E") == set()
    assert found(client, "qualification=9") == {11, 12}
    assert len(found(client, "qualification=0")) == 28
    assert found(client, "tempsPlein=false") == {4, 13, 17}
    assert len(found(client, "tempsPlein=true")) == 27
    assert found(client, "publieeDepuis=3") == {1, 2, 3}
    assert found(client, "publieeDepuis=7") == set(range(1, 8))


def test_salary_is_monthly_whatever_the_period(client):
    assert found(client, "salaireMin=2100") == {3, 9, 11, 12}
    assert found(client, "salaireMin=2100&periodeSalaire=M") == {3, 9, 11, 12}
    assert found(client, "salaireMin=25200&periodeSalaire=A") == {3, 9, 11, 12}  # 2100 a month
    assert found(client, "salaireMin=13.85&periodeSalaire=H") == {3, 9, 11, 12}  # 2100.6 -> 2101
    assert found(client, "salaireMin=0") == {1, 3, 7, 9, 11, 12, 13, 20}  # offers without a salary left out


def test_contract_duration(client):
    assert found(client, "dureeContratMin=6") == {2, 10, 27}
    assert found(client, "dureeContratMax=2") == {4, 8, 15, 18, 24}
    assert found(client, "dureeContratMin=2&dureeContratMax=4") == {6, 8, 14, 15}
    assert found(client, "dureeContratMin=1.5&dureeContratMax=2,5") == {8, 15}
    assert found(client, "dureeContratMin=0.5&dureeContratMax=0.8") == set()


def test_sorts(client):
    by_date = client.get(f"{BASE}/offres/search?sort=1&range=0-4")
    assert ids(by_date) == ["001", "002", "003", "004", "005"]
    by_distance = ids(client.get(f"{BASE}/offres/search?sort=2&commune=17300&distance=100&codeROME=F1703"))
    assert by_distance == ["001", "021", "002", "003", "005"]  # La Rochelle, Rochefort, Niort, no coordinates
    relevance = ids(client.get(f"{BASE}/offres/search?sort=0&motsCles=" + quote("maçon") + f"&appellation={MACON}"))
    assert set(relevance[:3]) == {"001", "002", "004"}  # the appellation first


# --- refused requests -----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "named", "says"), [
    ("range=abc", "range", "début-fin"),
    ("range=10-5", "range", "dépasse"),
    ("range=0-150", "range", "150 au plus"),
    ("range=3001-3010", "range", "3000"),
    ("range=3100-3150", "range", "3149"),
    ("publieeDepuis=2", "publieeDepuis", "1, 3, 7, 14 ou 31"),
    ("foo=bar", "foo", "inconnu"),
    ("theme=12", "theme", "pas pris en charge"),
    ("motsCles=a,b,c,d,e,f", "motsCles", "5 mots clés au plus"),
    ("motsCles=" + quote("!!,?"), "motsCles", "lettre"),
    ("commune=ABCDE", "commune", "code INSEE"),
    ("commune=99999", "commune", "code INSEE"),
    ("commune=17300,17299", "commune", "un seul code"),
    ("departement=17&region=75", "departement", "Un seul lieu"),
    ("departement=999", "departement", "département"),
    ("region=99", "region", "région"),
    ("distance=101", "distance", "entre 0 et 100"),
    ("codeROME=Z9999", "codeROME", "F1703"),
    ("codeROME=F9999", "codeROME", "n'existe pas"),
    ("appellation=abc", "appellation", "aucune appellation"),
    ("domaine=F99", "domaine", "F17"),
    ("grandDomaine=Z", "grandDomaine", "référentiel"),
    ("typeContrat=C", "typeContrat", "CDI"),
    ("typeContrat=" + ",".join(["CDI"] * 11), "typeContrat", "10 valeurs au plus"),
    ("experience=5", "experience", "0, 1, 2 ou 3"),
    ("experienceExigence=X", "experienceExigence", "D (débutant accepté)"),
    ("qualification=5", "qualification", "0 (non cadre)"),
    ("tempsPlein=oui", "tempsPlein", "true ou false"),
    ("salaireMin=abc", "salaireMin", "euros"),
    ("salaireMin=100&periodeSalaire=C", "periodeSalaire", "cachet"),
    ("periodeSalaire=M", "periodeSalaire", "salaireMin"),
    ("dureeContratMin=5&dureeContratMax=2", "dureeContratMax", "inférieure"),
    ("dureeContratMin=-1", "dureeContratMin", "mois"),
    ("sort=3", "sort", "pertinence"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, query, named, says):
    result = client.get(f"{BASE}/offres/search?{query}")
    assert result.status == 400, (query, result.body)
    assert header(result, "Content-Type") == "application/json"
    body = result.json()
    assert body["codeHttp"] == 400 and f"« {named} »" in body["message"] and says in body["message"], body


# --- one offer, and the document ------------------------------------------------------------

def test_offer_by_id(client):
    result = client.get(f"{BASE}/offres/011TEST")
    assert (result.status, result.json()) == (200, OFFERS[10].raw)
    missing = client.get(f"{BASE}/offres/999ZZZZ")
    assert (missing.status, missing.body) == (204, "")  # the real API's answer: « L'offre n'existe pas »
    for bad in ("abc", "011test", "011TEST0", "011%20EST", "011TEST%0A"):
        refused = client.get(f"{BASE}/offres/{bad}")
        assert refused.status == 400 and refused.json()["codeHttp"] == 400, bad
        assert "Identifiant d'offre incorrect" in refused.json()["message"]


def test_openapi_document_lists_exactly_the_accepted_parameters(client):
    from espace.offers.api_params import PARAMETERS

    result = client.get(f"{BASE}/openapi.json")
    assert result.status == 200
    document = result.json()
    search = document["paths"][f"{BASE}/offres/search"]["get"]
    assert [p["name"] for p in search["parameters"]][:len(PARAMETERS)] == list(PARAMETERS)
    assert set(search["responses"]) == {"200", "204", "206", "400", "401"}
    assert set(document["paths"][f"{BASE}/offres/{{id}}"]["get"]["responses"]) == {"200", "204", "400", "401"}
