"""Every state of every service form, driven in headless Chromium through the local
gateway (JavaScript on, as a browser would have it), checked with axe-core and the
structural page checks: empty, each error, CSRF refusal, success."""

from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from espace.adapters.outbox_mail import read_outbox
from espace.dossier.model import check_letter
from tests.browser import required
from tests.browser.conftest import local_gateway
from tests.pagecheck import page_problems

pytestmark = pytest.mark.browser
PASSWORD = "une phrase de passe solide"


@pytest.fixture(scope="module")
def services_url(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def click_to_next_page(browser, element) -> None:
    """Click and wait until the next page has loaded: a click may return before the navigation
    it starts, and the page checked must be the one that follows, not the one left or half of it."""
    browser.execute_script("window.leftBehind = true")  # gone with the document
    element.click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script("return !window.leftBehind && document.readyState === 'complete'"))


class Visitor:
    """A person at the keyboard: fills fields, submits, and every page they see is checked."""

    def __init__(self, browser, axe_check, base, outbox):
        self.browser, self.axe_check, self.base, self.outbox = browser, axe_check, base, outbox
        self.failures: dict[str, list[str]] = {}
        self.states = 0

    def check(self, state: str):
        self.states += 1
        problems = page_problems(self.browser.page_source)
        problems += self.axe_check(None)
        if problems:
            self.failures[state] = problems

    def open(self, path: str, state: str):
        self.browser.get(self.base + path)
        self.check(state)

    def submit(self, values: dict[str, str], state: str, button: str = "button[type=submit]"):
        for name, value in values.items():
            element = self.browser.find_element(By.NAME, name)
            if element.get_attribute("type") == "checkbox":
                if bool(value) != element.is_selected():
                    element.click()
            elif element.tag_name == "select":
                element.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
            else:
                element.clear()
                element.send_keys(value)
        self.send(button, state)

    def send(self, button: str, state: str) -> None:
        """Press the form's button and check the page that answers, and that every field it
        reports missing had been announced as required (RGAA 11.10, tests/browser/required.py)."""
        element = self.browser.find_element(By.CSS_SELECTOR, f"main {button}")
        before = required.snapshot(self.browser, element)
        click_to_next_page(self.browser, element)
        self.check(state)
        if problems := required.unannounced(self.browser, before):
            self.failures.setdefault(state, []).extend(problems)

    def last_link(self) -> str:
        text = read_outbox(self.outbox)[-1].get_body(("plain",)).get_content()
        return re.search(r"http://\S+", text).group(0).replace("http://127.0.0.1:8000", "")


@pytest.fixture
def axe_here(browser, axe_check):
    """axe and the 320 px reflow check on the page already loaded (the form's answer), without
    reloading it (a reload would post the form again)."""
    return axe_check


def test_every_state_of_every_account_form(browser, axe_here, services_url):
    base, outbox = services_url
    browser.delete_all_cookies()
    v = Visitor(browser, axe_here, base, outbox)
    email = "parcours@example.fr"

    v.open("/compte/creation", "creation: empty")
    v.submit({}, "creation: every error")
    v.submit({"identifiant": "pas-une-adresse", "mot_de_passe": "court", "confirmation": "autre",
              "code_postal": "123", "reponse": "x"}, "creation: invalid values")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation: the page with its button")
    v.submit({}, "confirmation: sign-in with notice")
    assert "Votre espace est créé" in browser.page_source
    v.open("/compte/confirmation?jeton=perime", "confirmation: expired link")

    v.open("/connexion", "sign-in: empty")
    browser.execute_script("document.querySelector('input[name=csrf]').value = 'perime'")
    v.submit({}, "sign-in: expired form (CSRF refusal)")
    assert "Formulaire expiré" in browser.title
    v.open("/connexion", "sign-in: empty again")
    v.submit({}, "sign-in: missing fields")
    v.submit({"identifiant": email, "mot_de_passe": "faux mot de passe"}, "sign-in: wrong password")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "sign-in: success = dashboard")
    assert browser.current_url.endswith("/mon-espace")

    v.open("/mon-espace/mot-de-passe", "password: empty")
    v.submit({}, "password: every error")
    v.submit({"actuel": PASSWORD, "mot_de_passe": "nouvelle phrase de passe", "confirmation":
              "nouvelle phrase de passe"}, "password: done, dashboard notice")
    v.open("/mon-espace/adresse-e-mail", "email: empty")
    v.submit({}, "email: every error")
    v.submit({"nouvelle_adresse": "nouvelle@example.fr", "mot_de_passe": "nouvelle phrase de passe"},
             "email: check your mail")
    v.open(v.last_link(), "email: confirmation page")
    v.submit({}, "email: confirmed, dashboard notice")
    v.open("/mon-espace/suppression", "delete: empty")
    v.submit({}, "delete: every error")

    browser.find_element(By.CSS_SELECTOR, "header a[href='/mon-espace']")  # header link present
    v.open("/mon-espace", "dashboard")
    v.submit({}, "sign-out: signed out notice", button="form[action='/deconnexion'] button")

    v.open("/compte/mot-de-passe-oublie", "forgot: empty")
    v.submit({"identifiant": "x"}, "forgot: invalid address")
    v.submit({"identifiant": "nouvelle@example.fr"}, "forgot: check your mail")
    link = v.last_link()
    v.open("/compte/mot-de-passe-oublie", "forgot: empty again")
    v.submit({"identifiant": "1234567" + check_letter("1234567")}, "forgot: check your mail, an identifier")
    assert "Si un espace existe avec l'identifiant" in browser.page_source
    v.open(link, "reset: form with the question")
    v.submit({"reponse": "rex", "mot_de_passe": "court"}, "reset: errors")
    v.submit({"reponse": "medor", "mot_de_passe": PASSWORD, "confirmation": PASSWORD}, "reset: done, sign-in notice")
    v.open(link, "reset: link already used")

    v.open("/connexion", "sign-in again")
    v.submit({"identifiant": "nouvelle@example.fr", "mot_de_passe": PASSWORD}, "sign-in: dashboard")
    v.open("/mon-espace/suppression", "delete: form")
    v.submit({"confirmer": "oui", "mot_de_passe": PASSWORD}, "delete: deleted")
    v.open("/compte/page-inexistante", "service 404")

    assert v.states >= 30
    assert v.failures == {}
