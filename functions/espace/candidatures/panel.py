"""The « Mes candidatures » panel of « Mon espace »: how many are in progress, and what changed
since the previous visit (a recruiter's move, an offer filled or withdrawn)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.candidatures.model import CANDIDATE
from espace.candidatures.service import ApplicationDesk
from espace.text import plural
from espace.web.panels import PanelView, panel

if TYPE_CHECKING:
    from espace.web.context import Context


@panel("candidatures", "Mes candidatures", order=40)
def applications_panel(ctx: Context) -> PanelView:
    every = ApplicationDesk(ctx.services).of_candidate(ctx.user_id or "")
    current = [a for a in every if not a.in_archive]
    if every:
        lines = [f"{plural(len(current), 'candidature')} en cours, {plural(len(every) - len(current), 'archivée')}."]
    else:
        lines = ["Vous n'avez pas encore postulé : le bouton « Postuler » des offres ouvertes à la candidature en "
                 "ligne vous y mène."]
    since = ctx.previous_visit
    changes = [f"Votre candidature à l'offre « {a.offer_title} » : {a.label.lower()}."
               for a in every if since is not None and a.history and a.history[-1].actor != CANDIDATE
               and a.history[-1].at > since]
    return PanelView(lines=lines, links=[("Voir mes candidatures", "/mon-espace/candidatures"),
                                         ("Rechercher des offres", "/offres/recherche")], changes=changes)
