"""The applications' e-mails to candidates, in plain French text (copied to « Mes messages »)."""

from __future__ import annotations

from espace.candidatures.model import ACCEPTED, INTERVIEW, OFFER_CLOSED, OFFER_FILLED, REFUSED, REVIEWING, Application
from espace.ports import Message

SIGNATURE = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"

NEWS = {
    REVIEWING: "Le recruteur examine votre candidature.",
    INTERVIEW: "Le recruteur a retenu votre candidature pour un entretien. Il vous contactera pour en "
               "fixer la date.",
    ACCEPTED: "Le recruteur a accepté votre candidature. Félicitations !",
    REFUSED: "Le recruteur n'a pas retenu votre candidature.",
    OFFER_FILLED: "L'offre a été pourvue : le recruteur a clos le recrutement.",
    OFFER_CLOSED: "L'offre a été retirée : elle ne reçoit plus de candidatures.",
}


def state_changed(to: str, application: Application, site_url: str) -> Message:
    last = application.history[-1].for_candidate() if application.history else None
    reason = f"\nMotif indiqué par le recruteur : {last.reason}\n" if last and last.reason else ""
    body = f"""Bonjour,

Votre candidature à l'offre « {application.offer_title} » ({application.company or 'offre n° ' + application.offer_id})
a changé d'état : {application.label}.

{NEWS.get(application.state, '')}
{reason}
Pour suivre vos candidatures : {site_url.rstrip('/')}/mon-espace/candidatures/{application.offer_id}
"""
    return Message(to=to, subject=f"Votre candidature : {application.label} – Espace candidat",
                   text=body.strip() + SIGNATURE)
