"""The counsellor's space, their password, and the public reset that sends a counsellor nothing."""

from __future__ import annotations

import pytest

from tests.functional.accounts.helpers import PASSWORD, sign_in
from tests.functional.conseillers.helpers import at, book, token
from tests.functional.inscription.helpers import counsellor_client, counsellors_client, sent_request


def test_the_space_shows_the_agency_todays_appointments_and_the_links(platform):
    import datetime as dt
    import time

    from espace.text import PARIS

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    now = dt.datetime.now(PARIS)
    later = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    if later.date() == now.date() and at(later.date(), later.hour) > time.time():
        book(registration, at(later.date(), later.hour))
    page = client.get("/conseiller")
    assert page.status == 200
    text = " ".join(page.text().split())
    assert "Agence de La Rochelle (agence fictive de démonstration)" in text
    if later.date() == now.date():
        assert page.html.xpath(f"//table//a[@href='/conseiller/demandes/{registration.reference}']")
    else:
        assert "Aucun rendez-vous aujourd'hui." in text
    for link in ("/conseiller/agenda", "/conseiller/agenda/ouverture", "/conseiller/rendez-vous",
                 "/conseiller/demandes", "/conseiller/mot-de-passe"):
        assert page.html.xpath(f"//a[@href='{link}']"), link
    # The header's space link leads a counsellor to their own space.
    assert page.html.xpath("//header//a[@href='/conseiller']")


@pytest.mark.parametrize("path", ["/conseiller", "/conseiller/agenda", "/conseiller/demandes",
                                  "/conseiller/mot-de-passe", "/conseiller/rendez-vous"])
def test_signed_out_visitors_are_sent_to_sign_in(platform, path):
    page = counsellors_client(platform.client()).get(path)
    assert page.status == 303 and page.location.startswith("/connexion?retour=" + path)


def test_changing_the_password_ends_the_other_sessions(platform):
    client = counsellor_client(platform, "conseil@example.org")
    elsewhere = platform.client(ip="192.0.2.45")
    assert sign_in(elsewhere, "conseil@example.org").location == "/conseiller"
    new = "un tout autre mot de passe"
    csrf = token(client)
    wrong = client.post("/conseiller/mot-de-passe", {"actuel": "pas le bon", "mot_de_passe": new,
                                                     "confirmation": new}, csrf=csrf)
    assert wrong.status == 400 and "incorrect" in wrong.field_error("actuel")
    mismatch = client.post("/conseiller/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": new,
                                                        "confirmation": "autre chose"}, csrf=csrf)
    assert mismatch.status == 400 and "ne correspond pas" in mismatch.field_error("confirmation")
    done = client.post("/conseiller/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": new, "confirmation": new},
                       csrf=csrf)
    assert done.status == 303 and done.location.endswith("/conseiller")
    assert "Votre mot de passe est modifié" in client.get("/conseiller").text()
    assert counsellors_client(elsewhere).get("/conseiller").status == 303
    assert sign_in(platform.client(), "conseil@example.org", PASSWORD).status == 400
    assert sign_in(platform.client(), "conseil@example.org", new).location == "/conseiller"


def test_the_public_reset_sends_a_counsellor_nothing_and_says_what_it_says_to_everyone(platform):
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor

    create_counsellor(get_services().records, "conseil@example.org", PASSWORD, agency_id="17", name="Camille Martin")
    visitor = platform.client(ip="192.0.2.50")
    refused = visitor.post("/compte/mot-de-passe-oublie", {"identifiant": "conseil@example.org"})
    unknown = visitor.post("/compte/mot-de-passe-oublie", {"identifiant": "personne@example.org"})
    assert refused.status == unknown.status == 200
    assert refused.html.xpath("//h1")[0].text_content() == unknown.html.xpath("//h1")[0].text_content()
    assert platform.mails_to("conseil@example.org") == []
    assert platform.mails_to("personne@example.org")  # the usual « no account » mail
    assert not [item for item in platform.dump_records() if "reset-password" in item]
