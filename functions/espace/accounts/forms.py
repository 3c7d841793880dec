"""The account forms: fields, French messages and the rules of accounts/validation.py."""

from __future__ import annotations

from wtforms import Form
from wtforms.fields import Field

from espace.accounts import validation as rules
from espace.dossier.model import identifier_is_valid, normalize_identifier
from espace.web.forms import (
    BooleanField,
    EmailField,
    HiddenField,
    KitForm,
    PasswordField,
    SelectField,
    StringField,
    ValidationError,
    choices,
    required,
    rule,
    strip,
)

PASSWORD_HINT = f"Au moins {rules.PASSWORD_MIN} caractères. Une phrase facile à retenir est un bon choix."


def _new_password(label: str, hint: str = PASSWORD_HINT) -> PasswordField:
    return PasswordField(label, [required("Saisissez un mot de passe.")], description=hint)


def _confirmation(label: str) -> PasswordField:
    return PasswordField(label, [required("Confirmez le mot de passe en le saisissant une seconde fois.")])


class NewPasswordMixin(Form):
    """The rules of a new password typed twice (fields ``mot_de_passe`` and ``confirmation``,
    declared by each form so that they keep their place in its order)."""

    identifier_for_password = ""

    def validate_mot_de_passe(self, field: Field) -> None:
        errors = rules.check_new_password(field.data or "", "x", self.identifier_for_password)
        if message := errors.get("mot_de_passe"):
            raise ValidationError(message)

    def validate_confirmation(self, field: Field) -> None:
        if self.mot_de_passe.data and field.data != self.mot_de_passe.data:
            raise ValidationError("La confirmation ne correspond pas au mot de passe. Saisissez-le à nouveau.")


def _identifier(description: str) -> StringField:
    """« Identifiant »: an e-mail address or a definitive identifier (``identifier_error``)."""
    return StringField(
        "Identifiant",
        [required("Saisissez votre identifiant : votre adresse e-mail ou votre identifiant de demandeur d'emploi.")],
        filters=[strip], description=description)


class SignInForm(KitForm):
    identifiant = _identifier("Votre adresse e-mail, ou votre identifiant de demandeur d'emploi une fois votre "
                              "inscription validée : 7 chiffres et une lettre, par exemple 1234567K.")
    mot_de_passe = PasswordField("Mot de passe", [required("Saisissez votre mot de passe.")])
    retour = HiddenField()

    def validate_identifiant(self, field: Field) -> None:
        """An identifier whose check letter does not match its digits is a typo: said at once,
        before any account is looked up or any failure counted."""
        if message := identifier_error(field.data or ""):
            raise ValidationError(message)


def identifier_error(value: str) -> str | None:
    """The fault of what was typed as a definitive identifier (None: an address, or a valid one)."""
    if "@" in value:
        return None
    typed = normalize_identifier(value)
    if len(typed) > 40:
        return "Saisissez votre adresse e-mail ou votre identifiant de 7 chiffres et une lettre."
    if not (len(typed) == 8 and typed[:7].isdigit() and typed[7].isalpha()):
        return (f"« {typed} » n'est ni une adresse e-mail ni un identifiant de demandeur d'emploi. Saisissez votre "
                "adresse e-mail (avec son @) ou votre identifiant : 7 chiffres suivis d'une lettre, par exemple "
                "1234567K.")
    if not identifier_is_valid(typed):
        return (f"L'identifiant {typed} n'est pas valide : sa lettre ne correspond pas à ses chiffres. Vérifiez "
                "les chiffres et la lettre sur votre courrier « Confirmation d'inscription ».")
    return None


class CreateAccountForm(NewPasswordMixin, KitForm):
    identifiant = EmailField(
        "Identifiant",
        [required("Saisissez votre adresse e-mail, qui sera votre identifiant."), rule(rules.check_email)],
        filters=[strip],
        description="Votre adresse e-mail : elle sera votre identifiant. Nous y enverrons un lien pour confirmer "
                    "la création de votre espace.")
    mot_de_passe = _new_password("Mot de passe")
    confirmation = _confirmation("Confirmation du mot de passe")
    code_postal = StringField("Code postal", [required("Saisissez votre code postal."), rule(rules.check_postal_code)],
                              filters=[strip], description="Le code postal de votre domicile, 5 chiffres")
    question = SelectField("Question secrète",
                           choices=choices([("", "Choisissez une question"), *rules.SECRET_QUESTIONS]),
                           validators=[required("Choisissez une question secrète dans la liste.")],
                           validate_choice=False)
    reponse = StringField("Réponse", [required("Saisissez la réponse à votre question secrète."),
                                      rule(rules.check_answer)],
                          filters=[strip], description="Les majuscules et les accents ne comptent pas.")
    retour = HiddenField()  # where to go once the space is confirmed and signed in (the registration)

    def validate_question(self, field: Field) -> None:
        if message := rules.check_question(field.data or ""):
            raise ValidationError(message)

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        self.identifier_for_password = rules.normalize_email(self.identifiant.data or "")
        return bool(super().validate(extra_validators))


class ConfirmForm(KitForm):
    jeton = HiddenField()
    retour = HiddenField()


class ForgotForm(KitForm):
    identifiant = _identifier("L'adresse e-mail de votre espace, ou votre identifiant de demandeur d'emploi : "
                              "7 chiffres et une lettre, par exemple 1234567K.")

    def validate_identifiant(self, field: Field) -> None:
        value = field.data or ""
        message = rules.check_email(value) if "@" in value else identifier_error(value)
        if message:
            raise ValidationError(message)


class ResetForm(NewPasswordMixin, KitForm):
    jeton = HiddenField()
    # The label is the account's secret question, set by the route.
    reponse = StringField("Réponse", [required("Saisissez la réponse à votre question secrète.")],
                          description="Réponse à votre question secrète ; les majuscules et les accents ne comptent "
                                      "pas.")
    mot_de_passe = _new_password("Nouveau mot de passe", f"Au moins {rules.PASSWORD_MIN} caractères.")
    confirmation = _confirmation("Confirmation du nouveau mot de passe")


class PasswordChangeForm(NewPasswordMixin, KitForm):
    actuel = PasswordField("Mot de passe actuel", [required("Saisissez votre mot de passe actuel.")])
    mot_de_passe = _new_password("Nouveau mot de passe", f"Au moins {rules.PASSWORD_MIN} caractères.")
    confirmation = _confirmation("Confirmation du nouveau mot de passe")


class EmailChangeForm(KitForm):
    nouvelle_adresse = EmailField("Nouvelle adresse e-mail",
                                  [required("Saisissez votre nouvelle adresse e-mail."), rule(rules.check_email)],
                                  filters=[strip],
                                  description="Nous y enverrons un lien : l'adresse change quand vous l'ouvrez.")
    mot_de_passe = PasswordField("Mot de passe", [required("Saisissez votre mot de passe pour confirmer ce "
                                                           "changement.")],
                                 description="Pour confirmer que c'est bien vous.")


class DeleteForm(KitForm):
    confirmer = BooleanField("Je comprends que mon espace et toutes ses données seront supprimés définitivement.",
                             [required("Cochez la case pour confirmer la suppression définitive.")])
    mot_de_passe = PasswordField("Mot de passe", [required("Saisissez votre mot de passe pour confirmer la "
                                                           "suppression.")],
                                 description="Pour confirmer que c'est bien vous.")
