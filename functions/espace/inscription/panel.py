"""The « Mon inscription » panel of « Mon espace »: the request's state, the next appointment,
the identifier once registered (what the request's page says, in one or two lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.text import french_date
from espace.web.panels import PanelView, panel

if TYPE_CHECKING:
    from espace.web.context import Context

PAGE = "/mon-espace/inscription"


@panel("inscription", "Mon inscription", order=5)
def registration_panel(ctx: Context) -> PanelView:
    from espace.inscription.status import appointment_view, situation

    found = situation(ctx.services, ctx.user_id or "")
    state, current = found.state, found.current
    links = [("Voir ma demande d'inscription", PAGE)]
    if state == "none":
        lines = ["Vous n'êtes pas inscrit comme demandeur d'emploi."]
        links = [("Commencer ma demande d'inscription", "/mon-espace/inscription/demande"),
                 ("Ce qu'il faut savoir avant de commencer", "/inscription")]
    elif state == "draft" and found.draft is not None:
        lines = [f"Demande en brouillon : {found.draft.done} étape{'s' if found.draft.done > 1 else ''} sur "
                 f"{found.draft.total} terminée{'s' if found.draft.done > 1 else ''}, conservée jusqu'au "
                 f"{french_date(found.draft.deleted_on)}."]
        links = [("Reprendre ma demande", "/mon-espace/inscription/demande"), *links]
    elif state == "sent":
        lines = ["Demande envoyée : il vous reste à choisir votre rendez-vous d'inscription."]
        links = [("Choisir mon rendez-vous", "/mon-espace/inscription/rendez-vous"), *links]
    elif state == "booked" and current is not None:
        appointment = appointment_view(ctx.services, current)
        where = f" à l'agence {appointment['agency'].name}" if appointment and appointment["agency"] else ""
        lines = [f"Rendez-vous d'inscription le {appointment['when'] if appointment else ''}{where}."]
    elif state in ("validated", "registered") and found.dossier is not None:
        lines = [f"Vous êtes inscrit comme demandeur d'emploi. Votre identifiant : {found.dossier.identifier}."]
    else:  # ended
        lines = ["Votre inscription a pris fin : vous pouvez vous réinscrire."]
        links = [("Me réinscrire", "/mon-espace/inscription/demande"), *links]
    return PanelView(lines=lines, links=links)

