"""Create a space: the seed's fields, clear errors, e-mail confirmation, no enumeration."""

from tests.functional.accounts.helpers import PASSWORD, confirm_link, register, sign_in


def test_form_has_the_seed_fields(platform):
    page = platform.client().get("/compte/creation")
    assert page.status == 200
    labels = [" ".join(label.text_content().split()) for label in page.html.xpath("//label")]
    for expected in ("Identifiant", "Mot de passe", "Confirmation du mot de passe", "Code postal",
                     "Question secrète", "Réponse"):
        assert expected in labels
    assert page.html.xpath('//input[@name="csrf"]/@value')


def test_create_confirm_and_sign_in(platform):
    client = platform.client()
    confirmation = register(platform, client, "lea.martin@example.fr")
    assert confirmation.status == 303 and confirmation.location == "/connexion"
    mail = platform.mails_to("lea.martin@example.fr")[-1]
    assert "Confirmez la création de votre espace" in mail[1]
    # The notice is a flash message: shown once.
    assert "Votre espace est créé" in client.get(confirmation.location).text()
    assert "Votre espace est créé" not in client.get(confirmation.location).text()
    response = sign_in(client, "Lea.Martin@Example.fr ")  # case and spaces do not matter
    assert response.status == 303 and response.location == "/mon-espace"
    dashboard = client.get("/mon-espace")
    assert dashboard.status == 200
    text = dashboard.text()
    for section in ("Mes messages", "Mon classeur d'offres", "Mes critères de recherche", "Mes candidatures",
                    "Mes CV", "Mes propositions", "Mon dossier de demandeur d'emploi",
                        "Mes informations personnelles"):
        assert section in text
    assert "lea.martin@example.fr" in text and "17000" in text


def test_each_field_error_is_specific_and_keeps_the_values(platform):
    client = platform.client()
    page = client.post("/compte/creation", {"identifiant": "pas-une-adresse", "mot_de_passe": "court",
                                            "confirmation": "autre", "code_postal": "1700",
                                            "question": "9", "reponse": ""})
    assert page.status == 400
    assert page.field_error("identifiant") == \
        "Erreur : Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
    assert "au moins 12 caractères" in page.field_error("mot_de_passe")
    assert "ne correspond pas" in page.field_error("confirmation")
    assert "5 chiffres" in page.field_error("code_postal")
    assert "Choisissez une question" in page.field_error("question")
    assert "Saisissez la réponse" in page.field_error("reponse")
    assert len(page.error_summary()) == 6
    # What was typed is kept, except the passwords, which are never sent back.
    assert page.html.xpath('//input[@name="identifiant"]/@value') == ["pas-une-adresse"]
    assert page.html.xpath('//input[@name="code_postal"]/@value') == ["1700"]
    assert page.html.xpath('//input[@name="mot_de_passe"]/@value') == [""]
    field = page.html.xpath('//input[@name="identifiant"]')[0]
    assert field.get("aria-invalid") == "true" and "identifiant-erreur" in field.get("aria-describedby")


def test_empty_form_lists_every_missing_field(platform):
    page = platform.client().post("/compte/creation", {})
    assert page.status == 400
    assert len(page.error_summary()) == 6


def test_existing_address_gets_the_same_page_and_a_different_mail(platform):
    first = platform.client()
    register(platform, first, "deja@example.fr")
    again = platform.client().post("/compte/creation", {
        "identifiant": "deja@example.fr", "mot_de_passe": "une autre phrase longue", "confirmation":
        "une autre phrase longue", "code_postal": "75011", "question": "2", "reponse": "Paris"})
    assert again.status == 200 and "Vérifiez votre messagerie" in again.text()
    assert "Vous avez déjà un espace" in platform.mails_to("deja@example.fr")[-1][1]
    # The first password still works: nothing was overwritten.
    assert sign_in(platform.client(), "deja@example.fr", PASSWORD).location == "/mon-espace"


def test_confirmation_link_works_once(platform):
    client = platform.client()
    register(platform, client, "une.fois@example.fr")
    link = platform.last_link("une.fois@example.fr")
    again = client.get(link)
    assert again.status == 410 and "Lien expiré ou déjà utilisé" in again.text()
    assert client.get("/compte/confirmation?jeton=inconnu").status == 410
    assert client.get("/compte/confirmation").status == 410


def test_mail_flood_is_capped(platform):
    client = platform.client()
    data = {"identifiant": "cible@example.fr", "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
            "code_postal": "33000", "question": "3", "reponse": "Jules Ferry"}
    statuses = [client.post("/compte/creation", data).status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(platform.mails_to("cible@example.fr")) == 3


def test_the_mailed_link_only_shows_a_button(platform):
    """A link scanner that opens every link of a mail must not create the account."""
    client = platform.client()
    client.post("/compte/creation", {"identifiant": "scan@example.fr", "mot_de_passe": PASSWORD,
                                     "confirmation": PASSWORD, "code_postal": "17000", "question": "1",
                                     "reponse": "Médor"})
    link = platform.last_link("scan@example.fr")
    for _ in range(2):
        page = platform.client().get(link)
        assert page.status == 200 and page.html.xpath("//form//button")
    assert sign_in(platform.client(), "scan@example.fr").status == 400  # no account yet
    confirm_link(client, link)
    assert sign_in(platform.client(), "scan@example.fr").status == 303
    assert platform.client().get(link).status == 410  # spent
