"""Sending the request: the check page's POST (``steps_router``'s ``on_submit``).

- Refused, with a page saying why and the draft kept, when a request is already pending
  (sent or booked) or when the candidate is registered (a dossier in state « inscrit »).
- The agency is the one of step 1's commune (``Agencies.for_commune``), or of the account's
  postal code when step 1 names none the referential knows; the name is step 1's.
- A candidate who had a dossier re-registers (kind AGAIN); less than six months after the end
  of the previous registration (``reregisters_without_interview``, seed: « l'entretien de
  réinscription n'est pas nécessaire ») the request is validated at once (``open_dossier`` with
  ``AUTOMATIC``) and no appointment is needed; otherwise the candidate chooses one.

The request is written by ``RegistrationDesk.submit`` in one transaction with the draft's
deletion: a second click finds the draft gone and sends nothing more.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response

from espace.dossier.letters import confirm_registration
from espace.dossier.model import REGISTERED, Dossier, reregisters_without_interview
from espace.dossier.opening import AUTOMATIC, dossier_of, open_dossier
from espace.dossier.rights import compute_right
from espace.inscription.flow import ADMINISTRATIVE, BASE, FLOW
from espace.inscription.forms_administrative import commune_code, postal_code_of, request_name
from espace.inscription.model import AGAIN, FIRST, SUBMITTED, Registration
from espace.inscription.service import RegistrationDesk
from espace.text import PARIS
from espace.web.context import Context
from espace.web.steps import Drafts, Submission

if TYPE_CHECKING:
    from espace.agences.model import Agency
    from espace.bootstrap import Services

APPOINTMENT = f"{BASE}/rendez-vous"  # the page of three slots of the request's agency

def agency_of(services: Services, steps: dict[str, dict[str, list[str]]], account: dict[str, Any]) -> Agency | None:
    """The agency of step 1's commune, else of step 1's or the account's postal code (its first
    commune)."""
    values = steps.get(ADMINISTRATIVE, {})
    insee = commune_code(values)
    agency = services.agencies.for_commune(insee, services.places) if insee else None
    for postal_code in (postal_code_of(values), str(account.get("postal_code") or "")):
        if agency is not None:
            break
        communes = services.places.communes_of_postal_code(postal_code) if postal_code else []
        agency = services.agencies.for_commune(communes[0].code, services.places) if communes else None
    return agency


def name_of(steps: dict[str, dict[str, list[str]]], account: dict[str, Any]) -> str:
    """« Prénom NOM » from step 1 (the counsellors' lists' name), the account's e-mail address when
    step 1 has no name."""
    return request_name(steps.get(ADMINISTRATIVE, {}), str(account.get("email") or ""))


def refusal(pending: Registration | None, dossier: Dossier | None) -> str | None:
    """Why a new request cannot be sent now (None: it can)."""
    if pending is not None and pending.pending:
        return "pending"
    if dossier is not None and dossier.state == REGISTERED:
        return "registered"
    return None


def submit(ctx: Context, submission: Submission) -> Response:
    user_id = ctx.user_id or ""
    account = ctx.account() or {}
    records = ctx.services.records
    desk = RegistrationDesk(records)
    current, dossier = desk.current(user_id), dossier_of(records, user_id)
    why = refusal(current, dossier)
    if why == "pending" and current is not None and not Drafts(records, FLOW, user_id).load():
        # A click on the same page sent this request a moment ago and discarded the draft: the
        # same answer as that click's, not a refusal.
        return ctx.redirect(APPOINTMENT if current.state == SUBMITTED else BASE)
    if why is not None:
        page = ctx.page(f"{FLOW.base}/verification", "Votre demande ne peut pas être envoyée",
                        ((FLOW.title, FLOW.base),))
        return ctx.render("services/inscription/refused.html", page, status=409, why=why, current=current,
                          dossier=dossier)
    # The values as typed (what the step forms read again), not the cleaned data.
    steps = {slug: dict(entry.get("values", {}))
             for slug, entry in Drafts(records, FLOW, user_id).load().items() if slug in submission.data}
    agency = agency_of(ctx.services, steps, account)
    if agency is None:
        ctx.flash("Nous ne trouvons pas l'agence de votre commune : vérifiez la commune de votre adresse.",
                  "important")
        return ctx.redirect(f"{FLOW.base}/{ADMINISTRATIVE}")
    registration = desk.submit(user_id, steps, kind=AGAIN if dossier is not None else FIRST, agency_id=agency.id,
                               name=name_of(steps, account), email=str(account.get("email") or ""),
                               discard_draft=submission.discard_draft)
    if (registration.state == SUBMITTED and registration.kind == AGAIN
            and reregisters_without_interview(dossier, dt.datetime.now(PARIS).date())):
        dossier = open_dossier(records, registration, by=AUTOMATIC)
        validated = desk.get(user_id, registration.number) or registration
        confirm_registration(ctx.services, validated, dossier)
        compute_right(ctx.services, validated, dossier)  # the ARE right and its letter, once per request
        ctx.flash("Votre réinscription est enregistrée : moins de 6 mois après la fin de votre précédente "
                  "inscription, elle est validée sans rendez-vous.")
        return ctx.redirect(BASE)
    if registration.state != SUBMITTED:  # a replay of a request already booked or validated
        return ctx.redirect(BASE)
    ctx.flash("Votre demande d'inscription est envoyée. Choisissez maintenant la date et l'heure de votre "
              "rendez-vous d'inscription.")
    return ctx.redirect(APPOINTMENT)
