"""The forms of « Postuler »: the CV to send, « Mes atouts pour ce poste », « Mes coordonnées »,
and the final sending (its key drawn when the page is shown)."""

from __future__ import annotations

from espace.candidatures.model import MAX_MESSAGE
from espace.cv.information_forms import SHORT_MAX, check_phone
from espace.web.forms import (
    HiddenField,
    KitForm,
    RadioField,
    StringField,
    TextAreaField,
    ValidationError,
    length,
    required,
    rule,
    strip,
)

PERSONAL = "personnel"  # the CV choice's value for the personal CV; a complete CV's is its id


def _one_line(what: str):
    def check(value: str) -> str | None:
        return f"{what} doit tenir sur une ligne." if "\n" in value or "\r" in value else None
    return rule(check)


class CvChoiceForm(KitForm):
    cv = RadioField("Quel CV voulez-vous envoyer ?", [required("Choisissez le CV à envoyer avec votre candidature.")],
                    choices=[], validate_choice=False,
                    description="Le CV est envoyé tel qu'il est aujourd'hui : le modifier ensuite ne change pas "
                                "la candidature.")

    def validate_cv(self, field: RadioField) -> None:
        known = {str(choice.value) for choice in field.iter_choices()}
        if field.data and field.data not in known:
            raise ValidationError("Ce CV n'existe plus : choisissez un des CV de la liste.")


class StrengthsForm(KitForm):
    message = TextAreaField(
        "Mes atouts pour ce poste",
        [required("Présentez vos atouts pour ce poste : ce que vous savez faire qui répond aux exigences de l'offre."),
         length(MAX_MESSAGE, "Votre présentation")],
        filters=[strip],
        description="Montrez que votre profil répond aux exigences de l'offre, rappelées à côté : votre "
                    "expérience du métier, vos compétences, vos formations, vos permis.")


class ContactDetailsForm(KitForm):
    prenom = StringField("Prénom", [required("Saisissez votre prénom."), length(SHORT_MAX, "Le prénom"),
                                    _one_line("Le prénom")], filters=[strip])
    nom = StringField("Nom", [required("Saisissez votre nom."), length(SHORT_MAX, "Le nom"), _one_line("Le nom")],
                      filters=[strip])
    telephone = StringField("Téléphone", [required("Saisissez un numéro de téléphone où le recruteur peut vous "
                                                   "joindre."), rule(check_phone)], filters=[strip],
                            description="Obligatoire pour postuler : le recruteur vous appelle pour un entretien. "
                                        "Par exemple 06 12 34 56 78, ou +32 470 12 34 56 pour un numéro étranger.")


class SendForm(KitForm):
    cle = HiddenField()
