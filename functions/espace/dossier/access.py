"""What the pages of the dossier share: the candidate's dossier, or a page saying there is none.

A candidate whose registration was never validated has no dossier (``USER#{uid}`` / ``DDE``):
the agenda, the changes of situation, the consents and the itinerary then answer a page that says
why and leads to the registration, rather than empty lists.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.dossier.model import Dossier
from espace.ports import RecordStore
from espace.web.context import Context

SPACE = ("Mon espace", "/mon-espace")
DOSSIER = ("Mon dossier", "/mon-dossier")
TRAIL = (SPACE, DOSSIER)


def dossier_of(records: RecordStore, user_id: str) -> Dossier | None:
    item = records.get(f"USER#{user_id}", "DDE")
    return Dossier.of(item) if item is not None else None


def no_dossier(ctx: Context, url: str, title: str, what: str) -> Response:
    """The page of a candidate without a dossier: ``what`` is the service they came for."""
    page = ctx.page(url, title, (SPACE,))
    return ctx.render("services/dossier/no_dossier.html", page, what=what,
                      status=409 if ctx.submitted else 200)
