"""« Mon agenda » on both profiles: appointments and important dates, the .ics parsed back with
icalendar, cancelling and moving (the slot freed in the counsellors' agenda), the 24-hour limit
(no buttons, a forged post refused), a move that loses its slot, and another account's appointment
as a 404. Without a dossier, a page that says why."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from espace import clock
from espace.agences.agenda import AgencyAgenda, local_key
from espace.bootstrap import get_services
from espace.dossier.records import Right
from espace.text import PARIS
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import AGENCY, counsellor_client
from tests.functional.inscription.test_appointment import at, open_slots

BASE = "/mon-dossier/agenda"


def public(start: int) -> str:
    return f"{local_key(start).replace(':', '')}-{AGENCY}"


def booked(email: str, start: int) -> None:
    AgencyAgenda(get_services().records, AGENCY).book(start, user_id_of(email), purpose="suivi", reference="suivi-1",
                                                      name="Camille DURAND")


def test_without_a_dossier_a_page_says_why(platform):
    client = signed_in_client(platform, "sans-dossier-agenda@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and "Vous n'avez pas encore de dossier" in page.text()
    assert page.html.xpath('//a[@href="/inscription"]')
    assert client.get(f"{BASE}.ics").status == 404


def test_the_agenda_lists_appointments_and_dates_and_exports_them(platform):
    client, *_ = validated_candidate(platform, "agenda@example.fr")
    [first, *_rest] = open_slots(3)
    booked("agenda@example.fr", first)
    uid = user_id_of("agenda@example.fr")
    get_services().records.put(Right(uid, "2026-12-01", sjr=5000, daily=3000, duration=182, degressive_daily=3000,
                                     degressive_from=0).item())
    page = client.get(BASE)
    assert page.status == 200
    text = page.text()
    assert "Rendez-vous avec votre conseiller" in text and "31 mai 2027" in text
    assert page.html.xpath(f'//a[@href="{BASE}/{public(first)}/deplacement"]')
    assert page.html.xpath(f'//a[@href="{BASE}/{public(first)}/annulation"]')
    today = clock.today()
    windows = page.html.xpath('//h3[.="Actualisation mensuelle"]/following-sibling::ul[1]/li')
    assert len(windows) == 3 and all("actualisation de" in li.text_content() for li in windows)

    export = client.get(f"{BASE}.ics")
    assert export.status == 200 and export.headers["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(export.body)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    appointment = events["Rendez-vous avec votre conseiller"]
    assert appointment.decoded("dtstart") == dt.datetime.fromtimestamp(first, PARIS)
    assert str(appointment.get("dtstart").params["TZID"]) == "Europe/Paris"
    assert str(appointment["location"]) == "Agence de La Rochelle, 17 rue de l'Exemple, 17000 La Rochelle"
    actualisations = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT")
                            if str(e["summary"]).startswith("Actualisation de"))
    assert len(actualisations) == 3 and all(day.day == 28 for day in actualisations)
    assert actualisations[-1] > today
    end = events["Fin de vos droits à l'allocation"]
    assert end.decoded("dtstart") == dt.date(2027, 5, 31) and end.decoded("dtend") == dt.date(2027, 6, 1)
    assert len({str(e["uid"]) for e in calendar.walk("VEVENT")}) == len(calendar.walk("VEVENT"))


def test_cancel_frees_the_slot_for_the_counsellor(platform):
    client, *_ = validated_candidate(platform, "annule@example.fr")
    [start] = open_slots(1)
    booked("annule@example.fr", start)
    counsellor = counsellor_client(platform, "conseil-agenda@example.fr")
    day = dt.datetime.fromtimestamp(start, PARIS).date()
    week = f"/conseiller/agenda?semaine={day.isoformat()}"
    assert "1 rendez-vous pris" in counsellor.get(week).text()
    confirm = client.get(f"{BASE}/{public(start)}/annulation")
    assert confirm.status == 200 and "Annuler ce rendez-vous" in confirm.text()
    done = client.post(f"{BASE}/{public(start)}/annulation", {})
    assert done.status == 303 and done.location.endswith(BASE)
    assert "est annulé" in client.get(BASE).text()
    records = get_services().records
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{local_key(start)}") is not None
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{local_key(start)}") is None
    assert records.query(f"USER#{user_id_of('annule@example.fr')}", "APPOINTMENT#") == []
    seen = counsellor.get(week).text()
    assert "1 créneau libre" in seen and "0 rendez-vous pris" in seen
    # A second post (a double click) finds nothing to cancel: 404, nothing else changes.
    token = client.csrf_token("/mon-espace")
    assert client.post(f"{BASE}/{public(start)}/annulation", {}, csrf=token).status == 404


def test_move_books_the_new_slot_and_frees_the_old_one(platform):
    client, *_ = validated_candidate(platform, "deplace@example.fr")
    starts = open_slots(4)
    booked("deplace@example.fr", starts[0])
    page = client.get(f"{BASE}/{public(starts[0])}/deplacement")
    offered = page.html.xpath('//input[@name="creneau"]/@value')
    assert offered == [local_key(s) for s in starts[1:4]]
    empty = client.post(f"{BASE}/{public(starts[0])}/deplacement", {})
    assert empty.status == 400 and "Choisissez un des nouveaux créneaux" in empty.text()
    done = client.post(f"{BASE}/{public(starts[0])}/deplacement", {"creneau": local_key(starts[2])})
    assert done.status == 303
    records, uid = get_services().records, user_id_of("deplace@example.fr")
    assert [i["start"] for i in records.query(f"USER#{uid}", "APPOINTMENT#")] == [starts[2]]
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{local_key(starts[0])}") is not None
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{local_key(starts[2])}")["user_id"] == uid
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{local_key(starts[2])}") is None
    assert "est déplacé" in client.get(BASE).text()


def test_a_move_that_loses_its_slot_is_told_and_offered_others(platform):
    client, *_ = validated_candidate(platform, "course@example.fr")
    starts = open_slots(5)
    booked("course@example.fr", starts[0])
    validated_candidate(platform, "rapide@example.fr", ip="198.51.100.40")
    booked("rapide@example.fr", starts[1])  # taken after the page offered it
    lost = client.post(f"{BASE}/{public(starts[0])}/deplacement", {"creneau": local_key(starts[1])})
    assert lost.status == 409 and "n'est plus disponible" in lost.text()
    assert local_key(starts[1]) not in lost.html.xpath('//input[@name="creneau"]/@value')
    assert lost.html.xpath('//input[@name="creneau"]/@value')
    uid = user_id_of("course@example.fr")
    assert [i["start"] for i in get_services().records.query(f"USER#{uid}", "APPOINTMENT#")] == [starts[0]]


def test_within_24_hours_no_button_and_a_forged_post_is_refused(platform, monkeypatch):
    client, *_ = validated_candidate(platform, "tard@example.fr")
    starts = open_slots(3)
    booked("tard@example.fr", starts[0])
    limit = dt.datetime.fromtimestamp(starts[0], PARIS) - dt.timedelta(hours=24)
    monkeypatch.setattr(clock, "now", lambda: limit)
    assert client.get(BASE).html.xpath(f'//a[@href="{BASE}/{public(starts[0])}/annulation"]')
    monkeypatch.setattr(clock, "now", lambda: limit + dt.timedelta(seconds=1))
    page = client.get(BASE)
    assert not page.html.xpath(f'//a[contains(@href, "{public(starts[0])}")]')
    assert "moins de 24 heures" in page.text()
    token = client.csrf_token("/mon-espace")
    for action, data in (("annulation", {}), ("deplacement", {"creneau": local_key(starts[1])})):
        refused = client.post(f"{BASE}/{public(starts[0])}/{action}", data, csrf=token)
        assert refused.status == 409 and "ne peut plus être annulé ni déplacé" in refused.text()
    records, uid = get_services().records, user_id_of("tard@example.fr")
    assert [i["start"] for i in records.query(f"USER#{uid}", "APPOINTMENT#")] == [starts[0]]
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{local_key(starts[1])}") is not None


def test_another_accounts_appointment_is_404(platform):
    _owner, *_ = validated_candidate(platform, "proprio-rdv@example.fr")
    [start] = open_slots(1)
    booked("proprio-rdv@example.fr", start)
    other, *_ = validated_candidate(platform, "curieux-rdv@example.fr", ip="198.51.100.41")
    token = other.csrf_token("/mon-espace")
    for path in (f"{BASE}/{public(start)}/annulation", f"{BASE}/{public(start)}/deplacement",
                 f"{BASE}/n-importe-quoi/annulation", f"{BASE}/{'x' * 3000}/deplacement"):
        assert other.get(path).status == 404, path[:60]
        assert other.post(path, {"creneau": local_key(start)}, csrf=token).status == 404, path[:60]
    assert get_services().records.get(f"AGENCY#{AGENCY}", f"APPT#{local_key(start)}") is not None


def test_the_registration_appointment_moves_with_its_request(platform):
    """A re-registration waiting for its interview: moving the appointment moves the request's."""
    from espace.inscription import booking
    from espace.inscription.service import RegistrationDesk
    from tests.functional.inscription.helpers import sent_request

    client, registration = sent_request(platform, "attente@example.fr")
    from espace.dossier.opening import open_dossier

    open_dossier(get_services().records, registration, by="automatique")
    # a second request, sent and booked
    desk = RegistrationDesk(get_services().records)
    starts = open_slots(3)
    second = desk.submit(registration.user_id, registration.steps, kind="reinscription", agency_id=AGENCY,
                         name="Camille DURAND", email="attente@example.fr",
                         discard_draft=__import__("espace.ports", fromlist=["Delete"]).Delete(
                             f"USER#{registration.user_id}", "DRAFT#inscription"))
    booking.book(get_services().records, second, starts[0])
    done = client.post(f"{BASE}/{public(starts[0])}/deplacement", {"creneau": local_key(starts[1])})
    assert done.status == 303
    assert desk.get(registration.user_id, second.number).appointment["start"] == starts[1]
    assert client.post(f"{BASE}/{public(starts[1])}/annulation", {}).status == 303
    again = desk.get(registration.user_id, second.number)
    assert again.state == "envoyee" and again.appointment is None
    assert at(2, 9) == starts[0]
