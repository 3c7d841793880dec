"""Every state of the « Mode d'emploi » newsletter in headless Chromium through the local
gateway, checked with axe-core, the page checks and the 320 px reflow check: the form on the
home page and a news page, the answer, the invalid address, the confirmation page, confirmed,
an expired link, the unsubscribe page, unsubscribed and a forged unsubscribe link."""

from __future__ import annotations

import re

import pytest

from espace.adapters.outbox_mail import read_outbox
from tests.browser.test_axe_services import Visitor, axe_here, services_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
FORM = "form[action='/lettre/abonnement'] button"


def last_unsubscribe_link(outbox) -> str:
    text = read_outbox(outbox)[-1].get_body(("plain",)).get_content()
    return re.search(r"http://\S+/lettre/desabonnement\?jeton=\S+", text).group(0).replace("http://127.0.0.1:8000", "")


def test_every_state_of_the_newsletter(browser, axe_here, services_url):  # noqa: F811
    base, outbox = services_url
    browser.delete_all_cookies()
    v = Visitor(browser, axe_here, base, outbox)
    email = "lettre@example.fr"

    v.open("/", "home page with the form")
    v.submit({"adresse": "pas-une-adresse"}, "invalid address: the service page with the error", button=FORM)
    assert "Erreur" in browser.title and 'value="pas-une-adresse"' in browser.page_source
    v.open("/actualites/index.html", "news list with the form")
    v.submit({"adresse": email}, "answer: check your mail", button=FORM)
    assert "Vérifiez votre messagerie" in browser.page_source
    link = v.last_link()
    v.open(link, "confirmation page with its button")
    v.submit({}, "confirmed")
    assert "Votre abonnement est confirmé" in browser.page_source
    v.open(link, "confirmation link already used")
    v.open("/lettre/abonnement", "the service page's own form")

    # The digest of December, from the build's November news, carries the unsubscribe link.
    # (The gateway runs in this process, with the settings of services_url.)
    from espace.bootstrap import get_services
    from espace.lettre.jobs import run_newsletter

    assert run_newsletter(get_services(), "2026-12").sent == [email]
    v.open(last_unsubscribe_link(outbox), "unsubscribe page with its button")
    v.submit({}, "unsubscribed")
    assert "ne recevra plus" in browser.page_source
    v.open("/lettre/desabonnement?jeton=faux.lien", "forged unsubscribe link")

    assert v.states >= 10
    assert v.failures == {}
