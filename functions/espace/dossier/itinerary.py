"""« Mon itinéraire professionnel » (/mon-dossier/itineraire): the dossier's history in one list,
newest first with a heading per year — the registration periods (``Dossier.periods``) and requests
(``REGISTRATION#``), the appointments, the trainings given in the registration's step 4, and the
work periods declared in the monthly actualisations (``DECLARATION#`` work).

``entries`` builds the list from the records (pure: the route only reads them); a training known
by its year only is dated the last day of that year, so it follows what is dated within it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.dossier import appointments
from espace.dossier.access import TRAIL, dossier_of, no_dossier
from espace.dossier.model import Dossier
from espace.dossier.records import DECLARATION_PREFIX, Declaration
from espace.inscription.flow import KNOWLEDGE
from espace.inscription.model import KIND_LABELS, Registration
from espace.inscription.service import RegistrationDesk
from espace.text import MONTHS, PARIS, euros, french_date, plural
from espace.web.auth import AreaRouter
from espace.web.context import Context

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/itineraire"
TITLE = "Mon itinéraire professionnel"
KINDS = {"inscription": "Inscription", "demande": "Demande", "rendez-vous": "Rendez-vous",
         "formation": "Formation", "travail": "Travail déclaré"}


@dataclass(frozen=True)
class Entry:
    day: dt.date  # what orders the list
    when: str  # the date as told (« 3 mars 2026 », « mars 2026 », « 2015 »)
    kind: str  # a key of KINDS
    title: str
    detail: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _periods(dossier: Dossier) -> list[Entry]:
    found = []
    for period in dossier.periods:
        start = dt.date.fromisoformat(period["start"])
        found.append(Entry(start, french_date(start), "inscription", "Début d'inscription comme demandeur d'emploi",
                           f"Identifiant {dossier.identifier}"))
        if period.get("end"):
            end = dt.date.fromisoformat(period["end"])
            found.append(Entry(end, french_date(end), "inscription", "Fin d'inscription comme demandeur d'emploi"))
    return found


def _requests(registrations: list[Registration]) -> list[Entry]:
    found = []
    for registration in registrations:
        sent = dt.datetime.fromtimestamp(registration.submitted_at, PARIS).date()
        found.append(Entry(sent, french_date(sent), "demande",
                           f"{KIND_LABELS.get(registration.kind, 'Inscription')} : demande envoyée",
                           f"Demande n° {registration.number}"))
    return found


def _trainings(registrations: list[Registration]) -> list[Entry]:
    """The trainings of the latest request that gave any (each request repeats the candidate's)."""
    for registration in reversed(registrations):
        values = registration.steps.get(KNOWLEDGE) or {}
        found = []
        for n in range(50):
            title = (values.get(f"formations-{n}-intitule") or [""])[0].strip()
            year = (values.get(f"formations-{n}-annee") or [""])[0].strip()
            if not title:
                continue
            if not (year.isdigit() and len(year) == 4):
                continue
            status = (values.get(f"formations-{n}-statut") or [""])[0]
            school = (values.get(f"formations-{n}-etablissement") or [""])[0].strip()
            detail = ("Obtenu" if status == "obtenu" else "En cours ou non obtenu") + (f", {school}" if school else "")
            found.append(Entry(dt.date(int(year), 12, 31), year, "formation", title, detail))
        if found:
            return found
    return []


def _work(declarations: list[Declaration]) -> list[Entry]:
    found = []
    for declaration in declarations:
        year, month = (int(part) for part in declaration.month.split("-"))
        for job in declaration.work:
            found.append(Entry(dt.date(year, month, 1), f"{MONTHS[month - 1]} {year}", "travail", job.employer,
                               f"{plural(job.hours, 'heure', 'heures')}, {euros(job.gross)} brut"))
    return found


def entries(dossier: Dossier, registrations: list[Registration], appointment_list: list[appointments.Appointment],
            declarations: list[Declaration]) -> list[Entry]:
    """Every entry, newest first (entries of one day keep the order of their kinds above)."""
    meetings = [Entry(a.begins.date(), a.label(), "rendez-vous", a.title) for a in appointment_list]
    every = [*_periods(dossier), *_requests(registrations), *meetings, *_trainings(registrations),
             *_work(declarations)]
    return sorted(every, key=lambda entry: entry.day, reverse=True)


def by_year(found: list[Entry]) -> list[tuple[int, list[Entry]]]:
    return [(year, list(group)) for year, group in itertools.groupby(found, key=lambda entry: entry.day.year)]


@router.get("/itineraire")
def itinerary(ctx: Context) -> Response:
    records, user_id = ctx.services.records, ctx.user_id or ""
    dossier = dossier_of(records, user_id)
    if dossier is None:
        return no_dossier(ctx, BASE, TITLE, "Mon itinéraire professionnel")
    declarations = [Declaration.of(item) for item in records.query(f"USER#{user_id}", DECLARATION_PREFIX)]
    found = entries(dossier, RegistrationDesk(records).history(user_id), appointments.of_user(records, user_id),
                    declarations)
    return ctx.render("services/dossier/itineraire/itinerary.html", ctx.page(BASE, TITLE, TRAIL),
                      years=by_year(found), count=len(found))
