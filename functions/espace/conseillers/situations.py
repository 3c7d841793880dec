"""The changes of situation of the agency's candidates (/conseiller/changements-de-situation): the
list, newest first, from the agency's copies (``espace.dossier.situation``), and each change's
page. Reading a change puts an audit entry in the candidate's log (once a day per counsellor and
change, as the requests' consultation); another agency's change answers 404, as one that never was,
and so does a change of a candidate whose dossier moved to another agency since
(``espace.dossier.moving``): the agency they left no longer reads it.
"""

from __future__ import annotations

from contextlib import suppress

from aws_lambda_powertools.event_handler import Response

from espace.conseillers import audit
from espace.conseillers.common import SPACE, TRAIL, me, once, today
from espace.dossier import situation
from espace.dossier.opening import dossier_of
from espace.inscription.model import parse_reference
from espace.ports import ConditionFailedError
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"conseiller"})
BASE = f"{SPACE}/changements-de-situation"
TITLE = "Changements de situation"
LIST_TRAIL = (*TRAIL, (TITLE, BASE))


@router.get(BASE)
def listing(ctx: Context) -> Response:
    who = me(ctx)
    found = situation.agency_changes(ctx.services.records, who.agency_id)
    return ctx.render("services/conseillers/situations.html", ctx.page(BASE, TITLE, TRAIL), changes=found)


@router.get(f"{BASE}/<reference>")
def show(ctx: Context, reference: str) -> Response:
    """``reference`` is « {uid}-{key} »: the candidate and the change's key."""
    who = me(ctx)
    user_id, _, key = (reference or "").partition("-")
    change = situation.get(ctx.services.records, user_id, key) if parse_reference(f"{user_id}-1") and key else None
    dossier = dossier_of(ctx.services.records, user_id) if change is not None else None
    if change is None or change.agency_id != who.agency_id or dossier is None or dossier.agency_id != who.agency_id:
        raise NotFoundError("Ce changement de situation n'existe pas, ou ne concerne pas votre agence.")
    marker = once(user_id, f"situation#{key}#{who.user_id}#{today().isoformat()}")
    with suppress(ConditionFailedError):  # already read today: logged once
        ctx.services.records.transact([marker, audit.entry(who, user_id, "situation-consultee", about=key)])
    page = ctx.page(f"{BASE}/{reference}", change.title, LIST_TRAIL)
    item = ctx.services.records.query(f"AGENCY#{who.agency_id}", f"{situation.PREFIX}{change.at:010d}#{user_id}#")
    name = item[0].get("name", "") if item else ""
    return ctx.render("services/conseillers/situation.html", page, change=change, name=name)
