"""« Mes messages », the dashboard's « Depuis votre dernière visite » and « Envoyer cette offre
par e-mail »: every state in headless Chromium through the local gateway, axe and page checks."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway
from tests.browser.test_axe_services import PASSWORD, Visitor, axe_here  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=1) as (url, offers):
        yield url, var / "outbox", offers[0].id


def deliver(email: str, subject: str, at: int) -> None:
    from espace.bootstrap import get_services
    from espace.messages.service import Mailbox
    from espace.ports import Message

    s = get_services()
    user_id = s.records.get(f"EMAIL#{email}", "ACCOUNT")["user_id"]
    Mailbox(s.records, s.mailer, clock=lambda: at).deliver(
        user_id, Message(to=email, subject=subject, text=f"Bonjour,\n\n{subject}.\nÀ bientôt."), kind="alerte")


def test_every_state_of_messages_dashboard_and_sharing(browser, axe_here, gateway):  # noqa: F811
    base, outbox, offer_id = gateway
    browser.delete_all_cookies()
    v = Visitor(browser, axe_here, base, outbox)
    email = "messages-axe@example.fr"
    share = f"/offres/{offer_id}/envoyer"

    v.open(f"/offres/{offer_id}", "offer page with its share link")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Envoyer cette offre par e-mail")
    v.open(share, "share: empty, signed out (no friend option)")
    assert not browser.find_elements(By.NAME, "destinataire")
    v.submit({}, "share: every error")
    v.submit({"adresse": "moi@example.fr", "confirmation": "toi@example.fr"}, "share: addresses differ")
    v.submit({"adresse": "moi@example.fr", "confirmation": "moi@example.fr"}, "share: sent")
    for _ in range(4):
        v.open(share, "share: again")
        v.submit({"adresse": "moi@example.fr", "confirmation": "moi@example.fr"}, "share: sent again")
    v.open(share, "share: before the limit")
    v.submit({"adresse": "moi@example.fr", "confirmation": "moi@example.fr"}, "share: limit reached")
    assert "limite d'envoi" in browser.page_source

    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed")
    v.open("/connexion", "sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "dashboard: first visit")

    v.open("/mon-espace/messages", "messages: empty")
    assert "aucun message" in browser.page_source
    for n in range(22):
        deliver(email, f"Vos nouvelles offres n° {n}", 1_800_000_000 + n)
    v.open("/mon-espace/messages", "messages: list, first page")
    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    v.check("messages: second page")
    browser.find_element(By.PARTIAL_LINK_TEXT, "n° 0").click()
    v.check("messages: one message")
    v.submit({}, "messages: marked unread", button="form[action$='/non-lu'] button")
    browser.find_element(By.PARTIAL_LINK_TEXT, "n° 21").click()
    v.submit({}, "messages: deleted flash", button="form[action$='/suppression'] button")
    assert "est supprimé" in browser.page_source
    v.open("/mon-espace", "dashboard: unread messages")

    v.open(share, "share: signed in, friend option")
    assert browser.find_elements(By.NAME, "destinataire")
    browser.find_element(By.CSS_SELECTOR, "input[name=destinataire][value=ami]").click()
    v.submit({"adresse": "ami@example.fr", "confirmation": "ami@example.fr", "message": "x" * 501},
             "share: friend, message too long")
    v.submit({"adresse": "ami@example.fr", "confirmation": "ami@example.fr", "message": "Pour toi"},
             "share: friend, sent")

    assert v.states >= 25
    assert v.failures == {}
