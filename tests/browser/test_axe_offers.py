"""Offer search and information search pages in headless Chromium: every state, axe + page checks."""

from __future__ import annotations

import urllib.error
import urllib.request

import lxml.html
import pytest

from tests.browser.conftest import report
from tests.pagecheck import page_problems

pytestmark = pytest.mark.browser

STATES = [
    ("/offres/recherche", "form"),
    ("/offres/recherche?mode=avancee", "advanced form"),
    ("/offres/recherche?mode=numero", "number form"),
    ("/offres/recherche?mode=metier", "ROME form"),
    ("/offres/recherche?mode=simple&motsCles=&lieu=", "all offers"),
    ("/offres/recherche?mode=simple&motsCles=chef&lieu=La+Rochelle+%2817%29", "job choices"),
    ("/offres/recherche?mode=avancee&metier=ma%C3%A7o", "advanced job choices"),
    ("/offres/recherche?mode=simple&motsCles=ma%C3%A7on&lieu=La+Rochelle+%2817%29", "job picked, default radius"),
    ("/offres/recherche?mode=metier&codeROME=F1703&lieu=La+Rochelle+%2817%29&tri=distance",
     "ROME results sorted by distance"),
    ("/offres/recherche?codeROME=F1703", "fiche link"),
    ("/offres/recherche?mode=simple&lieu=Nouvelle-Aquitaine&tri=date&ordre=asc", "sorted by date, oldest first"),
    ("/offres/recherche?mode=avancee&metier=Ma%C3%A7on+%2F+Ma%C3%A7onne&lieu=La+Rochelle+%2817%29&formulaire=1",
     "advanced tab with criteria"),
    ("/offres/recherche?mode=metier&codeROME=F1703&lieu=La+Rochelle+%2817%29&formulaire=1", "ROME tab with criteria"),
    ("/offres/recherche?mode=simple&lieu=Valence", "homonym communes"),
    ("/offres/recherche?mode=avancee&metier=F1703&lieu=17000&distance=100&motsCles=enduit,permis", "advanced results"),
    ("/offres/recherche?mode=simple&lieu=Saint-Denis", "place choices"),
    ("/offres/recherche?mode=simple&lieu=Larochele", "place suggestions"),
    ("/offres/recherche?mode=numero&numero=12", "number error"),
    ("/offres/recherche?mode=metier&codeROME=Z9999", "ROME error"),
    ("/offres/recherche?mode=metier&codeROME=F9999", "unknown ROME code, linked list"),
    ("/offres/recherche?mode=avancee&motsCles=a,b,c,d,e,f&distance=500&publieeDepuis=2", "advanced errors"),
    ("/offres/recherche?mode=simple&motsCles=&parPage=10&page=3", "paging"),
    ("/offres/recherche?mode=simple&motsCles=&version=imprimable", "printable"),
    ("/offres/recherche?mode=simple&lieu=La+Rochelle+%2817%29&typeContrat=CDI&version=imprimable",
     "printable near a commune"),
    ("/offres/169XHKY", "offer page"),
    ("/offres/000AAAA", "unknown offer"),
    ("/recherche", "site search form"),
    ("/recherche?q=actualisation", "site search results"),
    ("/recherche?q=Nouvelle-Aquitaine", "site search regional"),
    ("/recherche?q=zzzzzz", "site search nothing"),
    ("/recherche?q=atelier&page=2", "site search page 2"),
    ("/recherche?q=a", "site search too vague"),
]


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
    assert all(titles[state].startswith("Erreur : ") for state in ("number error", "ROME error", "advanced errors",
                                                                   "unknown ROME code, linked list"))
    # Opening a tab of the form is not sending it: no error yet.
    assert not any(titles[state].startswith("Erreur") for state in ("form", "advanced form", "number form",
                                                                    "ROME form", "advanced tab with criteria",
                                                                    "ROME tab with criteria"))
    assert "page 3 sur " in titles["paging"]
    assert titles["site search results"].startswith("Rechercher sur le site – « actualisation » : ")
    assert ", page 2 sur " in titles["site search page 2"]
    assert titles["site search too vague"].startswith("Rechercher sur le site – « a » : recherche trop vague")
    offer_search = [title for (path, _), title in zip(STATES, titles.values(), strict=False)
                    if path.startswith("/offres/recherche")]
    assert all(title.removeprefix("Erreur : ").startswith("Rechercher une offre d'emploi – ") for title in offer_search)


def test_around_me_fills_the_place_and_says_so(browser, axe_check, offers_url):
    """« Autour de moi » in Chromium with a position given by DevTools, then with the permission refused."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = offers_url + "/offres/recherche"
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": offers_url, "permissions": ["geolocation"]})
    browser.execute_cdp_cmd("Emulation.setGeolocationOverride",
                            {"latitude": 46.1591, "longitude": -1.1520, "accuracy": 50})
    try:
        browser.get(page)
        button = browser.find_element(By.XPATH, '//button[normalize-space()="Autour de moi"]')
        button.click()
        place = browser.find_element(By.ID, "lieu-de-travail")
        WebDriverWait(browser, 20).until(lambda _: place.get_attribute("value") == "La Rochelle (17)")
        status = browser.find_element(By.ID, "lieu-de-travail-position")
        assert status.get_attribute("role") == "status" and "La Rochelle (17)" in status.text
        assert axe_check(None) == []
        browser.execute_cdp_cmd("Browser.setPermission", {"origin": offers_url, "permission": {"name": "geolocation"},
                                                          "setting": "denied"})
        browser.get(page)
        browser.find_element(By.XPATH, '//button[normalize-space()="Autour de moi"]').click()
        status = browser.find_element(By.ID, "lieu-de-travail-position")
        WebDriverWait(browser, 20).until(lambda _: "autorisé" in status.text)
        assert browser.find_element(By.ID, "lieu-de-travail").get_attribute("value") == ""
        assert axe_check(None) == []
    finally:
        browser.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
