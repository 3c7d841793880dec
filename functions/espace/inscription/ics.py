"""The registration appointment as an iCalendar file (RFC 5545), for the candidate's own agenda.

One VEVENT, published (METHOD:PUBLISH: a calendar adds it, nobody is asked to answer). Its UID is
the request's reference and the slot's start, so the file downloaded again, or attached to the
mail, updates the same event rather than adding a second one; DTSTAMP is the booking's time for the
same reason (the same appointment gives the same bytes). Times carry TZID=Europe/Paris with its
VTIMEZONE: the agency's time, whatever the phone's zone is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar, Event

from espace.agences.agenda import local_key
from espace.agences.model import Agency
from espace.inscription.model import Registration
from espace.text import PARIS

SUMMARY = "Rendez-vous d'inscription"
FILENAME = "rendez-vous-inscription.ics"
CONTENT_TYPE = "text/calendar"
PRODID = "-//Espace candidat//Rendez-vous d'inscription//FR"
CHANGING = "Pour changer de rendez-vous, contactez votre agence."


def uid(registration: Registration, start: int) -> str:
    return f"inscription-{registration.reference}-{local_key(start).replace(':', '')}@espace-candidat"


def appointment_ics(registration: Registration, agency: Agency, site_url: str) -> bytes:
    """The .ics of ``registration``'s appointment (it must have one)."""
    appointment: dict[str, Any] = registration.appointment or {}
    start = int(appointment["start"])
    begins = dt.datetime.fromtimestamp(start, PARIS)
    ends = begins + dt.timedelta(minutes=int(appointment["length"]))
    stamp = dt.datetime.fromtimestamp(int(appointment.get("booked_at") or registration.submitted_at), dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", uid(registration, start))
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)
    event.add("dtend", ends)
    event.add("summary", SUMMARY)
    event.add("location", f"{agency.name}, {agency.full_address}")
    event.add("description", "\n".join([
        f"Votre rendez-vous d'inscription à l'{agency.name[0].lower()}{agency.name[1:]} "
        f"(demande n° {registration.reference}).",
        "Apportez votre carte Vitale, un RIB, votre CV, une pièce d'identité et votre demande imprimée et signée.",
        CHANGING,
        f"Votre demande : {site_url.rstrip('/')}/mon-espace/inscription"]))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if agency.latitude is not None and agency.longitude is not None:
        event.add("geo", (agency.latitude, agency.longitude))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
