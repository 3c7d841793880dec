"""Étape 4, « Connaissances et formation »: the highest diploma and its level, the trainings, the
languages and the driving licences — with the CV's own field definitions (``espace.cv``), so a
level, a language or a licence reads the same in the request and in the CV bank.

The trainings and the languages are repeatable groups (``espace.web.groups``); a training keeps
the CV's title, level, school, status and year (the place and description are for the CV).
"""

from __future__ import annotations

from typing import Any

from wtforms.fields.core import UnboundField

from espace.cv.information_forms import SHORT_MAX, ChoiceMessages, LanguageForm, LicencesForm, TrainingForm
from espace.cv.model import LANGUAGES, MAX_LANGUAGES, MAX_TRAININGS, TRAINING_LEVELS
from espace.web.forms import SelectField, StringField, choices, length, required, rule, strip
from espace.web.groups import GroupField

NO_DIPLOMA = "autre"  # TRAINING_LEVELS' « Sans diplôme ou autre »
LEVEL_MESSAGE = "Choisissez dans la liste le niveau de votre diplôme le plus élevé, ou « Sans diplôme ou autre »."


def _declared_here(unbound: UnboundField) -> UnboundField:
    """The CV's field, declared anew: a form orders its fields by their declaration, and this one
    belongs after the diploma, not where the CV's module declared it."""
    return UnboundField(unbound.field_class, *unbound.args, name=unbound.name, **unbound.kwargs)


class TrainingGroupForm(TrainingForm):
    """A training of the request: the CV's fields, less those only a CV shows."""

    lieu = None
    description = None
    cle = None


def _one_line(value: str) -> str | None:
    return "L'intitulé du diplôme doit tenir sur une ligne." if "\n" in value or "\r" in value else None


class KnowledgeForm(ChoiceMessages):
    choice_messages = {"niveau": LEVEL_MESSAGE}

    niveau = SelectField("Niveau de votre diplôme le plus élevé", [required(LEVEL_MESSAGE)],
                         choices=choices([("", "Choisissez un niveau"), *TRAINING_LEVELS]), default="",
                         description="Le niveau dans le cadre national des certifications.")
    diplome = StringField("Intitulé de votre diplôme le plus élevé", [length(SHORT_MAX, "L'intitulé du diplôme"),
                                                                      rule(_one_line)],
                          filters=[strip], description="Obligatoire si vous avez un diplôme, par exemple « CAP "
                                                       "Boulanger » ; laissez vide si vous n'avez pas de diplôme.")
    formations = GroupField(TrainingGroupForm, "Vos formations", item="Formation", add_label="Ajouter une formation",
                            remove_label="Supprimer cette formation", empty_text="Aucune formation déclarée.",
                            full_text=f"Vous avez déclaré {MAX_TRAININGS} formations, le maximum.",
                            removed_text="La formation {n} est retirée de la liste.", max_entries=MAX_TRAININGS,
                            description="Vos diplômes et les formations suivies, obtenus ou en cours (facultatif).")
    langues = GroupField(LanguageForm, "Langues", item="Langue", add_label="Ajouter une langue",
                         remove_label="Supprimer cette langue", empty_text="Aucune langue déclarée.",
                         full_text=f"Vous avez déclaré {MAX_LANGUAGES} langues, le maximum.",
                         removed_text="La langue {n} est retirée de la liste.", max_entries=MAX_LANGUAGES,
                         description="Les langues que vous parlez, le français compris, et votre niveau "
                                     "(facultatif).")
    permis = _declared_here(LicencesForm.permis)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.niveau.errors and self.niveau.data not in ("", NO_DIPLOMA) and not self.diplome.data \
                and not self.diplome.errors:
            self.add_error("diplome", "Saisissez l'intitulé de votre diplôme le plus élevé, par exemple « CAP "
                                      "Boulanger », ou choisissez le niveau « Sans diplôme ou autre ».")
            valid = False
        labels = dict(LANGUAGES)
        seen: set[str] = set()
        for index, entry in enumerate(self.langues.entries):
            code = entry.form.langue.data
            if code and not entry.form.langue.errors:
                if code in seen:
                    name = labels.get(code, code)
                    self.langues.add_entry_error(index, "langue", f"Vous avez déjà indiqué « {name} » plus haut : "
                                                                  "gardez une seule ligne par langue.")
                    valid = False
                seen.add(code)
        return valid
