"""The tableau de bord of the dossier (GET /mon-dossier) and its panel on « Mon espace »: what
changed since the previous visit, the registration and its identifier, the actualisation window,
the last payment, the next appointment, the letters, and a link to every service of the dossier
(seed: « Le tableau de bord du DDE »). Without a dossier, the page says the dossier comes with a
validated registration."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.accounts.visits import record_visit
from espace.dossier.model import STATE_LABELS
from espace.dossier.opening import dossier_of
from espace.dossier.overview import letters_change, month_name, overview
from espace.text import clock_time, euros, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.panels import PanelView, panel

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier"
TITLE = "Mon dossier de demandeur d'emploi"
TRAIL = (("Mon espace", "/mon-espace"),)

# Every service of the dossier (seed: « Le dossier de demandeur d'emploi »), in the seed's order.
SERVICES = (
    ("M'actualiser", f"{BASE}/actualisation", "Déclarer votre situation chaque mois, du 28 au 15 du mois suivant."),
    ("Signaler un changement de situation", f"{BASE}/changement-de-situation",
     "Adresse, coordonnées bancaires, absence, reprise d'emploi, maladie, formation."),
    ("Mes attestations", f"{BASE}/attestations",
     "Attestations de paiement, fiscale, avis de situation… à télécharger ou à recevoir par courrier."),
    ("Mes allocations", f"{BASE}/allocations", "Votre droit et l'historique de vos paiements."),
    ("Mes courriers", f"{BASE}/courriers", "Les courriers de votre dossier, au format PDF."),
    ("Le consentement", f"{BASE}/consentements", "Ce que vous acceptez, et que vous pouvez retirer."),
    ("Mon agenda", f"{BASE}/agenda", "Vos rendez-vous et les dates importantes."),
    ("Mon outil de simulation", "/simulateur-allocation", "Estimer une allocation, simuler une reprise d'emploi."),
    ("Mon itinéraire professionnel", f"{BASE}/itineraire",
     "L'historique de vos inscriptions, rendez-vous, formations et périodes de travail."),
)


@router.get("/")
def dashboard(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    dossier = dossier_of(ctx.services.records, user_id)
    page = ctx.page(BASE, TITLE, TRAIL)
    if dossier is None:
        return ctx.render("services/dossier/dashboard.html", page, dossier=None, services=SERVICES)
    # The same visits as « Mon espace » (accounts.visits): both dashboards tell the same « since ».
    ctx.previous_visit = record_visit(ctx.services.records, user_id, int(clock.now().timestamp()))
    view = overview(ctx.services, dossier, clock.now(), ctx.previous_visit)
    return ctx.render("services/dossier/dashboard.html", page, dossier=dossier, view=view, services=SERVICES,
                      euros=euros, state_label=STATE_LABELS[dossier.state], month_name=month_name,
                      changes=view.changes + letters_change(view), previous_visit=ctx.previous_visit,
                      previous_visit_time=clock_time(ctx.previous_visit) if ctx.previous_visit else "",
                      start=french_date(dossier.periods[-1]["start"]) if dossier.periods else "")


@panel("dossier", TITLE, order=4)
def dossier_panel(ctx: Context) -> PanelView | None:
    dossier = dossier_of(ctx.services.records, ctx.user_id or "")
    if dossier is None:  # the service is there: it says when it opens (« Mon inscription » says how)
        return PanelView(lines=["Votre dossier s'ouvre quand votre inscription comme demandeur d'emploi est validée : "
                                "l'actualisation, vos allocations, vos attestations et votre agenda y seront."],
                         links=[("Voir mon dossier", BASE)])
    view = overview(ctx.services, dossier, clock.now(), ctx.previous_visit)
    lines = [f"{STATE_LABELS[dossier.state]} — identifiant {dossier.identifier}."]
    window = view.window
    if dossier.ended_on is None:
        if view.window_open and view.declared is None:
            lines.append(f"Actualisation de {month_name(window.month)} à faire avant le {french_date(window.closes)}.")
        elif view.window_open:
            lines.append(f"Vous êtes actualisé pour {month_name(window.month)}.")
        else:
            lines.append(f"Prochaine actualisation à partir du {french_date(window.opens)}.")
    links = [("Voir mon dossier", BASE), ("M'actualiser", f"{BASE}/actualisation"),
             ("Mes attestations", f"{BASE}/attestations")]
    # The new letters are « Mes courriers »'s panel's to tell on « Mon espace ».
    return PanelView(lines=lines, links=links, changes=view.changes)
