"""A counsellor reads a candidate's dossier, finds it by identifier or name, and writes a letter
into « Mes courriers »; another agency's counsellor finds nothing; every reading and letter audited."""

from __future__ import annotations

import pytest

from espace.bootstrap import get_services
from tests.functional.conseillers.helpers import audit_of, token
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import counsellor_client
from tools import verapdf


def test_the_dossier_page_shows_identity_periods_letters_and_requests_and_is_audited(platform):
    _candidate, registration, dossier, letter = validated_candidate(platform, "lu@example.org")
    client = counsellor_client(platform, "conseil@example.org")
    page = client.get(f"/conseiller/candidats/{dossier.identifier}")
    assert page.status == 200, page.text()[:300]
    text = " ".join(page.text().split())
    assert "Dossier de Camille DURAND" in text and dossier.identifier in text and "lu@example.org" in text
    assert [h.strip() for h in page.html.xpath("//main//h2[not(contains(@class,'visually-hidden'))]/text()")][:4] == [
        "Identité", "Périodes d'inscription", "Courriers", "Demandes d'inscription"]
    assert "en cours" in text and letter.title in text and "non lu" in text
    assert page.html.xpath(f"//a[@href='/conseiller/demandes/{registration.reference}']")
    assert client.get(f"/conseiller/candidats/{dossier.identifier.lower()}").status == 200  # typed in lower case
    # A letter opened from the dossier: the PDF, still unread for the candidate, the reading audited.
    [link] = page.html.xpath(f"//a[contains(@href, '/courriers/{letter.public_id}')]/@href")
    pdf = client.get(link)
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf" and pdf.body.startswith("%PDF")
    assert get_services().records.get(f"USER#{registration.user_id}", letter.sk)["read_at"] is None
    assert client.get(link.replace(letter.public_id, "1700000000-0123456789ab")).status == 404
    assert [e["action"] for e in audit_of(registration.user_id)].count("courrier-consulte") == 1
    readings = [e for e in audit_of(registration.user_id) if e["action"] == "dossier-consulte"]
    assert len(readings) == 1 and readings[0]["about"] == dossier.identifier  # once a day per counsellor


def test_the_search_finds_by_identifier_and_by_name_within_the_agency(platform):
    _c, _r, dossier, _l = validated_candidate(platform, "cherche@example.org")
    client = counsellor_client(platform, "conseil@example.org")
    by_id = client.get(f"/conseiller/candidats?recherche={dossier.identifier}")
    assert by_id.status == 200 and by_id.html.xpath(f"//a[@href='/conseiller/candidats/{dossier.identifier}']")
    by_name = client.get("/conseiller/candidats?recherche=durand")  # accents and case folded
    assert by_name.html.xpath(f"//a[@href='/conseiller/candidats/{dossier.identifier}']")
    nobody = client.get("/conseiller/candidats?recherche=Personne")
    assert nobody.status == 200 and "Aucun dossier de votre agence" in nobody.text()
    typo = dossier.identifier[:7] + ("A" if dossier.identifier[7] != "A" else "B")
    wrong = client.get(f"/conseiller/candidats?recherche={typo}")
    assert wrong.status == 400 and "n'est pas valide" in wrong.text()
    assert wrong.html.xpath("//title[starts-with(., 'Erreur')]")
    short = client.get("/conseiller/candidats?recherche=d")
    assert short.status == 400 and "au moins 2 lettres" in short.text()
    # Another agency's counsellor finds nothing, and reads nothing.
    other = counsellor_client(platform, "ailleurs@example.org", agency_id="33", ip="198.51.100.30")
    found = other.get("/conseiller/candidats?recherche=durand")
    assert not found.html.xpath("//a[contains(@href,'/conseiller/candidats/')]")
    assert other.get(f"/conseiller/candidats/{dossier.identifier}").status == 404
    assert other.get(f"/conseiller/candidats/{dossier.identifier}/courrier").status == 404
    posted = other.post(f"/conseiller/candidats/{dossier.identifier}/courrier",
                        {"cle": "0" * 32, "objet": "Intrus", "texte": "Rien."}, csrf=token(other))
    assert posted.status == 404
    records = get_services().records
    assert not [i for i in records.query(f"USER#{dossier.user_id}", "LETTER#") if i["kind"] == "courrier-conseiller"]
    assert not [e for e in audit_of(dossier.user_id) if e["agency_id"] == "33"]


def test_a_letter_is_written_once_per_form_and_lands_in_mes_courriers(platform):
    candidate, registration, dossier, _letter = validated_candidate(platform, "ecrit@example.org")
    client = counsellor_client(platform, "conseil@example.org")
    url = f"/conseiller/candidats/{dossier.identifier}/courrier"
    form = client.get(url)
    assert form.status == 200
    key = form.html.xpath('//input[@name="cle"]/@value')[0]
    csrf = token(client)
    empty = client.post(url, {"cle": key, "objet": "", "texte": ""}, csrf=csrf)
    assert empty.status == 400 and "Saisissez l'objet" in empty.field_error("objet")
    assert "Saisissez le texte" in empty.field_error("texte")
    assert empty.html.xpath('//input[@name="cle"]/@value')[0] == key  # the same form, the same key
    long = client.post(url, {"cle": key, "objet": "x" * 121, "texte": "Bonjour"}, csrf=csrf)
    assert long.status == 400 and long.field_error("objet")
    data = {"cle": key, "objet": "Votre atelier CV du 12 janvier",
            "texte": "Je vous propose un atelier.\n\nVenez avec votre CV."}
    first = client.post(url, data, csrf=csrf)
    again = client.post(url, data, csrf=csrf)  # a double click: one letter
    assert first.status == again.status == 303
    assert first.location.startswith(f"/conseiller/candidats/{dossier.identifier}")
    services = get_services()
    written = [i for i in services.records.query(f"USER#{registration.user_id}", "LETTER#")
               if i["kind"] == "courrier-conseiller"]
    assert len(written) == 1 and written[0]["title"] == data["objet"]
    letters = [e for e in audit_of(registration.user_id) if e["action"] == "courrier-ecrit"]
    assert len(letters) == 1 and letters[0]["detail"]["objet"] == data["objet"]
    listing = candidate.get("/mon-dossier/courriers")
    assert data["objet"] in listing.text() and "Courrier de votre conseiller" in listing.text()
    pdf = services.files.get(written[0]["file"]).data
    assert pdf.startswith(b"%PDF")
    assert any(data["objet"] in text for _to, _subject, text in platform.mails_to("ecrit@example.org"))


@pytest.mark.parametrize("path", ["/conseiller/candidats", "/conseiller/candidats/1234567K",
                                  "/conseiller/candidats/1234567K/courrier"])
def test_candidates_cannot_open_the_counsellors_pages(platform, path):
    from tests.functional.inscription.helpers import counsellors_client

    candidate, _r, _d, _l = validated_candidate(platform, "curieux@example.org")
    assert counsellors_client(candidate).get(path).status == 403


def test_a_made_up_identifier_answers_404(platform):
    client = counsellor_client(platform, "conseil@example.org")
    for made_up in ("1234567K", "nimportequoi", "0000000A" * 10):
        assert client.get(f"/conseiller/candidats/{made_up}").status == 404


def test_the_counsellors_letter_is_pdf_ua_1_for_verapdf(platform, tmp_path):
    from espace.dossier import letters

    _c, registration, dossier, _l = validated_candidate(platform, "vera@example.org")
    services = get_services()
    letter, made = letters.deliver_letter(services, registration.user_id, letters.COUNSELLOR, "Votre rendez-vous", {
        "agency": services.agencies.get("17"), "name": "Camille DURAND", "identifier": dossier.identifier,
        "written_on": "1 décembre 2026", "paragraphs": [["Bonjour,"], ["Venez le 3.", "À 9 h."]],
        "counsellor": "Camille Martin"}, about="essai-verapdf")
    assert made
    path = tmp_path / "courrier.pdf"
    path.write_bytes(services.files.get(letter.file).data)
    reports = verapdf.validate([path])
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
    assert len(reports) == 1 and reports[0].passed_rules > 90


@pytest.mark.parametrize("path", ["/conseiller/candidats", "/conseiller/candidats/1234567K",
                                  "/conseiller/candidats/1234567K/courrier"])
def test_signed_out_visitors_are_sent_to_sign_in(platform, path):
    from tests.functional.inscription.helpers import counsellors_client

    page = counsellors_client(platform.client()).get(path)
    assert page.status == 303 and page.location.startswith("/connexion?retour=")
