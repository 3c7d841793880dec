"""Étape 5, Projet professionnel: the job sought, mobility, contract types, working time and
qualification — what the counsellor reads to prepare the PPAE (seed: « préparation de
l'entretien PPAE »).

The job is chosen as everywhere else on the site (``espace.offers.job_choice``): words naming
one appellation are that appellation, words naming several offer them as radios in the same form,
a ROME code is read as the search reads it. Places (up to ``MAX_PLACES``, besides the distance
around home) are communes or départements of the places referential, homonyms offered as radios
the same way. Both checks read the referentials of the running process (``espace.bootstrap``):
the step engine builds a step's form from the draft alone, with no request context.

The draft keeps what was typed (``metier``, ``appellation``…); a form built again from it shows
the chosen appellation and places by their labels (the check page, the PDF, the counsellor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from espace.contract_types import CONTRACT_TYPES
from espace.offers import job_choice
from espace.offers.job_choice import Wording
from espace.web.forms import (
    CheckboxesField,
    KitForm,
    RadioField,
    StringField,
    choices,
    length,
    required,
    strip,
)

if TYPE_CHECKING:
    from espace.places import Place

MAX_TEXT = 120
MAX_DISTANCE_KM = 200
PART_TIME_HOURS = (1, 34)  # a week's hours: from 35 it is full time
MAX_PLACES = 3
MAX_PLACE_CHOICES = 20
PLACE_KINDS = ("commune", "departement")

QUALIFICATIONS = (
    ("manoeuvre", "Manœuvre"), ("ouvrier-specialise", "Ouvrier spécialisé"),
    ("ouvrier-qualifie", "Ouvrier qualifié"), ("employe-non-qualifie", "Employé non qualifié"),
    ("employe-qualifie", "Employé qualifié"), ("technicien", "Technicien"),
    ("agent-de-maitrise", "Agent de maîtrise"), ("cadre", "Cadre"),
)
FULL_TIME, PART_TIME = "plein", "partiel"
WORKING_TIMES = ((FULL_TIME, "Temps plein"), (PART_TIME, "Temps partiel"))

WORDING = Wording(missing="Saisissez l'emploi que vous recherchez, par exemple maçon, ou son code ROME.",
                  choose="choisissez le vôtre")


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _place_field(number: int) -> StringField:
    return StringField(f"Lieu de travail souhaité n° {number} (facultatif)",
                       [length(MAX_TEXT, f"Le lieu n° {number}")], filters=[strip],
                       description="Une commune, un code postal ou un département, par exemple Niort, "
                                   "17000 ou Charente-Maritime." if number == 1 else "")


def _place_choice(number: int) -> RadioField:
    return RadioField(f"Précisez le lieu n° {number}", choices=[], validate_choice=False)


class ProjectForm(KitForm):
    metier = StringField("Emploi recherché", [length(MAX_TEXT, "L'emploi recherché")], filters=[strip],
                         description="Par exemple : maçon. Saisissez un ou plusieurs mots du métier.")
    appellation = RadioField("Choisissez l'emploi recherché", choices=[], validate_choice=False)
    code_rome = StringField("Ou : code ROME de l'emploi recherché", [length(5, "Le code ROME")], filters=[_upper],
                            description="Une lettre de A à N et 4 chiffres, par exemple F1703.")
    distance = StringField("Distance maximale entre votre domicile et votre lieu de travail, en kilomètres",
                           [required("Indiquez la distance que vous acceptez de parcourir pour travailler, en "
                                     "kilomètres, par exemple 30."), length(3, "La distance")], filters=[strip],
                           description=f"Un nombre entier de 0 à {MAX_DISTANCE_KM}.")
    lieu_1 = _place_field(1)
    lieu_1_code = _place_choice(1)
    lieu_2 = _place_field(2)
    lieu_2_code = _place_choice(2)
    lieu_3 = _place_field(3)
    lieu_3_code = _place_choice(3)
    contrats = CheckboxesField("Types de contrat recherchés", choices=choices(CONTRACT_TYPES),
                               validators=[required("Cochez au moins un type de contrat.")])
    temps = RadioField("Durée de travail recherchée", choices=choices(WORKING_TIMES),
                       validators=[required("Choisissez temps plein ou temps partiel.")])
    heures = StringField("Pour un temps partiel : nombre d'heures par semaine", [length(2, "Le nombre d'heures")],
                         filters=[strip], description=f"Un nombre entier de {PART_TIME_HOURS[0]} à "
                                                      f"{PART_TIME_HOURS[1]}, par exemple 24.")
    qualification = RadioField("Votre qualification", choices=choices(QUALIFICATIONS),
                               validators=[required("Choisissez votre qualification.")])

    def __init__(self, formdata: Any = None, **kwargs: Any):
        super().__init__(formdata, **kwargs)
        self._name_choices()

    def place_pairs(self) -> list[tuple[StringField, RadioField]]:
        return [(self[f"lieu_{n}"], self[f"lieu_{n}_code"]) for n in range(1, MAX_PLACES + 1)]

    # --- reading the referentials -------------------------------------------------------------
    def _name_choices(self) -> None:
        """A choice kept in the draft shown by its label, as the one radio of its question."""
        code = self.appellation.data
        if code and not self.appellation.choices:
            found = _rome().appellations.get(str(code))
            self.appellation.choices = [(found.code, found.label)] if found else []
        for _text, choice in self.place_pairs():
            if choice.data and not choice.choices:
                place = _place_of(str(choice.data))
                choice.choices = [(choice.data, place.label)] if place else []

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        job_choice.check_job(self, _rome(), WORDING)
        self._check_distance()
        for number, (text, choice) in enumerate(self.place_pairs(), start=1):
            _check_place(self, number, text, choice)
        self._check_hours()
        return not self.has_errors

    def _check_distance(self) -> None:
        value = self.distance.data or ""
        if self.distance.errors or not value:
            return
        if not value.isdigit() or int(value) > MAX_DISTANCE_KM:
            self.add_error("distance", f"La distance doit être un nombre entier de kilomètres, de 0 à "
                                       f"{MAX_DISTANCE_KM}, par exemple 30.")

    def _check_hours(self) -> None:
        value, low, high = self.heures.data or "", *PART_TIME_HOURS
        if self.temps.data != PART_TIME or self.heures.errors:
            return
        if not value:
            self.add_error("heures", "Indiquez le nombre d'heures par semaine que vous recherchez à temps partiel, "
                                     "par exemple 24.")
        elif not value.isdigit() or not low <= int(value) <= high:
            self.add_error("heures", f"Le nombre d'heures d'un temps partiel doit être un nombre entier de {low} à "
                                     f"{high} : au-delà, c'est un temps plein.")


def _rome() -> Any:
    from espace.bootstrap import get_services

    return get_services().rome


def _places() -> Any:
    from espace.bootstrap import get_services

    return get_services().places


def place_value(place: Place) -> str:
    return f"{place.kind}:{place.code}"


def _place_of(value: str) -> Place | None:
    kind, _, code = value.partition(":")
    if kind == "commune":
        return _places().commune(code)
    if kind == "departement":
        return _places().departement(code)
    return None


def _check_place(form: ProjectForm, number: int, text_field: StringField, choice: RadioField) -> Place | None:
    """The place typed in ``text_field``, or None with the message set (and radios to choose
    from): a commune or a département; a région is too wide for a place of work."""
    text = text_field.data or ""
    if text_field.errors or not text:
        choice.data, choice.choices = None, []
        return None
    resolution = _places().resolve(text)
    offered = [p for p in resolution.choices if p.kind in PLACE_KINDS][:MAX_PLACE_CHOICES]
    close = [p for p in resolution.suggestions if p.kind in PLACE_KINDS]
    chosen = next((p for p in offered or close if place_value(p) == choice.data), None)
    match = resolution.match
    if chosen is None and match is not None and match.kind in PLACE_KINDS:
        chosen = match
    if chosen is not None:
        choice.data, choice.choices = place_value(chosen), [(place_value(chosen), chosen.label)]
        return chosen
    choice.data = None
    if match is not None:
        form.add_error(text_field.name, f"« {match.label} » est une région : indiquez plutôt une commune ou un "
                                        f"département pour le lieu n° {number}.")
    elif offered:
        choice.choices = [(place_value(p), p.label) for p in offered]
        form.add_error(choice.name, f"Plusieurs lieux s'appellent « {text} » : choisissez le vôtre.")
    elif close:
        choice.choices = [(place_value(p), p.label) for p in close]
        choice.label.text = f"Lieux proches de votre saisie pour le lieu n° {number}"
        form.add_error(choice.name, f"Nous ne connaissons pas « {text} » : choisissez l'un des lieux proches de "
                                    "votre saisie, ou corrigez-la.")
    else:
        form.add_error(text_field.name, f"Nous ne connaissons pas « {text} ». Vérifiez l'orthographe, ou saisissez "
                                        "un code postal ou un numéro de département.")
    return None
