"""Choosing the offer's métier and commune without JavaScript, on the offer search's job index
(``espace.offers.search_form``, which the areas share) and the places referential.

As on the offer search and in the CV's target: words that name one appellation are that
appellation; words that match several list them as radios in the same form (« Plusieurs métiers
correspondent ») and the next submission carries the choice; a ROME code is read as the search
reads it. A workplace is a commune: a postal code or a name; homonyms (« Saint-Denis ») and
close names (« Larochele ») are offered as radios the same way; a département or a région is not
a workplace. Each check leaves its French message on the form's field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.offers import job_choice
from espace.offers.job_choice import Job, Wording

if TYPE_CHECKING:
    from espace.places import Place
    from espace.places.referential import Places
    from espace.recruteurs.offer_forms import OfferForm
    from espace.rome import Referential

MAX_PLACE_CHOICES = 20


OFFER_WORDING = Wording(missing="Saisissez le métier de l'offre, par exemple boulanger, ou son code ROME.",
                        choose="choisissez celui de l'offre")


def check_job(form: OfferForm, rome: Referential) -> Job | None:
    """The job the form names, or None with the message set (and the radios to choose from)."""
    return job_choice.check_job(form, rome, OFFER_WORDING)


def place_value(place: Place) -> str:
    return f"{place.kind}:{place.code}"


def check_commune(form: OfferForm, places: Places) -> Place | None:
    """The commune the form names, or None with the message set (and the radios to choose from)."""
    if form.lieu.errors:
        return None
    text = form.lieu.data or ""
    resolution = places.resolve(text)
    communes = [p for p in resolution.choices if p.kind == "commune"][:MAX_PLACE_CHOICES]
    close = [p for p in resolution.suggestions if p.kind == "commune"]
    chosen = next((p for p in communes or close if place_value(p) == form.lieu_code.data), None)
    if chosen is not None:
        return chosen
    match = resolution.match
    if match is not None and match.kind == "commune":
        return match
    form.lieu_code.data = None
    if match is not None:
        form.add_error("lieu", f"« {match.label} » n'est pas une commune : saisissez la commune du lieu de travail, "
                               "ou son code postal.")
    elif communes:
        form.lieu_code.choices = [(place_value(p), p.label) for p in communes]
        form.add_error("lieu_code", f"Plusieurs communes s'appellent « {text} » : choisissez celle du lieu de travail.")
    elif close:
        form.lieu_code.choices = [(place_value(p), p.label) for p in close]
        form.lieu_code.label.text = "Communes proches de votre saisie"
        form.add_error("lieu_code", f"Nous ne connaissons pas « {text} » : choisissez l'une des communes proches de "
                                    "votre saisie, ou corrigez-la.")
    else:
        form.add_error("lieu", f"Nous ne connaissons pas « {text} ». Vérifiez l'orthographe, ou saisissez le code "
                               "postal de la commune.")
    return None
