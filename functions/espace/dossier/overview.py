"""What the tableau de bord of the dossier tells (GET /mon-dossier and the « Mon espace » panel):
the registration, the actualisation window, the last payment, the next appointment, the letters,
and what changed since the candidate's previous visit (``ctx.previous_visit``, web.panels).

Everything is read from the dossier's own records (``DDE``, ``DECLARATION#``, ``PAYMENT#``,
``APPOINTMENT#``, ``LETTER#``): a handful of small items, no index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from espace.agences.agenda import appointments_of
from espace.dossier import letters
from espace.dossier.actualisation.calendar import Window, calendar_of
from espace.dossier.model import Dossier
from espace.dossier.records import DECLARATION_PREFIX, PAYMENT_PREFIX, Declaration, Payment
from espace.text import PARIS, euros, french_date, plural
from espace.web.forms import month_label

if TYPE_CHECKING:
    from espace.bootstrap import Services


@dataclass
class Overview:
    dossier: Dossier
    window: Window  # the window open today, or the next one to open
    window_open: bool
    declared: Declaration | None  # the declaration of the window's month, when made
    last_payment: Payment | None
    next_appointment: dict[str, Any] | None
    unread_letters: int
    new_letters: int
    changes: list[str] = field(default_factory=list)  # without the letters' (« Mes courriers » tells them)


def month_name(month: str) -> str:
    """« novembre 2026 » for "2026-11"."""
    return month_label(month)


def _day(epoch: int | None) -> dt.date | None:
    return dt.datetime.fromtimestamp(epoch, PARIS).date() if epoch is not None else None


def last_payment(services: Services, user_id: str) -> Payment | None:
    found = services.records.query(f"USER#{user_id}", PAYMENT_PREFIX, limit=1, descending=True)
    return Payment.of(found[0]) if found else None


def next_appointment(services: Services, user_id: str, now: dt.datetime) -> dict[str, Any] | None:
    coming = [item for item in appointments_of(services.records, user_id) if int(item["start"]) > now.timestamp()]
    if not coming:
        return None
    item = min(coming, key=lambda i: int(i["start"]))
    agency = services.agencies.get(str(item.get("agency_id") or ""))
    start = dt.datetime.fromtimestamp(int(item["start"]), PARIS)
    return {**item, "when": f"{french_date(start.date(), weekday=True)} à {start:%H} h {start:%M}",
            "agency": agency}


def overview(services: Services, dossier: Dossier, now: dt.datetime, previous_visit: int | None) -> Overview:
    user_id, today = dossier.user_id, now.date()
    window = calendar_of(services).next_window(today)
    declared_item = services.records.get(f"USER#{user_id}", DECLARATION_PREFIX + window.month)
    all_letters = letters.letters_of(services, user_id)
    view = Overview(
        dossier=dossier, window=window, window_open=window.contains(today),
        declared=Declaration.of(declared_item) if declared_item else None,
        last_payment=last_payment(services, user_id), next_appointment=next_appointment(services, user_id, now),
        unread_letters=sum(1 for letter in all_letters if not letter.read),
        new_letters=sum(1 for letter in all_letters
                        if not letter.read and previous_visit is not None and letter.at > previous_visit))
    view.changes = changes(view, today, previous_visit)
    return view


def changes(view: Overview, today: dt.date, previous_visit: int | None) -> list[str]:
    """What happened between the previous visit's day and today (nothing on a first visit)."""
    since = _day(previous_visit)
    if since is None:
        return []
    found = []
    window = view.window
    if view.window_open and since < window.opens and view.declared is None:
        found.append(f"L'actualisation de {month_name(window.month)} est ouverte jusqu'au "
                     f"{french_date(window.closes)}.")
    payment = view.last_payment
    if payment is not None and since < dt.date.fromisoformat(payment.paid_on) <= today:
        found.append(f"Un paiement de {euros(payment.net)} pour {month_name(payment.month)} a été versé le "
                     f"{french_date(dt.date.fromisoformat(payment.paid_on))}.")
    appointment = view.next_appointment
    if appointment is not None and int(appointment.get("booked_at") or 0) > (previous_visit or 0):
        found.append(f"Un rendez-vous est prévu le {appointment['when']}.")
    if view.dossier.ended_on is not None and since < view.dossier.ended_on <= today:
        found.append(f"Votre inscription a pris fin le {french_date(view.dossier.ended_on)}.")
    return found


def letters_change(view: Overview) -> list[str]:
    if not view.new_letters:
        return []
    return [f"{plural(view.new_letters, 'nouveau courrier', 'nouveaux courriers')} dans Mes courriers."]
