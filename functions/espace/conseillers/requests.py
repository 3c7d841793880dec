"""Counsellors: the agency's registration requests, a request's page, and correcting a step with
the candidate during the interview.

A correction uses the step's own form (``espace.inscription.flow.FLOW``: whatever form and
template the step has), bound to the request's values as the candidate typed them; a valid
form rewrites ``steps[slug]`` and appends to ``corrected`` with the audit entry, in one
transaction, once per form shown (its key). Invalid, nothing is written and the form comes back
as typed with its errors, as on the candidate's side.
"""

from __future__ import annotations

import time
from contextlib import suppress
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.conseillers import audit
from espace.conseillers.common import (
    REQUESTS,
    REQUESTS_TRAIL,
    TRAIL,
    agency_of,
    form_key,
    me,
    new_key,
    once,
    request_or_404,
    request_trail,
    request_url,
    today,
)
from espace.conseillers.model import counsellor
from espace.dossier.model import REGISTERED
from espace.dossier.model import STATE_LABELS as DOSSIER_STATES
from espace.dossier.opening import AUTOMATIC, dossier_of
from espace.inscription.flow import ADMINISTRATIVE, FLOW
from espace.inscription.forms_administrative import request_name
from espace.inscription.model import BOOKED, KIND_LABELS, STATE_LABELS, SUBMITTED, VALIDATED, Registration
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Item
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.groups import group_change
from espace.web.request import FormData
from espace.web.steps import Step, stored_values, summary_rows

router = AreaRouter(roles={"conseiller"})
LIST_BOUND = 500  # the newest requests' copies read for the list: a year of a busy agency
VALIDATED_SHOWN = 50  # the validated ones are history: the newest only
GROUPS = ((SUBMITTED, "Rendez-vous à choisir", "Envoyées, sans rendez-vous : l'agence peut appeler le candidat."),
          (BOOKED, "Rendez-vous pris", "L'entretien d'inscription est prévu."),
          (VALIDATED, "Validées", f"Les {VALIDATED_SHOWN} plus récentes."))


def reference_of(copy: Item) -> str:
    return f"{copy['user_id']}-{int(copy['number']):03d}"


def agency_requests(ctx: Context, agency_id: str) -> dict[str, list[Item]]:
    """The agency's newest request copies (``LIST_BOUND``), by state, newest first."""
    copies = ctx.services.records.query(f"AGENCY#{agency_id}", "REQUEST#", limit=LIST_BOUND, descending=True)
    grouped: dict[str, list[Item]] = {state: [] for state, _, _ in GROUPS}
    for copy in copies:
        grouped.setdefault(str(copy.get("state")), []).append({**copy, "reference": reference_of(copy)})
    grouped[VALIDATED] = grouped[VALIDATED][:VALIDATED_SHOWN]
    return grouped


@router.get(REQUESTS)
def listing(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    grouped = agency_requests(ctx, who.agency_id)
    page = ctx.page(REQUESTS, "Demandes d'inscription", TRAIL)
    return ctx.render("services/conseillers/requests.html", page, agency=agency, groups=GROUPS, grouped=grouped,
                      kinds=KIND_LABELS, bound=LIST_BOUND, french_date=french_date)


def _step_rows(registration: Registration, editable: bool) -> list[dict[str, Any]]:
    """The request's answers, step by step; « Modifier » leads to the counsellor's correction."""
    rows = summary_rows(FLOW, {slug: {"values": values} for slug, values in registration.steps.items()})
    base = request_url(registration)
    for row in rows:
        if editable:
            row["change_url"] = base + row["change_url"].removeprefix(FLOW.base)
        else:
            row.pop("change_url", None)
    return rows


def _consulted(ctx: Context, registration: Registration) -> None:
    """The audit entry of opening the request: once per counsellor and day."""
    who = me(ctx)
    marker = once(registration.user_id, f"consultation#{registration.number:03d}#{who.user_id}#{today().isoformat()}")
    with suppress(ConditionFailedError):  # already written today
        ctx.services.records.transact([marker, audit.entry(who, registration.user_id, "demande-consultee",
                                                           about=registration.reference)])


def validator_label(ctx: Context, registration: Registration) -> str:
    if not registration.validated_by:
        return ""
    if registration.validated_by == AUTOMATIC:
        return "automatiquement (réinscription moins de six mois après la précédente inscription)"
    found = counsellor(ctx.services.records, registration.validated_by)
    return f"par {found.name}" if found else "par un conseiller"


@router.get(f"{REQUESTS}/<demande>")
def request_page(ctx: Context, demande: str) -> Response:
    who = me(ctx)
    registration = request_or_404(ctx, who, demande)
    _consulted(ctx, registration)
    dossier = dossier_of(ctx.services.records, registration.user_id)
    can_end = (registration.state == VALIDATED and dossier is not None and dossier.state == REGISTERED
               and dossier.registration == registration.number)
    page = ctx.page(request_url(registration), f"Demande de {registration.name}", REQUESTS_TRAIL)
    return ctx.render("services/conseillers/request.html", page, registration=registration,
                      rows=_step_rows(registration, registration.pending), flow=FLOW, kinds=KIND_LABELS,
                      states=STATE_LABELS, dossier=dossier, dossier_states=DOSSIER_STATES, can_end=can_end,
                      validator=validator_label(ctx, registration), french_date=french_date,
                      step_titles={step.slug: step.title for step in FLOW.steps}, url=request_url(registration),
                      appointment_label=appointment_label(registration))


def appointment_label(registration: Registration) -> str:
    from espace.agences.agenda import Slot

    appointment = registration.appointment or {}
    if not appointment.get("start"):
        return ""
    return Slot(str(appointment.get("agency_id", registration.agency_id)), int(appointment["start"]),
                int(appointment.get("length", 0))).label()


def _closed_page(ctx: Context, registration: Registration, what: str) -> Response:
    page = ctx.page(f"{request_url(registration)}/{what}", "Cette demande est validée", request_trail(registration))
    return ctx.render("services/conseillers/request_closed.html", page, status=409, registration=registration,
                      url=request_url(registration))


@router.route(f"{REQUESTS}/<demande>/<etape>", ["GET", "POST"])
def correct(ctx: Context, demande: str, etape: str) -> Response:
    who = me(ctx)
    registration = request_or_404(ctx, who, demande)
    number, step = FLOW.step(etape)  # 404 for a made-up step
    if not registration.pending:
        return _closed_page(ctx, registration, step.slug)
    url = f"{request_url(registration)}/{step.slug}"
    page = ctx.page(url, f"Corriger : {step.title}", request_trail(registration),
                    caption=f"Étape {number} sur {len(FLOW.steps)}")
    if not ctx.submitted:
        return _correction_page(ctx, page, registration, step, number, _bound(step, registration), new_key())
    key = form_key(ctx.form_data().get("cle"))
    form = ctx.bind(step.form)
    if (changed := _group_change(ctx, form)) is not None:
        return _correction_page(ctx, page, registration, step, number, changed, key)
    if not form.validate():
        return _correction_page(ctx, page, registration, step, number, form, key)
    registration.steps[step.slug] = stored_values(form, ctx.form_data())
    if step.slug == ADMINISTRATIVE:  # the name in the agency's lists follows a corrected état civil
        registration.name = request_name(registration.steps[step.slug], registration.email)
    now = int(time.time())
    registration.corrected = [*registration.corrected, {"step": step.slug, "by": who.user_id, "name": who.name,
                                                        "at": now}]
    desk = RegistrationDesk(ctx.services.records)
    sent_once = once(registration.user_id, f"correction#{key}")
    try:
        ctx.services.records.transact([
            *desk.changes(registration), sent_once,
            audit.entry(who, registration.user_id, "demande-corrigee", about=registration.reference,
                        detail={"etape": step.slug, "titre": step.title})])
    except ConditionFailedError:
        if ctx.services.records.get(sent_once.item["pk"], sent_once.item["sk"]) is None:
            # Not this form sent twice: the request changed meanwhile (validated, or corrected in
            # another tab), and the correction was made on what it was before.
            ctx.flash(f"La demande a changé pendant votre correction : l'étape « {step.title} » n'est pas "
                      "corrigée. Vérifiez la demande telle qu'elle est maintenant, puis recommencez.", "important")
            return ctx.redirect(request_url(registration))
    ctx.flash(f"L'étape « {step.title} » de la demande est corrigée.")
    return ctx.redirect(f"{request_url(registration)}#etape-{step.slug}")


def _group_change(ctx: Context, form: Any) -> Any:
    """« Ajouter … » / « Supprimer … » of a step's repeatable group (``espace.web.groups``):
    the form again with one group more or less, as typed, and nothing written — the request
    changes only when the correction is saved. None for the correction's own button."""
    action = ctx.form_data().get("action") or ""
    if not action.startswith(("ajouter:", "supprimer:")):
        return None
    change = group_change(form, ctx.form_data(), stored_values(form, ctx.form_data()))
    if change is None:
        return None
    if change.notice:
        ctx.flash(change.notice, "important" if change.refused else "success")
    return _form_of(form.__class__, change.values)


def _form_of(form_class: Any, values: dict[str, list[str]]) -> Any:
    return form_class(FormData(fields={name: list(v) for name, v in values.items()}) if values else None)


def _bound(step: Step, registration: Registration) -> Any:
    return _form_of(step.form, registration.steps.get(step.slug) or {})


def _correction_page(ctx: Context, page: Any, registration: Registration, step: Step, number: int, form: Any,
                     key: str) -> Response:
    total = len(FLOW.steps)
    return ctx.render("services/conseillers/correction.html", page, form=form, flow=FLOW, step=step, number=number,
                      total=total, next_title="", back_url=request_url(registration),
                      action=f"{request_url(registration)}/{step.slug}", registration=registration, key=key,
                      has_groups=any(field.type == "GroupField" for field in form))
