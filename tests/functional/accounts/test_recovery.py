"""Recovery: an e-mailed, single-use, 30-minute link plus the secret question."""

import time

from espace.accounts.secrets import token_key
from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, register, sign_in

NEW = "un tout nouveau mot de passe"


def _ask_link(platform, client, email):
    page = client.post("/compte/mot-de-passe-oublie", {"identifiant": email})
    assert page.status == 200 and "Vérifiez votre messagerie" in page.text()
    return platform.last_link(email)


def test_reset_with_the_link_and_the_secret_answer(platform):
    client = platform.client()
    register(platform, client, "oubli@example.fr")
    link = _ask_link(platform, client, "oubli@example.fr")
    assert link.startswith("/compte/reinitialisation?jeton=")
    form = client.get(link)
    assert form.status == 200 and "Quel est le nom de votre premier animal de compagnie ?" in form.text()
    token = link.split("jeton=")[1]
    done = client.post("/compte/reinitialisation", {"jeton": token, "reponse": "  MEDOR ", "mot_de_passe": NEW,
                                                    "confirmation": NEW}, csrf=client.csrf_token(link))
    assert done.status == 303 and done.location == "/connexion"
    assert "Votre mot de passe est modifié" in client.get("/connexion").text()
    assert "Votre mot de passe a été modifié" in platform.mails_to("oubli@example.fr")[-1][1]
    assert sign_in(platform.client(), "oubli@example.fr", PASSWORD).status == 400
    assert sign_in(platform.client(), "oubli@example.fr", NEW).location == "/mon-espace"
    # Single use.
    assert client.get(link).status == 410


def test_unknown_address_gets_the_same_page(platform):
    client = platform.client()
    page = client.post("/compte/mot-de-passe-oublie", {"identifiant": "absente@example.fr"})
    assert page.status == 200 and "Si un espace existe" in page.text()
    assert "aucun espace n'existe" in platform.mails_to("absente@example.fr")[-1][2]


def test_wrong_answers_spend_the_link(platform):
    client = platform.client()
    register(platform, client, "question@example.fr")
    link = _ask_link(platform, client, "question@example.fr")
    token = link.split("jeton=")[1]
    data = {"jeton": token, "reponse": "Rex", "mot_de_passe": NEW, "confirmation": NEW}
    first = client.post("/compte/reinitialisation", data, csrf=client.csrf_token(link))
    assert first.status == 400 and "Il vous reste 2 essais" in first.field_error("reponse")
    second = client.post("/compte/reinitialisation", data, csrf=client.csrf_token(link))
    assert "Il vous reste 1 essai." in second.field_error("reponse")
    third = client.post("/compte/reinitialisation", data, csrf=client.csrf_token(link))
    assert third.status == 410
    assert sign_in(platform.client(), "question@example.fr", PASSWORD).location == "/mon-espace"


def test_link_expires_after_thirty_minutes(platform):
    client = platform.client()
    register(platform, client, "expire@example.fr")
    link = _ask_link(platform, client, "expire@example.fr")
    records = get_services().records
    item = records.get(token_key(link.split("jeton=")[1]), "TOKEN")
    assert 29 * 60 < item["expires_at"] - time.time() <= 30 * 60
    records.put({**item, "expires_at": item["expires_at"] - 30 * 60 - 1})  # half an hour later
    assert client.get(link).status == 410


def test_reset_form_errors(platform):
    client = platform.client()
    register(platform, client, "erreurs@example.fr")
    link = _ask_link(platform, client, "erreurs@example.fr")
    page = client.post("/compte/reinitialisation", {"jeton": link.split("jeton=")[1], "reponse": "",
                                                    "mot_de_passe": "court", "confirmation": ""},
                       csrf=client.csrf_token(link))
    assert page.status == 400
    assert page.field_error("reponse") and page.field_error("mot_de_passe") and page.field_error("confirmation")


def test_recovery_lifts_a_lockout(platform):
    client = platform.client()
    register(platform, client, "leve@example.fr")
    for _ in range(5):
        sign_in(client, "leve@example.fr", "faux mot de passe")
    link = _ask_link(platform, client, "leve@example.fr")
    client.post("/compte/reinitialisation", {"jeton": link.split("jeton=")[1], "reponse": "medor",
                                             "mot_de_passe": NEW, "confirmation": NEW}, csrf=client.csrf_token(link))
    assert sign_in(platform.client(), "leve@example.fr", NEW).location == "/mon-espace"
