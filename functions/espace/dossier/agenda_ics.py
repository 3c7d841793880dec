"""« Mon agenda » as an iCalendar file (RFC 5545): the appointments, the actualisation windows to
come and the end of rights, for the candidate's own calendar.

Each event's UID names what it is (an appointment's agency and start, a window's month, the
right's start), so importing the file again updates the events instead of doubling them. The
appointments carry TZID=Europe/Paris with its VTIMEZONE (the agency's time); the dates are
all-day events (DTEND the day after the last, as RFC 5545 wants).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Calendar, Event

from espace.agences.model import Agency
from espace.dossier.actualisation.calendar import Window
from espace.dossier.appointments import Appointment
from espace.text import french_date

FILENAME = "mon-agenda.ics"
CONTENT_TYPE = "text/calendar"
PRODID = "-//Espace candidat//Mon agenda//FR"
DOMAIN = "@espace-candidat"


def _all_day(uid: str, summary: str, first: dt.date, last: dt.date, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid + DOMAIN)
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def agenda_ics(appointments: Sequence[tuple[Appointment, Agency | None]], windows: Sequence[Window],
               rights_end: dt.date | None, site_url: str, stamp: dt.datetime) -> bytes:
    site = site_url.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mon agenda – Espace candidat")
    for appointment, agency in appointments:
        event = Event()
        event.add("uid", f"rendez-vous-{appointment.public_id}{DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.begins)
        event.add("dtend", appointment.ends)
        event.add("summary", appointment.title)
        if agency is not None:
            event.add("location", f"{agency.name}, {agency.full_address}")
        event.add("description", f"{appointment.title} à votre agence. Pour l'annuler ou le déplacer, jusqu'à "
                                 f"24 heures avant : {site}/mon-dossier/agenda")
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    for window in windows:
        month = window.month_label
        calendar.add_component(_all_day(
            f"actualisation-{window.month}", f"Actualisation de {month}", window.opens, window.closes,
            f"Actualisez-vous pour le mois de {month}, du {french_date(window.opens)} au "
            f"{french_date(window.closes)} inclus : {site}/mon-dossier", stamp))
    if rights_end is not None:
        calendar.add_component(_all_day(
            f"fin-de-droits-{rights_end.isoformat()}", "Fin de vos droits à l'allocation", rights_end, rights_end,
            f"Dernier jour de votre droit à l'allocation d'aide au retour à l'emploi, le {french_date(rights_end)}, "
            f"si rien ne change d'ici là : {site}/mon-dossier/allocations", stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
