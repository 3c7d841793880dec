"""The monthly follow-up in a candidate's dossier as the counsellor reads it: the declarations and
the missed actualisations, the right and its payments, the changes of situation (issue 13, §7).

Sections of espace.conseillers.sections, read from the candidate's own records: a few small
items each, the latest first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from espace.conseillers.sections import Candidate, section
from espace.dossier import situation
from espace.dossier.actualisation.common import MISSED_PREFIX
from espace.dossier.records import (
    DECLARATION_PREFIX,
    PAYMENT_PREFIX,
    RIGHT_KEY,
    RIGHT_STATES,
    Declaration,
    Payment,
    Right,
)
from espace.text import PARIS, euros, french_date
from espace.web.context import Context
from espace.web.forms import month_label

TEMPLATES = "services/dossier/conseiller"
SHOWN = 12  # months of declarations and of payments shown
SITUATIONS = "/conseiller/changements-de-situation"


def _day(epoch: int) -> str:
    return french_date(dt.datetime.fromtimestamp(epoch, PARIS).date())


@section("actualisations", "Actualisations", order=50, template=f"{TEMPLATES}/actualisations.html")
def declarations(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    records, pk = ctx.services.records, f"USER#{candidate.user_id}"
    rows = [{"month": month_label(d.month), "sent": _day(d.submitted_at), "version": d.version,
             "looking": d.still_looking, "employers": len(d.work), "hours": d.hours, "gross": euros(d.gross)}
            for d in (Declaration.of(item) for item in records.query(pk, DECLARATION_PREFIX, descending=True,
                                                                     limit=SHOWN))]
    missed = [month_label(str(item["sk"]).removeprefix(MISSED_PREFIX))
              for item in records.query(pk, MISSED_PREFIX, descending=True, limit=SHOWN)]
    return {"rows": rows, "missed": missed}


@section("allocations", "Allocations et paiements", order=60, template=f"{TEMPLATES}/allocations.html")
def allowances(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    records, pk = ctx.services.records, f"USER#{candidate.user_id}"
    item = records.get(pk, RIGHT_KEY)
    right = Right.of(item) if item else None
    payments = [Payment.of(found) for found in records.query(pk, PAYMENT_PREFIX, descending=True, limit=SHOWN)]
    return {
        "right": right and {"state": RIGHT_STATES.get(right.state, right.state), "reason": right.reason,
                            "daily": euros(right.daily),
                            "start": french_date(dt.date.fromisoformat(right.start)) if right.start else "",
                            "duration": right.duration, "left": right.days_left},
        "payments": [{"month": month_label(p.month), "days": p.days, "gross": euros(p.gross), "net": euros(p.net),
                      "paid_on": french_date(dt.date.fromisoformat(p.paid_on))} for p in payments],
    }


@section("situation", "Changements de situation", order=70, template=f"{TEMPLATES}/situation.html")
def changes(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    found = situation.changes_of(ctx.services.records, candidate.user_id)
    agency = candidate.counsellor.agency_id
    return {"changes": [{"title": change.title, "effective": french_date(dt.date.fromisoformat(change.effective)),
                         "told": _day(change.at),
                         # The change's page is the agency's that received it (another's answers 404).
                         "link": f"{SITUATIONS}/{candidate.user_id}-{change.key}" if change.agency_id == agency else ""}
                        for change in found]}
