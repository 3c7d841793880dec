"""What the right says, in sentences (« Mes allocations » and the letters), and its letter: the
« Notification de droits » (a right opened) or the « Notification de rejet » (no right, with the
reason), once per request, in « Mes courriers »."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from espace import clock
from espace.allocation import engine, explain
from espace.allocation.figures import Figures
from espace.dossier.records import OPEN, Right
from espace.text import euros, french_date, plural

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.dossier.model import Dossier
    from espace.inscription.model import Registration

NOTIFICATION, REJECTION = "notification-droits", "notification-rejet"
TITLES = {NOTIFICATION: "Notification de droits à l'allocation d'aide au retour à l'emploi",
          REJECTION: "Notification de rejet de votre demande d'allocation"}
NOT_COMPUTED = [
    "les différés d'indemnisation, qui repoussent le début des droits quand vous avez reçu une indemnité "
    "compensatrice de congés payés ou des indemnités de rupture au-delà du minimum légal ;",
    "le délai de 12 mois pour s'inscrire après la fin du contrat ;",
    "les jours non travaillés de la période de référence (maladie, congé parental…) que les règles retirent du "
    "nombre de jours du salaire journalier de référence ;",
    "le taux réduit de CSG (3,8 %) ou son exonération selon votre revenu fiscal de référence.",
]


def day(text: str) -> str:
    return french_date(dt.date.fromisoformat(text)) if text else ""


def estimate_of(figures: Figures, right: Right) -> engine.Allocation | None:
    """The engine's figures again, from what the right was computed from (its steps told)."""
    basis = right.basis
    if right.state == "rejete" or not basis.get("days"):
        return None
    return engine.allocation(figures, int(basis["total"]), int(basis["days"]), int(basis["age"]))


def basis_steps(figures: Figures, right: Right) -> list[str]:
    """The reference period and the contracts counted, then the engine's own steps."""
    basis = right.basis
    if not basis.get("reference_start"):
        return []
    steps = [f"Période de référence : les {basis['reference_months']} mois avant la fin de votre dernier "
             f"contrat, du {day(basis['reference_start'])} au {day(basis['reference_end'])}."]
    for job in basis.get("jobs", []):
        part = "" if job["whole"] else " (la part de ce contrat dans la période de référence)"
        steps.append(f"{job['employer']} : du {day(job['start'])} au {day(job['end'])}, {euros(int(job['gross']))} "
                     f"de salaire brut{part}.")
    steps.append(f"Jours travaillés (du lundi au vendredi) : {basis['worked_days']} ; heures : "
                 f"{int(basis['hours']) // 100} ; il faut au moins {figures.minimum_affiliation} jours ou "
                 "910 heures.")
    estimate = estimate_of(figures, right)
    if estimate is not None:
        steps.append(f"Du premier jour travaillé de la période, le {day(basis['first_day'])}, à la fin du dernier "
                     f"contrat : {explain.days(int(basis['days']))}.")
        steps.extend(explain.estimate_steps(figures, estimate))
    return steps


def start_step(right: Right) -> str:
    basis = right.basis
    waiting = int(basis.get("waiting_days") or 0)
    after = (f"après le délai d'attente de {plural(waiting, 'jour')} qui suit" if waiting else
             "sans délai d'attente, déjà appliqué à un droit des 12 derniers mois, à partir de")
    return (f"Début de l'indemnisation : le {day(right.start)}, {after} votre inscription du "
            f"{day(str(basis.get('registered_on') or ''))} (ou la fin de votre dernier contrat, si elle est "
            "plus tardive).")


def end_estimate(right: Right) -> dt.date | None:
    """The right's last day if every day left is paid from today or its start: days left plus
    the days carried over by declared pay."""
    if right.state != OPEN or not right.start:
        return None
    start = max(dt.date.fromisoformat(right.start), clock.today())
    return start + dt.timedelta(days=right.days_left - 1) if right.days_left else None


def deliver_right_letter(services: Services, registration: Registration, dossier: Dossier, right: Right) -> None:
    from espace.dossier.letters import deliver_letter
    from espace.dossier.rights import figures_in

    figures, _rates = figures_in(str(services.settings.data_dir))
    kind = NOTIFICATION if right.state == OPEN else REJECTION
    context: dict[str, Any] = {
        "name": registration.name, "email": registration.email, "identifier": dossier.identifier,
        "written_on": french_date(clock.today()), "right": right, "euros": euros,
        "start": day(right.start), "duration": explain.days(right.duration),
        "months": explain.months(right.duration, figures.days_per_month) if right.duration else "",
        "steps": basis_steps(figures, right), "start_step": start_step(right) if right.state == OPEN else "",
        "not_computed": NOT_COMPUTED, "reason": right.reason, "agency": services.agencies.get(dossier.agency_id),
    }
    deliver_letter(services, registration.user_id, kind, TITLES[kind], context, about=registration.reference)
