"""RGAA 13.1 in headless Chromium: a form sent after its session ended is refused with a page that
says why (checked like every state: axe, page checks, reflow, keyboard), and the browser's
« Précédent », as that page advises, shows the form again with what was typed."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_services import PASSWORD, Visitor, axe_here, click_to_next_page  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def test_a_form_sent_after_the_session_ended_says_why_and_gives_back_what_was_typed(browser, axe_here,  # noqa: F811
                                                                                     gateway):
    from espace.bootstrap import get_services
    from espace.web.sessions import session_key

    base, outbox = gateway
    browser.delete_all_cookies()
    v = Visitor(browser, axe_here, base, outbox)
    email = "expiree@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")

    v.open("/mon-espace/adresse-e-mail", "e-mail form")
    field = browser.find_element(By.NAME, "nouvelle_adresse")
    field.send_keys("tapee-longuement@example.fr")
    cookie = next(c["value"] for c in browser.get_cookies() if c["name"].endswith("session"))
    records = get_services().records
    records.put({**records.get(session_key(cookie), "SESSION"), "expires_at": int(time.time()) - 1})
    v.submit({"mot_de_passe": PASSWORD}, "refused: the session ended")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Formulaire expiré" in browser.title and "votre session a pris fin" in main
    assert "tapee-longuement@example.fr" in main and PASSWORD not in browser.page_source
    # The browser's « Précédent » cannot help (the form asks for a session that ended): the
    # page's own link signs in again and comes back to the form.
    click_to_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Me reconnecter"))
    v.check("sign-in from the refusal page")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "back on the form")
    assert browser.current_url.endswith("/mon-espace/adresse-e-mail")
    assert v.failures == {}, report(v.failures)
