"""« M'inscrire ou me réinscrire » (GET /inscription) and the access codes' way back to the request:
the account creation carries ``retour`` through its mailed link, its confirmation and the sign-in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.functional.accounts.helpers import PASSWORD, confirm_link, register, sign_in, signed_in_client, user_id_of
from tests.functional.inscription.samples import administrative

RETURN = "/mon-espace/inscription"


def links(page) -> dict[str, str]:
    return {" ".join(a.text_content().split()): a.get("href") for a in page.html.xpath("//main//a")}


def test_a_visitor_reads_what_to_prepare_and_gets_the_two_ways_in(platform):
    page = platform.client().get("/inscription")
    assert page.status == 200
    assert page.html.xpath("string(//title)").startswith("M'inscrire ou me réinscrire")
    assert len(page.html.xpath("//h1")) == 1
    text = page.text()
    for needed in ("Votre carte Vitale", "Votre RIB", "Votre CV", "environ 30 minutes", "brouillon",
                   "30 jours", "Une adresse e-mail est recommandée", "À quoi vous servira votre espace personnel ?",
                   "Vous souhaitez vous inscrire", "moins de 6 mois"):
        assert needed in text, needed
    for number, title in enumerate(("Situation administrative", "Situation du demandeur d'emploi",
                                    "Expériences professionnelles", "Connaissances et formation",
                                    "Projet professionnel"), start=1):
        assert f"Étape {number} : {title}" in text
    found = links(page)
    assert found["Créer mes codes d'accès"] == f"/compte/creation?retour={RETURN}"
    assert found["J'ai déjà un espace"] == f"/connexion?retour={RETURN}"
    assert "Commencer ma demande" not in found


def test_the_access_codes_lead_back_to_the_request_through_the_mail_the_confirmation_and_the_sign_in(platform):
    client = platform.client()
    form = client.get(f"/compte/creation?retour={RETURN}")
    assert form.html.xpath('//input[@name="retour"]/@value') == [RETURN]
    assert form.html.xpath('//a[normalize-space()="Me connecter"]/@href') == [f"/connexion?retour={RETURN}"]
    sent = client.post("/compte/creation", {
        "identifiant": "visiteur@example.org", "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
        "code_postal": "17000", "question": "1", "reponse": "Médor", "retour": RETURN})
    assert sent.status == 200
    link = platform.last_link("visiteur@example.org")
    assert parse_qs(urlsplit(link).query)["retour"] == [RETURN]
    confirmation = client.get(link)
    assert confirmation.html.xpath('//input[@name="retour"]/@value') == [RETURN]
    token = confirmation.html.xpath('//input[@name="jeton"]/@value')[0]
    csrf = confirmation.html.xpath('//input[@name="csrf"]/@value')[0]
    confirmed = client.post("/compte/confirmation", {"jeton": token, "retour": RETURN}, csrf=csrf)
    assert confirmed.status == 303 and confirmed.location == f"/connexion?retour={RETURN}"
    sign_in_page = client.get(confirmed.location)
    assert sign_in_page.html.xpath('//input[@name="retour"]/@value') == [RETURN]
    signed = sign_in(client, "visiteur@example.org", retour=RETURN)
    assert signed.status == 303 and signed.location == RETURN


def test_a_foreign_return_address_is_dropped_on_the_way(platform):
    client = platform.client()
    form = client.get("/compte/creation?retour=//evil.example/x")
    assert form.html.xpath('//input[@name="retour"]') == []
    client.post("/compte/creation", {
        "identifiant": "prudent@example.org", "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
        "code_postal": "17000", "question": "1", "reponse": "Médor", "retour": "https://evil.example/"})
    link = platform.last_link("prudent@example.org")
    assert "retour" not in link and "evil" not in link
    confirmed = confirm_link(client, link + "&retour=//evil.example")
    assert confirmed.status == 303 and confirmed.location == "/connexion"


def test_without_a_return_address_the_account_creation_is_unchanged(platform):
    client = platform.client()
    confirmed = register(platform, client, "simple@example.org")
    assert confirmed.status == 303 and confirmed.location == "/connexion"
    assert "retour" not in platform.last_link("simple@example.org")


def test_a_signed_in_candidate_starts_then_resumes_the_request(platform):
    client = signed_in_client(platform, "candidate@example.org")
    page = client.get("/inscription")
    assert page.status == 200
    assert links(page)["Commencer ma demande"] == "/mon-espace/inscription/demande/situation-administrative"
    assert "Créer mes codes d'accès" not in links(page)
    saved = client.post("/mon-espace/inscription/demande/situation-administrative", administrative.VALUES)
    assert saved.status == 303
    page = client.get("/inscription")
    assert links(page)["Reprendre ma demande"] == "/mon-espace/inscription/demande"
    assert "1 étape sur 5 terminée" in page.text()


def test_a_candidate_whose_request_is_sent_is_sent_to_it(platform):
    from tests.functional.inscription.helpers import sent_request

    client, _registration = sent_request(platform, "envoye@example.org")
    page = client.get("/inscription")
    assert links(page)["Voir ma demande"] == RETURN
    assert "Commencer ma demande" not in links(page)


def test_a_registered_candidate_is_told_so(platform):
    from espace.bootstrap import get_services
    from espace.dossier.opening import open_dossier
    from tests.functional.inscription.helpers import sent_request

    client, registration = sent_request(platform, "inscrit@example.org")
    open_dossier(get_services().records, registration, by="automatique")
    page = client.get("/inscription")
    assert links(page)["Voir mon inscription"] == RETURN
    dossier = get_services().records.get(f"USER#{user_id_of('inscrit@example.org')}", "DDE")
    assert dossier["identifier"] in page.text()


def test_a_recruiter_is_told_the_request_needs_a_candidate_space(platform):
    from tests.functional.inscription.helpers import counsellor_client

    counsellor = counsellor_client(platform, "conseil@example.org")
    from tests.functional.client import Client

    accounts = Client(platform.handler, source_ip=counsellor.source_ip, cookies=counsellor.cookies)
    page = accounts.get("/inscription")
    assert page.status == 200 and "espace conseiller" in page.text()
    assert "Commencer ma demande" not in links(page) and "Créer mes codes d'accès" not in links(page)


def test_head_and_unknown_methods(platform):
    client = platform.client()
    assert client.request("HEAD", "/inscription").status == 200
    assert client.get("/inscription/inconnue").status == 404
