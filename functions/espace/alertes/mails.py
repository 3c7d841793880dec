"""The alert mails: the daily (or weekly) digest and the reminder before expiry.

Plain French text first, laid out for a screen reader as much as for the eye: one block per
saved search (its name, « 3 nouvelles offres »), one short block per offer (title, place,
contract, link), the links spelled out in full. The HTML part carries the same structure with
plain semantic elements (headings, lists, links) and no layout tables or images.
Digests carry ``List-Unsubscribe`` + ``List-Unsubscribe-Post`` (RFC 2369, RFC 8058), and
the same links in the body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from espace.contract_types import LABELS as CONTRACT_LABELS
from espace.offers.model import Offer
from espace.ports import Message

MAX_OFFERS_PER_SEARCH = 10
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
NBSP = "\u00a0"
STOP_ONE = "Arrêter l'alerte de cette recherche"
STOP_ALL = "Ne plus recevoir d'alertes à cette adresse"


@dataclass(frozen=True)
class SearchNews:
    """One saved search's part of a digest."""

    sid: str
    name: str
    offers: Sequence[Offer]  # the first MAX_OFFERS_PER_SEARCH, newest last as published
    total: int  # every new offer of the search (``offers`` may hold fewer)
    full_search_url: str  # the results page of the search, restricted to the window
    unsubscribe_url: str  # stops this search's alert only


def french_date(day: dt.date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def count_label(count: int) -> str:
    return "1 nouvelle offre" if count == 1 else f"{count} nouvelles offres"


def _offer_lines(offer: Offer, site_url: str) -> list[str]:
    contract = CONTRACT_LABELS.get(offer.contract_type, offer.contract_type)
    details = " – ".join(part for part in (offer.place_label, contract) if part)
    return [f"- {offer.title}", f"  {details}" if details else "", f"  {offer_url(site_url, offer.id)}"]


def offer_url(site_url: str, offer_id: str) -> str:
    return f"{site_url.rstrip('/')}/offres/{offer_id}"


def digest(*, to: str, day: dt.date, weekly: bool, searches: Sequence[SearchNews], site_url: str,
           unsubscribe_all_url: str, headers: dict[str, str]) -> Message:
    total = sum(search.total for search in searches)
    period = "cette semaine" if weekly else "depuis hier"
    subject = f"{count_label(total)} pour vos recherches ({french_date(day)})"
    lines = ["Bonjour,", "",
             f"Voici les offres publiées {period} qui correspondent à vos critères de recherche enregistrés.", ""]
    for search in searches:
        lines += [f"Recherche « {search.name} » : {count_label(search.total)}", ""]
        for offer in search.offers:
            lines += [line for line in _offer_lines(offer, site_url) if line] + [""]
        more = search.total - len(search.offers)
        if more > 0:
            lines += [f"Et {more} autre{'s' if more > 1 else ''} : {search.full_search_url}", ""]
        lines += [f"{STOP_ONE} : {search.unsubscribe_url}", ""]
    lines += ["Vos recherches enregistrées : " + f"{site_url.rstrip('/')}/mon-espace/criteres",
              f"{STOP_ALL} : {unsubscribe_all_url}", "",
              "Espace candidat"]
    return Message(to=to, subject=subject, text="\n".join(lines),
                   html=_digest_html(period, searches, site_url, unsubscribe_all_url), headers=headers)


def _digest_html(period: str, searches: Sequence[SearchNews], site_url: str, unsubscribe_all_url: str) -> str:
    def link(url: str, text: str) -> str:
        return f'<a href="{escape(url)}">{escape(text)}</a>'

    parts = ['<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Vos alertes</title></head><body>',
             f"<p>Bonjour,</p><p>Voici les offres publiées {period} qui correspondent à vos critères de recherche "
             "enregistrés.</p>"]
    for search in searches:
        parts.append(f"<h2>Recherche « {escape(search.name)} » : {count_label(search.total)}</h2><ul>")
        for offer in search.offers:
            contract = CONTRACT_LABELS.get(offer.contract_type, offer.contract_type)
            details = " – ".join(part for part in (offer.place_label, contract) if part)
            parts.append(f"<li>{link(offer_url(site_url, offer.id), offer.title)}<br>{escape(details)}</li>")
        parts.append("</ul>")
        more = search.total - len(search.offers)
        if more > 0:
            label = f"Et {more} autre{'s' if more > 1 else ''} : voir toute la recherche"
            parts.append(f"<p>{link(search.full_search_url, label)}</p>")
        parts.append(f"<p>{link(search.unsubscribe_url, STOP_ONE)}</p>")
    parts.append(f"<p>{link(site_url.rstrip('/') + '/mon-espace/criteres', 'Vos recherches enregistrées')}</p>"
                 f"<p>{link(unsubscribe_all_url, STOP_ALL)}</p>"
                 "<p>Espace candidat</p></body></html>")
    return "".join(parts)


def reminder(*, to: str, expires_on: dt.date, prolong_url: str, site_url: str) -> Message:
    when = french_date(expires_on)
    text = "\n".join([
        "Bonjour,", "",
        f"Vos alertes de recherche d'emploi s'arrêteront après le {when}.",
        "Pour continuer à recevoir les nouvelles offres pendant 3 mois, un clic suffit :",
        f"Prolonger mes alertes : {prolong_url}", "",
        f"Chaque visite de votre espace les prolonge aussi : {site_url.rstrip('/')}/mon-espace", "",
        f"Sans action de votre part, vous ne recevrez plus d'alertes après cette date{NBSP};"
        " vos recherches restent enregistrées.", "",
        "Espace candidat"])
    return Message(to=to, subject=f"Vos alertes s'arrêtent le {when}", text=text)
