"""The newsletter's mails, in plain French text (readable by every mail client and screen reader)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from espace.ports import Message

SIGNATURE = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"
NAME = "Mode d'emploi"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


@dataclass(frozen=True)
class Article:
    title: str
    date: str  # ISO date, YYYY-MM-DD
    summary: str
    url: str  # absolute


def month_name(month: str) -> str:
    """« décembre 2026 » for "2026-12"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def date_fr(iso: str) -> str:
    year, month, day = iso[:10].split("-")
    return f"{int(day)}{'er' if day == '01' else ''} {MONTHS[int(month) - 1]} {year}"


def confirm_subscription(to: str, link: str) -> Message:
    return Message(to=to, subject=f"Confirmez votre abonnement à la lettre « {NAME} » – Espace candidat", text=f"""\
Bonjour,

Quelqu'un (peut-être vous) a demandé à recevoir « {NAME} », la lettre mensuelle
d'Espace candidat, à cette adresse. Pour confirmer votre abonnement, ouvrez le lien
ci-dessous dans les 7 jours, puis appuyez sur le bouton « Confirmer mon abonnement » :

{link}

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation,
vous ne recevrez rien.""" + SIGNATURE)


def digest(to: str, month: str, articles: Sequence[Article], site_url: str, unsubscribe: str) -> Message:
    """The monthly digest, with RFC 8058 one-click unsubscribe headers and the same link in the body."""
    items = "\n\n".join(f"{article.title}\n(publié le {date_fr(article.date)})\n{article.summary}\n{article.url}"
                        for article in articles)
    count = "l'actualité" if len(articles) == 1 else f"les {len(articles)} actualités"
    text = f"""\
Bonjour,

Voici « {NAME} » de {month_name(month)} : {count} d'Espace candidat à ne pas manquer.

{items}

Toutes les actualités : {site_url.rstrip('/')}/actualites/index.html

Vous recevez cette lettre parce que vous vous y êtes abonné. Pour vous désabonner en un clic :
{unsubscribe}""" + SIGNATURE
    return Message(to=to, subject=f"{NAME} – la lettre de {month_name(month)} – Espace candidat", text=text,
                   headers={"List-Unsubscribe": f"<{unsubscribe}>",
                            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
