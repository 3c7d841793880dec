"""Offer search and information search pages in headless Chromium: every state, axe + page checks."""

from __future__ import annotations

import urllib.error
import urllib.request

import lxml.html
import pytest

from tests.browser.conftest import report
from tests.caches import environment
from tests.conftest import ROOT
from tests.pagecheck import page_problems
from tests.serving import serving

pytestmark = pytest.mark.browser

STATES = [
    ("/offres/recherche", "form"),
    ("/offres/recherche?mode=avancee", "advanced form"),
    ("/offres/recherche?mode=numero", "number form"),
    ("/offres/recherche?mode=metier", "ROME form"),
    ("/offres/recherche?mode=simple&motsCles=&lieu=", "all offers"),
    ("/offres/recherche?mode=simple&motsCles=ma%C3%A7on&lieu=La+Rochelle", "job choices"),
    ("/offres/recherche?mode=metier&codeROME=F1703&lieu=La+Rochelle&tri=distance", "ROME results sorted by distance"),
    ("/offres/recherche?mode=avancee&metier=F1703&lieu=17000&distance=100&motsCles=enduit,permis", "advanced results"),
    ("/offres/recherche?mode=simple&lieu=Saint-Denis", "place choices"),
    ("/offres/recherche?mode=simple&lieu=Larochele", "place suggestions"),
    ("/offres/recherche?mode=numero&numero=12", "number error"),
    ("/offres/recherche?mode=metier&codeROME=Z9999", "ROME error"),
    ("/offres/recherche?mode=avancee&motsCles=a,b,c,d,e,f&distance=500&publieeDepuis=2", "advanced errors"),
    ("/offres/recherche?mode=simple&motsCles=&parPage=10&page=3", "paging"),
    ("/offres/recherche?mode=simple&motsCles=&version=imprimable", "printable"),
    ("/offres/169XHKY", "offer page"),
    ("/offres/000AAAA", "unknown offer"),
    ("/recherche", "site search form"),
    ("/recherche?q=actualisation", "site search results"),
    ("/recherche?q=Nouvelle-Aquitaine", "site search regional"),
    ("/recherche?q=zzzzzz", "site search nothing"),
    ("/recherche?q=atelier&page=2", "site search page 2"),
    ("/recherche?q=a", "site search too vague"),
]


@pytest.fixture(scope="module")
def offers_url(site, tmp_path_factory):
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.gateway.app import GatewayApp
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    folder = tmp_path_factory.mktemp("offres")
    with environment({"ESPACE_SEARCH_URL": f"sqlite:///{folder}/offres.db",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                      "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"), "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        SqliteOfferIndex(folder / "offres.db").upsert(
            validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}"


def test_every_search_state(browser, axe_check, offers_url):
    failures = {}
    for path, state in STATES:
        problems = axe_check(offers_url + path)
        problems += page_problems(browser.page_source)
        if problems:
            failures[f"{state} ({path})"] = problems
    assert not failures, report(failures)


def _title(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            html = response.read().decode()
    except urllib.error.HTTPError as error:  # a form with errors answers 400, with the page
        html = error.read().decode()
    return " ".join(lxml.html.document_fromstring(html).findtext(".//title").split())


def test_every_search_state_has_its_own_title(offers_url):
    # The title is the first thing a screen reader says of a page: 40 states of the search
    # page used to share one, so a new page of results or a form sent back with errors
    # sounded like the page before.
    titles = {state: _title(offers_url + path) for path, state in STATES}
    shared = {title: [s for s, t in titles.items() if t == title] for title in titles.values()}
    assert {title: states for title, states in shared.items() if len(states) > 1} == {}
    assert all(titles[state].startswith("Erreur : ") for state in ("number error", "ROME error", "advanced errors"))
    # Opening a tab of the form is not sending it: no error yet.
    assert not any(titles[state].startswith("Erreur") for state in ("form", "advanced form", "number form",
                                                                    "ROME form"))
    assert "page 3 sur " in titles["paging"]
    assert titles["site search results"].startswith("Rechercher sur le site – « actualisation » : ")
    assert ", page 2 sur " in titles["site search page 2"]
    assert titles["site search too vague"].startswith("Rechercher sur le site – « a » : recherche trop vague")
    offer_search = [title for (path, _), title in zip(STATES, titles.values(), strict=False)
                    if path.startswith("/offres/recherche")]
    assert all(title.removeprefix("Erreur : ").startswith("Rechercher une offre d'emploi – ") for title in offer_search)
