"""The offer page as a job seeker reads it (both engines): where the offer is, on a map and in
words, and how to apply. The offers are the real samples, plus two built from a real one that
carry the v2 fields the samples lack (an e-mail, a telephone, partners, the work context…)."""

from __future__ import annotations

import copy
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.functional.client import Client
from tests.functional.offers.conftest import sample_offers
from tests.pagecheck import page_problems

FULL_ID, HOSTILE_ID, REPEATED_ID = "990AAAA", "990AAAB", "990AAAC"


def built_offers() -> list[dict]:
    """Two offers built from a real one (169WSTC, Planchez): every optional v2 field filled in,
    and one whose links are not web addresses."""
    base = next(o for o in sample_offers() if o["id"] == "169WSTC")
    full = copy.deepcopy(base) | {
        "id": FULL_ID, "secteurActiviteLibelle": "Travaux de maçonnerie générale et gros œuvre de bâtiment",
        "trancheEffectifEtab": "10 à 19 salariés", "employeurHandiEngage": True,
        "deplacementLibelle": "Ponctuels Départementaux", "experienceCommentaire": "en maçonnerie",
        "complementExercice": "primes + tickets restaurant", "conditionExercice": "35h + 5 h supp",
        "contexteTravail": {"horaires": ["35H Travail en journée"], "conditionsExercice": ["Port de charges"]},
        "qualitesProfessionnelles": [{"libelle": "Faire preuve d'autonomie",
                                      "description": "Capacité à prendre en charge son activité."}],
        "permis": [{"libelle": "B - Véhicule léger", "exigence": "E"}],
        "langues": [{"libelle": "Anglais", "exigence": "S"}],
        "formations": [{"domaineLibelle": "bâtiment gros oeuvre", "niveauLibelle": "CAP, BEP et équivalents",
                        "commentaire": "CAP maçon", "exigence": "S"}],
        "salaire": {"libelle": "Mensuel de 2000.00 Euros sur 12 mois", "complement1": "Véhicule",
                    "complement2": "Panier"},
        "entreprise": {"nom": "MACONNERIE DU MORVAN", "url": "https://www.maconnerie-morvan.example/",
                       "logo": "https://entreprise.francetravail.fr/static/img/logos/abc.png",
                       "description": "Entreprise de maçonnerie générale."},
        "contact": {"nom": "MACONNERIE DU MORVAN - M. Dupont", "coordonnees1": "3 rue du Bourg",
                    "coordonnees2": "58230 PLANCHEZ", "courriel": "recrutement@maconnerie-morvan.example",
                    "telephone": "03 86 00 00 00",
                    "urlPostulation": "https://emplois.maconnerie-morvan.example/offre/12"},
        "origineOffre": {"origine": "2", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/990AAAA",
                         "partenaires": [{"nom": "INDEED", "url": "https://fr.indeed.example/voir/abc",
                                          "logo": "https://www.francetravail.fr/logos/indeed.png"}]},
    }
    hostile = copy.deepcopy(base) | {
        "id": HOSTILE_ID, "contact": {"urlPostulation": "javascript:alert(1)", "courriel": "pas une adresse"},
        "entreprise": {"nom": "X", "url": "javascript:alert(2)"},
        "origineOffre": {"origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/990AAAB"},
    }
    # Real offers often repeat the comment at the end of the experience label.
    repeated = copy.deepcopy(base) | {"id": REPEATED_ID, "experienceLibelle": "2 An(s) - Sur même type de poste",
                                      "experienceCommentaire": "Sur même type de poste"}
    return [full, hostile, repeated]


@pytest.fixture(scope="module")
def client(offers_env):
    from espace.bootstrap import get_services
    from espace.handlers.offers import handler
    from espace.offers.schema import validate_offer

    services = get_services()
    offers_env.upsert(validate_offer(raw, services.rome, services.places) for raw in built_offers())
    return Client(handler)


def offer_page(client, offer_id):
    page = client.get(f"/offres/{offer_id}")
    assert page.status == 200
    assert page_problems(page.body) == [], page_problems(page.body)
    return page


def section(page, heading: str) -> str:
    """The words between the h2 ``heading`` and the next h2."""
    h2 = page.html.xpath(f'//h2[normalize-space()="{heading}"]')
    assert h2, f"no heading {heading!r}"
    parts = []
    for sibling in h2[0].itersiblings():
        if sibling.tag == "h2":
            break
        parts.append(sibling.text_content())
    return " ".join(" ".join(parts).split())


def test_headings_come_in_order(client):
    page = offer_page(client, FULL_ID)
    headings = [" ".join(h.text_content().split()) for h in page.html.xpath("//main//h2")]
    assert headings == ["Description", "Le poste", "Compétences", "Qualités professionnelles", "Formation",
                        "Langues", "Permis", "Lieu de travail", "L'entreprise", "Comment postuler"]


def test_map_of_an_offer_in_the_prefecture(client):
    page = offer_page(client, "169XHKY")  # La Rochelle, préfecture of Charente-Maritime
    svg = page.html.xpath('//figure[@class="offer-map"]//*[local-name()="svg"]')
    assert len(svg) == 1 and svg[0].get("role") == "img"
    title = page.html.xpath(f'//*[@id="{svg[0].get("aria-labelledby")}"]')
    assert title and "La Rochelle, Charente-Maritime (17)" in title[0].text_content()
    caption = " ".join(page.html.xpath("//figure/figcaption")[0].text_content().split())
    assert "La Rochelle, Charente-Maritime (17) : la préfecture du département." in caption
    osm = page.html.xpath('//a[starts-with(normalize-space(), "Voir sur OpenStreetMap")]')
    assert len(osm) == 1
    url = urlsplit(osm[0].get("href"))
    assert (url.scheme, url.hostname) == ("https", "www.openstreetmap.org")
    query = parse_qs(url.query)
    assert float(query["mlat"][0]) == pytest.approx(46.158141, abs=1e-5)
    assert float(query["mlon"][0]) == pytest.approx(-1.171305, abs=1e-5)
    assert url.fragment.startswith("map=12/46.15814/-1.1713")
    assert "La Rochelle" in osm[0].text_content()  # names what it shows, for a screen reader too


def test_map_says_the_way_from_the_prefecture(client):
    page = offer_page(client, "169WNGL")  # Bretteville-sur-Odon, 4 km west of Caen's centre
    assert "Bretteville-sur-Odon, Calvados (14) : à 4 km à l'ouest de Caen, la préfecture." in section(
        page, "Lieu de travail")


def test_the_map_loads_nothing_and_stays_light(client):
    page = offer_page(client, "169WSTC")
    figure = page.html.xpath('//figure[@class="offer-map"]')[0]
    assert not figure.xpath(".//img|.//script|.//*[@src]|.//*[@href and local-name()!='a']")
    svg_source = re.search(r"<svg.*?</svg>", page.body, re.S).group()
    assert len(svg_source.encode()) <= 10_000
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg_source) and "width=" not in svg_source.split(">", 1)[0]


def test_an_offer_without_coordinates_has_its_place_in_words_only(client):
    page = offer_page(client, "169FFDW")  # « 24 - Dordogne »: no commune, no coordinates
    assert not page.html.xpath('//*[local-name()="svg"]') and "openstreetmap" not in page.body
    assert "Dordogne" in section(page, "Lieu de travail")


def test_every_v2_field_is_shown(client):
    page = offer_page(client, FULL_ID)
    job = section(page, "Le poste")
    for words in ("Ponctuels Départementaux", "en maçonnerie", "primes + tickets restaurant", "35h + 5 h supp",
                  "35H Travail en journée", "Port de charges", "Véhicule", "Panier"):
        assert words in job
    assert "Faire preuve d'autonomie : Capacité à prendre en charge son activité." in section(
        page, "Qualités professionnelles")
    assert "bâtiment gros oeuvre (CAP, BEP et équivalents) : CAP maçon" in section(page, "Formation")
    assert "Anglais" in section(page, "Langues") and "B - Véhicule léger exigé" in section(page, "Permis")
    company = section(page, "L'entreprise")
    for words in ("Travaux de maçonnerie générale", "10 à 19 salariés", "Employeur handi-engagé."):
        assert words in company
    site = page.html.xpath('//a[@href="https://www.maconnerie-morvan.example/"]')
    assert site and site[0].text_content().startswith("www.maconnerie-morvan.example")
    assert "logos" not in page.body  # no image from another site: the logo is left out


def test_how_to_apply_with_every_way_given(client):
    page = offer_page(client, FULL_ID)
    apply = section(page, "Comment postuler")
    assert page.html.xpath('//a[@href="mailto:recrutement@maconnerie-morvan.example"]')
    link = page.html.xpath('//a[@href="https://emplois.maconnerie-morvan.example/offre/12"]')
    assert link and link[0].text_content().startswith("Postuler sur emplois.maconnerie-morvan.example")
    for words in ("03 86 00 00 00", "MACONNERIE DU MORVAN - M. Dupont", "3 rue du Bourg", "58230 PLANCHEZ",
                  "Offre aussi publiée par : INDEED"):
        assert words in apply
    assert page.html.xpath('//a[@href="https://fr.indeed.example/voir/abc"]')
    assert page.html.xpath('//a[@href="tel:0386000000"]')
    assert page.html.xpath('//a[@href="#postuler"]') and page.html.xpath('//h2[@id="postuler"]')


def test_how_to_apply_from_a_link_hidden_in_the_contact(client):
    page = offer_page(client, "169WSTC")  # the link is in coordonnees3, after the agency's address
    apply = section(page, "Comment postuler")
    assert "Pôle Emploi DECIZE" in apply and "121 AVENUE DE VERDUN" in apply and "58300 DECIZE" in apply
    assert "Pour postuler" not in apply
    link = page.html.xpath('//a[@href="https://candidat.pole-emploi.fr/offres/recherche/detail/169WSTC"]')
    assert link and link[0].text_content().startswith("Postuler sur candidat.pole-emploi.fr")
    courriel = offer_page(client, "169WNGL")  # « courriel »: « Pour postuler, utiliser le lien suivant : … »
    assert not courriel.html.xpath('//a[starts-with(@href, "mailto:")]')
    assert courriel.html.xpath('//a[@href="https://candidat.pole-emploi.fr/offres/recherche/detail/169WNGL"]')


def test_without_contact_the_origin_site_is_the_way(client):
    page = offer_page(client, "169WMGB")  # contact: {}
    assert "Postulez depuis le site d'origine de l'offre" in section(page, "Comment postuler")
    assert page.html.xpath('//a[@href="https://candidat.pole-emploi.fr/offres/recherche/detail/169WMGB"]')


def test_links_that_are_not_web_addresses_are_not_links(client):
    page = offer_page(client, HOSTILE_ID)
    assert "javascript:" not in page.body and not page.html.xpath('//a[starts-with(@href, "mailto:")]')
    assert "Postulez depuis le site d'origine de l'offre" in section(page, "Comment postuler")


def test_an_experience_comment_already_in_its_label_is_not_repeated(client):
    page = offer_page(client, REPEATED_ID)
    experience = page.html.xpath('//dt[normalize-space()="Expérience"]/following-sibling::dd[1]')[0]
    assert " ".join(experience.text_content().split()) == "2 An(s) - Sur même type de poste"
    assert "(en maçonnerie)" in offer_page(client, FULL_ID).body  # a comment that adds something stays
