"""The choices asked before an attestation: a period (attestation de paiement) or a year
(attestation fiscale), with the kit's fields and French messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from espace.web.forms import DateField, KitForm, SelectField, ValidationError, choices, required

MAX_PERIOD_DAYS = 3 * 366  # a longer period is rather the attestation des périodes indemnisées
EARLIEST = dt.date(2000, 1, 1)


class PeriodForm(KitForm):
    debut = DateField("Premier jour de la période", [required("Indiquez le premier jour de la période.")],
                      what="le premier jour", earliest=EARLIEST)
    fin = DateField("Dernier jour de la période", [required("Indiquez le dernier jour de la période.")],
                    what="le dernier jour", earliest=EARLIEST,
                    description="Aujourd'hui au plus tard.")

    def limit_to(self, today: dt.date) -> PeriodForm:
        self.debut.latest = self.fin.latest = today
        return self

    def validate_fin(self, field: Any) -> None:
        start, end = self.debut.data, field.data
        if start is None or end is None or self.debut.errors:
            return
        if end < start:
            raise ValidationError("Le dernier jour doit être le même que le premier jour ou après.")
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise ValidationError("La période ne peut pas dépasser 3 ans : choisissez une période plus courte.")

    @property
    def choice_key(self) -> str:
        return f"{self.debut.data.isoformat()}_{self.fin.data.isoformat()}" if self.debut.data and self.fin.data else ""


class YearField(SelectField):
    def pre_validate(self, form: Any) -> None:
        if str(self.data) not in {str(choice.value) for choice in self.iter_choices()}:
            raise ValidationError("Choisissez une année de la liste.")


class YearForm(KitForm):
    annee = YearField("Année des allocations versées", [required("Choisissez l'année.")],
                      description="L'année où les allocations vous ont été versées. Pour votre déclaration de "
                                  "revenus, choisissez l'année précédente.")

    def years_from(self, first: int, today: dt.date) -> YearForm:
        years = [str(year) for year in range(today.year, min(first, today.year) - 1, -1)]
        self.annee.choices = choices((year, year) for year in years)
        if not self.annee.data or self.annee.data == "None":
            self.annee.data = years[1] if len(years) > 1 else years[0]
        return self

    @property
    def choice_key(self) -> str:
        return str(self.annee.data or "")
