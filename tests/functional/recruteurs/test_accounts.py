"""Recruiter sign-up (/recruteur/creation) and signing in: the accounts' security, with a company."""

from __future__ import annotations

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import (
    PASSWORD,
    confirm_link,
    register,
    sign_in,
    signed_in_client,
    user_id_of,
)
from tests.functional.conftest import LINK
from tests.functional.recruteurs.helpers import (
    COMPANY,
    SIRET,
    accounts_client,
    recruiter_client,
    recruiters_client,
    sign_up_form,
)

LA_POSTE = "35600000052135"  # La Poste's SIREN: digits summing to a multiple of 5, not the Luhn key


def profile_of(email: str) -> dict:
    return get_services().records.get(f"USER#{user_id_of(email)}", "PROFILE")


def test_sign_up_confirm_and_land_on_the_recruiters_space(platform):
    client = recruiters_client(platform.client())
    form = client.get("/recruteur/creation")
    assert form.status == 200 and form.html.xpath("//h1")[0].text_content().strip() == "Créer mon espace recruteur"
    names = form.html.xpath('//form[@action="/recruteur/creation"]//*[@name]/@name')
    assert names[:9] == ["csrf", "entreprise", "siret", "code_postal", "identifiant", "mot_de_passe",
                         "confirmation", "question", "reponse"]
    sent = client.post("/recruteur/creation", sign_up_form("rh@martin.example", siret="732 829 320 00074",
                                                           entreprise="  Boulangerie   Martin "))
    assert sent.status == 200 and "Vérifiez votre messagerie" in sent.text()
    (_to, subject, text), = platform.mails_to("rh@martin.example")
    assert "Confirmez la création" in subject
    assert "espace recruteur" in text and f"« {COMPANY} »" in text
    assert get_services().records.get("EMAIL#rh@martin.example", "ACCOUNT") is None  # not before the link

    done = confirm_link(accounts_client(platform, client), platform.last_link("rh@martin.example"))
    assert done.status == 303 and done.location == "/connexion"
    profile = profile_of("rh@martin.example")
    assert (profile["role"], profile["company"], profile["siret"]) == ("recruteur", COMPANY, SIRET)
    assert profile["password"].startswith("$argon2id$")

    landed = sign_in(accounts_client(platform, client), "rh@martin.example")
    assert landed.status == 303 and landed.location == "/recruteur"
    space = client.get("/recruteur")
    assert space.status == 200 and COMPANY in space.text() and "732 829 320 00074" in space.text()


def test_a_candidate_still_lands_on_their_space_and_has_no_role(platform):
    client = platform.client()
    register(platform, client, "candidate@example.org")
    assert "role" not in profile_of("candidate@example.org")
    assert "espace personnel" in platform.mails_to("candidate@example.org")[0][2]
    assert sign_in(client, "candidate@example.org").location == "/mon-espace"


def test_the_return_path_wins_over_the_recruiters_landing(platform):
    recruiter_client(platform, "retour@martin.example")
    client = platform.client()
    assert sign_in(client, "retour@martin.example", retour="/recruteur/compte").location == "/recruteur/compte"
    assert sign_in(platform.client(), "retour@martin.example", retour="//evil.example").location == "/recruteur"


def test_la_postes_siret_is_accepted(platform):
    recruiter_client(platform, "rh@laposte.example", "La Poste", LA_POSTE)
    assert profile_of("rh@laposte.example")["siret"] == LA_POSTE


def test_a_wrong_siret_is_refused_with_every_value_kept(platform):
    client = recruiters_client(platform.client())
    cases = {
        "73282932000075": "n'existe pas",  # one digit off: the Luhn key fails
        "35600000000049": "n'existe pas",  # La Poste's SIREN, but neither rule holds
        "7328293200007": "14 chiffres ; vous en avez saisi 13",
        "7328293200007A": "que des chiffres",
        "": "Saisissez le numéro SIRET",
    }
    for siret, message in cases.items():
        page = client.post("/recruteur/creation", sign_up_form("faux@martin.example", siret=siret))
        assert page.status == 400, siret
        assert message in page.field_error("siret"), (siret, page.field_error("siret"))
        assert page.html.xpath("//title")[0].text.startswith("Erreur : Créer mon espace recruteur")
        assert page.html.xpath('//input[@name="siret"]/@value') == ([siret] if siret else []) or siret == ""
        assert page.html.xpath('//input[@name="entreprise"]/@value') == [COMPANY]
        assert page.html.xpath('//input[@name="identifiant"]/@value') == ["faux@martin.example"]
        assert page.html.xpath('//input[@name="code_postal"]/@value') == ["17000"]
        assert page.html.xpath('//input[@name="mot_de_passe"]/@value') in ([], [""])  # never sent back
    assert platform.mails_to("faux@martin.example") == []
    assert get_services().records.get("EMAIL#faux@martin.example", "ACCOUNT") is None


def test_every_field_is_checked_and_the_summary_follows_the_page(platform):
    client = recruiters_client(platform.client())
    page = client.post("/recruteur/creation", {"entreprise": " ", "siret": "", "code_postal": "960",
                                               "identifiant": "pas-une-adresse", "mot_de_passe": "court",
                                               "confirmation": "autre", "question": "", "reponse": ""})
    assert page.status == 400
    summary = page.error_summary()
    assert [s.split(" ")[0] for s in summary][:3] == ["Saisissez", "Saisissez", "Saisissez"]
    assert "nom de votre entreprise" in summary[0] and "SIRET" in summary[1] and "code postal" in summary[2]
    assert len(summary) == 8
    long_name = client.post("/recruteur/creation", sign_up_form("long@martin.example", entreprise="x" * 121))
    assert long_name.status == 400 and "au plus 120 caractères" in long_name.field_error("entreprise")


def test_an_address_that_has_an_account_gets_a_mail_and_no_second_account(platform):
    signed_in_client(platform, "deja@example.org")  # a candidate's account
    client = recruiters_client(platform.client())
    page = client.post("/recruteur/creation", sign_up_form("deja@example.org"))
    assert page.status == 200 and "Vérifiez votre messagerie" in page.text()  # the same page: no oracle
    assert "Vous avez déjà un espace" in platform.mails_to("deja@example.org")[-1][1]
    assert "role" not in profile_of("deja@example.org")  # the candidate stays a candidate


def test_the_link_creates_one_account_however_often_it_is_used(platform):
    client = recruiters_client(platform.client())
    client.post("/recruteur/creation", sign_up_form("deux@martin.example"))
    client.post("/recruteur/creation", sign_up_form("deux@martin.example", entreprise="Autre nom"))
    first, second = (LINK.findall(text)[0].removeprefix("http://127.0.0.1:8000")
                     for _to, _subject, text in platform.mails_to("deux@martin.example"))
    accounts = accounts_client(platform, client)
    assert confirm_link(accounts, second).status == 303
    page = accounts.get(first)  # the page with its button: only the POST uses the link
    token = page.html.xpath('//input[@name="jeton"]/@value')[0]
    assert accounts.post("/compte/confirmation", {"jeton": token},
                         csrf=page.html.xpath('//input[@name="csrf"]/@value')[0]).status == 410
    assert profile_of("deux@martin.example")["company"] == "Autre nom"
    assert accounts.get(second).status == 410  # spent


def test_sign_up_mails_are_throttled_and_the_form_kept(platform):
    client = recruiters_client(platform.client(ip="203.0.113.9"))
    for _ in range(3):
        assert client.post("/recruteur/creation", sign_up_form("flot@martin.example")).status == 200
    page = client.post("/recruteur/creation", sign_up_form("flot@martin.example"))
    assert page.status == 429 and "Réessayez dans une heure" in page.field_error("identifiant")
    assert page.html.xpath('//input[@name="siret"]/@value') == [SIRET]
    assert len(platform.mails_to("flot@martin.example")) == 3


def test_lockout_applies_to_recruiters(platform):
    recruiter_client(platform, "verrou@martin.example")
    client = platform.client()
    for _ in range(4):
        assert sign_in(client, "verrou@martin.example", "faux mot de passe").status == 400
    assert sign_in(client, "verrou@martin.example", "faux mot de passe").status == 429
    locked = sign_in(client, "verrou@martin.example", PASSWORD)
    assert locked.status == 429 and "bloquée pendant 15 minutes" in locked.field_error("identifiant")
    assert recruiters_client(client).get("/recruteur").status == 303  # still signed out


def test_per_address_throttling_applies_to_recruiters(platform):
    recruiter_client(platform, "voisin@martin.example", ip="192.0.2.10")
    attacker = platform.client(ip="203.0.113.66")
    for number in range(30):
        sign_in(attacker, f"essai{number}@example.fr", "faux mot de passe")
    throttled = sign_in(attacker, "voisin@martin.example", PASSWORD)
    assert throttled.status == 429 and "depuis votre réseau" in throttled.field_error("identifiant")
    assert sign_in(platform.client(ip="192.0.2.10"), "voisin@martin.example").location == "/recruteur"


def test_a_candidate_gets_403_on_every_recruiter_page(platform):
    candidate = signed_in_client(platform, "candidat@example.org")
    recruiters = recruiters_client(candidate)
    for path in ("/recruteur", "/recruteur/compte", "/recruteur/suppression", "/recruteur/donnees.json",
                 "/recruteur/mot-de-passe"):
        assert recruiters.get(path).status == 403, path
    page = recruiters.get("/recruteur")
    assert "réservée aux recruteurs" in page.text()
    assert page.html.xpath("//main//a[.='Aller à mon espace']/@href") == ["/mon-espace"]
    csrf = candidate.csrf_token("/mon-espace")
    refused = recruiters.post("/recruteur/suppression", {"confirmer": "oui", "mot_de_passe": PASSWORD}, csrf=csrf)
    assert refused.status == 403
    assert candidate.get("/mon-espace").status == 200  # nothing happened to the account


def test_a_recruiter_gets_403_on_the_candidates_space(platform):
    recruiter = recruiter_client(platform, "rh2@martin.example")
    accounts = accounts_client(platform, recruiter)
    for path in ("/mon-espace", "/mon-espace/classeur", "/mon-espace/suppression", "/mon-espace/donnees.json"):
        assert accounts.get(path).status == 403, path
    page = accounts.get("/mon-espace")
    assert "réservée aux candidats" in page.text()
    assert page.html.xpath("//main//a[.='Aller à mon espace recruteur']/@href") == ["/recruteur"]
    csrf = recruiter.csrf_token("/recruteur")
    refused = accounts.post("/mon-espace/suppression", {"confirmer": "oui", "mot_de_passe": PASSWORD}, csrf=csrf)
    assert refused.status == 403
    assert recruiter.get("/recruteur").status == 200


def test_the_sign_in_form_as_served_lands_a_recruiter_on_their_space(platform):
    """The form's hidden « retour » as a browser sends it back: empty unless the page was asked for
    one, so that the landing by role applies (also after a failed try)."""
    recruiter_client(platform, "formulaire@martin.example")
    client = platform.client()

    def send(page, password: str):
        hidden = page.html.xpath('//form[@action="/connexion"]//input[@name="retour"]/@value')
        return client.post("/connexion", {"identifiant": "formulaire@martin.example", "mot_de_passe": password,
                                          "retour": hidden[0] if hidden else ""})

    failed = send(client.get("/connexion"), "faux mot de passe")
    assert failed.status == 400
    assert send(failed, PASSWORD).location == "/recruteur"
    asked = client.get("/connexion?retour=/recruteur/compte")
    assert asked.html.xpath('//input[@name="retour"]/@value') == ["/recruteur/compte"]
