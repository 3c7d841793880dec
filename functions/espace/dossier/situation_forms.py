"""The forms of « Signaler un changement de situation », one per kind, each with its date.

The address reuses the registration's fields and commune chooser (step 1), the bank details its
IBAN and BIC checks (``inscription.checks``). Each form carries ``cle``, the key drawn when the
page was shown: the change is recorded under it once (``situation.record``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from espace import clock
from espace.inscription.checks import compact
from espace.inscription.forms_administrative import AdministrativeForm, choose_commune
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

KEY = re.compile(r"[0-9a-f]{32}", re.ASCII)
SPAN_DAYS = 366  # a change is dated within a year of today, before or after
TEXT_MAX = 120
PLACES = (("france", "En France"), ("etranger", "À l'étranger"))
CONTRACTS = (("cdi", "CDI"), ("cdd", "CDD"), ("interim", "Mission d'intérim"), ("autre", "Autre contrat"))


def _date(label: str, what: str, *, optional: bool = False, description: str = "") -> DateField:
    checks = [] if optional else [required(f"Saisissez {what}.")]
    return DateField(label, checks, what=what, description=description)


class ChangeForm(KitForm):
    cle = HiddenField()

    def key(self) -> str | None:
        value = self.cle.data
        return value if isinstance(value, str) and KEY.fullmatch(value) else None

    def _in_span(self, field: DateField) -> None:
        today = clock.today()
        if field.data and not (today - dt.timedelta(days=SPAN_DAYS) <= field.data
                               <= today + dt.timedelta(days=SPAN_DAYS)):
            raise ValidationError(f"{field.what[0].upper()}{field.what[1:]} doit être dans l'année qui précède "
                                  "ou qui suit aujourd'hui. Pour un changement plus ancien, contactez votre agence.")

    def _after(self, end: DateField, start: DateField) -> None:
        self._in_span(end)
        if end.data and start.data and end.data < start.data:
            raise ValidationError(f"{end.what[0].upper()}{end.what[1:]} doit être le même jour que "
                                  f"{start.what} ou après.")

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) of each answer, as the list, the letter and the counsellor show them."""
        raise NotImplementedError

    def effective(self) -> dt.date:
        raise NotImplementedError

    def ends(self) -> dt.date | None:
        return None


def _day(value: dt.date | None) -> str:
    from espace.text import french_date

    return french_date(value) if value else "non connue"


class AddressForm(ChangeForm):
    date = _date("Date du déménagement", "la date du déménagement")
    adresse = AdministrativeForm.adresse
    complement = AdministrativeForm.complement
    code_postal = AdministrativeForm.code_postal
    commune = AdministrativeForm.commune
    _communes = AdministrativeForm._communes
    validate_code_postal = AdministrativeForm.validate_code_postal
    validate_commune = AdministrativeForm.validate_commune

    def __init__(self, formdata: Any = None, **kwargs: Any):
        super().__init__(formdata, **kwargs)
        choose_commune(self)

    def validate_date(self, field: DateField) -> None:
        self._in_span(field)

    def commune_label(self) -> str:
        found = [p.label for p in self.communes if p.code == self.commune.data]
        return found[0].rsplit(" (", 1)[0] if found else ""

    def summary(self) -> list[tuple[str, str]]:
        lines = [self.adresse.data, self.complement.data, f"{self.code_postal.data} {self.commune_label()}"]
        return [("Date du déménagement", _day(self.date.data)),
                ("Nouvelle adresse", ", ".join(line for line in lines if line))]

    def effective(self) -> dt.date:
        return self.date.data


def masked_iban(value: str) -> str:
    """« FR76 •••• … 0189 »: enough to recognise one's account, not enough to use it."""
    iban = compact(value).upper()
    return f"{iban[:4]} •••• {iban[-4:]}" if len(iban) > 8 else "••••"


class BankForm(ChangeForm):
    date = _date("À partir du", "la date à partir de laquelle utiliser ce compte",
                 description="Le jour à partir duquel vos allocations doivent être versées sur ce compte.")
    titulaire = AdministrativeForm.titulaire
    iban = AdministrativeForm.iban
    bic = AdministrativeForm.bic

    def validate_date(self, field: DateField) -> None:
        self._in_span(field)

    def summary(self) -> list[tuple[str, str]]:
        return [("À partir du", _day(self.date.data)), ("Titulaire du compte", self.titulaire.data or ""),
                ("IBAN", masked_iban(self.iban.data or "")), ("BIC", compact(self.bic.data or "").upper())]

    def effective(self) -> dt.date:
        return self.date.data


class AbsenceForm(ChangeForm):
    debut = _date("Premier jour d'absence", "le premier jour d'absence")
    fin = _date("Dernier jour d'absence", "le dernier jour d'absence")
    lieu = RadioField("Où serez-vous ?", choices=choices(PLACES), validate_choice=False,
                      validators=[required("Indiquez si vous serez en France ou à l'étranger.")])
    confirme = HiddenField()

    def validate_debut(self, field: DateField) -> None:
        self._in_span(field)

    def validate_fin(self, field: DateField) -> None:
        self._after(field, self.debut)

    def validate_lieu(self, field: RadioField) -> None:
        if field.data not in dict(PLACES):
            raise ValidationError("Indiquez si vous serez en France ou à l'étranger.")

    def days(self) -> int:
        return (self.fin.data - self.debut.data).days + 1

    def summary(self) -> list[tuple[str, str]]:
        from espace.text import plural

        return [("Du", _day(self.debut.data)), ("Au", _day(self.fin.data)),
                ("Durée", plural(self.days(), "jour", "jours")), ("Lieu", dict(PLACES).get(self.lieu.data, ""))]

    def effective(self) -> dt.date:
        return self.debut.data

    def ends(self) -> dt.date | None:
        return self.fin.data


class WorkForm(ChangeForm):
    date = _date("Date de reprise du travail", "la date de reprise du travail")
    employeur = StringField("Employeur", [required("Saisissez le nom de votre employeur."),
                                          length(TEXT_MAX, "Le nom de l'employeur")], filters=[strip])
    contrat = RadioField("Type de contrat", choices=choices(CONTRACTS), validate_choice=False,
                         validators=[required("Choisissez le type de votre contrat.")])

    def validate_date(self, field: DateField) -> None:
        self._in_span(field)

    def validate_contrat(self, field: RadioField) -> None:
        if field.data not in dict(CONTRACTS):
            raise ValidationError("Choisissez le type de votre contrat dans la liste.")

    def summary(self) -> list[tuple[str, str]]:
        return [("Date de reprise", _day(self.date.data)), ("Employeur", self.employeur.data or ""),
                ("Contrat", dict(CONTRACTS).get(self.contrat.data, ""))]

    def effective(self) -> dt.date:
        return self.date.data


class SicknessForm(ChangeForm):
    debut = _date("Premier jour de l'arrêt", "le premier jour de l'arrêt")
    fin = _date("Dernier jour de l'arrêt (facultatif)", "le dernier jour de l'arrêt", optional=True,
                description="Sur votre avis d'arrêt de travail, si vous le connaissez.")

    def validate_debut(self, field: DateField) -> None:
        self._in_span(field)

    def validate_fin(self, field: DateField) -> None:
        self._after(field, self.debut)

    def summary(self) -> list[tuple[str, str]]:
        return [("Du", _day(self.debut.data)), ("Au", _day(self.fin.data))]

    def effective(self) -> dt.date:
        return self.debut.data

    def ends(self) -> dt.date | None:
        return self.fin.data


class TrainingForm(ChangeForm):
    debut = _date("Premier jour de la formation", "le premier jour de la formation")
    fin = _date("Dernier jour de la formation", "le dernier jour de la formation")
    intitule = StringField("Intitulé de la formation", [required("Saisissez l'intitulé de la formation."),
                                                        length(TEXT_MAX, "L'intitulé")], filters=[strip])
    organisme = StringField("Organisme de formation", [required("Saisissez le nom de l'organisme de formation."),
                                                       length(TEXT_MAX, "Le nom de l'organisme")], filters=[strip])

    def validate_debut(self, field: DateField) -> None:
        self._in_span(field)

    def validate_fin(self, field: DateField) -> None:
        self._after(field, self.debut)

    def summary(self) -> list[tuple[str, str]]:
        return [("Du", _day(self.debut.data)), ("Au", _day(self.fin.data)),
                ("Formation", self.intitule.data or ""), ("Organisme", self.organisme.data or "")]

    def effective(self) -> dt.date:
        return self.debut.data

    def ends(self) -> dt.date | None:
        return self.fin.data


# slug -> (title, form, sentence of the list page)
KINDS: dict[str, tuple[str, type[ChangeForm], str]] = {
    "adresse": ("Changement d'adresse", AddressForm, "Vous déménagez : votre nouvelle adresse et sa date."),
    "coordonnees-bancaires": ("Changement de coordonnées bancaires", BankForm,
                              "Vos allocations doivent être versées sur un autre compte."),
    "absence": ("Absence", AbsenceForm, "Vous vous absentez de votre domicile : congés, séjour, motif familial."),
    "reprise": ("Reprise d'emploi", WorkForm, "Vous reprenez un travail, même court ou à temps partiel."),
    "maladie": ("Arrêt maladie", SicknessForm, "Vous êtes en arrêt de travail pour maladie."),
    "formation": ("Entrée en formation", TrainingForm, "Vous commencez une formation."),
}
