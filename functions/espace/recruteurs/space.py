"""The recruiter's space (/recruteur, /recruteur/compte): their offers, inboxes and the CV bank at a glance."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.recruteurs.model import recruiter
from espace.web.auth import AreaRouter
from espace.web.context import Context

router = AreaRouter(roles={"recruteur"})


@router.get("/recruteur")
def space(ctx: Context) -> Response:
    me = recruiter(ctx.services.records, ctx.user_id or "")
    return ctx.render("services/recruteurs/space.html", ctx.page("/recruteur", "Mon espace recruteur"), recruiter=me)
