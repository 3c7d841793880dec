"""The request's page, GET /mon-espace/inscription, in every state; the forms to print (the
PDF route); the « Mon inscription » panel of the dashboard. Both profiles."""

from __future__ import annotations

import datetime as dt
import io
import time

from pypdf import PdfReader

from espace import clock
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.cv.helpers import get_bytes
from tests.functional.inscription.helpers import sent_request
from tests.functional.inscription.sending import BASE, fill_steps

EMAIL = "etat@example.org"
PDF = f"{BASE}/demande.pdf"


def services():
    from espace.bootstrap import get_services

    return get_services()


def book(registration, start: int):
    from espace.inscription.model import BOOKED
    from espace.inscription.service import RegistrationDesk

    registration.state = BOOKED
    registration.appointment = {"start": start, "length": 45, "agency_id": registration.agency_id}
    RegistrationDesk(services().records).save(registration)
    return registration


def panel_text(client) -> str:
    page = client.get("/mon-espace")
    assert page.status == 200
    [section] = page.html.xpath('//section[@aria-labelledby="inscription"]')
    return " ".join(section.text_content().split())


def test_no_request_yet_says_how_to_start(platform):
    client = signed_in_client(platform, EMAIL)
    page = client.get(BASE)
    assert page.status == 200
    assert page.html.xpath("//h1/text()") == ["Mon inscription"]
    assert page.html.xpath("//title/text()")[0].startswith("Mon inscription")
    assert page.html.xpath('//a[text()="Commencer ma demande d\'inscription"]/@href') == [f"{BASE}/demande"]
    assert "Mes demandes" not in page.text()
    assert client.get(PDF).status == 404
    assert "Vous n'êtes pas inscrit comme demandeur d'emploi." in panel_text(client)


def test_a_draft_tells_its_progress_and_the_day_it_will_be_deleted(platform):
    from espace.text import french_date

    client = signed_in_client(platform, EMAIL)
    client.post(f"{BASE}/demande/situation-administrative", {"action": "plus-tard"})
    page = client.get(BASE)
    deleted_on = french_date(clock.today() + dt.timedelta(days=30))
    assert "c'est un brouillon" in page.text()
    assert f"ce brouillon sera supprimé le {deleted_on}" in page.text()
    assert page.html.xpath('//a[text()="Reprendre ma demande"]/@href') == [f"{BASE}/demande"]
    assert f"conservée jusqu'au {deleted_on}" in panel_text(client)


def test_a_sent_request_leads_to_the_appointment_and_the_pdf(platform):
    from espace.text import french_date

    client, registration = sent_request(platform, EMAIL)
    page = client.get(BASE)
    assert f"n° {registration.reference} est envoyée" in page.text()
    assert "Il vous reste à choisir votre rendez-vous" in page.text()
    assert page.html.xpath('//a[text()="Choisir mon rendez-vous"]/@href') == [f"{BASE}/rendez-vous"]
    assert page.html.xpath("//main//a[contains(text(), '(PDF)')]/@href") == [PDF]
    table = page.html.xpath('//table[caption="Mes demandes d\'inscription (1)"]//tbody/tr')
    assert [[" ".join(cell.text_content().split()) for cell in row.xpath("th|td")] for row in table] == [
        ["N° 1", "Inscription", french_date(registration.submitted_at), "Envoyée, rendez-vous à choisir"]]
    assert "il vous reste à choisir votre rendez-vous" in panel_text(client)


def test_a_booked_request_shows_the_appointment_the_agency_and_its_hours(platform):
    from espace.text import clock_time, french_date

    client, registration = sent_request(platform, EMAIL)
    start = int(time.time()) + 3 * 86400
    book(registration, start)
    page = client.get(BASE)
    text = page.text()
    when = f"{french_date(start, weekday=True)} à {clock_time(start)}"
    assert f"Votre rendez-vous d'inscription est pris : {when}" in text
    agency = services().agencies.get("17")
    assert agency.name in text and agency.full_address in text and "Cette agence est fictive" in text
    hours = page.html.xpath('//table[caption="Horaires d\'ouverture"]//tbody/tr/th[@scope="row"]/text()')
    assert hours == ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    assert page.html.xpath("//main//a[contains(text(), '.ics')]/@href") == [f"{BASE}/rendez-vous.ics"]
    assert "contactez votre agence" in text
    assert f"le {french_date(start, weekday=True)}" in panel_text(client)


def test_a_validated_request_gives_the_identifier_and_the_letters(platform):
    from espace.dossier.opening import open_dossier

    client, registration = sent_request(platform, EMAIL)
    dossier = open_dossier(services().records, registration, by="conseiller-test")
    page = client.get(BASE)
    assert "Votre inscription comme demandeur d'emploi est validée" in page.text()
    assert f"Votre identifiant : {dossier.identifier}" in page.text()
    assert page.html.xpath('//a[text()="Voir mes courriers"]/@href') == ["/mon-dossier/courriers"]
    assert "Validée le" in page.html.xpath('//table[caption="Mes demandes d\'inscription (1)"]')[0].text_content()
    assert f"Votre identifiant : {dossier.identifier}" in panel_text(client)


def test_an_ended_registration_offers_to_re_register(platform):
    from espace.dossier.opening import dossier_of, open_dossier
    from espace.ports import Put

    client, registration = sent_request(platform, EMAIL)
    open_dossier(services().records, registration, by="conseiller-test")
    dossier = dossier_of(services().records, registration.user_id)
    dossier.periods[-1]["end"] = clock.today().isoformat()
    services().records.transact([Put(dossier.item())])
    page = client.get(BASE)
    assert "a pris fin le" in page.text()
    assert page.html.xpath('//a[text()="Me réinscrire"]/@href') == [f"{BASE}/demande"]
    assert "vous pouvez vous réinscrire" in panel_text(client)


def test_the_pdf_is_the_last_request_with_every_step_and_the_signature_block(platform):
    client, registration = sent_request(platform, EMAIL)
    status, headers, data = get_bytes(client, PDF)
    assert status == 200 and data.startswith(b"%PDF")
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'inline; filename="demande-inscription-001.pdf"'
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Maçon / Maçonne" in text and "La Rochelle (17)" in text and "Fait à" in text and "Signature" in text
    assert registration.reference in text


def test_only_candidates_reach_the_page_and_a_visitor_is_asked_to_sign_in(platform):
    visitor = platform.client("198.51.100.30")
    page = visitor.get(BASE)
    assert page.status == 303 and page.location.startswith("/connexion?retour=/mon-espace/inscription")
    assert visitor.get(PDF).status == 303


def test_the_whole_journey_through_the_pages_leaves_the_page_in_the_sent_state(platform):
    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    assert "5 étapes terminées sur 5" in client.get(BASE).text()
    client.post(f"{BASE}/demande/verification", {})
    page = client.get(BASE)
    assert f"n° {user_id_of(EMAIL)}-001 est envoyée" in page.text()
