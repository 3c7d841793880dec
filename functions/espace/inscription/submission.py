"""Sending the request: the check page's POST (helper C completes it: the agency from the
address, the name, re-registration without an appointment)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.inscription.flow import BASE
from espace.inscription.model import FIRST
from espace.inscription.service import RegistrationDesk
from espace.web.context import Context
from espace.web.steps import Submission


def submit(ctx: Context, submission: Submission) -> Response:
    account = ctx.account()
    user_id = ctx.user_id or ""
    steps: dict[str, dict[str, list[str]]] = {slug: {} for slug in submission.data}
    email = str(account["email"]) if account else ""
    RegistrationDesk(ctx.services.records).submit(
        user_id, steps, kind=FIRST, agency_id="75", name=email, email=email, discard_draft=submission.discard_draft)
    ctx.flash("Votre demande d'inscription est envoyée.")
    return ctx.redirect(BASE)
