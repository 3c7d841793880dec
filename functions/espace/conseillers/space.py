"""Counsellors: the counsellor's space (GET /conseiller): the agency, today's appointments, the
requests waiting; and the counsellor's password.

A counsellor's account has no secret question, so the public password reset sends it nothing
(espace.accounts.service.request_reset): the password is changed here, signed in, or set again by
the administrator's command.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.accounts.forms import PasswordChangeForm
from espace.accounts.routes import accounts
from espace.agences.agenda import AgencyAgenda
from espace.conseillers.common import SPACE, TRAIL, agency_of, local_time, me, today
from espace.conseillers.requests import agency_requests
from espace.inscription.model import BOOKED, SUBMITTED
from espace.text import french_date, plural
from espace.web.auth import AreaRouter
from espace.web.context import Context

router = AreaRouter(roles={"conseiller"})


@router.get(SPACE)
def space(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    day = today()
    booked = [slot for slot in AgencyAgenda(ctx.services.records, who.agency_id).day(day) if slot.booked]
    grouped = agency_requests(ctx, who.agency_id)
    return ctx.render("services/conseillers/space.html", ctx.page(SPACE, "Mon espace conseiller"), counsellor=who,
                      agency=agency, today=day, slots=booked, waiting=len(grouped[SUBMITTED]),
                      booked_requests=len(grouped[BOOKED]), local_time=local_time, french_date=french_date,
                      plural=plural)


@router.route(f"{SPACE}/mot-de-passe", ["GET", "POST"])
def change_password(ctx: Context) -> Response:
    """As the candidate's and the recruiter's: the current password, then a new one; every other
    session of the account ends, this one goes on under the new credential version."""
    me(ctx)
    service, user_id = accounts(ctx), ctx.user_id or ""
    form = ctx.bind(PasswordChangeForm)
    form.identifier_for_password = (ctx.account() or {}).get("email", "")
    page = ctx.page(f"{SPACE}/mot-de-passe", "Changer mon mot de passe", TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/conseillers/password.html", page, form=form)
    if not service.check_password(user_id, form.actuel.data):
        form.add_error("actuel", "Le mot de passe actuel est incorrect.")
        return ctx.render("services/conseillers/password.html", page, form=form)
    version = service.change_password(user_id, form.mot_de_passe.data)
    ctx.sign_in(user_id, version or 0)  # a new session id; every other session has ended
    ctx.flash("Votre mot de passe est modifié. Vos autres sessions ont été fermées.")
    return ctx.redirect(SPACE)
