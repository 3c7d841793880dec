"""The monthly declaration's form (« s'actualiser »): still looking for work, the month's work for
each employer (hours, gross pay), the month's other events with their dates.

Both lists are the kit's repeatable groups (``GroupField``), added and removed without JavaScript.
Amounts are typed in euros (« 1 250,50 ») and handed over as integer cents; hours as whole hours.
The answers must agree: « J'ai travaillé » needs one employer at least, « Je n'ai pas travaillé »
none; an event's dates must touch the month declared.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from wtforms.validators import StopValidation

from espace.dossier.records import EVENT_LABELS, Declaration, Event, Work
from espace.inscription.forms_experiences import EurosField
from espace.text import french_date
from espace.web.forms import (
    DateField,
    HiddenField,
    KitForm,
    RadioField,
    StringField,
    ValidationError,
    choices,
    length,
    required,
    strip,
)
from espace.web.groups import GroupField

MAX_EMPLOYERS = 10
MAX_EVENTS = 10
MAX_HOURS = 31 * 24  # a month's hours, all of them
MAX_GROSS_CENTS = 1_000_000 * 100  # a million euros in a month for one employer is a typing error
YES_NO = (("oui", "Oui"), ("non", "Non"))


def _whole_hours(form: Any, field: StringField) -> None:
    text = (field.data or "").replace(" ", "").replace("\u202f", "")
    if not text:
        raise StopValidation("Saisissez le nombre d'heures travaillées pour cet employeur, par exemple 35.")
    if not text.isascii() or not text.isdigit():
        raise StopValidation("Le nombre d'heures doit être un nombre entier d'heures, par exemple 35.")
    if int(text) > MAX_HOURS:
        raise StopValidation(f"Le nombre d'heures ne peut pas dépasser {MAX_HOURS} (toutes les heures d'un mois).")


def _gross(form: Any, field: EurosField) -> None:
    if not field.text:
        raise StopValidation("Saisissez le salaire brut perçu de cet employeur pour le mois, en euros.")
    if field.data is not None and field.data > MAX_GROSS_CENTS:
        raise ValidationError("Ce montant semble trop élevé : vérifiez le salaire brut du mois, en euros.")


class EmployerForm(KitForm):
    employeur = StringField("Employeur", [required("Saisissez le nom de l'employeur."),
                                          length(100, "Le nom de l'employeur")], filters=[strip],
                            description="Le nom de l'entreprise ou du particulier, comme sur le bulletin de salaire.")
    heures = StringField("Heures travaillées dans le mois", [_whole_hours], filters=[strip],
                         description="En heures entières, par exemple 35.")
    brut = EurosField("Salaire brut du mois, en euros", [_gross],
                      description="Le montant brut de votre bulletin de salaire, par exemple 1 250,50.")


class EventKindField(RadioField):
    def pre_validate(self, form: Any) -> None:
        if self.data not in EVENT_LABELS:
            raise ValidationError("Choisissez la nature de l'événement dans la liste.")

    def display(self) -> str:
        return EVENT_LABELS.get(self.data or "", "")


class EventForm(KitForm):
    nature = EventKindField("Nature de l'événement", [required("Choisissez la nature de l'événement.")],
                            choices=choices(EVENT_LABELS.items()))
    debut = DateField("Date de début", [required("Saisissez la date de début de l'événement.")],
                      what="la date de début", description="Par exemple 3 11 2026.")
    fin = DateField("Date de fin", what="la date de fin",
                    description="Laissez vide si l'événement continue après la fin du mois.")
    precision = StringField("Précision", [length(200, "La précision")], filters=[strip],
                            description="Facultatif : l'organisme de formation, l'entreprise du stage…")


class DeclarationForm(KitForm):
    """``month`` (« 2026-11 ») is set on the class by ``form_for``: the questions name it."""

    month = ""
    cle = HiddenField()
    version = HiddenField()
    recherche = RadioField("Êtes-vous toujours à la recherche d'un emploi ?",
                           [required("Indiquez si vous êtes toujours à la recherche d'un emploi.")],
                           choices=choices(YES_NO),
                           description="Répondez Non si vous ne souhaitez plus rester inscrit : votre inscription "
                                       "prendra fin.")
    travail = RadioField("Avez-vous travaillé pendant le mois ?",
                         [required("Indiquez si vous avez travaillé pendant le mois.")], choices=choices(YES_NO),
                         description="Même quelques heures, même chez un particulier.")
    emplois = GroupField(EmployerForm, "Votre travail pendant le mois", item="Employeur",
                         add_label="Ajouter un employeur", remove_label="Supprimer cet employeur",
                         empty_text="Aucun employeur déclaré.",
                         full_text=f"Vous avez déclaré {MAX_EMPLOYERS} employeurs, le maximum.",
                         removed_text="L'employeur {n} est retiré de la liste.", max_entries=MAX_EMPLOYERS,
                         description="Si vous avez travaillé : un bloc par employeur, avec les heures et le salaire "
                                     "brut du mois.")
    evenements = GroupField(EventForm, "Autres événements du mois", item="Événement",
                            add_label="Ajouter un événement", remove_label="Supprimer cet événement",
                            empty_text="Aucun autre événement déclaré.",
                            full_text=f"Vous avez déclaré {MAX_EVENTS} événements, le maximum.",
                            removed_text="L'événement {n} est retiré de la liste.", max_entries=MAX_EVENTS,
                            description="Une formation, un arrêt maladie, un congé maternité ou paternité, un "
                                        "stage, un départ à la retraite ou un autre événement pendant le mois.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.travail.data == "oui" and not self.emplois.entries:
            self.emplois.errors = [*self.emplois.own_errors,
                                   "Vous avez travaillé : ajoutez au moins un employeur, avec les heures et le "
                                   "salaire brut du mois."]
            valid = False
        if self.travail.data == "non" and self.emplois.entries:
            self.emplois.errors = [*self.emplois.own_errors,
                                   "Vous avez répondu ne pas avoir travaillé : supprimez les employeurs, ou "
                                   "répondez Oui."]
            valid = False
        if self.month:
            first = dt.date(int(self.month[:4]), int(self.month[5:]), 1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            for index, entry in enumerate(self.evenements.entries):
                start, end = entry.form.debut.data, entry.form.fin.data
                if entry.form.debut.errors or entry.form.fin.errors or start is None:
                    continue
                if start > last:
                    entry.form.debut.invalid_parts = set(entry.form.debut.PARTS)
                    self.evenements.add_entry_error(index, "debut", "L'événement doit avoir commencé au plus tard "
                                                                    f"le {french_date(last)}, dernier jour du mois.")
                    valid = False
                elif end is not None and end < start:
                    entry.form.fin.invalid_parts = set(entry.form.fin.PARTS)
                    self.evenements.add_entry_error(index, "fin", "La date de fin doit être le "
                                                                  f"{french_date(start)} ou après.")
                    valid = False
                elif end is not None and end < first:
                    entry.form.fin.invalid_parts = set(entry.form.fin.PARTS)
                    self.evenements.add_entry_error(index, "fin", "Un événement fini avant le "
                                                                  f"{french_date(first)} ne concerne pas ce mois.")
                    valid = False
        return valid


def form_class(month: str) -> type[DeclarationForm]:
    """The form whose questions name the month declared (« pendant le mois de novembre 2026 »)."""
    from espace.web.forms import month_label

    label = month_label(month)

    class MonthDeclarationForm(DeclarationForm):
        pass

    MonthDeclarationForm.month = month
    MonthDeclarationForm.travail = RadioField(
        f"Avez-vous travaillé en {label} ?", [required(f"Indiquez si vous avez travaillé en {label}.")],
        choices=choices(YES_NO), description="Même quelques heures, même chez un particulier.")
    return MonthDeclarationForm


def declaration_of(form: DeclarationForm, user_id: str, month: str) -> Declaration:
    """The valid form as a ``Declaration`` (money in cents)."""
    work = [Work(entry.form.employeur.data, int(entry.form.heures.data.replace(" ", "").replace("\u202f", "")),
                 int(entry.form.brut.data or 0)) for entry in form.emplois.entries]
    if form.travail.data != "oui":
        work = []
    events = [Event(entry.form.nature.data, entry.form.debut.data.isoformat(),
                    entry.form.fin.data.isoformat() if entry.form.fin.data else None, entry.form.precision.data or "")
              for entry in form.evenements.entries]
    return Declaration(user_id=user_id, month=month, still_looking=form.recherche.data == "oui", work=work,
                       events=events)


def values_of(declaration: Declaration) -> dict[str, list[str]]:
    """A declaration as the form's values (a correction starts from what was declared)."""
    from espace.text import decimal_label

    values: dict[str, list[str]] = {"recherche": ["oui" if declaration.still_looking else "non"],
                                    "travail": ["oui" if declaration.work else "non"]}
    for n, job in enumerate(declaration.work):
        values[f"emplois-{n}"] = ["1"]
        values[f"emplois-{n}-employeur"] = [job.employer]
        values[f"emplois-{n}-heures"] = [str(job.hours)]
        values[f"emplois-{n}-brut"] = [decimal_label(job.gross).replace("\u202f", " ")]
    for n, event in enumerate(declaration.events):
        values[f"evenements-{n}"] = ["1"]
        values[f"evenements-{n}-nature"] = [event.kind]
        for name, iso in (("debut", event.start), ("fin", event.end)):
            day = dt.date.fromisoformat(iso) if iso else None
            values[f"evenements-{n}-{name}-jour"] = [str(day.day) if day else ""]
            values[f"evenements-{n}-{name}-mois"] = [str(day.month) if day else ""]
            values[f"evenements-{n}-{name}-annee"] = [str(day.year) if day else ""]
        values[f"evenements-{n}-precision"] = [event.detail]
    return values
