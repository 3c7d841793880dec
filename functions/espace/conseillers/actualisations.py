"""Counsellors: the agency's missed actualisations (GET /conseiller/actualisations).

The actualisation's job (espace.dossier.actualisation.jobs) writes, with each missed month, an entry
``AGENCY#{aid}`` / ``MISSED#{month}#{uid}`` {name, identifier, reference, ended_on}: the list reads
the counsellor's own agency's, newest month first, twenty a page — never another agency's.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.conseillers.common import SPACE, TRAIL, agency_of, me
from espace.dossier.actualisation.common import MISSED_LABEL, MISSED_PREFIX
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import month_label
from espace.web.paging import cursor_page, linker

router = AreaRouter(roles={"conseiller"})
URL = f"{SPACE}/actualisations"
PER_PAGE = 20


@router.get(URL)
def missed(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    items, pagination = cursor_page(ctx.services.records, f"AGENCY#{who.agency_id}", MISSED_PREFIX, limit=PER_PAGE,
                                    raw_trail=ctx.request.query("suite"), raw_page=ctx.request.query("page"),
                                    link=linker(URL, {}), descending=True)
    title = "Actualisations manquées" + (f" ({pagination.title_detail})" if pagination.title_detail else "")
    return ctx.render("services/conseillers/actualisations.html", ctx.page(URL, title, TRAIL), entries=items,
                      pagination=pagination, agency=agency, month_label=month_label, missed_label=MISSED_LABEL)
