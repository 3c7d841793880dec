"""The forms of étape 1, « Les informations de mon CV »: one per rubric, French messages that
say how to fix the value, and the limits told in each field's hint."""

from __future__ import annotations

import re
from typing import Any

from espace.accounts.validation import check_email, check_postal_code
from espace.cv.model import LANGUAGE_LEVELS, LANGUAGES, LICENCES, TRAINING_LEVELS
from espace.web.forms import (
    CheckboxesField,
    EmailField,
    HiddenField,
    KitForm,
    MonthField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    choices,
    length,
    month_label,
    required,
    rule,
    strip,
)

TITLE_MAX = 100
PITCH_MAX = 1000
SHORT_MAX = 100  # a job title, an employer, a place, a school
DESCRIPTION_MAX = 2000
SKILLS_MAX = 2000
EARLIEST_YEAR = 1950  # a career of a person alive and looking for work
ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,43}")


def _one_line(what: str) -> Any:
    """A name on one line: a pasted line break would break the CV's layout."""
    def check(value: str) -> str | None:
        return f"{what} doit tenir sur une ligne." if "\n" in value or "\r" in value else None
    return rule(check)


def _without_trunk_zero(value: str) -> str:
    """« +33 (0)6 12 34 56 78 », a common way of writing: the 0 in brackets is not dialled."""
    return re.sub(r"^(\s*\+\d{1,3}\s*)\(0\)", r"\1", value)


def check_phone(value: str) -> str | None:
    """A French number (10 digits from 0, or +33 and 9 digits) or an international one
    (+, then 8 to 15 digits, as E.164 allows); spaces, dots, dashes and brackets are accepted."""
    value = _without_trunk_zero(value)
    if not re.fullmatch(r"[\d\s.()+-]{6,25}", value) or value.count("+") > 1 or "+" in value.lstrip()[1:]:
        return "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
    digits = re.sub(r"\D", "", value)
    if value.lstrip().startswith("+"):
        if digits.startswith("33"):
            if not re.fullmatch(r"33[1-9]\d{8}", digits):
                return ("Un numéro français avec l'indicatif +33 compte 9 chiffres après l'indicatif, sans le 0 : "
                        "par exemple +33 6 12 34 56 78.")
        elif not 8 <= len(digits) <= 15:
            return ("Un numéro international compte de 8 à 15 chiffres, indicatif du pays compris : par exemple "
                    "+32 470 12 34 56.")
        return None
    if digits.startswith("00"):
        return "Remplacez le 00 de l'indicatif international par +, par exemple +32 470 12 34 56."
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        return ("Un numéro français compte 10 chiffres et commence par 0, par exemple 06 12 34 56 78 ; "
                "pour un numéro étranger, commencez par + et l'indicatif du pays.")
    return None


def format_phone(value: str) -> str:
    """« 06 12 34 56 78 » or « +33 6 12 34 56 78 » for French numbers; others as typed."""
    value = _without_trunk_zero(value)
    digits = re.sub(r"\D", "", value)
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if value.strip().startswith("+") and re.fullmatch(r"33[1-9]\d{8}", digits):
        return "+33 " + digits[2] + " " + " ".join(digits[i:i + 2] for i in range(3, 11, 2))
    return " ".join(value.split())


class ChoiceMessages(KitForm):
    """WTForms checks a choice (« N'est pas un choix valide. ») before the field's own rules: a
    radio left empty or a forged value gets the field's message instead, which says what to do."""

    choice_messages: dict[str, str] = {}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for name, message in self.choice_messages.items():
            if self[name].errors:
                self[name].errors = [message]
        return valid


class TitleForm(KitForm):
    titre = StringField("Titre du CV", [required("Saisissez le titre de votre CV, par exemple le métier recherché."),
                                        length(TITLE_MAX, "Le titre"), _one_line("Le titre")],
                        filters=[strip], description="Le métier que vous recherchez, tel que les recruteurs le "
                                                     f"liront en premier ({TITLE_MAX} caractères au plus).")


class PitchForm(KitForm):
    accroche = TextAreaField("Votre accroche", [length(PITCH_MAX, "L'accroche")], filters=[strip],
                             description="En quelques phrases, votre objectif et ce que vous apportez : simple, "
                                         "claire, elle donne envie au recruteur de lire votre CV. Laissez vide pour "
                                         "ne pas avoir d'accroche.")


class ExperienceForm(KitForm):
    poste = StringField("Intitulé du poste", [required("Saisissez l'intitulé du poste, par exemple « Maçon »."),
                                              length(SHORT_MAX, "L'intitulé du poste"),
                                              _one_line("L'intitulé du poste")], filters=[strip])
    employeur = StringField("Employeur", [required("Saisissez le nom de l'employeur, ou « À mon compte »."),
                                          length(SHORT_MAX, "Le nom de l'employeur"),
                                          _one_line("Le nom de l'employeur")], filters=[strip],
                            description="L'entreprise ou l'organisme ; « À mon compte » si vous étiez "
                                        "indépendant ou indépendante.")
    lieu = StringField("Lieu", [length(SHORT_MAX, "Le lieu"), _one_line("Le lieu")], filters=[strip],
                       description="La commune, ou le pays pour un emploi à l'étranger (facultatif).")
    debut = MonthField("Date de début", [required("Saisissez le mois et l'année du début de cet emploi.")],
                       what="la date de début", earliest_year=EARLIEST_YEAR, no_future=True)
    fin = MonthField("Date de fin", what="la date de fin", earliest_year=EARLIEST_YEAR, no_future=True,
                     description="Laissez vide si vous occupez toujours cet emploi.")
    description = TextAreaField("Description de vos activités", [length(DESCRIPTION_MAX, "La description")],
                                filters=[strip], description="Vos missions, vos réalisations, les outils et "
                                                             "techniques que vous utilisiez.")
    cle = HiddenField()  # the new experience's id, drawn when the form is shown: sent twice, added once

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.debut.data, self.fin.data
        if not self.debut.errors and not self.fin.errors and start and end and end < start:
            self.fin.invalid_parts = set(MonthField.PARTS)
            self.add_error("fin", f"La date de fin doit être la même que la date de début ou après "
                                  f"({month_label(start)}).")
            return False
        return valid


def _year_of_training(form: TrainingForm, field: Any) -> None:
    """A diploma obtained has a year gone by; one being prepared may end up to 6 years ahead."""
    from espace.web.forms import ValidationError

    value = (field.data or "").strip()
    if not value:
        return
    if not re.fullmatch(r"\d{4}", value):
        raise ValidationError("Indiquez l'année en 4 chiffres, par exemple 2019.")
    this_year = int(MonthField.this_month()[:4])
    year = int(value)
    if year < EARLIEST_YEAR:
        raise ValidationError(f"L'année doit être {EARLIEST_YEAR} ou après.")
    if form.statut.data == "obtenu" and year > this_year:
        raise ValidationError(f"Un diplôme obtenu l'a été en {this_year} au plus tard : corrigez l'année, ou "
                              "choisissez « En cours ».")
    if year > this_year + 6:
        raise ValidationError(f"Indiquez une année jusqu'à {this_year + 6} au plus tard.")


class TrainingForm(ChoiceMessages):
    choice_messages = {"niveau": "Choisissez un niveau dans la liste, ou « Choisissez un niveau (facultatif) ».",
                       "statut": "Indiquez si le diplôme est obtenu ou en cours."}

    intitule = StringField("Diplôme ou formation", [required("Saisissez l'intitulé du diplôme ou de la formation, "
                                                             "par exemple « CAP Maçon »."),
                                                    length(SHORT_MAX, "L'intitulé"), _one_line("L'intitulé")],
                           filters=[strip])
    niveau = SelectField("Niveau", choices=choices([("", "Choisissez un niveau (facultatif)"), *TRAINING_LEVELS]),
                         default="",
                         description="Le niveau du diplôme dans le cadre national des certifications.")
    etablissement = StringField("Établissement", [length(SHORT_MAX, "Le nom de l'établissement"),
                                                  _one_line("Le nom de l'établissement")], filters=[strip],
                                description="L'école, le centre de formation ou l'université (facultatif).")
    lieu = StringField("Lieu", [length(SHORT_MAX, "Le lieu"), _one_line("Le lieu")], filters=[strip],
                       description="La commune, ou le pays pour une formation à l'étranger (facultatif).")
    statut = RadioField("Ce diplôme est-il obtenu ?", [required("Indiquez si le diplôme est obtenu ou en cours.")],
                        choices=choices([("obtenu", "Obtenu"), ("en-cours", "En cours ou non obtenu")]))
    annee = StringField("Année", [required("Saisissez l'année d'obtention, ou de fin de la formation."),
                                  _year_of_training], filters=[strip],
                        description="L'année d'obtention, ou de fin de la formation, par exemple 2019.")
    description = TextAreaField("Description", [length(DESCRIPTION_MAX, "La description")], filters=[strip],
                                description="Les matières, les stages, la spécialité (facultatif).")
    cle = HiddenField()


class LanguageForm(ChoiceMessages):
    choice_messages = {"langue": "Choisissez une langue dans la liste.",
                       "niveau": "Choisissez votre niveau dans cette langue."}

    langue = SelectField("Langue", [required("Choisissez une langue dans la liste.")],
                         choices=choices([("", "Choisissez une langue"), *LANGUAGES]))
    niveau = RadioField("Niveau", [required("Choisissez votre niveau dans cette langue.")],
                        choices=choices(LANGUAGE_LEVELS),
                        description="Les niveaux du cadre européen commun de référence pour les langues, de A1 "
                                    "(débutant) à C2 (maîtrise).")


class LicencesForm(KitForm):
    permis = CheckboxesField("Permis de conduire", choices=choices(LICENCES),
                             description="Cochez chaque catégorie de permis que vous avez ; aucune si vous n'avez "
                                         "pas de permis.")


class SkillsForm(KitForm):
    competences = TextAreaField("Compétences complémentaires", [length(SKILLS_MAX, "Le texte des compétences")],
                                filters=[strip],
                                description="Logiciels, habilitations (CACES, SST…), qualités, centres d'intérêt "
                                            "utiles au métier. Une compétence par ligne, par exemple.")


def _email(value: str) -> str | None:
    return check_email(value, "votre adresse e-mail")


def _postal_code(value: str) -> str | None:
    return check_postal_code(value)


class ContactForm(KitForm):
    prenom = StringField("Prénom", [required("Saisissez votre prénom."), length(SHORT_MAX, "Le prénom"),
                                    _one_line("Le prénom")], filters=[strip])
    nom = StringField("Nom", [required("Saisissez votre nom."), length(SHORT_MAX, "Le nom"), _one_line("Le nom")],
                      filters=[strip])
    courriel = EmailField("Adresse e-mail", [required("Saisissez votre adresse e-mail."), rule(_email)],
                          filters=[strip], description="Celle où les recruteurs vous écriront.")
    telephone = StringField("Téléphone", [rule(check_phone)], filters=[strip],
                            description="Facultatif. Par exemple 06 12 34 56 78, ou +32 470 12 34 56 pour un "
                                        "numéro étranger.")
    adresse = StringField("Adresse", [length(SHORT_MAX * 2, "L'adresse"), _one_line("L'adresse")], filters=[strip],
                          description="Facultatif : le numéro et la voie.")
    code_postal = StringField("Code postal", [rule(_postal_code)], filters=[strip], description="Facultatif.")
    ville = StringField("Commune", [length(SHORT_MAX, "Le nom de la commune"), _one_line("Le nom de la commune")],
                        filters=[strip], description="Facultatif.")
