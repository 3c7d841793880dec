"""The offer generator: deterministic, schema-valid, plausibly distributed, streaming."""

from __future__ import annotations

import io
import itertools
import json
import math
import re
from collections import Counter

import pytest

from espace.offers.cli import generator
from espace.offers.cli.generator import at, both_forms, generate, masculine, offer_id
from espace.offers.schema import validate_offer
from espace.text import fold
from tests.conftest import ROOT
from tests.unit.espace.offers.conftest import NOW

DAY = 86_400


@pytest.fixture(scope="module")
def raw(rome, places):
    return list(generate(2000, 42, NOW, rome=rome, places=places))


@pytest.fixture(scope="module")
def offers(raw, rome, places):
    return [validate_offer(data, rome, places) for data in raw]


def test_same_seed_same_offers_other_seed_other_offers(raw, rome, places):
    again = list(generate(2000, 42, NOW, rome=rome, places=places))
    assert json.dumps(again) == json.dumps(raw)
    other = list(generate(50, 43, NOW, rome=rome, places=places))
    assert [o["id"] for o in other] != [o["id"] for o in raw[:50]]
    assert [o["intitule"] for o in other] != [o["intitule"] for o in raw[:50]]


def test_a_prefix_of_a_run_is_the_shorter_run(raw, rome, places):
    assert list(generate(10, 42, NOW, rome=rome, places=places)) == raw[:10]


def test_all_generated_offers_pass_the_schema(raw, offers):
    assert len(offers) == 2000
    assert len({o.id for o in offers}) == 2000


def test_ids_are_unique_over_a_long_run():
    ids = {offer_id(i, 12345) for i in range(300_000)}
    assert len(ids) == 300_000
    assert all(len(i) == 7 and i[:3].isdigit() and i[3:].isalpha() for i in itertools.islice(ids, 1000))


def test_contract_shares(offers):
    shares = Counter(o.contract_type for o in offers)
    assert 0.36 < shares["CDI"] / 2000 < 0.48
    assert 0.19 < shares["CDD"] / 2000 < 0.31
    assert 0.16 < shares["MIS"] / 2000 < 0.27
    assert {"SAI", "LIB", "FRA", "DDI"} <= set(shares)
    assert all(o.duration_months for o in offers if o.contract_type in ("CDD", "MIS", "SAI", "DDI"))
    assert all(o.duration_months is None for o in offers if o.contract_type in ("CDI", "LIB", "FRA"))
    assert 40 < sum(o.raw["alternance"] for o in offers) < 120


def test_places(offers, places):
    without_commune = [o for o in offers if o.commune is None]
    assert 30 <= len(without_commune) <= 100  # ~3 %
    assert all(o.region and o.latitude is None for o in without_commune)
    with_commune = [o for o in offers if o.commune]
    assert all(o.latitude is not None and o.departement for o in with_commune)
    # Weighted by population: Paris (2.1 M of 68 M) has about 3 % of the offers, a village almost none.
    assert 20 < sum(o.commune == "75056" for o in offers) < 110
    assert sum(places.population(o.commune) < 500 for o in with_commune) < 200


def test_dates_fall_in_the_60_days_before_now(offers):
    assert all(NOW - 60 * DAY <= o.created_at <= NOW for o in offers)
    assert max(o.created_at for o in offers) - min(o.created_at for o in offers) > 55 * DAY


def test_other_facets_are_mixed(offers):
    assert 0.75 < sum(o.full_time for o in offers) / 2000 < 0.95
    assert set(Counter(o.experience for o in offers)) == {"D", "S", "E"}
    assert 20 < sum(o.executive for o in offers) < 400
    salaries = [o.monthly_salary_min for o in offers if o.monthly_salary_min]
    assert 0.75 < len(salaries) / 2000 < 0.95
    assert min(salaries) >= 1700 and max(salaries) < 15_000
    periods = Counter(o.raw["salaire"].get("libelle", "-").split()[0] for o in offers)
    assert {"Mensuel", "Horaire", "Annuel", "-"} == set(periods)
    assert 300 < sum(bool(o.training) for o in offers) < 700
    assert all(o.appellation_code for o in offers)  # titles come from the appellations


def test_titles_lean_toward_common_occupations(offers):
    codes = Counter(o.rome_code for o in offers)
    popular = sum(codes[c] for c in generator.words.FREQUENT_ROME_SHARES)
    assert 0.54 < popular / 2000 < 0.66  # FREQUENT_TOTAL: 60 %
    assert len(codes) > 400  # and still a wide spread


def test_descriptions_read_like_offers(offers, rome):
    offer = offers[0]
    assert "Vos missions :" in offer.description and "Profil recherché" in offer.description
    assert len(offer.description.split("\n\n")) >= 4
    assert any(item["libelle"] in offer.description for item in offer.raw["competences"])
    assert " de A" not in offer.description and " à Le " not in offer.description
    # The fiche's definition says what the job is: its prose, or its tasks in a list.
    for offer in offers[:200]:
        definition = fold(" ".join(rome.fiches[offer.rome_code].definition)).lower()
        tasks = [fold(line[2:]).lower() for line in offer.description.split("\n") if line.startswith("- ")]
        assert any(task in definition for task in tasks) or "au quotidien" not in offer.description.lower()


@pytest.fixture(scope="module")
def many(rome, places):
    return list(generate(3000, 7, NOW, rome=rome, places=places))


def _sentences(text: str):
    """Each paragraph's lines but the list items, cut into sentences (not after the "etc." of
    "…, etc. en utilisant…", but before a subjectless « est »)."""
    for paragraph in text.split("\n\n"):
        for line in paragraph.split("\n"):
            if not line.startswith("- "):
                yield from re.split(r"(?<=[.!?])\s+(?=[A-ZÉÈÊÀÂÎÔÛÇ(«]|[Ee]st\b)", line)


def test_texts_agree_in_person_and_name_their_subject(many):
    """Issue 8: « Nous recherchons un(e) … pour son site », blurbs beginning « est une PME… »."""
    for raw in many:
        company = raw["entreprise"]
        assert company["nom"] in company["description"], company  # the blurb names the company
        for text in (raw["description"], company["description"]):
            assert "un(e)" not in text
            for sentence in _sentences(text):
                assert sentence.lstrip("(«\u00a0 ")[:1].isupper() or sentence[:1].isdigit(), sentence
                assert not re.match(r"(?i)est\b", sentence), sentence
                if re.search(r"(?i)\bnous\b", sentence):
                    assert not re.search(r"\b(son|sa|ses)\b", sentence), sentence
    hiring = Counter(raw["description"].split("\n\n")[1].split(" ")[0] for raw in many)
    assert len(hiring) >= 5  # varied, not one template


def test_the_job_is_named_in_both_genders():
    assert both_forms("Maçon / Maçonne") == "un maçon ou une maçonne"
    assert both_forms("Agent / Agente de nettoyage industriel") == "un agent ou une agente de nettoyage industriel"
    assert both_forms("Assembleur monteur / Assembleuse monteuse") == (
        "un assembleur monteur ou une assembleuse monteuse")
    assert both_forms("Secrétaire") == "un ou une secrétaire"
    assert both_forms("BIM Manager") == "un ou une BIM Manager"
    assert both_forms("Educateur spécialisé / Educatrice spécialisée") == (
        "un éducateur spécialisé ou une éducatrice spécialisée")
    # A label whose feminine is only partly given reads without guessing it.
    assert both_forms("Garde Forestier / Forestière") == "un candidat ou une candidate au poste de garde Forestier"


def _km(lat1, lon1, lat2, lon2):
    return 111.2 * math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians(lat1)))


@pytest.fixture(scope="module")
def prefectures(places):
    rows = json.loads((ROOT / "data" / "communes" / "departements.json").read_text(encoding="utf-8"))
    return [places.commune(row["chefLieu"]) for row in rows if row["zone"] == "metro"]


def test_offers_concentrate_around_towns(rome, places, prefectures):
    """Offers follow jobs: within 10 km of the 96 préfectures live 39 % of the people but work
    more than half of the offers, and many of those are in the communes around the préfecture."""
    offers = [o["lieuTravail"] for o in generate(5000, 11, NOW, rome=rome, places=places)]
    located = [lieu for lieu in offers if "commune" in lieu]

    def near(lat, lon):
        return any(_km(lat, lon, p.latitude, p.longitude) <= 10 for p in prefectures)

    people = [(places.commune(code), population) for code, population in places.populations()
              if not code.startswith(("97", "98"))]
    people_share = sum(pop for place, pop in people if near(place.latitude, place.longitude)) / sum(
        pop for _, pop in people)
    around = [lieu for lieu in located if near(lieu["latitude"], lieu["longitude"])]
    assert len(around) / len(located) > 1.25 * people_share  # 1.38 measured; 0.95 by population alone
    codes = {p.code for p in prefectures}
    assert sum(lieu["commune"] not in codes for lieu in around) / len(around) > 0.3  # suburbs, estates
    towns = [p for p in prefectures if places.population(p.code) >= 50_000]
    assert all(any(_km(lieu["latitude"], lieu["longitude"], t.latitude, t.longitude) <= 10 for lieu in located)
               for t in towns)


EXAMPLE = re.compile(r"https://([a-z0-9-]+\.)*example\.com(/|$)|[a-z0-9.-]+@example\.com$")


def _addresses(value):
    """Every URL or e-mail address inside a JSON value."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from _addresses(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _addresses(inner)
    elif isinstance(value, str):
        yield from re.findall(r"https?://\S+|\S+@\S+", value)


def _share(raw, test) -> float:
    return sum(1 for o in raw if test(o)) / len(raw)


def test_optional_fields_at_about_their_real_share(raw):
    """Issue 8 §2 « Missing offer fields »: the share of real offers carrying each."""
    def between(low, high, test):
        share = _share(raw, test)
        assert low <= share <= high, (low, share, high)

    between(1, 1, lambda o: "contact" in o and o["origineOffre"].get("urlOrigine"))
    between(1, 1, lambda o: o["secteurActivite"] and o["secteurActiviteLibelle"])
    between(0.95, 1, lambda o: "offresManqueCandidats" in o)
    between(0.45, 0.57, lambda o: "codeNAF" in o)
    between(0.42, 0.54, lambda o: "pays" in o)
    between(0.37, 0.49, lambda o: "logo" in o["entreprise"])
    between(0.33, 0.50, lambda o: "permis" in o)
    between(0.34, 0.46, lambda o: "url" in o["entreprise"])
    between(0.23, 0.33, lambda o: "qualitesProfessionnelles" in o)
    between(0.16, 0.24, lambda o: "deplacementCode" in o and "deplacementLibelle" in o)
    between(0.06, 0.15, lambda o: any("codeFormation" in f for f in o.get("formations", ())))
    between(0.04, 0.10, lambda o: "complement2" in o["salaire"])
    between(0.03, 0.07, lambda o: "agence" in o)
    between(0.02, 0.08, lambda o: "experienceCommentaire" in o)
    between(0.005, 0.04, lambda o: "langues" in o)
    between(0.003, 0.03, lambda o: "complementExercice" in o)
    between(0.002, 0.025, lambda o: "conditionExercice" in o)
    between(0.5, 0.7, lambda o: "trancheEffectifEtab" in o)
    between(1, 1, lambda o: isinstance(o["employeurHandiEngage"], bool) and isinstance(o["natureContrat"], str))
    between(0.2, 0.4, lambda o: o["origineOffre"]["origine"] == "2" and o["origineOffre"]["partenaires"])
    between(0.45, 0.65, lambda o: o["contact"].get("urlPostulation", "").startswith("https://"))
    between(0.15, 0.35, lambda o: "@example.com" in o["contact"].get("courriel", "")
            or "Pour postuler" in o["contact"].get("courriel", ""))
    assert Counter(o["typeContrat"] for o in raw)["DDI"] > 20
    assert all(o["secteurActiviteLibelle"] == "Activités des agences de travail temporaire"
               for o in raw if o["typeContrat"] == "MIS")


def test_every_address_is_under_example_com(raw):
    """Fake but valid: no generated link or e-mail address can reach a real company."""
    found = [address.rstrip(".,") for o in raw for address in _addresses(o)]
    assert len(found) > 2000
    assert all(EXAMPLE.match(address) for address in found), [a for a in found if not EXAMPLE.match(a)][:5]


def test_optional_fields_have_the_shapes_of_real_offers(raw, sample_offers):
    """Each field the real sample carries has the sample's JSON type, and its objects the
    sample's keys (origineOffre.partenaires and contexteTravail come from the 2025 API)."""
    types: dict[str, set] = {}
    keys: dict[str, set] = {}
    for real in sample_offers:
        for name, value in real.items():
            types.setdefault(name, set()).add(type(value))
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    keys.setdefault(name, set()).update(item)
    keys["origineOffre"].add("partenaires")
    keys["entreprise"].add("url")
    for offer in raw:
        for name, value in offer.items():
            if name in types:
                assert type(value) in types[name], (name, value)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if name in keys and isinstance(item, dict):
                    assert set(item) <= keys[name], (name, item)
    experience = Counter(re.sub(r"\d+", "N", o["experienceLibelle"].split(" - ")[0]) for o in raw)
    assert set(experience) == {"Débutant accepté", "N An(s)", "N Mois"}  # as the API writes them since 2024
    assert all(set(o["contexteTravail"]) <= {"horaires", "conditionsExercice"} and
               all(isinstance(h, str) for h in o["contexteTravail"]["horaires"]) for o in raw if "contexteTravail" in o)


def test_text_helpers():
    assert masculine("Chef / Cheffe d'équipe nettoyage industriel") == "Chef d'équipe nettoyage industriel"
    assert masculine("Assembleur monteur / Assembleuse monteuse") == "Assembleur monteur"
    assert masculine("Secrétaire") == "Secrétaire"
    assert (at("Antibes"), at("Le Havre"), at("Les Mureaux"), at("La Rochelle")) == (
        "à Antibes", "au Havre", "aux Mureaux", "à La Rochelle")


def test_cli_streams_json(tmp_path, capsys):
    out = tmp_path / "offres.json"
    assert generator.main(["--count", "25", "--seed", "3", "--now", "2026-11-18T00:00:00+00:00",
                           "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["resultats"]) == 25
    assert "25 offres écrites" in capsys.readouterr().err
    empty = io.StringIO()
    assert generator.write_json(iter(()), empty) == 0 and json.loads(empty.getvalue()) == {"resultats": []}

