"""The form of « Envoyer cette offre par e-mail »."""

from __future__ import annotations

from wtforms.fields import Field

from espace.accounts import validation as rules
from espace.web.forms import (
    EmailField,
    KitForm,
    RadioField,
    TextAreaField,
    ValidationError,
    choices,
    length,
    required,
    rule,
    strip,
)

MESSAGE_MAX = 500
TO_ME, TO_FRIEND = "moi", "ami"


class ShareForm(KitForm):
    """``destinataire`` is offered only to a signed-in candidate (the route removes it otherwise)."""

    destinataire = RadioField("À qui envoyer cette offre ?", choices=choices(
        [(TO_ME, "À moi-même"), (TO_FRIEND, "À une autre personne")]), default=TO_ME,
        validators=[required("Choisissez à qui envoyer l'offre.")])
    adresse = EmailField("Adresse e-mail", [required("Saisissez l'adresse e-mail où envoyer l'offre."),
                                            rule(lambda value: rules.check_email(value, "l'adresse"))],
                         filters=[strip])
    confirmation = EmailField("Confirmez l'adresse e-mail", [required("Saisissez l'adresse une seconde fois.")],
                              filters=[strip], description="Saisissez-la une seconde fois, pour éviter une erreur.")
    message = TextAreaField("Votre message (facultatif)", [length(MESSAGE_MAX, "Votre message")], filters=[strip],
                            description="Envoyé avec l'offre à une autre personne, en texte simple.")

    def validate_confirmation(self, field: Field) -> None:
        if self.adresse.data and rules.normalize_email(field.data or "") != rules.normalize_email(self.adresse.data):
            raise ValidationError("Les deux adresses ne sont pas identiques. Saisissez-les à nouveau.")
