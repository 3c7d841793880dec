"""France Travail's "Offres d'emploi v2" API on our index (embedded profile): parameters, statuses, headers.

The offers are built directly (like test_index_contract.py), so each test knows exactly which
ones a criterion keeps.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import replace
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
# What the real API's other filters read (espace.offers.model), on some of the offers above. Every
# offer is of nature E1 from France Travail in France unless said otherwise; "D" offers are of
# experience level 4 (débutant accepté).
EXTRA: dict[int, dict] = {
    1: {"weekly_minutes": 2100, "sector": "43", "naf_code": "43.99C"},
    2: {"nature": "E2", "sector": "43", "naf_code": "43.99A"},
    3: {"experience_level": "3"},
    4: {"weekly_minutes": 1200},
    5: {"experience_level": "1"},
    6: {"nature": "FS"},
    7: {"education_levels": ("NV5",)},
    9: {"experience_level": "2", "accessible_th": True},
    10: {"adapted_company": True},
    11: {"experience_level": "2", "sector": "69", "naf_code": "69.20Z", "education_levels": ("NV2", "NV1")},
    12: {"sector": "69"},
    13: {"weekly_minutes": 1470, "handi_engaged": True},
    14: {"nature": None},
    16: {"experience_level": None, "fee_min": 150.0},
    17: {"weekly_minutes": 900},
    22: {"origin": "2", "partners": ("LABONNEALTERNANCE",), "licences": ("B",)},
    23: {"origin": "2", "partners": ("INDEED",)},
    24: {"origin": "2", "licences": ("B", "C")},
    26: {"few_candidates": True, "country": None},
    28: {"full_time": None},
    29: {"experience_level": "2"},
    30: {"executive": None},
}
OFFERS = [replace(o, **{"nature": "E1", "origin": "1", "country": "01",
                        "experience_level": "4" if o.experience == "D" else None, **EXTRA.get(n, {})})
          for n, o in enumerate(OFFERS, 1)]


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
    # The real API's four filters, each value in its order, counting every matching offer.
    assert [f["filtre"] for f in body["filtresPossibles"]] == ["typeContrat", "experience", "qualification",
                                                               "natureContrat"]
    assert filters["typeContrat"] == dict(Counter(o.contract_type for o in OFFERS)) == {"CDI": 20, "CDD": 5,
                                                                                        "MIS": 3, "SAI": 2}
    assert filters["experience"] == {"0": 1, "1": 1, "2": 3, "3": 1, "4": 24}
    assert filters["qualification"] == {"0": 27, "9": 2, "X": 1}
    assert filters["natureContrat"] == {"E1": 27, "E2": 1, "FS": 1}  # 014 says none
    type_contrat = next(f for f in body["filtresPossibles"] if f["filtre"] == "typeContrat")
    assert [a["valeurPossible"] for a in type_contrat["agregation"]] == ["CDD", "CDI", "MIS", "SAI"]


def test_every_possible_filter_value_queries_back_its_count(client):
    body = client.get(f"{BASE}/offres/search?departement=17").json()
    for possible in body["filtresPossibles"]:
        for value in possible["agregation"]:
            total = client.get(f"{BASE}/offres/search?departement=17&{possible['filtre']}="
                               f"{value['valeurPossible']}&range=0-0")
            assert header(total, "Content-Range").endswith(f"/{value['nbResultats']}"), (possible, value)


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
    # The real API's experience values: 1 under a year, 2 from 1 to 3 years, 3 more, 4 débutant accepté.
    assert found(client, "experience=4") == found(client, "experienceExigence=D")
    assert found(client, "experience=1") == {5}
    assert found(client, "experience=2") == {9, 11, 29}
    assert found(client, "experience=3") == {3}
    assert found(client, "experience=0") == {16}  # not said
    assert found(client, "experience=2&experienceExigence=S") == {29}
    assert found(client, "qualification=9") == {11, 12}
    assert len(found(client, "qualification=0")) == 27
    assert found(client, "qualification=X") == {30}
    assert found(client, "tempsPlein=false") == {4, 13, 17}
    assert len(found(client, "tempsPlein=true")) == 26
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


def test_filters_of_the_real_api(client):
    from espace.offers.codes import themes

    theme = {n for n, o in enumerate(OFFERS, 1) if o.rome_code in themes()["001"][1]}
    assert theme and len(theme) < 30
    assert found(client, "theme=1") == found(client, "theme=001") == theme
    assert found(client, "theme=1&codeROME=F1703") == theme & {1, 2, 3, 4, 5, 21}
    assert found(client, "secteurActivite=43") == {1, 2}
    assert found(client, "secteurActivite=43,69") == {1, 2, 11, 12}
    assert found(client, "codeNAF=43.99C,69.20Z") == {1, 11}
    assert found(client, "natureContrat=E2,FS") == {2, 6}
    assert found(client, "natureContrat=E2&typeContrat=SAI") == {2, 14, 15}  # either, as the real API
    assert found(client, "origineOffre=2") == {22, 23, 24}
    assert len(found(client, "origineOffre=1")) == 27
    # Partners choose among partner offers; France Travail's own stay unless origineOffre=2.
    assert found(client, "partenaires=" + quote("La Bonne Alternance")) == set(range(1, 31)) - {23, 24}
    assert found(client, "partenaires=LABONNEALTERNANCE&origineOffre=2") == {22}
    assert found(client, "partenaires=LABONNEALTERNANCE&modeSelectionPartenaires=EXCLU&origineOffre=2") == {23, 24}
    assert len(found(client, "partenaires=LABONNEALTERNANCE&origineOffre=1")) == 27
    assert found(client, "paysContinent=01") == set(range(1, 31)) - {26}
    assert found(client, "niveauFormation=NV1") == {11}
    assert found(client, "permis=B") == {22, 24}
    assert found(client, "accesTravailleurHandicape=true") == {9}
    assert found(client, "entreprisesAdaptees=true") == {10}
    assert found(client, "employeursHandiEngages=true") == {13}
    assert found(client, "offresManqueCandidats=true") == {26}
    for flag in ("accesTravailleurHandicape", "entreprisesAdaptees", "employeursHandiEngages",
                 "offresManqueCandidats", "offresMRS", "inclureLimitrophes"):
        assert len(found(client, f"{flag}=false&departement=17")) == len(found(client, "departement=17")), flag
    assert found(client, "offresMRS=true") == set()
    assert found(client, "dureeHebdo=0") == {28}
    assert found(client, "dureeHebdo=2") == found(client, "tempsPlein=false")
    assert found(client, "dureeHebdo=1&tempsPlein=false") == set()
    # HHMM: 35 h, 20 h, 24 h 30 and 15 h a week.
    assert found(client, "dureeHebdoMin=1600") == {1, 4, 13}
    assert found(client, "dureeHebdoMin=2000&dureeHebdoMax=2430") == {4, 13}
    assert found(client, "dureeHebdoMax=1500") == {17}
    assert found(client, "dureeHebdoMin=30") == {1, 4, 13, 17}  # HH may be left out: 30 minutes
    assert found(client, "salaireMin=120&periodeSalaire=C") == {16}
    assert found(client, "salaireMin=150.5&periodeSalaire=C") == set()


def test_creation_dates(client):
    def moment(days_ago: float) -> str:
        when = dt.datetime.fromtimestamp(time.time() - days_ago * DAY, dt.UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")

    # Offer n was created n - 0.5 days ago.
    assert found(client, f"minCreationDate={moment(4)}&maxCreationDate={moment(2)}") == {3, 4}
    assert found(client, f"minCreationDate={moment(100)}&maxCreationDate={moment(0)}") == set(range(1, 31))


def test_several_places_and_bordering_departements(client):
    in_17 = {n for n, o in enumerate(OFFERS, 1) if o.departement == "17"}
    in_79 = {n for n, o in enumerate(OFFERS, 1) if o.departement == "79"}
    in_75 = {n for n, o in enumerate(OFFERS, 1) if o.departement == "75"}
    assert found(client, "departement=17,75") == in_17 | in_75
    assert found(client, "departement=79") == in_79
    # Charente-Maritime borders Deux-Sèvres; Paris borders neither.
    assert found(client, "departement=79&inclureLimitrophes=true") == in_79 | in_17
    assert found(client, "departement=75&inclureLimitrophes=true") == in_75
    la_rochelle = {n for n, o in enumerate(OFFERS, 1) if o.commune == "17300" or o.place_label == DEPT_17[0]}
    assert found(client, "commune=17300,75056&distance=0") == la_rochelle | in_75
    assert found(client, "commune=17300,79191&distance=40") == in_17 | in_79


# --- refused requests -----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "named", "says"), [
    ("range=abc", "range", "début-fin"),
    ("range=10-5", "range", "dépasse"),
    ("range=0-150", "range", "150 au plus"),
    ("range=3001-3010", "range", "3000"),
    ("range=3100-3150", "range", "3149"),
    ("publieeDepuis=2", "publieeDepuis", "1, 3, 7, 14 ou 31"),
    ("foo=bar", "foo", "inconnu"),
    ("theme=99", "theme", "n'est pas un code de thème"),
    ("motsCles=a,b,c,d,e,f", "motsCles", "5 mots clés au plus"),
    ("motsCles=" + quote("!!,?"), "motsCles", "lettre"),
    ("commune=ABCDE", "commune", "code INSEE"),
    ("commune=99999", "commune", "code INSEE"),
    ("commune=17300,17299,17306,79191,75056,86194", "commune", "5 codes au plus"),
    ("region=75,11", "region", "un seul code"),
    ("departement=17&region=75", "departement", "Un seul type de lieu"),
    ("inclureLimitrophes=true", "inclureLimitrophes", "departement"),
    ("departement=17&inclureLimitrophes=oui", "inclureLimitrophes", "true ou false"),
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
    ("experience=5", "experience", "4 (débutant accepté)"),
    ("experienceExigence=X", "experienceExigence", "D (débutant accepté)"),
    ("qualification=5", "qualification", "X (non précisée)"),
    ("tempsPlein=oui", "tempsPlein", "true ou false"),
    ("salaireMin=abc", "salaireMin", "euros"),
    ("salaireMin=100&periodeSalaire=Z", "periodeSalaire", "C (cachet)"),
    ("secteurActivite=4", "secteurActivite", "exemple : 43"),
    ("secteurActivite=43,69,78", "secteurActivite", "2 valeurs au plus"),
    ("codeNAF=4399C", "codeNAF", "43.99C"),
    ("natureContrat=ZZ", "natureContrat", "nature de contrat"),
    ("origineOffre=3", "origineOffre", "partenaire"),
    ("modeSelectionPartenaires=EXCLU", "modeSelectionPartenaires", "partenaires"),
    ("partenaires=A&modeSelectionPartenaires=SAUF", "modeSelectionPartenaires", "INCLUS ou EXCLU"),
    ("partenaires=" + quote("LBA,!!"), "partenaires", "au moins une lettre"),
    ("paysContinent=99", "paysContinent", "/referentiel/pays"),
    ("niveauFormation=NV9", "niveauFormation", "NV3 Bac+2"),
    ("permis=B,C", "permis", "un seul code"),
    ("dureeHebdo=3", "dureeHebdo", "temps partiel"),
    ("dureeHebdoMin=8h", "dureeHebdoMin", "HHMM"),
    ("dureeHebdoMin=2000&dureeHebdoMax=800", "dureeHebdoMax", "inférieure"),
    ("minCreationDate=2024-07-01T00:00:00Z", "minCreationDate", "maxCreationDate"),
    ("minCreationDate=2024-07-01&maxCreationDate=2024-07-31T00:00:00Z", "minCreationDate", "yyyy-MM-dd"),
    ("minCreationDate=2024-07-31T00:00:00Z&maxCreationDate=2024-07-01T00:00:00Z", "maxCreationDate", "précède"),
    ("offresManqueCandidats=1", "offresManqueCandidats", "true ou false"),
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
