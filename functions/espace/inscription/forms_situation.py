"""Étape 2, « Situation du demandeur d'emploi »: availability, current situation, previous
registration, and the seed's situation summary (« Vous souhaitez vous inscrire », « Vous n'avez
jamais été inscrit », « Vous êtes immédiatement disponible »…) told back to the candidate.

``situation_summary(values)`` reads the step's values as a draft keeps them (field name → list of
values): the step's page shows it once the step is saved, and the check page shows it above the
rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from espace.text import PARIS, french_date
from espace.web.forms import (
    DateField,
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
from espace.web.request import FormData

NOW, LATER = "immediate", "date"
AVAILABILITY = ((NOW, "Immédiatement"), (LATER, "À partir d'une date"))
FIRST_JOB, CONTRACT_END, PART_TIME, STUDIES, OTHER = "premier-emploi", "fin-contrat", "temps-partiel", "etudes", "autre"
SITUATIONS = ((FIRST_JOB, "Je n'ai jamais travaillé : je cherche mon premier emploi"),
              (CONTRACT_END, "Mon contrat de travail a pris fin"),
              (PART_TIME, "Je travaille à temps partiel et je cherche un autre emploi ou plus d'heures"),
              (STUDIES, "Je termine mes études"),
              (OTHER, "Autre situation"))
END_REASONS = (("fin-cdd", "Fin de CDD"), ("fin-mission", "Fin de mission d'intérim"),
               ("licenciement", "Licenciement"), ("rupture-conventionnelle", "Rupture conventionnelle"),
               ("demission", "Démission"), ("fin-periode-essai", "Fin de période d'essai"), ("autre", "Autre motif"))
YES_NO = (("non", "Non"), ("oui", "Oui"))
LATEST_AVAILABILITY_DAYS = 365  # one registers to look for work now, or soon
DETAIL_MAX = 200


def today() -> dt.date:
    return dt.datetime.now(PARIS).date()


class SituationForm(KitForm):
    disponibilite = RadioField("Quand êtes-vous disponible pour travailler ?", choices=choices(AVAILABILITY),
                               validate_choice=False,
                               validators=[required("Indiquez quand vous êtes disponible pour travailler.")])
    disponible_le = DateField("Date à partir de laquelle vous êtes disponible", what="la date de disponibilité",
                              description="Si vous n'êtes pas disponible tout de suite.")
    situation = RadioField("Quelle est votre situation actuelle ?", choices=choices(SITUATIONS),
                           validate_choice=False, validators=[required("Choisissez votre situation actuelle.")])
    motif_fin = SelectField("Motif de la fin du contrat", choices=choices([("", "Choisissez un motif"), *END_REASONS]),
                            validate_choice=False, description="Si votre contrat de travail a pris fin.")
    fin_contrat = DateField("Date de fin du contrat", what="la date de fin du contrat",
                            description="Si votre contrat de travail a pris fin : le dernier jour travaillé ou payé.")
    precision = StringField("Précisez votre situation", [length(DETAIL_MAX, "La précision")], filters=[strip],
                            description="Si vous avez choisi « Autre situation ».")
    deja_inscrit = RadioField("Avez-vous déjà été inscrit ou inscrite comme demandeur d'emploi ?",
                              choices=choices(YES_NO), validate_choice=False,
                              validators=[required("Indiquez si vous avez déjà été inscrit ou inscrite.")])
    fin_inscription = DateField("Date de fin de votre dernière inscription", what="la date de fin de l'inscription",
                                description="Si vous avez déjà été inscrit ou inscrite. Si vous ne connaissez "
                                            "pas le jour, indiquez le 1er du mois.")

    def validate_disponibilite(self, field: RadioField) -> None:
        if field.data not in {NOW, LATER}:
            raise ValidationError("Indiquez quand vous êtes disponible pour travailler.")

    def validate_situation(self, field: RadioField) -> None:
        if field.data not in {value for value, _ in SITUATIONS}:
            raise ValidationError("Choisissez votre situation actuelle dans la liste.")

    def validate_deja_inscrit(self, field: RadioField) -> None:
        if field.data not in {"oui", "non"}:
            raise ValidationError("Indiquez si vous avez déjà été inscrit ou inscrite : oui ou non.")

    def validate_disponible_le(self, field: DateField) -> None:
        if self.disponibilite.data != LATER:
            return
        if field.data is None and not any(field.parts.values()):
            raise ValidationError("Saisissez la date à partir de laquelle vous êtes disponible.")
        if field.data is None:
            return
        if field.data <= today():
            raise ValidationError("La date de disponibilité doit être après aujourd'hui : si vous êtes déjà "
                                  "disponible, choisissez « Immédiatement ».")
        if field.data > today() + dt.timedelta(days=LATEST_AVAILABILITY_DAYS):
            raise ValidationError("La date de disponibilité doit être dans l'année qui vient : inscrivez-vous "
                                  "plus près de la date où vous pourrez travailler.")

    def validate_motif_fin(self, field: SelectField) -> None:
        if self.situation.data != CONTRACT_END:
            return
        if field.data not in {value for value, _ in END_REASONS}:
            raise ValidationError("Choisissez le motif de la fin de votre contrat dans la liste.")

    def validate_fin_contrat(self, field: DateField) -> None:
        if self.situation.data != CONTRACT_END:
            return
        self._past_date(field, "Saisissez la date de fin de votre contrat.",
                        "La date de fin du contrat ne peut pas être dans le futur : inscrivez-vous à partir du "
                        "lendemain de la fin de votre contrat.")

    def validate_precision(self, field: StringField) -> None:
        if self.situation.data == OTHER and not field.data:
            raise ValidationError("Précisez votre situation en quelques mots.")

    def validate_fin_inscription(self, field: DateField) -> None:
        if self.deja_inscrit.data != "oui":
            return
        self._past_date(field, "Saisissez la date de fin de votre dernière inscription.",
                        "La date de fin de votre dernière inscription ne peut pas être dans le futur : si vous "
                        "êtes encore inscrit ou inscrite, vous n'avez pas besoin de vous réinscrire.")

    @staticmethod
    def _past_date(field: DateField, missing: str, future: str) -> None:
        if field.data is None and not any(field.parts.values()):
            raise ValidationError(missing)
        if field.data is not None and field.data > today():
            raise ValidationError(future)
        if field.data is not None and field.data.year < 1950:
            raise ValidationError(f"Vérifiez l'année de {field.what} : {field.data.year} est trop ancienne.")

    def summary(self) -> list[str]:
        """The summary of what this form holds, if it holds a valid step (the step's page)."""
        return situation_summary({name: list(values) for name, values in self._values().items()})

    def _values(self) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for field in self:
            if isinstance(field, DateField):
                for part in field.PARTS:
                    values[f"{field.name}-{part}"] = [field.parts[part]]
            elif field.data not in (None, ""):
                values[field.name] = [str(field.data)]
        return values


def _label(pairs: tuple[tuple[str, str], ...], value: Any) -> str:
    return dict(pairs).get(str(value), "")


def situation_summary(values: dict[str, list[str]]) -> list[str]:
    """The seed's « Votre situation »: one sentence per answer of the step, from the values as a
    draft keeps them; [] while the step does not hold valid answers (nothing half-true is said)."""
    form = SituationForm(FormData(fields={k: list(v) for k, v in (values or {}).items()}))
    if not form.validate():
        return []
    data = form.data
    again = data["deja_inscrit"] == "oui"
    sentences = ["Vous souhaitez vous réinscrire" if again else "Vous souhaitez vous inscrire"]
    if again:
        sentences.append(f"Votre dernière inscription a pris fin le {french_date(data['fin_inscription'])}")
    else:
        sentences.append("Vous n'avez jamais été inscrit ou inscrite")
    situation = data["situation"]
    if situation == FIRST_JOB:
        sentences.append("Vous cherchez votre premier emploi")
    elif situation == CONTRACT_END:
        label = _label(END_REASONS, data["motif_fin"])
        reason = label[:1].lower() + label[1:]
        sentences.append(f"Votre contrat a pris fin le {french_date(data['fin_contrat'])} ({reason})")
    elif situation == PART_TIME:
        sentences.append("Vous travaillez à temps partiel et cherchez un autre emploi ou plus d'heures")
    elif situation == STUDIES:
        sentences.append("Vous terminez vos études")
    else:
        sentences.append(f"Votre situation : {data['precision']}")
    if data["disponibilite"] == NOW:
        sentences.append("Vous êtes immédiatement disponible")
    else:
        sentences.append(f"Vous serez disponible à partir du {french_date(data['disponible_le'])}")
    return sentences
