"""The forms of étape 0 « Ma cible professionnelle » and what they read against the referentials.

Choosing happens without JavaScript, as on the offer search: a job typed that names one
appellation is that appellation; one that matches several lists them as radios in the same
form (« Plusieurs métiers correspondent ») and the next submission carries the choice; a ROME
code is read as the search page reads it. Places go the same way through
``espace.places`` ``resolve``. Each checker leaves its French messages on the form's fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from espace.cv.model import CONTRACTS, MAX_PLACES, WORKING_TIMES, Cv, WantedPlace
from espace.offers import job_choice
from espace.offers.job_choice import Job, Wording
from espace.web.forms import (
    CheckboxesField,
    KitForm,
    RadioField,
    RequiredByTheForm,
    StringField,
    choices,
    length,
    required,
    strip,
)
from espace.web.request import FormData

if TYPE_CHECKING:
    from espace.places import Place
    from espace.rome import Referential
    from espace.web.context import Context

FormT = TypeVar("FormT", bound=KitForm)
MAX_TEXT = 120


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


# --- drafts: what an invalid submission held, kept in the CV -------------------------------------
def draft_form(ctx: Context, cv: Cv, name: str, form_class: type[FormT], **initial: Any) -> tuple[FormT, bool]:
    """The form of the request (POST), else the one the candidate left invalid (kept in
    ``cv.typed``: a closed browser loses nothing), else a fresh one with ``initial``. The flag
    says the form comes from a kept draft (the page then shows its messages again)."""
    if ctx.submitted:
        # Not ``initial``: a field the request leaves out would keep it (WTForms keeps the data of
        # a text field absent from the body), and the stored choice would win over the new one.
        return ctx.bind(form_class), False
    typed = cv.typed.get(name)
    if typed is not None:
        return form_class(FormData(fields={key: list(values) for key, values in typed.items()})), True
    return form_class(None, **initial), False


def keep_typed(ctx: Context, cv: Cv, name: str) -> None:
    """Keep what was submitted (but the CSRF token) as the rubric's draft."""
    fields = ctx.form_data().fields
    cv.typed[name] = {key: list(values) for key, values in fields.items() if key != "csrf"}


# --- the métier ------------------------------------------------------------------------------
class JobForm(KitForm):
    metier = StringField("Mon métier est", [length(MAX_TEXT, "Le métier")], filters=[strip],
                         description="Obligatoire, sauf si vous donnez le code ROME. Par exemple : maître nageur. "
                                     "Saisissez un ou plusieurs mots du métier.")
    appellation = RadioField("Choisissez votre métier", choices=[], validate_choice=False)
    code_rome = StringField("Ou : mon métier correspond au code ROME", [length(5, "Le code ROME")], filters=[_upper],
                            description="Une lettre de A à N et 4 chiffres, par exemple F1703.")


CANDIDATE_WORDING = Wording(missing="Saisissez votre métier, par exemple maître nageur, ou son code ROME.",
                            choose="choisissez le vôtre")


def check_job(form: JobForm, rome: Referential) -> Job | None:
    """The job the form names, or None with the messages set (and the radios to choose from)."""
    return job_choice.check_job(form, rome, CANDIDATE_WORDING)


# --- the spécificités ------------------------------------------------------------------------------
class SkillsForm(KitForm):
    savoir_faire = CheckboxesField("Savoir-faire", choices=[])
    savoirs = CheckboxesField("Savoirs", choices=[])
    savoir_etre = CheckboxesField("Savoir-être professionnels", choices=[])


# --- the places --------------------------------------------------------------------------------
class PlaceForm(KitForm):
    lieu = StringField("Ajouter un lieu de travail",
                       [required("Saisissez une commune, un code postal, un département ou une région."),
                        length(MAX_TEXT, "Le lieu")], filters=[strip],
                       description="Une commune, un code postal, un département ou une région, par exemple "
                                   "La Rochelle, 17000, Charente-Maritime ou Nouvelle-Aquitaine.")
    lieu_code = RadioField("Précisez le lieu", [RequiredByTheForm()], choices=[], validate_choice=False)


def place_value(place: Place | WantedPlace) -> str:
    return f"{place.kind}:{place.code}"


def check_place(form: PlaceForm, places: Any) -> Place | None:
    """The place the form names, or None with the message set (and the radios to choose from)."""
    if form.lieu.errors:
        return None
    text = form.lieu.data or ""
    resolution = places.resolve(text)
    offered = resolution.choices[:20] or resolution.suggestions
    chosen = next((p for p in offered if place_value(p) == form.lieu_code.data), None)
    if chosen is not None:
        return chosen
    if resolution.match is not None:
        return resolution.match
    form.lieu_code.data = None
    if resolution.choices:
        form.lieu_code.choices = [(place_value(p), p.label) for p in offered]
        form.add_error("lieu_code", f"Plusieurs lieux s'appellent « {text} » : choisissez le vôtre.")
    elif resolution.suggestions:
        form.lieu_code.choices = [(place_value(p), p.label) for p in offered]
        form.lieu_code.label.text = "Lieux proches de votre saisie"
        form.add_error("lieu_code", f"Nous ne connaissons pas « {text} » : choisissez l'un des lieux proches de "
                                    "votre saisie, ou corrigez-la.")
    else:
        form.add_error("lieu", f"Nous ne connaissons pas « {text} ». Vérifiez l'orthographe, ou saisissez un code "
                               "postal ou un numéro de département.")
    return None


def full_message(maximum: int = MAX_PLACES) -> str:
    return (f"Vous avez déjà choisi {maximum} lieux de travail, le maximum : retirez-en un pour en ajouter "
            "un autre.")


# --- contract types and working time -------------------------------------------------------------
class ContractsForm(KitForm):
    contrats = CheckboxesField("Types de contrat recherchés", choices=choices(CONTRACTS),
                               validators=[required("Cochez au moins un type de contrat.")])
    durees = CheckboxesField("Durée de travail recherchée", choices=choices(WORKING_TIMES),
                             validators=[required("Cochez la durée de travail recherchée : temps plein, temps "
                                                  "partiel, ou les deux.")])
