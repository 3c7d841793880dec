"""The counsellors' forms: opening slots in bulk, ending a registration.

Hours and lengths are chosen from lists rather than typed: a counsellor opening a month of slots
should not have to guess a format, and a list cannot hold « 25 h ». What the lists cannot check
(the agency's opening hours, the days in order) is checked by ``agenda.plan`` and told on the
field concerned.
"""

from __future__ import annotations

from typing import Any

from wtforms import Form

from espace.text import WEEKDAYS
from espace.web.forms import (
    CheckboxesField,
    DateField,
    HiddenField,
    KitForm,
    RadioField,
    SelectField,
    StringField,
    ValidationError,
    choices,
    length,
    required,
    strip,
)

FIRST_HOUR, LAST_HOUR = 7, 20  # the lists' bounds; the agency's hours decide within them
LENGTHS = (15, 20, 30, 45, 60, 90, 120)  # minutes
MAX_DAYS = 62  # how far ahead one opening may go (what candidates are offered: espace.agences.agenda.DAYS_AHEAD)


def clock_label(value: str) -> str:
    """« 8 h 30 » for "08:30", « 9 h » for "09:00"."""
    hours, minutes = value.split(":")
    return f"{int(hours)} h {minutes}" if minutes != "00" else f"{int(hours)} h"


def _times(first: int, last: int) -> list[str]:
    return [f"{hour:02d}:{minute:02d}" for hour in range(first, last + 1) for minute in (0, 15, 30, 45)
            if (hour, minute) <= (last, 0)]


class ChoiceField(SelectField):
    """A select whose refusal of a value that is not in its list says what to do, in French."""

    def __init__(self, *args: Any, message: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.message = message

    def pre_validate(self, form: Form) -> None:
        if str(self.data) not in {str(choice.value) for choice in self.iter_choices()}:
            raise ValidationError(self.message)


class OpeningForm(KitForm):
    premier_jour = DateField("Premier jour", [required("Indiquez le premier jour des créneaux.")],
                             what="le premier jour", description="Par exemple 7 12 2026.")
    dernier_jour = DateField("Dernier jour", [required("Indiquez le dernier jour des créneaux.")],
                             what="le dernier jour", description="Le même que le premier pour une seule journée.")
    jours = CheckboxesField("Jours de la semaine", [required("Cochez au moins un jour de la semaine.")],
                            choices=choices((str(number), name.capitalize())
                                            for number, name in enumerate(WEEKDAYS, start=1)),
                            description="Seuls les jours cochés de la période reçoivent des créneaux.")
    debut = ChoiceField("Heure du premier rendez-vous", choices=choices((t, clock_label(t)) for t in
                                                                        _times(FIRST_HOUR, LAST_HOUR - 1)),
                        default="09:00", message="Choisissez l'heure du premier rendez-vous dans la liste.")
    fin = ChoiceField("Heure de fin du dernier rendez-vous", choices=choices(
        (t, clock_label(t)) for t in _times(FIRST_HOUR, LAST_HOUR)[1:]), default="12:00",
        message="Choisissez l'heure de fin dans la liste.")
    duree = ChoiceField("Durée de chaque rendez-vous", choices=choices((str(m), f"{m} minutes") for m in LENGTHS),
                        default="30", message="Choisissez une durée dans la liste, de 15 à 120 minutes.")


ENDING_REASONS = {
    "reprise-emploi": "Reprise d'emploi",
    "formation": "Entrée en formation",
    "demenagement": "Déménagement",
    "autre": "Autre motif",
}


class ReasonField(RadioField):
    def pre_validate(self, form: Form) -> None:
        if self.data is not None and self.data not in ENDING_REASONS:
            raise ValidationError("Choisissez un des motifs de la liste.")


class CessationForm(KitForm):
    cle = HiddenField()
    date_fin = DateField("Date de fin de l'inscription", [required("Indiquez la date de fin de l'inscription.")],
                         what="la date de fin", description="Par exemple 27 3 2026. Pas de date future.")
    motif = ReasonField("Motif", [required("Choisissez le motif de la fin d'inscription.")],
                       choices=choices(ENDING_REASONS.items()))
    precision = StringField("Précisez le motif (si « Autre motif »)", [length(200, "La précision")],
                            filters=[strip])

    def validate_precision(self, field: Any) -> None:
        if self.motif.data == "autre" and not field.data:
            raise ValidationError("Précisez le motif de la fin d'inscription.")
