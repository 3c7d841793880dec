"""The changes of situation reported during the month declared (« Signaler un changement de
situation », espace.dossier.situation: a return to work, a sickness, a training, each with its
dates), read back by the month's declaration so that the two never disagree silently:

- the first draft of the declaration starts with them (the events with their dates; the return to
  work as « J'ai travaillé » with the employer, its hours and pay left to type);
- the quick path « Je n'ai rien à signaler » is not offered for a month with reported changes;
- the check page names each reported change the declaration does not show, before it is sent.

A change touches the month when it starts on or before its last day and ends (if it has an end)
on or after its first day; a return to work, when it starts within the month. Read only: the
changes stay as reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from espace.dossier.payments import month_bounds
from espace.dossier.records import Declaration
from espace.dossier.situation import changes_of
from espace.ports import RecordStore
from espace.text import french_date

WORK = "reprise"
# The situation's kinds the declaration carries as one of its events (the same slug in both).
EVENT_KINDS = frozenset({"maladie", "formation"})
DETAIL_LABELS = ("Employeur", "Formation", "Organisme")


@dataclass(frozen=True)
class Reported:
    kind: str  # the situation's kind: « reprise », « maladie », « formation »
    title: str  # « Reprise d'emploi »…
    start: dt.date
    end: dt.date | None
    detail: str  # the employer, or the training and its organisation

    @property
    def sentence(self) -> str:
        when = (f"le {french_date(self.start)}" if self.kind == WORK or self.end == self.start else
                f"du {french_date(self.start)} au {french_date(self.end)}" if self.end else
                f"à partir du {french_date(self.start)}")
        return f"{self.title} {when}" + (f" ({self.detail})" if self.detail else "")

    def shown_in(self, declaration: Declaration) -> bool:
        """Does the declaration show this change: work declared, or an event of its kind over its dates?"""
        if self.kind == WORK:
            return bool(declaration.work) or not declaration.still_looking
        end = self.end or dt.date.max
        return any(event.kind == self.kind and dt.date.fromisoformat(event.start) <= end
                   and (event.end is None or dt.date.fromisoformat(event.end) >= self.start)
                   for event in declaration.events)


def reported_in(records: RecordStore, user_id: str, month: str) -> list[Reported]:
    """The month's reported returns to work, sicknesses and trainings, oldest first."""
    first, last = month_bounds(month)
    found = []
    for change in changes_of(records, user_id):
        if change.kind != WORK and change.kind not in EVENT_KINDS:
            continue
        start = dt.date.fromisoformat(change.effective)
        end = dt.date.fromisoformat(change.ends) if change.ends else None
        touches = first <= start <= last if change.kind == WORK else start <= last and (end is None or end >= first)
        if touches:
            detail = ", ".join(value for label, value in change.summary if label in DETAIL_LABELS and value)
            found.append(Reported(change.kind, change.title, start, end, detail))
    return sorted(found, key=lambda reported: (reported.start, reported.kind))


def prefilled(reported: list[Reported]) -> dict[str, list[str]]:
    """The declaration form's first values (``forms.values_of``'s shape) with the reported changes."""
    from espace.dossier.actualisation.forms import values_of
    from espace.dossier.records import Event

    employers = [item for item in reported if item.kind == WORK]
    events = [Event(item.kind, item.start.isoformat(), item.end.isoformat() if item.end else None, item.detail)
              for item in reported if item.kind in EVENT_KINDS]
    values = values_of(Declaration(user_id="", month="", still_looking=True, events=events))
    del values["recherche"]  # still to answer
    if not employers:
        del values["travail"]
        return values
    values["travail"] = ["oui"]
    for n, item in enumerate(employers):  # the hours and the pay are the candidate's to type
        values[f"emplois-{n}"] = ["1"]
        values[f"emplois-{n}-employeur"] = [item.detail]
        values[f"emplois-{n}-heures"] = [""]
        values[f"emplois-{n}-brut"] = [""]
    return values


def not_shown(reported: list[Reported], declaration: Declaration) -> list[Reported]:
    return [item for item in reported if not item.shown_in(declaration)]
