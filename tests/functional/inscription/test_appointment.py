"""The registration appointment, on both profiles: three slots of the request's agency from 24 hours
on, booking (once, whatever the clicks), the confirmation page and mail with its .ics, the .ics
route, a slot taken meanwhile, no slot at all, and who may see what."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from tests.functional.cv.helpers import get_bytes, raw_mails
from tests.functional.inscription.helpers import AGENCY, counsellor_client, sent_request

PATH = "/mon-espace/inscription/rendez-vous"
CONFIRMATION = f"{PATH}/confirmation"


def at(days: int, hour: int, minute: int = 0) -> int:
    from espace.text import PARIS

    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=days)
    return int(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).timestamp())


def open_slots(count: int = 5, agency: str = AGENCY, hour: int = 9) -> list[int]:
    """``count`` slots of 30 minutes, one a day from the day after tomorrow (always > 24 h ahead)."""
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    starts = [at(day, hour) for day in range(2, 2 + count)]
    AgencyAgenda(get_services().records, agency).open(starts, 30, "ouverture-test")
    return starts


def key(start: int) -> str:
    from espace.agences.agenda import local_key

    return local_key(start)


def offered(page) -> list[str]:
    return page.html.xpath("//input[@name='creneau']/@value")


def stored(registration):
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    return RegistrationDesk(get_services().records).get(registration.user_id, registration.number)


def test_three_slots_of_the_agency_from_24_hours_on_with_its_address_and_hours(platform):
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    client, _ = sent_request(platform, "rdv@example.fr")
    starts = open_slots(5)
    now = int(dt.datetime.now().timestamp())
    AgencyAgenda(get_services().records, AGENCY).open([now + 3600, now + 20 * 3600], 30, "t")  # under 24 hours
    open_slots(3, agency="2a", hour=8)  # another agency's slots are not this request's
    page = client.get(PATH)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Choisir mon rendez-vous d'inscription"
    assert offered(page) == [key(start) for start in starts[:3]]
    text = page.text()
    assert "Agence de La Rochelle" in text and "17000 La Rochelle" in text and "samedi : fermé" in text
    assert "Agence fictive" in text and "(30 minutes)" in text
    assert page.html.xpath("//fieldset/legend")[0].text_content().strip().startswith("Choisissez la date")


def test_booking_a_slot_once_the_confirmation_the_mail_and_the_ics(platform, tmp_path):
    from espace.bootstrap import get_services
    from espace.inscription.model import BOOKED

    client, registration = sent_request(platform, "rdv@example.fr")
    starts = open_slots(4)
    token = client.csrf_token(PATH)
    first = client.post(PATH, {"creneau": key(starts[1])}, csrf=token)
    second = client.post(PATH, {"creneau": key(starts[2])}, csrf=token)  # a second click, another tab
    assert first.status == second.status == 303 and first.location == second.location == CONFIRMATION
    booked = stored(registration)
    assert booked.state == BOOKED and booked.appointment["start"] == starts[1]
    assert booked.appointment["length"] == 30 and booked.appointment["agency_id"] == AGENCY
    records = get_services().records
    copy = records.query(f"AGENCY#{AGENCY}", "REQUEST#")
    assert [(c["state"], c["appointment_start"]) for c in copy] == [(BOOKED, starts[1])]
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{key(starts[1])}")["reference"] == registration.reference
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{key(starts[2])}") is not None  # the second click took nothing
    assert len(records.query(f"USER#{registration.user_id}", "APPOINTMENT#")) == 1

    again = client.get(PATH)
    assert again.status == 303 and again.location == CONFIRMATION
    page = client.get(CONFIRMATION)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Mon rendez-vous d'inscription"
    text = page.text()
    assert "Votre rendez-vous est pris" in text and "rdv@example.fr" in text
    assert "pour changer de rendez-vous, contactez votre agence" in text.lower()
    assert "à 9 h 00 (30 minutes)" in text and "17000 La Rochelle" in text
    assert page.html.xpath(f"//a[@href='{PATH}.ics']") and page.html.xpath("//a[contains(@href, 'demande.pdf')]")

    [mail] = [m for m in raw_mails(platform, tmp_path) if m["To"] == "rdv@example.fr"]
    assert "Votre rendez-vous d'inscription" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert "17000 La Rochelle" in body and "carte Vitale" in body and "contactez votre agence" in body
    assert "<h2>Adresse</h2>" in mail.get_body(("html",)).get_content()
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar" and attachment.get_filename().endswith(".ics")
    mailed = attachment.get_content()
    mailed = mailed if isinstance(mailed, bytes) else mailed.encode()

    status, headers, data = get_bytes(client, f"{PATH}.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert "attachment" in headers["Content-Disposition"]
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert int(event.decoded("DTSTART").timestamp()) == starts[1]
    assert str(event["LOCATION"]).endswith("17000 La Rochelle")
    [mailed_event] = Calendar.from_ical(mailed).walk("VEVENT")
    assert str(mailed_event["UID"]) == str(event["UID"])  # the file again is the same event
    # « Mes messages » keeps the mail.
    assert records.query(f"USER#{registration.user_id}", "MSG#")


def test_no_choice_or_a_made_up_one_is_a_clear_error(platform):
    client, registration = sent_request(platform, "rdv@example.fr")
    starts = open_slots(3)
    for data in ({}, {"creneau": ""}, {"creneau": "demain"}, {"creneau": "2026-13-45T99:99"}):
        page = client.post(PATH, data)
        assert page.status == 400, data
        assert page.error_summary() == ["Choisissez un des créneaux proposés."]
        assert page.html.xpath("//title")[0].text_content().startswith("Erreur")
        assert offered(page) == [key(start) for start in starts]
    assert client.post(PATH, {"creneau": "x" * 10_000}).status == 400  # 10 KB: the kit refuses it whole
    never = client.post(PATH, {"creneau": "2031-01-06T10:00"})  # well formed, never opened
    assert never.status == 409 and "n'est plus disponible" in never.text()
    assert stored(registration).state == "envoyee"


def test_a_slot_less_than_a_day_ahead_is_not_booked(platform):
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    client, registration = sent_request(platform, "rdv@example.fr")
    open_slots(3)
    soon = int(dt.datetime.now().timestamp()) + 7200
    AgencyAgenda(get_services().records, AGENCY).open([soon], 30, "t")
    page = client.post(PATH, {"creneau": key(soon)})
    assert page.status == 409 and stored(registration).state == "envoyee"


def test_a_slot_taken_meanwhile_offers_three_others(platform):
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    client, registration = sent_request(platform, "rdv@example.fr")
    starts = open_slots(5)
    assert offered(client.get(PATH))[0] == key(starts[0])
    AgencyAgenda(get_services().records, AGENCY).book(starts[0], "f" * 32, purpose="inscription", reference="x",
                                                       name="Quelqu'un")
    page = client.post(PATH, {"creneau": key(starts[0])})
    assert page.status == 409
    assert "une autre personne vient de le réserver" in page.text()
    assert offered(page) == [key(start) for start in starts[1:4]]
    assert not page.html.xpath("//input[@name='creneau'][@checked]")
    assert stored(registration).state == "envoyee"
    assert client.post(PATH, {"creneau": key(starts[3])}).status == 303
    assert stored(registration).appointment["start"] == starts[3]


def test_a_stale_request_cannot_book_a_second_slot(platform):
    """Two tabs that both read the request before either booked: the marker refuses the second."""
    from espace.agences.agenda import SlotTaken
    from espace.bootstrap import get_services
    from espace.inscription import booking

    _, registration = sent_request(platform, "rdv@example.fr")
    starts = open_slots(3)
    records = get_services().records
    booking.book(records, registration, starts[0])
    try:
        booking.book(records, registration, starts[1])  # the registration as read before the first booking
        raise AssertionError("a second slot was booked")
    except SlotTaken:
        pass
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{key(starts[1])}") is not None
    assert len(records.query(f"USER#{registration.user_id}", "APPOINTMENT#")) == 1
    assert stored(registration).appointment["start"] == starts[0]


def test_no_free_slot_says_the_agency_will_call_and_the_request_stays_sent(platform):
    client, registration = sent_request(platform, "rdv@example.fr")
    page = client.get(PATH)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Aucun créneau de rendez-vous disponible"
    assert "vous appellera" in page.text() and "Agence de La Rochelle" in page.text()
    assert not page.html.xpath("//input[@name='creneau']")
    token = client.csrf_token("/mon-espace/inscription/demande/situation-administrative")
    assert client.post(PATH, {"creneau": key(at(3, 9))}, csrf=token).status == 409
    assert stored(registration).state == "envoyee"


def test_without_a_request_nothing_to_book_and_no_ics(platform):
    from tests.functional.accounts.helpers import signed_in_client

    client = signed_in_client(platform, "sans-demande@example.fr")
    page = client.get(PATH)
    assert page.status == 200 and "pas encore envoyé de demande" in page.text()
    assert client.get(CONFIRMATION).location == PATH  # nothing booked: the choice decides what to say
    assert client.get(f"{PATH}.ics").status == 404


def test_the_ics_is_the_candidate_s_own_and_needs_an_appointment(platform):
    from espace.bootstrap import get_services
    from espace.inscription import booking

    client, registration = sent_request(platform, "rdv@example.fr")
    assert client.get(f"{PATH}.ics").status == 404  # sent, not booked
    starts = open_slots(2)
    booking.book(get_services().records, registration, starts[0])
    assert client.get(f"{PATH}.ics").status == 200
    other, _ = sent_request(platform, "autre@example.fr", ip="198.51.100.28")
    assert other.get(f"{PATH}.ics").status == 404  # another candidate: their own request has none
    assert other.get(CONFIRMATION).location == PATH  # nor anyone else's confirmation
    assert offered(other.get(PATH)) == [key(starts[1])]


def test_visitors_sign_in_and_counsellors_are_refused(platform):
    visitor = platform.client("198.51.100.40")
    for path in (PATH, CONFIRMATION, f"{PATH}.ics"):
        page = visitor.get(path)
        assert page.status in (302, 303) and page.location.startswith("/connexion")
    counsellor = counsellor_client(platform, "conseiller@example.fr")
    from tests.functional.client import Client

    as_accounts = Client(platform.handler, source_ip="198.51.100.9", cookies=counsellor.cookies)
    assert as_accounts.get(PATH).status == 403
    assert as_accounts.get(f"{PATH}.ics").status == 403
    assert as_accounts.get(CONFIRMATION).status == 403


def test_a_request_of_an_agency_the_data_no_longer_has_gets_no_slot_and_no_ics(platform):
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    client, registration = sent_request(platform, "rdv@example.fr", agency_id="99")
    AgencyAgenda(get_services().records, "99").open([at(3, 9)], 30, "t")
    page = client.get(PATH)
    assert page.status == 200 and not offered(page) and "vous appellera" in page.text()
    token = client.csrf_token("/mon-espace/inscription/demande/situation-administrative")
    assert client.post(PATH, {"creneau": key(at(3, 9))}, csrf=token).status == 409
    assert client.get(f"{PATH}.ics").status == 404 and stored(registration).state == "envoyee"
