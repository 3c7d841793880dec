"""The request's page, GET /mon-espace/inscription, and the forms to print, GET
/mon-espace/inscription/demande.pdf.

The page follows the request through its states (``Situation``): nothing yet (how to start); a
draft (resume it, the day it will be deleted if untouched); sent (choose the appointment); booked
(the appointment, the agency's address and hours, the PDF and the .ics); validated (the
identifier, « Mes courriers »). Then the history of earlier requests. The dashboard's panel
(``panel.py``) reads the same ``Situation``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response

from espace.dossier.model import REGISTERED, Dossier
from espace.dossier.opening import AUTOMATIC, dossier_of
from espace.inscription import jobs as _jobs  # noqa: F401  (its deletion hook: the drafts' age entries)
from espace.inscription import panel as _panel  # noqa: F401  (registers the dashboard's panel)
from espace.inscription import printing
from espace.inscription.flow import BASE, DRAFT_DAYS, FLOW
from espace.inscription.model import BOOKED, KIND_LABELS, STATE_LABELS, SUBMITTED, VALIDATED, Registration
from espace.inscription.service import RegistrationDesk
from espace.inscription.submission import APPOINTMENT, refusal
from espace.text import PARIS, clock_time, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.steps import DONE, Drafts

if TYPE_CHECKING:
    from espace.agences.model import Agency
    from espace.bootstrap import Services

router = AreaRouter(roles={"candidat"})
TITLE = "Mon inscription"
PDF_URL = f"{BASE}/demande.pdf"
ICS_URL = f"{BASE}/rendez-vous.ics"
LETTERS_URL = "/mon-dossier/courriers"


@dataclass(frozen=True)
class DraftState:
    done: int
    total: int
    saved_on: dt.date
    deleted_on: dt.date  # if untouched until then (espace.inscription.jobs)


@dataclass(frozen=True)
class Situation:
    current: Registration | None  # the last request sent
    history: list[Registration]  # every request, newest first
    draft: DraftState | None
    dossier: Dossier | None
    blocked: str | None  # why no new request can be sent (submission.refusal), or None

    @property
    def state(self) -> str:
        """none | draft | sent | booked | validated | registered | ended."""
        if self.current is not None and self.current.state in (SUBMITTED, BOOKED):
            return "sent" if self.current.state == SUBMITTED else "booked"
        if self.draft is not None:
            return "draft"
        if self.dossier is not None:
            if self.dossier.state != REGISTERED:
                return "ended"
            if self.current is not None and self.current.state == VALIDATED:
                return "validated"
            return "registered"
        return "none"


def draft_state(services: Services, user_id: str) -> DraftState | None:
    store = Drafts(services.records, FLOW, user_id)
    steps, updated_at = store.load(), store.updated_at()
    if not steps or updated_at is None:
        return None
    saved_on = dt.datetime.fromtimestamp(updated_at, PARIS).date()
    done = sum(1 for step in FLOW.steps if steps.get(step.slug, {}).get("status") == DONE)
    return DraftState(done, len(FLOW.steps), saved_on, saved_on + dt.timedelta(days=DRAFT_DAYS))


def situation(services: Services, user_id: str) -> Situation:
    desk = RegistrationDesk(services.records)
    history = list(reversed(desk.history(user_id)))
    current = history[0] if history else None
    dossier = dossier_of(services.records, user_id)
    return Situation(current, history, draft_state(services, user_id), dossier, refusal(current, dossier))


def appointment_view(services: Services, registration: Registration) -> dict[str, Any] | None:
    """When and where: « lundi 7 décembre 2026 à 8 h 30 », the agency, its address and hours."""
    appointment = registration.appointment
    if not appointment:
        return None
    start = int(appointment["start"])
    agency: Agency | None = services.agencies.get(str(appointment.get("agency_id") or registration.agency_id))
    return {"when": f"{french_date(start, weekday=True)} à {clock_time(start)}", "start": start,
            "length": int(appointment.get("length") or 0), "agency": agency}


@router.get("/inscription")
def status(ctx: Context) -> Response:
    services, user_id = ctx.services, ctx.user_id or ""
    found = situation(services, user_id)
    current = found.current
    agency = services.agencies.get(current.agency_id) if current is not None else None
    return ctx.render("services/inscription/status.html", ctx.page(BASE, TITLE), found=found, current=current,
                      state=found.state, agency=agency,
                      appointment=appointment_view(services, current) if current is not None else None,
                      state_labels=STATE_LABELS, kind_labels=KIND_LABELS, automatic=AUTOMATIC,
                      draft_url=FLOW.base, appointment_url=APPOINTMENT, pdf_url=PDF_URL, ics_url=ICS_URL,
                      letters_url=LETTERS_URL, draft_days=DRAFT_DAYS)


@router.get("/inscription/demande.pdf")
def request_pdf(ctx: Context) -> Response:
    """The forms to print and sign (seed: « imprimer les formulaires complétés et les signer »):
    the last request sent, whatever its state; none sent yet answers 404."""
    current = RegistrationDesk(ctx.services.records).current(ctx.user_id or "")
    if current is None:
        raise NotFoundError("Vous n'avez pas encore envoyé de demande d'inscription.")
    body = printing.render(ctx.services, current)
    return Response(status_code=200, content_type="application/pdf", body=body,
                    headers={"Content-Disposition": f'inline; filename="{printing.filename(current)}"',
                             "Cache-Control": "no-store"})
