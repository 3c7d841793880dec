"""Sending a CV by e-mail, a complete CV's PDF or the personal CV's file, on both profiles."""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor

from pypdf import PdfReader

from espace.bootstrap import get_services
from espace.cv import mailing
from espace.cv.model import Attachment, PersonalCv
from espace.cv.service import CvBook
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.cv.helpers import candidate_with_cv, raw_mails

FIELDS = {"destinataire": "Recruteur@Example.fr ", "copies": "rh@example.fr; moi@example.fr",
          "objet": "Candidature à l'offre 123ABCD", "lettre": "Madame, Monsieur,\n\n<b>Je postule</b> à votre offre.",
          "coordonnees": "oui"}


def form_fields(client, url: str) -> dict:
    page = client.get(url)
    assert page.status == 200
    return {"cle": page.html.xpath('//input[@name="cle"]/@value')[0],
            "csrf": page.html.xpath('//input[@name="csrf"]/@value')[0]}


def send(client, url: str, **changes):
    hidden = form_fields(client, url)
    return client.post(url, {**FIELDS, "cle": hidden["cle"], **changes}, csrf=hidden["csrf"])


def test_a_cv_is_sent_with_its_pdf_copies_letter_and_contact_details(platform, tmp_path):
    client, _, cv_id = candidate_with_cv(platform, "envoi@example.fr")
    url = f"/mon-espace/cv/{cv_id}/envoi"
    form = client.get(url)
    assert form.html.xpath("//title")[0].text.startswith("Envoyer mon CV par courriel")
    assert form.html.xpath('//input[@name="objet"]/@value') == ["Candidature : Boulangère confirmée"]
    assert "06 12 34 56 78" in form.text()  # the contact details the mail will carry
    done = send(client, url)
    assert done.status == 200, done.text()[:400]
    assert "est envoyé à recruteur@example.fr, avec copie à rh@example.fr, moi@example.fr" in done.text()
    [mail] = raw_mails(platform, tmp_path)
    assert mail["To"] == "recruteur@example.fr" and mail["Cc"] == "rh@example.fr, moi@example.fr"
    assert mail["Subject"] == "Candidature à l'offre 123ABCD"
    assert mail["Reply-To"] == "jeanne.dupre@example.fr"  # the recruiter answers the candidate
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Madame, Monsieur,\n\n<b>Je postule</b> à votre offre.")
    assert "Jeanne Dupré" in text and "Téléphone : 06 12 34 56 78" in text
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "cv-boulangere-confirmee.pdf"
    pdf_text = " ".join(PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text().split())
    assert "Jeanne Dupré" in pdf_text and "06 12 34 56 78" in pdf_text
    # The copy in « Mes messages ».
    messages = client.get("/mon-espace/messages").text()
    assert "Envoyé : Candidature à l'offre 123ABCD" in messages


def test_without_contact_details_neither_the_mail_nor_the_pdf_carry_them(platform, tmp_path):
    client, _, cv_id = candidate_with_cv(platform, "anonyme@example.fr")
    fields = {**FIELDS, "copies": ""}
    del fields["coordonnees"]
    hidden = form_fields(client, f"/mon-espace/cv/{cv_id}/envoi")
    done = client.post(f"/mon-espace/cv/{cv_id}/envoi", {**fields, "cle": hidden["cle"]}, csrf=hidden["csrf"])
    assert done.status == 200
    [mail] = raw_mails(platform, tmp_path)
    text = mail.get_body(("plain",)).get_content()
    assert "06 12 34 56 78" not in text and "Jeanne" not in text
    assert "jeanne.dupre@example.fr" in text  # still the address to answer
    [attachment] = list(mail.iter_attachments())
    pdf_text = " ".join(PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text().split())
    assert "06 12 34 56 78" not in pdf_text and "Jeanne" not in pdf_text


def test_errors_are_told_in_french_and_keep_what_was_typed(platform, tmp_path):
    client, _, cv_id = candidate_with_cv(platform, "erreurs@example.fr")
    url = f"/mon-espace/cv/{cv_id}/envoi"
    page = send(client, url, destinataire="pas-une-adresse", copies="a@example.fr, b@, c@example.fr",
                objet="", lettre="x" * 4001)
    assert page.status == 400, page.error_summary()
    assert page.field_error("destinataire") == ("Erreur : Saisissez une adresse e-mail valide, "
                                                "par exemple nom@exemple.fr.")
    assert "« b@ » n'est pas valide" in page.field_error("copies")
    assert page.field_error("objet") == "Erreur : Saisissez l'objet du message."
    assert "au plus 4000 caractères" in page.field_error("lettre")
    assert page.html.xpath('//input[@name="copies"]/@value') == ["a@example.fr, b@, c@example.fr"]
    assert page.html.xpath("//textarea[@name='lettre']")[0].text == "x" * 4001
    too_many = send(client, url, copies=", ".join(f"c{n}@example.fr" for n in range(6)))
    assert "au plus 5 adresses en copie" in too_many.field_error("copies")
    same = send(client, url, copies="recruteur@example.fr")
    assert "aussi en copie" in same.field_error("copies")
    assert raw_mails(platform, tmp_path) == []


def test_the_same_form_twice_sends_once(platform, tmp_path):
    client, _, cv_id = candidate_with_cv(platform, "double@example.fr")
    url = f"/mon-espace/cv/{cv_id}/envoi"
    hidden = form_fields(client, url)
    data = {**FIELDS, "copies": "", "cle": hidden["cle"]}
    with ThreadPoolExecutor(3) as pool:
        pages = list(pool.map(lambda _: client.post(url, data, csrf=hidden["csrf"]), range(3)))
    assert [page.status for page in pages] == [200, 200, 200]
    assert all("est envoyé à recruteur@example.fr" in page.text() for page in pages)
    assert len(raw_mails(platform, tmp_path)) == 1
    user_id = user_id_of("double@example.fr")
    kept = [m for m in get_services().records.query(f"USER#{user_id}", "MSG#") if m.get("kind") == "cv"]
    assert len(kept) == 1


def test_the_daily_limit_per_account(platform, tmp_path, monkeypatch):
    monkeypatch.setattr(mailing, "PER_DAY", 2)
    client, user_id, cv_id = candidate_with_cv(platform, "limite@example.fr")
    url = f"/mon-espace/cv/{cv_id}/envoi"
    assert send(client, url, copies="").status == 200
    assert send(client, url, copies="").status == 200
    refused = send(client, url, copies="", objet="Troisième envoi")
    assert refused.status == 429 and "limite de" in refused.field_error("destinataire")
    assert refused.html.xpath('//input[@name="objet"]/@value') == ["Troisième envoi"]
    assert len(raw_mails(platform, tmp_path)) == 2
    # Tomorrow, the same form goes.
    tomorrow = time.time() + mailing.DAY
    monkeypatch.setattr(mailing, "now", lambda: tomorrow)
    hidden = {"cle": refused.html.xpath('//input[@name="cle"]/@value')[0]}
    assert client.post(url, {**FIELDS, "copies": "", **hidden}).status == 200
    assert len(raw_mails(platform, tmp_path)) == 3
    assert CvBook(get_services(), user_id).get(cv_id)  # the CV is untouched


def test_the_personal_cv_is_sent_with_its_own_file(platform, tmp_path):
    email = "perso@example.fr"
    client = signed_in_client(platform, email)
    assert client.get("/mon-espace/cv-personnel/envoi").status == 404  # nothing to send yet
    user_id = user_id_of(email)
    services = get_services()
    key = f"users/{user_id}/cv/personnel/original"
    data = b"%PDF-1.4 le fichier du candidat"
    services.files.put(key, data, "application/pdf")
    CvBook(services, user_id).personal  # noqa: B018  (the book is built as the route builds it)
    services.records.put(PersonalCv("persoperso01", "Cuisinier", Attachment(
        key, 'mon "cv"\r\n.pdf', "application/pdf", len(data), 1)).to_item(user_id))
    url = "/mon-espace/cv-personnel/envoi"
    assert client.get(url).html.xpath('//input[@name="objet"]/@value') == ["Candidature : Cuisinier"]
    done = send(client, url, copies="")
    assert done.status == 200 and "Mon CV « Cuisinier » est envoyé" in done.text()
    [mail] = raw_mails(platform, tmp_path)
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content() == data and attachment.get_filename() == "mon _cv_.pdf"
    assert "Reply-To" in mail and mail["Reply-To"] == email  # no contact details saved: the account's address


def test_another_accounts_cv_is_a_404_and_no_token_sends_nothing(platform, tmp_path):
    _, _, cv_id = candidate_with_cv(platform, "proprietaire@example.fr")
    other = signed_in_client(platform, "indiscret@example.fr")
    assert other.get(f"/mon-espace/cv/{cv_id}/envoi").status == 404
    assert other.post(f"/mon-espace/cv/{cv_id}/envoi", FIELDS, csrf=other.csrf_token("/mon-espace")).status == 404
    owner = platform.client()
    assert owner.get(f"/mon-espace/cv/{cv_id}/envoi").location.startswith("/connexion?retour=")
    assert other.post("/mon-espace/cv-personnel/envoi", FIELDS, csrf=False).status == 403
    assert raw_mails(platform, tmp_path) == []
