"""The appointment's .ics: one published VEVENT, its UID stable per appointment, its times in
Europe/Paris with the zone's definition, the agency's address as its location."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from espace.agences.model import Agencies
from espace.inscription.ics import SUMMARY, appointment_ics, uid
from espace.inscription.model import BOOKED, FIRST, Registration
from espace.text import PARIS
from tests.conftest import ROOT

START = int(dt.datetime(2026, 12, 7, 8, 30, tzinfo=PARIS).timestamp())  # winter: UTC+1
SUMMER = int(dt.datetime(2027, 7, 5, 14, 0, tzinfo=PARIS).timestamp())  # summer: UTC+2


def registration(start: int = START, number: int = 1) -> Registration:
    return Registration(user_id="c" * 32, number=number, kind=FIRST, state=BOOKED, steps={}, submitted_at=START - 86400,
                        agency_id="17", name="Camille DURAND", email="camille@example.fr",
                        appointment={"start": start, "length": 45, "agency_id": "17", "booked_at": START - 3600})


def parsed(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_one_published_event_at_the_agency_in_paris_time():
    agency = Agencies.load(ROOT / "data" / "agences").get("17")
    data = appointment_ics(registration(), agency, "https://espace.example/")
    calendar, event = parsed(data)
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert str(event["SUMMARY"]) == SUMMARY == "Rendez-vous d'inscription"
    assert str(event["LOCATION"]) == "Agence de La Rochelle, 17 rue de l'Exemple, 17000 La Rochelle"
    begins, ends = event.decoded("DTSTART"), event.decoded("DTEND")
    assert begins == dt.datetime(2026, 12, 7, 8, 30, tzinfo=PARIS) and ends - begins == dt.timedelta(minutes=45)
    assert begins.utcoffset() == dt.timedelta(hours=1)
    assert b"DTSTART;TZID=Europe/Paris:20261207T083000" in data
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Paris" in data
    assert "https://espace.example/mon-espace/inscription" in str(event["DESCRIPTION"])
    assert "contactez votre agence" in str(event["DESCRIPTION"])


def test_summer_time_is_the_agency_s_too():
    agency = Agencies.load(ROOT / "data" / "agences").get("17")
    _, event = parsed(appointment_ics(registration(SUMMER), agency, "https://espace.example"))
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert b"DTSTART;TZID=Europe/Paris:20270705T140000" in appointment_ics(registration(SUMMER), agency, "x")


def test_the_uid_is_stable_per_appointment_and_differs_between_appointments():
    agency = Agencies.load(ROOT / "data" / "agences").get("17")
    first = appointment_ics(registration(), agency, "https://espace.example")
    assert first == appointment_ics(registration(), agency, "https://espace.example")  # the same bytes again
    _, event = parsed(first)
    assert str(event["UID"]) == uid(registration(), START)
    assert uid(registration(), START) != uid(registration(SUMMER), SUMMER)
    assert uid(registration(), START) != uid(registration(number=2), START)
