"""Étape 1, « Situation administrative »: état civil, NIR, nationality, contact, address, bank.

The values are kept as typed (the kit's drafts); what the rest of the registration needs from
them is read by the functions at the end of this module (``commune_code`` decides the agency,
``full_name`` is what the counsellors' lists show), never by reading field names elsewhere.

The commune is chosen among those of the postal code typed (``services.places``), so its INSEE
code is what is stored. Without JavaScript, the list follows the postal code one save later: a
commune that does not belong to the new postal code is refused with the updated list, and a
postal code of a single commune selects it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from espace.inscription import checks
from espace.text import PARIS
from espace.web.forms import (
    DateField,
    EmailField,
    KitForm,
    RadioField,
    RequiredByTheForm,
    SelectField,
    StringField,
    ValidationError,
    choices,
    length,
    required,
    rule,
    strip,
)
from espace.web.request import FormData

CIVILITES = (("madame", "Madame"), ("monsieur", "Monsieur"))
BIRTH_PLACES = (("france", "En France"), ("etranger", "À l'étranger"))
FRENCH, EUROPEAN, OTHER = "francaise", "ue", "autre"
NATIONALITIES = ((FRENCH, "Française"),
                 (EUROPEAN, "D'un pays de l'Union européenne, de l'Espace économique européen ou de la Suisse"),
                 (OTHER, "D'un autre pays"))
NAME_MAX, TEXT_MAX = 60, 120


def today() -> dt.date:
    return dt.datetime.now(PARIS).date()


def choose_commune(form: Any) -> None:
    """The commune chooser of a form with ``code_postal`` and ``commune`` fields (and this form's
    ``_communes`` and ``validate_commune``): the communes of the postal code typed, the only one
    selected when there is one. The changes of situation's address form uses it as well."""
    form.communes = form._communes()
    pairs = [(place.code, place.label.rsplit(" (", 1)[0]) for place in form.communes]
    if len(pairs) == 1:
        form.commune.choices = choices(pairs)
    else:
        first = "Choisissez votre commune" if pairs else "Saisissez d'abord le code postal, puis enregistrez"
        form.commune.choices = choices([("", first), *pairs])
    if len(pairs) == 1 and not form.commune.data:
        form.commune.data = pairs[0][0]


def _one_of(field: RadioField, pairs: tuple[tuple[str, str], ...], message: str) -> None:
    """A choice sent that the page never offered (a forged or stale form)."""
    if field.data not in {value for value, _ in pairs}:
        raise ValidationError(message)


def _name(label: str, what: str, *, optional: bool = False, description: str = "") -> StringField:
    checks_ = [length(NAME_MAX, what), rule(checks.check_name)]
    return StringField(label, checks_ if optional else [required(f"Saisissez {what.lower()}."), *checks_],
                       filters=[strip], description=description)


class AdministrativeForm(KitForm):
    # --- état civil
    civilite = RadioField("Civilité", choices=choices(CIVILITES), validate_choice=False,
                          validators=[required("Choisissez votre civilité : Madame ou Monsieur.")])
    nom_naissance = _name("Nom de naissance", "Votre nom de naissance",
                          description="Le nom inscrit sur votre acte de naissance.")
    nom_usage = _name("Nom d'usage (facultatif)", "Votre nom d'usage", optional=True,
                      description="Par exemple le nom de votre époux ou épouse, s'il est différent.")
    prenoms = StringField("Prénoms", [required("Saisissez votre prénom."), length(TEXT_MAX, "Les prénoms"),
                                      rule(checks.check_name)],
                          filters=[strip], description="Tous vos prénoms, dans l'ordre de l'état civil.")
    date_naissance = DateField("Date de naissance", [required("Saisissez votre date de naissance.")],
                               what="la date de naissance")
    lieu_naissance = RadioField("Lieu de naissance", choices=choices(BIRTH_PLACES), validate_choice=False,
                                validators=[required("Indiquez si vous êtes né ou née en France ou à l'étranger.")])
    commune_naissance = StringField("Commune de naissance", [length(TEXT_MAX, "La commune de naissance")],
                                    filters=[strip], description="Si vous êtes né ou née en France.")
    pays_naissance = StringField("Pays de naissance", [length(NAME_MAX, "Le pays de naissance")],
                                 filters=[strip], description="Si vous êtes né ou née à l'étranger.")
    # --- sécurité sociale
    nir = StringField("Numéro de sécurité sociale",
                      [required("Saisissez votre numéro de sécurité sociale."), length(30, "Le numéro"),
                       rule(checks.check_nir)],
                      filters=[strip],
                      description="15 chiffres, clé comprise, comme sur votre carte Vitale : par exemple "
                                  "2 90 04 17 300 123 37. Les espaces sont acceptés.")
    # --- nationalité et titre de séjour
    nationalite = RadioField("Nationalité", choices=choices(NATIONALITIES), validate_choice=False,
                             validators=[required("Choisissez votre nationalité.")])
    titre_numero = StringField("Numéro du titre de séjour", [length(30, "Le numéro du titre de séjour")],
                               filters=[strip],
                               description="Si vous êtes d'un autre pays : le titre qui vous autorise à travailler.")
    titre_fin = DateField("Fin de validité du titre de séjour", what="la fin de validité du titre de séjour",
                          description="Si vous êtes d'un autre pays.")
    # --- coordonnées
    telephone = StringField("Téléphone", [required("Saisissez votre numéro de téléphone."),
                                          length(30, "Le numéro de téléphone"), rule(checks.check_phone)],
                            filters=[strip], description="Par exemple 06 12 34 56 78.")
    email = EmailField("Adresse e-mail (recommandée)",
                       [length(254, "L'adresse e-mail")], filters=[strip],
                       description="Votre conseiller et les courriers vous écriront à cette adresse.")
    # --- adresse
    adresse = StringField("Numéro et voie", [required("Saisissez votre adresse : numéro et nom de la voie."),
                                             length(TEXT_MAX, "L'adresse")],
                          filters=[strip], description="Par exemple 12 rue des Merciers.")
    complement = StringField("Complément d'adresse (facultatif)", [length(TEXT_MAX, "Le complément d'adresse")],
                             filters=[strip], description="Bâtiment, étage, « chez »…")
    code_postal = StringField("Code postal", [required("Saisissez votre code postal."),
                                              length(10, "Le code postal")],
                              filters=[strip], description="5 chiffres, par exemple 17000.")
    commune = SelectField("Commune", [RequiredByTheForm()], validate_choice=False,
                          description="Les communes du code postal saisi. Si vous changez de code postal, "
                                      "enregistrez : la liste se met à jour.")
    # --- coordonnées bancaires
    titulaire = StringField("Titulaire du compte", [required("Saisissez le nom du titulaire du compte."),
                                                    length(TEXT_MAX, "Le nom du titulaire")],
                            filters=[strip], description="Comme sur votre RIB.")
    iban = StringField("IBAN", [required("Saisissez l'IBAN de votre compte."), length(50, "L'IBAN"),
                                rule(checks.check_iban)],
                       filters=[strip],
                       description="Sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189. Les espaces sont "
                                   "acceptés.")
    bic = StringField("BIC", [required("Saisissez le BIC de votre banque."), length(20, "Le BIC"),
                              rule(checks.check_bic)],
                      filters=[strip], description="8 ou 11 caractères, sur votre RIB, par exemple AGRIFRPP.")

    def __init__(self, formdata: Any = None, **kwargs: Any):
        super().__init__(formdata, **kwargs)
        choose_commune(self)

    def _communes(self) -> list[Any]:
        code = (self.code_postal.data or "").strip()
        if not (len(code) == 5 and code.isdigit()):
            return []
        from espace.bootstrap import get_services  # read at request time: a test's reset is seen

        return get_services().places.communes_of_postal_code(code)

    @classmethod
    def prefill(cls, ctx: Any) -> dict[str, list[str]]:
        """A step never saved starts with what the account already says: its e-mail address and
        the postal code given when the access codes were chosen."""
        account = ctx.account() or {}
        values = {"email": [str(account.get("email", ""))], "code_postal": [str(account.get("postal_code", ""))]}
        return {name: value for name, value in values.items() if value[0]}

    # --- rules between fields (the inline validators run after each field's own)
    def validate_civilite(self, field: RadioField) -> None:
        _one_of(field, CIVILITES, "Choisissez votre civilité dans la liste : Madame ou Monsieur.")

    def validate_lieu_naissance(self, field: RadioField) -> None:
        _one_of(field, BIRTH_PLACES, "Indiquez si vous êtes né ou née en France ou à l'étranger.")

    def validate_nationalite(self, field: RadioField) -> None:
        _one_of(field, NATIONALITIES, "Choisissez votre nationalité dans la liste.")

    def validate_date_naissance(self, field: DateField) -> None:
        if field.data and (message := checks.check_birth_date(field.data, today())):
            raise ValidationError(message)

    def validate_commune_naissance(self, field: StringField) -> None:
        if self.lieu_naissance.data == "france" and not field.data:
            raise ValidationError("Saisissez votre commune de naissance.")

    def validate_pays_naissance(self, field: StringField) -> None:
        if self.lieu_naissance.data == "etranger" and not field.data:
            raise ValidationError("Saisissez votre pays de naissance.")

    def validate_nir(self, field: StringField) -> None:
        birth = self.date_naissance.data if not self.date_naissance.errors else None
        if message := checks.nir_mismatches(field.data or "", self.civilite.data or "", birth):
            raise ValidationError(message)

    def validate_titre_numero(self, field: StringField) -> None:
        if self.nationalite.data != OTHER:
            return
        if not field.data:
            raise ValidationError("Saisissez le numéro de votre titre de séjour.")
        if message := checks.check_permit_number(field.data):
            raise ValidationError(message)

    def validate_titre_fin(self, field: DateField) -> None:
        if self.nationalite.data != OTHER:
            return
        if field.data is None and not any(field.parts.values()):
            raise ValidationError("Saisissez la date de fin de validité de votre titre de séjour.")
        if field.data and field.data < today():
            raise ValidationError("Votre titre de séjour n'est plus valable à cette date : indiquez celui qui vous "
                                  "autorise à travailler aujourd'hui (ou le récépissé de sa demande de "
                                  "renouvellement).")

    def validate_email(self, field: EmailField) -> None:
        from espace.accounts.validation import check_email

        if field.data and (message := check_email(field.data)):
            raise ValidationError(message)

    def validate_code_postal(self, field: StringField) -> None:
        code = field.data or ""
        if not (len(code) == 5 and code.isdigit()):
            raise ValidationError("Saisissez un code postal à 5 chiffres, par exemple 17000.")
        if not self.communes:
            raise ValidationError(f"Aucune commune n'a le code postal {code} : vérifiez-le.")

    def validate_commune(self, field: SelectField) -> None:
        if not self.communes:
            if self.code_postal.data:
                return  # the postal code's own message says what to fix
            raise ValidationError("Saisissez d'abord le code postal : la liste des communes en dépend.")
        if not field.data:
            raise ValidationError("Choisissez votre commune dans la liste.")
        if field.data not in {place.code for place in self.communes}:
            raise ValidationError(f"Cette commune n'a pas le code postal {self.code_postal.data} : choisissez-la "
                                  "dans la liste, mise à jour pour ce code postal.")


# --- what the rest of the registration reads of this step -------------------------------------------
def _first(values: dict[str, list[str]], name: str) -> str:
    found = values.get(name) or [""]
    return str(found[0]).strip()


def commune_code(values: dict[str, list[str]]) -> str:
    """The INSEE code of the candidate's commune: it decides the agency
    (``services.agencies.for_commune(commune_code(values), services.places)``)."""
    return _first(values, "commune")


def full_name(values: dict[str, list[str]]) -> str:
    """« Camille DURAND »: the first given name, then the name used (the birth name by default)."""
    given = _first(values, "prenoms").split(" ")[0].split(",")[0]
    family = _first(values, "nom_usage") or _first(values, "nom_naissance")
    return " ".join(part for part in (given, family.upper()) if part)


def request_name(values: dict[str, list[str]], email: str) -> str:
    """The request's name in the counsellors' lists: ``full_name``, else the account's address."""
    return full_name(values)[:120] or email


def postal_code_of(values: dict[str, list[str]]) -> str:
    return _first(values, "code_postal")


def contact_email(values: dict[str, list[str]]) -> str:
    return _first(values, "email")


def form_of(values: dict[str, list[str]]) -> AdministrativeForm:
    """The step's form read back from a draft's values."""
    return AdministrativeForm(FormData(fields={k: list(v) for k, v in values.items()}))
