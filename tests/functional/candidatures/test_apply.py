"""« Postuler »: the steps, the check page, sending once, on both profiles (SQLite, or DynamoDB/S3/SES
under moto with the real OpenSearch node), for a site offer (into the recruiter's inbox) and an
imported offer with a contact e-mail (mailed with the CV attached)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import user_id_of
from tests.functional.candidatures.helpers import (
    MESSAGE,
    apply,
    base,
    candidate,
    fill_steps,
    post_step,
    send_form,
)
from tests.functional.candidatures.site_offers import put_site_offer, set_state
from tests.functional.client import Client
from tests.functional.cv.helpers import get_bytes, raw_mails
from tests.functional.hiring import MAIL_CONTACT
from tests.functional.recruteurs.helpers import recruiter_client


def applications_of(user_id: str) -> list[dict]:
    return get_services().records.query(f"USER#{user_id}", "APPLICATION#")


def test_a_site_offer_is_applied_to_step_by_step_into_the_recruiters_inbox(hiring, tmp_path):
    from espace.candidatures.service import ApplicationDesk

    recruiter_client(hiring.platform, "rh@boulangerie.example")
    recruiter_id = user_id_of("rh@boulangerie.example")
    offer = put_site_offer(hiring.services, recruiter_id)
    client, user_id, cv_id = candidate(hiring.platform, "jeanne@example.fr")

    start = client.get(base(offer.id))
    assert start.status == 200
    assert start.html.xpath("//title")[0].text.startswith(f"Postuler à l'offre « {offer.title} »")
    assert "Non commencé" in start.text() and "candidatures reçues par le recruteur" in start.text()

    # Étape 1: nothing chosen, then a CV that is not the candidate's.
    empty = post_step(client, offer.id, "cv", {})
    assert empty.status == 400 and empty.error_summary() == ["Choisissez le CV à envoyer avec votre candidature."]
    assert empty.html.xpath("//title")[0].text.startswith("Erreur")
    other = post_step(client, offer.id, "cv", {"cv": "pas-le-mien-0001"})
    assert other.status == 400 and "n'existe plus" in other.text()
    page = client.get(f"{base(offer.id)}/cv")
    assert "Étape 1 sur 3" in page.html.xpath("//h1")[0].text_content()
    assert page.html.xpath('//input[@name="cv"]/@value') == [cv_id]
    assert post_step(client, offer.id, "cv", {"cv": cv_id}).location == f"{base(offer.id)}/atouts"

    # Étape 2: the offer's requirements beside the text; too long a text is kept as typed.
    atouts = client.get(f"{base(offer.id)}/atouts")
    aside = " ".join(atouts.html.xpath("//aside")[0].text_content().split())
    assert "Ce que demande l'offre" in aside
    assert offer.raw.get("experienceLibelle", "") in aside
    long_text = "x" * 4001
    too_long = post_step(client, offer.id, "atouts", {"message": long_text})
    assert too_long.status == 400 and "au plus 4000 caractères" in too_long.text()
    assert too_long.html.xpath("//textarea[@name='message']")[0].text == long_text
    assert client.get(base(offer.id)).text().count("En cours") >= 1  # the draft kept the invalid step
    assert post_step(client, offer.id, "atouts", {"message": MESSAGE}).status == 303

    # Étape 3: prefilled from « Mes coordonnées »; a phone is required.
    coordinates = client.get(f"{base(offer.id)}/coordonnees")
    assert coordinates.html.xpath('//input[@name="prenom"]/@value') == ["Jeanne"]
    no_phone = post_step(client, offer.id, "coordonnees", {"prenom": "Jeanne", "nom": "Dupré", "telephone": ""})
    assert no_phone.status == 400 and no_phone.field_error("telephone").startswith("Erreur : Saisissez un numéro")
    assert no_phone.html.xpath('//input[@name="nom"]/@value') == ["Dupré"]
    bad = post_step(client, offer.id, "coordonnees", {"prenom": "Jeanne", "nom": "Dupré", "telephone": "12"})
    assert bad.status == 400 and "numéro de téléphone valide" in bad.text()
    done = post_step(client, offer.id, "coordonnees", {"prenom": "Jeanne", "nom": "Dupré", "telephone": "0698765432"})
    assert done.location == f"{base(offer.id)}/verification"
    from espace.cv.service import CvBook

    assert CvBook(get_services(), user_id).contact().phone == "06 98 76 54 32"  # saved to « Mes coordonnées »

    check = client.get(f"{base(offer.id)}/verification")
    text = check.text()
    assert "06 98 76 54 32" in text and "Jeanne Dupré" in text and "Boulangère confirmée" in text
    assert check.html.xpath('//a[@href="' + base(offer.id) + '/atouts#message"]')
    form = send_form(check)
    sent = client.post(f"{base(offer.id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])
    assert sent.status == 303 and sent.location == f"/mon-espace/candidatures/{offer.id}"
    detail = client.get(sent.location)
    assert "Votre candidature est envoyée" in detail.text() and "Reçue, pas encore consultée" in detail.text()

    # The same form again (a double click, a retried request): nothing more.
    again = client.post(f"{base(offer.id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])
    assert again.status == 303 and again.location == f"/mon-espace/candidatures/{offer.id}"
    assert "déjà postulé" in client.get(again.location).text()
    assert len(applications_of(user_id)) == 1
    [entry] = ApplicationDesk(get_services()).inbox(recruiter_id, offer.id)
    assert entry.state == "nouvelle" and entry.candidate_phone == "06 98 76 54 32" and entry.message == MESSAGE
    assert entry.candidate_email == "jeanne.dupre@example.fr" and entry.cv.kind == "complet"
    status, headers, data = get_bytes(client, f"/mon-espace/candidatures/{offer.id}/cv")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert "Jeanne" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert raw_mails(hiring.platform, tmp_path) == []  # a site application is no mail
    assert not [m for m in hiring.platform.read_mails() if m[0] == "rh@boulangerie.example" and "Candidature" in m[1]]
    # Back to « Postuler »: the application is shown, not a second form.
    back = client.get(base(offer.id))
    assert back.status == 303 and back.location == f"/mon-espace/candidatures/{offer.id}"
    assert get_services().records.get(f"USER#{user_id}", f"APPLY-DRAFT#{offer.id}") is None  # the draft went


def test_an_imported_offer_with_a_contact_email_is_mailed_once_with_the_cv(hiring, tmp_path):
    client, user_id, cv_id = candidate(hiring.platform, "courriel@example.fr")
    offer_id = hiring.mail_offer_id
    assert "envoyée par courriel au recruteur (" + MAIL_CONTACT in client.get(base(offer_id)).text()
    check = fill_steps(client, offer_id, cv_id)
    assert MAIL_CONTACT in check.text()
    form = send_form(check)
    first = client.post(f"{base(offer_id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])
    second = client.post(f"{base(offer_id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])
    assert first.status == second.status == 303
    [mail] = raw_mails(hiring.platform, tmp_path)
    assert mail["To"] == MAIL_CONTACT and mail["Reply-To"] == "jeanne.dupre@example.fr"
    assert offer_id in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert "Jeanne Dupré" in body and "06 12 34 56 78" in body and "panification au levain" in body
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert "Boulangère" in PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text()
    [application] = applications_of(user_id)
    assert application["state"] == "envoyee" and application["contact_email"] == MAIL_CONTACT
    detail = client.get(f"/mon-espace/candidatures/{offer_id}").text()
    assert "Envoyée par e-mail" in detail and f"Par courriel à {MAIL_CONTACT}" in detail
    kept = get_services().records.query(f"USER#{user_id}", "MSG#")
    assert [m["kind"] for m in kept] == ["candidature"] and kept[0]["to"] == MAIL_CONTACT


def test_the_personal_cv_is_sent_as_its_file(hiring, tmp_path):
    from espace.cv.model import Attachment, PersonalCv
    from espace.cv.service import CvBook

    client, user_id, _ = candidate(hiring.platform, "perso@example.fr")
    book = CvBook(get_services(), user_id)
    data = b"%PDF-1.4 mon cv personnel"
    key = f"users/{user_id}/cv/personnel/mon-cv.pdf"
    get_services().files.put(key, data, "application/pdf")
    book.save_personal(PersonalCv("perso0000001", "Vendeuse", Attachment(key, "mon cv.pdf", "application/pdf",
                                                                        len(data), 0)))
    assert apply(client, hiring.mail_offer_id, "personnel").status == 303
    [mail] = raw_mails(hiring.platform, tmp_path)
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content() == data and attachment.get_filename() == "mon cv.pdf"
    status, _, stored = get_bytes(client, f"/mon-espace/candidatures/{hiring.mail_offer_id}/cv")
    assert status == 200 and stored == data
    get_services().files.delete(key)  # the personal CV's file replaced or gone: what was sent stays
    assert get_bytes(client, f"/mon-espace/candidatures/{hiring.mail_offer_id}/cv")[2] == data


def test_offers_that_cannot_be_applied_to_say_so(hiring):
    from espace.recruteurs.model import CLOSED, FILLED, SUSPENDED

    recruiter_client(hiring.platform, "rh2@boulangerie.example")
    recruiter_id = user_id_of("rh2@boulangerie.example")
    client, user_id, cv_id = candidate(hiring.platform, "refus@example.fr")
    unknown = client.get(base("9999999"))
    assert unknown.status == 404 and "Offre introuvable" in unknown.text()
    assert client.get(base("pas-une-offre")).status == 404
    link_only = client.get(base(hiring.link_offer_id))
    assert link_only.status == 404 and "ne reçoit pas de candidatures par l'Espace candidat" in link_only.text()
    assert link_only.html.xpath(f'//a[@href="/offres/{hiring.link_offer_id}"]')
    for state, status, words in ((FILLED, 410, "a pourvu cette offre"), (CLOSED, 410, "a retiré cette offre"),
                                 (SUSPENDED, 409, "suspendu cette offre")):
        offer = put_site_offer(hiring.services, recruiter_id)
        fill_steps(client, offer.id, cv_id)
        check = client.get(f"{base(offer.id)}/verification")
        set_state(hiring.services, offer, state)  # closed while the candidate was checking
        for page in (client.get(base(offer.id)), client.get(f"{base(offer.id)}/cv")):
            assert page.status == status and words in page.text()
        form = send_form(check)
        refused = client.post(f"{base(offer.id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])
        assert refused.status == status and words in refused.text()
    assert applications_of(user_id) == []


def test_without_a_cv_the_first_step_says_where_to_make_one(hiring):
    from tests.functional.accounts.helpers import signed_in_client

    client = signed_in_client(hiring.platform, "sans.cv@example.fr")
    page = client.get(f"{base(hiring.mail_offer_id)}/cv")
    assert page.status == 200 and page.html.xpath('//a[@href="/mon-espace/cv"]')
    assert page.html.xpath('//a[@href="/mon-espace/cv-personnel"]')
    token = client.csrf_token("/mon-espace")
    assert client.post(f"{base(hiring.mail_offer_id)}/cv", {"cv": "x"}, csrf=token).status == 409


def test_the_check_page_sends_only_once_every_step_is_done(hiring):
    client, _, cv_id = candidate(hiring.platform, "hate@example.fr")
    post_step(client, hiring.mail_offer_id, "cv", {"cv": cv_id})
    early = client.get(f"{base(hiring.mail_offer_id)}/verification")
    assert early.status == 303 and early.location == f"{base(hiring.mail_offer_id)}/atouts"
    assert client.get(f"{base(hiring.mail_offer_id)}/etape-inconnue").status == 404


def test_a_visitor_signs_in_first_and_a_recruiter_is_refused(hiring):
    visitor = hiring.platform.client("203.0.113.20")
    answer = visitor.get(base(hiring.mail_offer_id))
    assert answer.status == 303 and answer.location.startswith("/connexion?retour=/mon-espace/candidatures/postuler/")
    recruiter = recruiter_client(hiring.platform, "rh3@boulangerie.example")
    accounts = Client(hiring.platform.handler, source_ip=recruiter.source_ip, cookies=recruiter.cookies)
    assert accounts.get(base(hiring.mail_offer_id)).status == 403


@pytest.mark.parametrize("platform", ["embedded"], indirect=True)
def test_concurrent_sends_make_one_application_and_one_mail(hiring, tmp_path):
    """Two tabs (different keys) and a double click (the same key), all at once, on SQLite."""
    client, user_id, cv_id = candidate(hiring.platform, "fois@example.fr")
    offer_id = hiring.mail_offer_id
    forms = [send_form(fill_steps(client, offer_id, cv_id)) for _ in range(3)]
    forms += forms[:2]

    def send(form):
        browser = Client(client.handler, client.source_ip, dict(client.cookies))
        return browser.post(f"{base(offer_id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"]).status

    with ThreadPoolExecutor(max_workers=5) as pool:
        statuses = list(pool.map(send, forms))
    assert set(statuses) <= {303}, statuses
    assert len(applications_of(user_id)) == 1
    assert len(raw_mails(hiring.platform, tmp_path)) == 1
    assert len(get_services().files.list(f"users/{user_id}/candidatures/")) == 1  # the losers' CV copies went
