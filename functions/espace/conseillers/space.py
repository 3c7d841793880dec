"""Counsellors: the counsellor's space, GET /conseiller (helper E completes it)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.conseillers.model import counsellor
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import ForbiddenError

router = AreaRouter(roles={"conseiller"})


@router.get("/conseiller")
def space(ctx: Context) -> Response:
    me = counsellor(ctx.services.records, ctx.user_id or "")
    if me is None:
        raise ForbiddenError("Ce compte de conseiller n'est rattaché à aucune agence.")
    agency = ctx.services.agencies.get(me.agency_id)
    return ctx.render("services/conseillers/space.html", ctx.page("/conseiller", "Mon espace conseiller"),
                      counsellor=me, agency=agency)
