"""RGAA 13.1 through the handlers: a signed-in visitor's requests renew the session, the cookie
outlives it so that a form sent after the session ended says why, and what was typed is not
asked for again from nothing (the page tells how to get it back)."""

from __future__ import annotations

import re
import time

from espace.web.sessions import MAX_AGE, session_key
from tests.functional.accounts.helpers import PASSWORD, register, sign_in, signed_in_client

HOUR = 3600
SESSION_COOKIE = re.compile(r"(__Host-)?session=")


def stored(client) -> dict:
    from espace.bootstrap import get_services

    cookie = next(value for name, value in client.cookies.items() if name.endswith("session"))
    return get_services().records.get(session_key(cookie), "SESSION")


def moved(client, **changes: int) -> None:
    from espace.bootstrap import get_services

    get_services().records.put({**stored(client), **changes})


def test_a_request_renews_a_session_about_to_end(platform):
    client = signed_in_client(platform, "actif@example.fr")
    now = int(time.time())
    moved(client, expires_at=now + 60, started_at=now - 20 * HOUR + 60)  # a minute left
    assert client.get("/mon-espace").status == 200
    assert now + 20 * HOUR - 5 <= stored(client)["expires_at"] <= int(time.time()) + 20 * HOUR
    assert client.get("/mon-espace/mot-de-passe").status == 200


def test_the_cookie_lasts_a_week_so_an_ended_session_can_be_told_apart(platform):
    client = platform.client()
    register(platform, client, "cookie@example.fr")
    answer = sign_in(client, "cookie@example.fr")
    [cookie] = [c for c in answer.cookies if SESSION_COOKIE.match(c)]
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert MAX_AGE - 60 <= max_age <= MAX_AGE
    page = client.get("/mon-espace")
    assert page.status == 200 and not [c for c in page.cookies if SESSION_COOKIE.match(c)]


def test_a_form_sent_after_the_session_ended_says_why_and_gives_back_what_was_typed(platform):
    client = signed_in_client(platform, "fin@example.fr")
    token = client.csrf_token("/mon-espace/adresse-e-mail")
    moved(client, expires_at=int(time.time()) - 1)
    refused = client.post("/mon-espace/adresse-e-mail", {"nouvelle_adresse": "autre@example.fr",
                                                           "mot_de_passe": PASSWORD}, csrf=token)
    text = refused.text()
    assert refused.status == 403 and "Formulaire expiré" in text
    assert "votre session a pris fin" in text and "rien n'a été enregistré" in text
    # What was typed is given back (never the password), with the way back to the form.
    assert "autre@example.fr" in text and PASSWORD not in text
    assert refused.html.xpath('//main//a[starts-with(@href, "/connexion")]')
    assert client.get("/mon-espace").status == 303  # signed out indeed


def test_a_forged_token_still_gets_the_general_message(platform):
    client = signed_in_client(platform, "forge@example.fr")
    refused = client.post("/mon-espace/adresse-e-mail", {"nouvelle_adresse": "autre@example.fr"}, csrf="1.x")
    assert refused.status == 403 and "session a pris fin" not in refused.text()
    assert "a expiré ou a été envoyé depuis un autre site" in refused.text()
