"""The receipt of a declaration (« accusé de réception »): one letter of « Mes courriers » per
version of a month's declaration (``deliver_letter`` with ``about`` = « 2026-11-v2 »), made once
whatever the retries, and the same answers told on the confirmation page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from espace.dossier.actualisation.calendar import calendar_of
from espace.dossier.letters import RECEIPT, Letter, deliver_letter
from espace.dossier.opening import dossier_of
from espace.dossier.records import EVENT_LABELS, Declaration
from espace.inscription.service import RegistrationDesk
from espace.text import PARIS, decimal_label, french_date

if TYPE_CHECKING:
    from espace.bootstrap import Services


def reference(declaration: Declaration) -> str:
    """« 2026-11-v2 »: the month and the version (the letter's ``about``, the receipt's URL)."""
    return f"{declaration.month}-v{declaration.version}"


def euros(cents: int) -> str:
    return f"{decimal_label(cents)}\u00a0€"  # no-break: a line never splits an amount from its unit


def answers(declaration: Declaration) -> list[str]:
    """Each answer as one French sentence, in the order of the form."""
    lines = ["Vous êtes toujours à la recherche d'un emploi." if declaration.still_looking
             else "Vous n'êtes plus à la recherche d'un emploi."]
    if not declaration.work:
        lines.append("Vous n'avez pas travaillé pendant le mois.")
    for job in declaration.work:
        hours = f"{job.hours} heure" + ("s" if job.hours > 1 else "")
        lines.append(f"Travail chez {job.employer} : {hours}, {euros(job.gross)} brut.")
    if len(declaration.work) > 1:
        lines.append(f"Total du mois : {declaration.hours} heures, {euros(declaration.gross)} brut.")
    if not declaration.events:
        lines.append("Aucun autre événement pendant le mois.")
    for event in declaration.events:
        when = (f"du {french_date(event.start)} au {french_date(event.end)}" if event.end
                else f"depuis le {french_date(event.start)}")
        detail = f" ({event.detail})" if event.detail else ""
        lines.append(f"{EVENT_LABELS.get(event.kind, event.kind)} {when}{detail}.")
    return lines


def title_of(declaration: Declaration) -> str:
    label = calendar_of_label(declaration.month)
    again = f", version {declaration.version}" if declaration.version > 1 else ""
    return f"Accusé de réception de votre actualisation de {label}{again}"


def calendar_of_label(month: str) -> str:
    from espace.web.forms import month_label

    return month_label(month)


def context(services: Services, declaration: Declaration) -> dict[str, Any]:
    dossier = dossier_of(services.records, declaration.user_id)
    registration = (RegistrationDesk(services.records).get(declaration.user_id, dossier.registration)
                    if dossier else None)
    agency = services.agencies.get(dossier.agency_id) if dossier else None
    submitted = dt.datetime.fromtimestamp(declaration.submitted_at, PARIS)
    window = calendar_of(services).of_month(declaration.month)
    next_step = what_follows(declaration, window.closes)
    return {"name": registration.name if registration else "", "identifier": dossier.identifier if dossier else "",
            "agency": agency, "written_on": french_date(submitted.date()), "month_label": calendar_of_label(
                declaration.month), "submitted_on": french_date(submitted.date()),
            "submitted_time": submitted.strftime("%H h %M"), "version": declaration.version,
            "reference": reference(declaration), "answers": answers(declaration), "next_step": next_step,
            "closes_on": french_date(window.closes)}


def what_follows(declaration: Declaration, closes: dt.date) -> str:
    if declaration.still_looking:
        return ("Votre inscription comme demandeur d'emploi continue. Si vous avez droit à une allocation, elle sera "
                "calculée d'après cette déclaration.")
    return ("Vous avez indiqué ne plus rechercher d'emploi : votre inscription prendra fin le lendemain de la "
            f"clôture de l'actualisation, le {french_date(closes + dt.timedelta(days=1))}, sauf si vous corrigez "
            "cette déclaration d'ici là. Vous pourrez vous réinscrire à tout moment.")


def deliver_receipt(services: Services, declaration: Declaration) -> Letter:
    """The version's receipt in « Mes courriers »: made by the first call, found by the others."""
    letter, _made = deliver_letter(services, declaration.user_id, RECEIPT, title_of(declaration),
                                   context(services, declaration), about=reference(declaration))
    return letter
