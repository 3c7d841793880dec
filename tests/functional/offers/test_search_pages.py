"""The search page and the offer page, as a job seeker uses them (embedded profile)."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from espace.places import haversine_km
from tests.functional.client import Client
from tests.functional.offers.conftest import sample_offers
from tests.pagecheck import page_problems

LA_ROCHELLE = (46.1591, -1.1520)


@pytest.fixture
def client(offers_env):
    from espace.handlers.offers import handler

    return Client(handler)


def rows(page, caption_id):
    table = page.html.xpath(f'//table[caption[@id="{caption_id}"]]')
    if not table:
        return []
    return [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in table[0].xpath("tbody/tr")]


def checked(page):
    assert page_problems(page.body) == [], page_problems(page.body)
    return page


def test_form_only_then_empty_search_lists_all_offers_newest_first(client):
    form = checked(client.get("/offres/recherche"))
    assert form.status == 200 and not form.html.xpath("//table")
    everything = checked(client.get("/offres/recherche?mode=simple&motsCles=&lieu=&tri=date"))
    assert "304 offres répondent exactement" in everything.text().replace("\u202f", " ")
    dates = [row[-1] for row in rows(everything, "offres-exactes")]
    assert len(dates) == 20


def test_appellation_ranking_near_la_rochelle(client):
    """The seed's "recherche approchée" on the real samples: maçons around La Rochelle."""
    direct = checked(client.get("/offres/recherche?mode=simple&motsCles=ma%C3%A7on&lieu=La+Rochelle"))
    # "maçon" names « Maçon / Maçonne » exactly: no list to choose from, results at once.
    assert not direct.html.xpath('//section[@aria-labelledby="choix-metier"]')
    assert direct.html.xpath('//input[@name="motsCles"]/@value') == ["Maçon / Maçonne"]
    from espace.bootstrap import get_services

    code = next(a.code for a in get_services().rome.appellations.values() if a.label == "Maçon / Maçonne")
    page = checked(client.get(f"/offres/recherche?mode=avancee&appellation={code}&lieu=La+Rochelle&distance=50"
                              "&parPage=50"))
    exact, close = rows(page, "offres-exactes"), rows(page, "offres-proches")
    # Every F1703 sample offer within 50 km of La Rochelle, by our own count.
    expected = [o for o in sample_offers() if o["romeCode"] == "F1703" and o["lieuTravail"].get("latitude")
                and haversine_km(*LA_ROCHELLE, o["lieuTravail"]["latitude"], o["lieuTravail"]["longitude"]) <= 50]
    summary = page.html.xpath('string(//*[@role="status"])')
    assert f"{len(expected)} offre" in summary and len(exact) == min(len(expected), 50)
    for row in exact + close:
        assert float(row[3].split()[0].replace(",", ".")) <= 50
    assert all(int(row[0].split()[0]) >= int(close_row[0].split()[0]) for row in exact for close_row in close)


def test_several_appellations_let_the_user_choose(client):
    page = checked(client.get("/offres/recherche?mode=simple&motsCles=chef"))
    choices = page.html.xpath('//section[@aria-labelledby="choix-metier"]//a')
    assert len(choices) >= 5
    assert checked(client.get(choices[0].get("href"))).status == 200


def test_sort_by_distance_and_aria_sort(client):
    page = checked(client.get("/offres/recherche?mode=metier&codeROME=F1703&lieu=La+Rochelle&tri=distance&ordre=asc"))
    distances = [float(r[3].split()[0].replace(",", ".")) for r in rows(page, "offres-exactes")]
    assert distances == sorted(distances) and distances
    sorted_headers = page.html.xpath("//th[@aria-sort]")
    assert sorted_headers and all(th.get("aria-sort") == "ascending" for th in sorted_headers)
    assert "Distance" in sorted_headers[0].text_content()


def test_every_column_sorts(client):
    for key in ("pertinence", "offre", "lieu", "distance", "contrat", "date"):
        for order in ("asc", "desc"):
            page = client.get(f"/offres/recherche?mode=simple&lieu=Charente-Maritime&tri={key}&ordre={order}")
            assert page.status == 200 and page.html.xpath("//th[@aria-sort]"), (key, order)


def test_unknown_place_suggests_close_names(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Larochele"))
    assert page.status == 400 and "Nous ne connaissons pas ce lieu" in page.field_error("lieu-de-travail")
    assert "La Rochelle" in page.html.xpath('string(//section[@aria-labelledby="choix-lieu"])')


def test_ambiguous_place_asks_to_choose(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Saint-Denis"))
    choices = page.html.xpath('//section[@aria-labelledby="choix-lieu"]//a')
    assert len(choices) >= 2
    chosen = checked(client.get(choices[0].get("href")))
    assert chosen.status == 200


def test_offer_number(client):
    assert client.get("/offres/recherche?mode=numero&numero=169xhky").location == "/offres/169XHKY"
    bad = checked(client.get("/offres/recherche?mode=numero&numero=12345"))
    assert bad.status == 400 and "7 caractères" in bad.field_error("numero")
    offer = checked(client.get("/offres/169XHKY"))
    assert offer.status == 200 and "Chef(fe) d'équipe Maçonnerie" in offer.text()
    assert offer.html.xpath('//a[starts-with(@href, "/connexion?retour=/offres/169XHKY")]')
    missing = checked(client.get("/offres/000AAAA"))
    assert missing.status == 404 and "Offre introuvable" in missing.text()
    assert client.get("/offres/pas-un-numero").status == 404


@pytest.mark.parametrize("query, field, message", [
    ("mode=avancee&motsCles=a,b,c,d,e,f", "emploi-recherche", "5 mots clés au plus"),
    ("mode=metier&codeROME=F9999", "codeROME", "n'existe pas"),
    ("mode=metier&codeROME=maçon", "codeROME", "une lettre et 4 chiffres"),
    ("mode=simple&motsCles=" + "x" * 10_000, "emploi-recherche", "200 caractères"),
    ("mode=avancee&distance=500", "distance", "entre 0 et 100"),
    ("mode=avancee&publieeDepuis=2", "publieeDepuis", "période"),
    ("mode=avancee&dureeContratMin=6&dureeContratMax=3", "dureeContratMax", "supérieure"),
    ("mode=avancee&salaireMin=beaucoup", "salaireMin", "euros"),
])
def test_bad_input_gets_a_message(client, query, field, message):
    page = checked(client.get("/offres/recherche?" + query))
    assert page.status == 400 and message in page.field_error(field)


@pytest.mark.parametrize("words", ['"maçon', "maçon*", "NEAR(maçon enduit)", "maçon -enduit", "a:b", "'; DROP TABLE"])
def test_query_syntax_is_plain_text(client, words):
    page = client.get("/offres/recherche?mode=avancee&motsCles=" + quote(words))
    assert page.status == 200


def test_printable_version_and_paging(client):
    page = checked(client.get("/offres/recherche?mode=simple&motsCles=&parPage=10&page=2"))
    assert "page 2 sur 15" in page.html.xpath("string(//caption)")  # 150 results at most, 10 a page
    assert len(rows(page, "offres-exactes")) == 10
    printable = checked(client.get("/offres/recherche?mode=simple&lieu=Charente-Maritime&version=imprimable"))
    assert not printable.html.xpath("//form[@id='formulaire']") and printable.html.xpath("//table")


def test_paging_stops_at_the_cap_and_any_page_number_shows_a_page(client):
    last = checked(client.get("/offres/recherche?mode=simple&motsCles=&page=99"))  # 304 offers, 150 shown
    assert last.status == 200 and "page 8 sur 8" in last.html.xpath("string(//caption)")
    assert len(rows(last, "offres-exactes")) == 10  # offers 141 to 150
    nav = last.html.xpath('//nav[@aria-label="Pages de résultats"]')[0]
    assert nav.xpath('string(.//*[@aria-current="page"])') == "Page 8"
    previous = urlsplit(nav.xpath('.//a[@rel="prev"]/@href')[0])
    assert previous.path == "/offres/recherche" and parse_qs(previous.query) == {"mode": ["simple"], "page": ["7"]}
    for bad in ("abc", "0", "-1", "%C2%B2", "9" * 50):
        page = checked(client.get("/offres/recherche?mode=simple&motsCles=&page=" + bad))
        assert page.status == 200 and "page 1 sur 8" in page.html.xpath("string(//caption)"), bad
