"""Étape 3, « Expériences professionnelles »: the periods of the last three years, with the data
of the allowance claim (seed: « demande d'allocations - périodes d'emploi et sans emploi,
salaires perçus »).

Two repeatable lists (``espace.web.groups``) rather than one list of periods of either kind:
without JavaScript a field cannot appear when « emploi » is chosen, and a period of work asks
for nine answers a period without work does not have. Twenty periods at most in all; dates to
the day (the claim counts days), none in the future, the end on or after the start. Periods
without work cannot overlap any other period (a sick leave during a contract belongs to that
contract); two periods of work may (two part-time jobs at once), and the page says so.

Amounts are typed in euros (« 10 250,50 ») and handed over as integer cents; hours as integer
hundredths of an hour (records hold no floats).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from stdnum.fr import siret as siret_number

from espace.cv.information_forms import ChoiceMessages
from espace.text import PARIS, decimal_label, french_date
from espace.web.forms import (
    DateField,
    KitForm,
    SelectField,
    StringField,
    ValidationError,
    choices,
    length,
    required,
    rule,
    strip,
)
from espace.web.groups import GroupField

MAX_PERIODS = 20
SHORT_MAX = 100
EARLIEST = dt.date(1950, 1, 1)
MAX_SALARY_CENTS = 10_000_000 * 100  # over ten million euros for one period is a typing error

CONTRACTS = (("CDI", "CDI"), ("CDD", "CDD"), ("MIS", "Mission d'intérim"), ("SAI", "Contrat saisonnier"),
             ("APP", "Contrat d'apprentissage"), ("PRO", "Contrat de professionnalisation"),
             ("AID", "Contrat aidé (PEC, CUI)"), ("DDI", "CDD d'insertion"), ("AUT", "Autre contrat"))
END_REASONS = (("fin-cdd", "Fin de CDD"), ("fin-mission", "Fin de mission d'intérim"),
               ("licenciement-economique", "Licenciement économique"),
               ("licenciement", "Licenciement pour un autre motif"),
               ("rupture-conventionnelle", "Rupture conventionnelle"), ("demission", "Démission"),
               ("fin-essai-employeur", "Fin de période d'essai, à l'initiative de l'employeur"),
               ("fin-essai-salarie", "Fin de période d'essai, à votre initiative"), ("autre", "Autre motif"))
WITHOUT_WORK_REASONS = (("chomage", "Chômage, recherche d'emploi"), ("maladie", "Maladie ou accident"),
                        ("maternite", "Congé de maternité, de paternité ou d'adoption"),
                        ("parental", "Congé parental"), ("formation", "Formation ou études"),
                        ("volontariat", "Service civique ou volontariat"), ("autre", "Autre raison"))


def today() -> dt.date:
    return dt.datetime.now(PARIS).date()


def _one_line(what: str) -> Any:
    """A name on one line: the counsellor's lists and the printed request show one line."""
    def check(value: str) -> str | None:
        return f"{what} doit tenir sur une ligne." if "\n" in value or "\r" in value else None
    return rule(check)


def _siret(value: str) -> str | None:
    digits = re.sub(r"[\s.\u00a0]", "", value)
    if not re.fullmatch(r"\d{14}", digits):
        return ("Le numéro SIRET compte 14 chiffres (il figure sur vos bulletins de salaire), par exemple "
                "483 015 921 00016 ; laissez ce champ vide si vous ne le connaissez pas.")
    if not siret_number.is_valid(digits):
        return "Ce numéro SIRET n'existe pas : vérifiez les 14 chiffres, ou laissez ce champ vide."
    return None


def hundredths(text: str) -> int | None:
    """« 10 250,50 », « 1250.5 € » -> 1025050 / 125050; None when it is not an amount with at most
    two decimals."""
    text = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if not re.fullmatch(r"\d{1,15}(?:[.,]\d{1,2})?", text):
        return None
    whole, _, decimals = text.replace(",", ".").partition(".")
    return int(whole) * 100 + int((decimals + "00")[:2])


class HundredthsField(StringField):
    """A number typed with up to two decimals (« 10 250,50 »), kept as typed for the page, whose
    ``data`` is integer hundredths (cents of a euro, hundredths of an hour) or None."""

    unit = ""
    example = ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.text = str(valuelist[0]).strip() if valuelist else ""
        self.data = hundredths(self.text) if self.text else None

    def process_data(self, value: Any) -> None:
        self.text = "" if value is None else str(value)
        self.data = hundredths(self.text) if self.text else None

    def pre_validate(self, form: Any) -> None:
        if self.text and self.data is None:
            raise ValidationError(f"{self.what} doit être un nombre, avec deux chiffres après la virgule au plus, "
                                  f"par exemple {self.example}.")

    @property
    def what(self) -> str:
        return self.label.text

    def _value(self) -> str:
        return self.text

    def display(self) -> str:
        return "" if self.data is None else f"{decimal_label(self.data)}{self.unit}"


class EurosField(HundredthsField):
    unit = "\u00a0€"  # no-break: a line never ends between an amount and its unit
    example = "10 250,50"

    @property
    def what(self) -> str:
        return "Le montant"


class HoursField(HundredthsField):
    unit = "\u00a0h"
    example = "910 ou 151,67"

    @property
    def what(self) -> str:
        return "Le nombre d'heures"


class EndReasonField(SelectField):
    """The end's reason, whose empty choice says the job goes on — said on the check page too."""

    def display(self) -> str:
        return dict(END_REASONS).get(self.data or "", "" if self.data else "Emploi toujours en cours")


def _filled(message: str) -> Any:
    """Required, for the amounts: « 0 » is typed text (``required`` would refuse a zero data)."""
    def check(form: Any, field: HundredthsField) -> None:
        if not field.text:
            from wtforms.validators import StopValidation
            raise StopValidation(message)
    return check


def _dates(form: Any, kind: str) -> bool:
    """Neither date in the future, the end on or after the start; the messages set on the fields."""
    now = today()
    ok = True
    for field, what in ((form.debut, "La date de début"), (form.fin, "La date de fin")):
        if not field.errors and field.data and field.data > now:
            field.invalid_parts = set(field.PARTS)
            form.add_error(field.short_name, f"{what} ne peut pas être dans le futur : indiquez le "
                                             f"{french_date(now)} au plus tard.")
            ok = False
    start, end = form.debut.data, form.fin.data
    if ok and not form.debut.errors and not form.fin.errors and start and end and end < start:
        form.fin.invalid_parts = set(form.fin.PARTS)
        form.add_error("fin", f"La date de fin doit être le {french_date(start)} ou après (la date de début de "
                              f"{kind}).")
        ok = False
    return ok


class WorkPeriodForm(ChoiceMessages):
    """One period of work: a contract with one employer."""

    choice_messages = {"contrat": "Choisissez le type de contrat dans la liste.",
                       "motif_fin": "Choisissez le motif de fin dans la liste, ou « Emploi toujours en cours »."}

    employeur = StringField("Employeur", [required("Saisissez le nom de l'employeur."),
                                          length(SHORT_MAX, "Le nom de l'employeur"),
                                          _one_line("Le nom de l'employeur")], filters=[strip],
                            description="L'entreprise ou l'organisme, comme sur vos bulletins de salaire.")
    siret = StringField("Numéro SIRET de l'employeur", [rule(_siret)], filters=[strip],
                        description="Facultatif : 14 chiffres, en haut de vos bulletins de salaire.")
    poste = StringField("Emploi occupé",
                        [required("Saisissez l'emploi occupé, par exemple « Vendeur en boulangerie »."),
                         length(SHORT_MAX, "L'emploi occupé"), _one_line("L'emploi occupé")], filters=[strip])
    contrat = SelectField("Type de contrat", [required("Choisissez le type de contrat dans la liste.")],
                          choices=choices([("", "Choisissez un type de contrat"), *CONTRACTS]), default="")
    debut = DateField("Date de début", [required("Saisissez la date de début de cet emploi.")],
                      what="la date de début", earliest=EARLIEST)
    fin = DateField("Date de fin", what="la date de fin", earliest=EARLIEST,
                    description="Le dernier jour du contrat ; laissez vide si vous occupez toujours cet emploi.")
    motif_fin = EndReasonField("Motif de la fin du contrat",
                            choices=choices([("", "Emploi toujours en cours"), *END_REASONS]), default="",
                            description="Tel qu'il figure sur l'attestation de votre employeur.")
    salaire = EurosField("Salaire brut de la période, en euros",
                         [_filled("Saisissez le salaire brut total perçu pendant cette période, en euros.")],
                         description="Le total brut de vos bulletins de salaire sur la période, par exemple "
                                     "10 250,50.")
    heures = HoursField("Heures travaillées pendant la période",
                        [_filled("Saisissez le nombre d'heures travaillées pendant cette période.")],
                        description="Le total de vos bulletins de salaire, par exemple 910 ou 151,67.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        valid = _dates(self, "cet emploi") and valid
        if not self.fin.errors and self.fin.data and not self.motif_fin.data and not self.motif_fin.errors:
            self.add_error("motif_fin", "Choisissez le motif de la fin de cet emploi.")
            valid = False
        if self.motif_fin.data and not self.fin.errors and not self.fin.data and not any(self.fin.parts.values()):
            self.add_error("fin", "Indiquez la date de fin de cet emploi, ou choisissez « Emploi toujours en cours » "
                                  "comme motif.")
            valid = False
        if not self.salaire.errors and self.salaire.data is not None and not 0 < self.salaire.data <= MAX_SALARY_CENTS:
            self.add_error("salaire", "Le salaire brut doit être un montant entre 0,01 et 10 000 000 euros.")
            valid = False
        if not self.heures.errors and self.heures.data is not None:
            start = self.debut.data if not self.debut.errors else None
            end = (self.fin.data if not self.fin.errors else None) or today()
            days = (end - start).days + 1 if start and end >= start else None
            if self.heures.data <= 0:
                self.add_error("heures", "Le nombre d'heures doit être supérieur à 0.")
                valid = False
            elif days is not None and self.heures.data > days * 24 * 100:
                self.add_error("heures", f"Cette période compte {days} jour{'s' if days > 1 else ''} : le nombre "
                                         "d'heures ne peut pas dépasser 24 heures par jour. Vérifiez-le.")
                valid = False
        return valid


class WithoutWorkForm(ChoiceMessages):
    """One period without work: its reason and dates."""

    choice_messages = {"motif": "Choisissez la raison dans la liste."}

    motif = SelectField("Raison", [required("Choisissez la raison dans la liste.")],
                        choices=choices([("", "Choisissez une raison"), *WITHOUT_WORK_REASONS]), default="")
    debut = DateField("Date de début", [required("Saisissez la date de début de cette période.")],
                      what="la date de début", earliest=EARLIEST)
    fin = DateField("Date de fin", what="la date de fin", earliest=EARLIEST,
                    description="Laissez vide si cette période dure encore.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        return _dates(self, "cette période") and valid


def _span(entry: Any) -> tuple[dt.date, dt.date] | None:
    """A group's dates when both are valid (an open end lasts until today)."""
    form = entry.form
    if form.debut.errors or form.fin.errors or not form.debut.data:
        return None
    return form.debut.data, form.fin.data or today()


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _period_label(title: str, span: tuple[dt.date, dt.date], open_end: bool) -> str:
    end = "à aujourd'hui" if open_end else f"au {french_date(span[1])}"
    return f"{title.lower()} (du {french_date(span[0])} {end})"


class ExperiencesForm(KitForm):
    emplois = GroupField(WorkPeriodForm, "Vos périodes d'emploi", item="Période d'emploi",
                         add_label="Ajouter une période d'emploi", remove_label="Supprimer cette période",
                         empty_text="Aucune période d'emploi déclarée.",
                         full_text=f"Vous avez déclaré {MAX_PERIODS} périodes, le maximum.",
                         removed_text="La période d'emploi {n} est retirée de la liste.",
                         max_entries=MAX_PERIODS,
                         description="Chaque contrat de travail des trois dernières années, même court, "
                                     "avec les montants de vos bulletins de salaire.")
    sans_emploi = GroupField(WithoutWorkForm, "Vos périodes sans emploi", item="Période sans emploi",
                             add_label="Ajouter une période sans emploi", remove_label="Supprimer cette période",
                             empty_text="Aucune période sans emploi déclarée.",
                             full_text=f"Vous avez déclaré {MAX_PERIODS} périodes, le maximum.",
                             removed_text="La période sans emploi {n} est retirée de la liste.",
                             max_entries=MAX_PERIODS,
                             description="Les périodes des trois dernières années où vous n'aviez pas d'emploi : "
                                         "chômage, maladie, congé parental, études… Un arrêt maladie pendant un "
                                         "contrat fait partie de la période d'emploi : ne le déclarez pas ici.")

    def addition_refused(self, group: GroupField) -> str:
        total = len(self.emplois.entries) + len(self.sans_emploi.entries)
        if total >= MAX_PERIODS:
            return (f"Vous avez déclaré {MAX_PERIODS} périodes, le maximum : pour en ajouter une, supprimez-en une "
                    "autre.")
        return ""

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        total = len(self.emplois.entries) + len(self.sans_emploi.entries)
        if total == 0:
            self.add_error("emplois", "Déclarez au moins une période : une période d'emploi, ou une période sans "
                                      "emploi (études, chômage…).")
            return False
        if total > MAX_PERIODS:
            self.add_error("emplois", f"Vous avez déclaré {total} périodes : gardez-en {MAX_PERIODS} au plus.")
            return False
        return self._check_overlaps() and valid

    def _periods(self) -> list[tuple[GroupField, int, tuple[dt.date, dt.date], str]]:
        found = []
        for group in (self.emplois, self.sans_emploi):
            for index, entry in enumerate(group.entries):
                if (span := _span(entry)) is not None:
                    label = _period_label(group.item_title(index + 1), span, not entry.form.fin.data)
                    found.append((group, index, span, label))
        return found

    def _check_overlaps(self) -> bool:
        """A period without work overlapping any other: an error on its start date."""
        ok = True
        periods = self._periods()
        for group, index, span, _label in periods:
            if group is not self.sans_emploi or self.sans_emploi.entries[index].form.debut.errors:
                continue
            others = [label for other, other_index, other_span, label in periods
                      if (other, other_index) != (group, index) and _overlap(span, other_span)
                      and not (other is self.sans_emploi and other_index > index)]
            if others:
                group.add_entry_error(index, "debut", f"Cette période sans emploi chevauche la {others[0]} : "
                                                      "corrigez les dates de l'une ou de l'autre.")
                ok = False
        return ok

    def concurrent_jobs(self) -> list[str]:
        """The periods of work that overlap, told (« La période d'emploi 1 et la période d'emploi 2
        se chevauchent »): allowed — two part-time jobs at once — but worth a second look."""
        jobs = [(index, span) for group, index, span, _label in self._periods() if group is self.emplois]
        return [f"Les périodes d'emploi {a + 1} et {b + 1} se chevauchent : vous aviez deux emplois en même "
                "temps ? Sinon, corrigez les dates."
                for n, (a, span_a) in enumerate(jobs) for b, span_b in jobs[n + 1:] if _overlap(span_a, span_b)]
