"""Counsellors: the end of the registration interview — validating a request, and later ending
the registration it opened (« cessation »).

Validation goes through ``espace.dossier.opening.open_dossier`` with the audit entry in its
transaction: a request is validated once whatever the clicks (the second finds it validated,
and a marker keyed by the request stops two clicks racing each other). Ending a registration
closes the dossier's open period, so a re-registration within six months is processed without
an interview (``espace.dossier.model.reregisters_without_interview``).
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

from aws_lambda_powertools.event_handler import Response

from espace.conseillers import audit
from espace.conseillers.common import (
    KEY,
    REQUESTS,
    form_key,
    me,
    new_key,
    once,
    request_or_404,
    request_trail,
    request_url,
    today,
)
from espace.conseillers.forms import ENDING_REASONS, CessationForm
from espace.dossier.letters import confirm_registration
from espace.dossier.model import REGISTERED, REREGISTRATION_MONTHS, Dossier, months_later
from espace.dossier.opening import dossier_of, open_dossier
from espace.dossier.records import registered_index
from espace.dossier.rights import compute_right
from espace.inscription.model import KIND_LABELS, Registration
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Delete, Put
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context

router = AreaRouter(roles={"conseiller"})


@router.route(f"{REQUESTS}/<demande>/validation", ["GET", "POST"])
def validation(ctx: Context, demande: str) -> Response:
    who = me(ctx)
    registration = request_or_404(ctx, who, demande)
    if not registration.pending:
        dossier = dossier_of(ctx.services.records, registration.user_id) if ctx.submitted else None
        if dossier is not None:  # a retry: the letter's mail may not have left the first time
            confirm_registration(ctx.services, registration, dossier)
            compute_right(ctx.services, registration, dossier)
        ctx.flash("Cette demande est déjà validée : elle ne l'a pas été une seconde fois." if ctx.submitted
                  else "Cette demande est déjà validée.", "important")
        return ctx.redirect(request_url(registration))
    if not ctx.submitted:
        from espace.conseillers.requests import appointment_label

        page = ctx.page(f"{request_url(registration)}/validation", f"Valider la demande de {registration.name}",
                        request_trail(registration))
        return ctx.render("services/conseillers/validation.html", page, registration=registration,
                          kinds=KIND_LABELS, url=request_url(registration),
                          appointment_label=appointment_label(registration),
                          has_dossier=dossier_of(ctx.services.records, registration.user_id) is not None)
    dossier = open_dossier(ctx.services.records, registration, by=who.user_id, also=[
        once(registration.user_id, f"validation#{registration.number:03d}"),
        audit.entry(who, registration.user_id, "demande-validee", about=registration.reference)])
    # The letter « Confirmation d'inscription » and its mail: keyed by the request, so two clicks
    # (or a retry after a mail that could not leave) make one letter and one mail.
    validated = RegistrationDesk(ctx.services.records).get(registration.user_id, registration.number) or registration
    confirm_registration(ctx.services, validated, dossier)
    compute_right(ctx.services, validated, dossier)  # the ARE right and its letter, once per request
    ctx.flash(f"La demande de {registration.name} est validée. Son identifiant : {dossier.identifier}.")
    return ctx.redirect(request_url(registration))


def _open_dossier_of(ctx: Context, registration: Registration) -> Dossier | None:
    """The candidate's dossier when this request opened its current, still open, period."""
    dossier = dossier_of(ctx.services.records, registration.user_id)
    if dossier is None or dossier.state != REGISTERED or dossier.registration != registration.number:
        return None
    return dossier


@router.route(f"{REQUESTS}/<demande>/cessation", ["GET", "POST"])
def cessation(ctx: Context, demande: str) -> Response:
    who = me(ctx)
    registration = request_or_404(ctx, who, demande)
    url = f"{request_url(registration)}/cessation"
    trail = request_trail(registration)
    dossier = _open_dossier_of(ctx, registration)
    if dossier is None:
        key = ctx.form_data().get("cle") if ctx.submitted else None
        done = key and KEY.fullmatch(key) and ctx.services.records.get(f"USER#{registration.user_id}",
                                                                        f"ONCE#conseiller#cessation#{key}")
        if done:
            ctx.flash("Cette inscription a déjà pris fin : rien n'a été refait.", "important")
            return ctx.redirect(request_url(registration))
        page = ctx.page(url, "Aucune inscription en cours", trail)
        return ctx.render("services/conseillers/cessation_none.html", page, status=409, registration=registration,
                          url=request_url(registration))
    started = dt.date.fromisoformat(str(dossier.periods[-1]["start"]))
    form = ctx.bind(CessationForm, cle=new_key())
    form.date_fin.earliest, form.date_fin.latest = started, today()
    page = ctx.page(url, f"Mettre fin à l'inscription de {registration.name}", trail)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/conseillers/cessation.html", page, form=form, registration=registration,
                          dossier=dossier, started=started, french_date=french_date, url=request_url(registration))
    ended: dt.date = form.date_fin.data
    reason = str(form.motif.data)
    dossier.periods = [*dossier.periods[:-1], {**dossier.periods[-1], "end": ended.isoformat()}]
    dossier.end_reason = reason
    detail = {"date": ended.isoformat(), "motif": reason, "libelle": ENDING_REASONS[reason],
              "precision": form.precision.data or ""}
    with suppress(ConditionFailedError):  # the same form sent twice: the first one ended it
        ctx.services.records.transact([
            Put(dossier.item()), Delete(*registered_index(registration.user_id)),
            once(registration.user_id, f"cessation#{form_key(form.cle.data)}"),
            audit.entry(who, registration.user_id, "inscription-terminee", about=registration.reference,
                        detail=detail)])
    again = months_later(ended, REREGISTRATION_MONTHS)
    ctx.flash(f"L'inscription de {registration.name} prend fin le {french_date(ended)} "
              f"({ENDING_REASONS[reason].lower()}). Une réinscription avant le {french_date(again)} se fera sans "
              "rendez-vous.")
    return ctx.redirect(request_url(registration))
