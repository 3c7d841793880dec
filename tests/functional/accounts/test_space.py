"""« Mon espace »: change password and e-mail, delete the account, download the data."""

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, confirm_link, sign_in, signed_in_client, user_id_of

NEW = "un autre mot de passe solide"


def test_dashboard_needs_a_session(platform):
    assert platform.client().get("/mon-espace").location == "/connexion?retour=/mon-espace"


def test_change_password(platform):
    client = signed_in_client(platform, "change@example.fr")
    wrong = client.post("/mon-espace/mot-de-passe", {"actuel": "faux", "mot_de_passe": NEW, "confirmation": NEW})
    assert wrong.status == 400 and wrong.field_error("actuel") == "Erreur : Le mot de passe actuel est incorrect."
    before = dict(client.cookies)
    done = client.post("/mon-espace/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": NEW, "confirmation": NEW})
    assert done.location == "/mon-espace"
    assert client.cookies != before  # new session after a credential change
    assert "Votre mot de passe est modifié" in client.get(done.location).text()
    assert sign_in(platform.client(), "change@example.fr", NEW).location == "/mon-espace"


def test_change_email_after_confirmation(platform):
    client = signed_in_client(platform, "ancienne@example.fr")
    page = client.post("/mon-espace/adresse-e-mail", {"nouvelle_adresse": "Nouvelle@Example.fr",
                                                      "mot_de_passe": PASSWORD})
    assert page.status == 200 and "nouvelle@example.fr" in page.text()
    # Until confirmed, the old address remains the identifier.
    assert sign_in(platform.client(), "ancienne@example.fr").location == "/mon-espace"
    confirmed = confirm_link(client, platform.last_link("nouvelle@example.fr"))
    assert confirmed.location == "/mon-espace"
    assert "Votre nouvelle adresse e-mail est confirmée" in client.get("/mon-espace").text()
    assert sign_in(platform.client(), "nouvelle@example.fr").location == "/mon-espace"
    assert sign_in(platform.client(), "ancienne@example.fr").status == 400


def test_change_email_errors(platform):
    client = signed_in_client(platform, "meme@example.fr")
    same = client.post("/mon-espace/adresse-e-mail", {"nouvelle_adresse": "meme@example.fr", "mot_de_passe": ""})
    assert same.status == 400
    assert "déjà votre adresse" in same.field_error("nouvelle_adresse")
    assert "Saisissez votre mot de passe" in same.field_error("mot_de_passe")


def test_delete_account_removes_every_record_and_file(platform):
    client = signed_in_client(platform, "partir@example.fr")
    user_id = user_id_of("partir@example.fr")
    services = get_services()
    services.files.put(f"users/{user_id}/cv/1.pdf", b"%PDF-1.7 test", "application/pdf")
    services.records.put({"pk": f"USER#{user_id}", "sk": "SAVED#1", "title": "Maçon"})
    unconfirmed = client.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD})
    assert unconfirmed.status == 400 and unconfirmed.field_error("confirmer")
    done = client.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert done.status == 200 and "Votre espace est supprimé" in done.text()
    assert services.records.query(f"USER#{user_id}") == []
    assert services.records.get("EMAIL#partir@example.fr", "ACCOUNT") is None
    assert services.files.list(f"users/{user_id}/") == []
    assert client.get("/mon-espace").status == 303
    assert sign_in(platform.client(), "partir@example.fr").status == 400


def test_download_my_data(platform):
    client = signed_in_client(platform, "export@example.fr")
    response = client.get("/mon-espace/donnees.json")
    assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
    data = response.json()
    assert data["account"]["identifiant"] == "export@example.fr"
    assert "password" not in response.body and "argon2" not in response.body
    assert platform.client().get("/mon-espace/donnees.json").status == 401


def test_two_accounts_never_see_each_other(platform):
    alice = signed_in_client(platform, "alice@example.fr", ip="192.0.2.1")
    bob = signed_in_client(platform, "bob@example.fr", ip="192.0.2.2")
    for path in ("/mon-espace", "/mon-espace/mot-de-passe", "/mon-espace/adresse-e-mail", "/mon-espace/suppression",
                 "/mon-espace/donnees.json"):
        page = bob.get(path)
        assert page.status == 200, path
        assert "alice@example.fr" not in page.body, path
    # Bob cannot use Alice's form token, nor act on her account with his session.
    alice_token = alice.csrf_token("/mon-espace/suppression")
    refused = bob.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"}, csrf=alice_token)
    assert refused.status == 403
    bob.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert alice.get("/mon-espace").status == 200
    assert sign_in(platform.client(), "alice@example.fr").location == "/mon-espace"
