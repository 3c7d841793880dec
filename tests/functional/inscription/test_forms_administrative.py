"""Étape 1, « Situation administrative », through its page: prefilled from the account, saved as
typed, and every fault of what a person may type (or send) told in French, the rest kept."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples import administrative
from tests.functional.profiles import each_case_on_one_profile

STEP = "/mon-espace/inscription/demande/situation-administrative"
NEXT = "/mon-espace/inscription/demande/situation"


def draft(email: str) -> dict:
    from espace.bootstrap import get_services

    return get_services().records.get(f"USER#{user_id_of(email)}", "DRAFT#inscription")["steps"]


def value(page, name: str) -> str:
    found = page.html.xpath(f'//input[@name="{name}"]/@value')
    return found[0] if found else ""


def selected(page, name: str) -> list[str]:
    return page.html.xpath(f'//select[@name="{name}"]/option[@selected]/@value')


def test_the_step_starts_with_the_accounts_email_and_postal_code_and_its_commune(platform):
    client = signed_in_client(platform, "etape1@example.org")
    page = client.get(STEP)
    assert page.status == 200
    assert page.html.xpath("string(//title)").startswith("Étape 1 sur 5")
    assert value(page, "email") == "etape1@example.org" and value(page, "code_postal") == "17000"
    # 17000 is La Rochelle alone: the commune is chosen, its INSEE code the value.
    assert selected(page, "commune") == ["17300"]
    assert page.html.xpath('//select[@name="commune"]/option/text()') == ["La Rochelle"]


def test_the_sample_is_saved_as_typed_and_leads_to_step_2(platform):
    from espace.bootstrap import get_services
    from espace.inscription.forms_administrative import commune_code, full_name

    client = signed_in_client(platform, "etape1ok@example.org")
    saved = client.post(STEP, administrative.VALUES)
    assert saved.status == 303 and saved.location == NEXT, saved.text()[:800]
    step = draft("etape1ok@example.org")["situation-administrative"]
    assert step["status"] == "Terminé" and step["values"]["nir"] == ["2 90 04 17 300 123 37"]
    assert commune_code(step["values"]) == "17300" and full_name(step["values"]) == "Camille DURAND"
    services = get_services()
    assert services.agencies.for_commune(commune_code(step["values"]), services.places).id == "17"
    again = client.get(STEP)  # the saved values, not the account's, come back
    assert value(again, "email") == "camille.durand@example.org" and value(again, "nom_naissance") == "Durand"


def refused(client, changes: dict, field: str):
    """Post the sample with ``changes``: a 400 whose error summary and field say what to fix, every other
    value kept; the draft keeps what was typed, not done."""
    page = client.post(STEP, {**administrative.VALUES, **changes})
    assert page.status == 400, page.text()[:500]
    assert page.html.xpath("string(//title)").startswith("Erreur")
    message = page.field_error(field)
    assert message, (field, page.error_summary())
    for name in ("adresse", "telephone", "nir", "iban"):
        assert value(page, name) == changes.get(name, administrative.VALUES[name][0]), name
    return message


@each_case_on_one_profile(("changes", "field", "told"), [
    ({"nir": "2 90 04 17 300 123 38"}, "nir", "La clé du numéro de sécurité sociale"),
    ({"nir": "2 90 04 17 300 123"}, "nir", "vous en avez saisi 13"),
    ({"civilite": "monsieur"}, "nir", "alors que vous avez choisi « Monsieur »"),
    ({"date_naissance-annee": "1991"}, "nir", "ils devraient être 91 pour une naissance en 1991"),
    ({"iban": "FR76 3000 6000 0112 3456 7890 188"}, "iban", "La clé de l'IBAN"),
    ({"iban": "FR76 3000"}, "iban", "un IBAN FR en compte 27"),
    ({"bic": "AGRI"}, "bic", "8 ou 11"),
    ({"date_naissance-annee": "2099"}, "date_naissance", "ne peut pas être dans le futur"),
    ({"date_naissance-annee": "2015"}, "date_naissance", "au moins 16 ans"),
    ({"date_naissance-jour": "31", "date_naissance-mois": "2"}, "date_naissance", "date réelle"),
    ({"nom_naissance": "x" * 4_999}, "nom_naissance", "au plus 60 caractères"),
    ({"adresse": "y" * 4_999}, "adresse", "au plus 120 caractères"),
    ({"iban": "FR" * 2_000}, "iban", "au plus 50 caractères"),
    ({"nom_naissance": "<script>alert(1)</script>"}, "nom_naissance", "lettres seulement"),
    ({"telephone": "12"}, "telephone", "10 chiffres"),
    ({"email": "pas-une-adresse"}, "email", "adresse e-mail valide"),
    ({"code_postal": "99999"}, "code_postal", "Aucune commune n'a le code postal 99999"),
    ({"code_postal": "17OOO"}, "code_postal", "5 chiffres"),
    ({"code_postal": "75011"}, "commune", "Cette commune n'a pas le code postal 75011"),
    ({"commune": "99999"}, "commune", "Cette commune n'a pas le code postal 17000"),
    ({"civilite": "autre"}, "civilite", "Choisissez votre civilité dans la liste"),
    ({"nationalite": "martienne"}, "nationalite", "Choisissez votre nationalité dans la liste"),
    ({"lieu_naissance": "etranger", "pays_naissance": ""}, "pays_naissance", "Saisissez votre pays de naissance"),
    ({"lieu_naissance": "france", "commune_naissance": ""}, "commune_naissance", "commune de naissance"),
    ({"nationalite": "autre"}, "titre_numero", "Saisissez le numéro de votre titre de séjour"),
    ({"nationalite": "autre", "titre_numero": "1234567890", "titre_fin-jour": "1", "titre_fin-mois": "1",
      "titre_fin-annee": "2020"}, "titre_fin", "n'est plus valable"),
    ({"nationalite": "autre", "titre_numero": "1234567890"}, "titre_fin", "Saisissez la date de fin de validité"),
])
def test_hostile_input_is_refused_with_a_clear_message_and_kept(platform, changes, field, told):
    client = signed_in_client(platform, "hostile1@example.org")
    message = refused(client, changes, field)
    assert told in message, message
    step = draft("hostile1@example.org")["situation-administrative"]
    assert step["status"] == "En cours"
    for name, typed in changes.items():
        assert step["values"][name] == [typed]


def test_a_10_kb_field_gets_the_form_s_message_and_the_rest_of_the_step_is_kept(platform):
    client = signed_in_client(platform, "dixko@example.org")
    page = client.post(STEP, {**administrative.VALUES, "nom_naissance": "x" * 10_240})
    assert page.status == 400 and "Erreur" in page.html.xpath("//title")[0].text_content()
    summary = page.html.xpath("//*[contains(@class, 'error-summary')]//a/@href")
    assert summary == ["#nom_naissance"], summary
    step = draft("dixko@example.org")["situation-administrative"]
    assert step["status"] == "En cours" and step["values"]["iban"] == administrative.VALUES["iban"]


def test_the_commune_list_follows_a_new_postal_code_one_save_later(platform):
    client = signed_in_client(platform, "demenage@example.org")
    page = client.post(STEP, {**administrative.VALUES, "code_postal": "17100"})  # Saintes and others
    assert page.status == 400
    communes = dict(zip(page.html.xpath('//select[@name="commune"]/option/@value'),
                        page.html.xpath('//select[@name="commune"]/option/text()'), strict=True))
    assert communes[""] == "Choisissez votre commune" and "Saintes" in communes.values()
    saintes = next(code for code, name in communes.items() if name == "Saintes")
    saved = client.post(STEP, {**administrative.VALUES, "code_postal": "17100", "commune": saintes})
    assert saved.status == 303


def test_a_foreign_national_with_a_valid_permit_and_a_birth_abroad(platform):
    client = signed_in_client(platform, "permis@example.org")
    saved = client.post(STEP, {**administrative.VALUES, "nationalite": "autre", "titre_numero": "12 3456 7890",
                               "titre_fin-jour": "1", "titre_fin-mois": "1", "titre_fin-annee": "2099",
                               "lieu_naissance": "etranger", "commune_naissance": "", "pays_naissance": "Sénégal"})
    assert saved.status == 303


def test_an_empty_step_names_every_required_field_in_order(platform):
    client = signed_in_client(platform, "vide1@example.org")
    page = client.post(STEP, {"email": "", "code_postal": ""})
    assert page.status == 400
    summary = page.error_summary()
    assert summary[:3] == ["Choisissez votre civilité : Madame ou Monsieur.", "Saisissez votre nom de naissance.",
                           "Saisissez votre prénom."]
    for expected in ("Saisissez votre numéro de sécurité sociale.", "Saisissez votre code postal.",
                     "Saisissez l'IBAN de votre compte.", "Saisissez le BIC de votre banque."):
        assert expected in summary


def test_the_check_page_reads_the_step_back(platform):
    from espace.inscription.flow import FLOW
    from espace.web.steps import summary_rows
    from tests.functional.inscription.samples import all_steps

    steps = {slug: {"values": values, "status": "Terminé"} for slug, values in all_steps().items()}
    rows = {row["key"]: row["value"] for row in summary_rows(FLOW, steps) if row["step"] == "Situation administrative"}
    assert rows["Numéro de sécurité sociale"] == "2 90 04 17 300 123 37"
    assert rows["Commune"] == ["La Rochelle"] and rows["Civilité"] == ["Madame"]
    assert rows["Date de naissance"] == "14/04/1990"


def test_another_account_cannot_read_this_draft_and_a_recruiter_gets_403(platform):
    first = signed_in_client(platform, "premier@example.org")
    first.post(STEP, administrative.VALUES)
    second = signed_in_client(platform, "second@example.org", ip="198.51.100.20")
    page = second.get(STEP)
    assert "Durand" not in page.text() and value(page, "email") == "second@example.org"
    assert platform.client("198.51.100.21").get(STEP).status in (302, 303)  # a visitor is sent to sign in
