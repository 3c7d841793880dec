"""Choosing a métier in a form without JavaScript, on the offer search's job index.

Shared by the CV's target (« Mon métier est »), the recruiter's offer form and the CV bank search:
words that name one appellation are that appellation; words that match several list them as
radios in the same form (« Plusieurs métiers correspondent ») and the next submission carries the
choice; a ROME code is read as the search page reads it. The form has three fields — ``metier``
(words), ``code_rome`` and ``appellation`` (the radios) — and the check leaves its French message
on the right one. Only the wording differs from one form to the next (``Wording``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from espace.offers.search_form import job_index, match_job, rome_code_problem

if TYPE_CHECKING:
    from espace.rome import Appellation, Fiche, Referential

MAX_JOB_CHOICES = 50  # radios: beyond, the user narrows the words typed


@dataclass(frozen=True)
class Job:
    fiche: Fiche
    appellation: Appellation | None  # None: chosen by its ROME code


@dataclass(frozen=True)
class Wording:
    missing: str  # neither words nor code: « Saisissez votre métier, par exemple maître nageur, ou son code ROME. »
    choose: str  # how the radios are introduced: « choisissez le vôtre », « choisissez celui de l'offre »


def check_job(form: Any, rome: Referential, wording: Wording) -> Job | None:
    """The job the form names, or None with the message set (and the radios to choose from)."""
    text, code = form.metier.data or "", form.code_rome.data or ""
    if form.metier.errors or form.code_rome.errors:
        return None
    if text and code:
        form.add_error("code_rome", "Saisissez soit un métier, soit un code ROME, pas les deux : effacez l'un des "
                                    "deux champs.")
        return None
    if not text and not code:
        form.add_error("metier", wording.missing)
        return None
    if code:
        problem = rome_code_problem(code)
        if problem is None and code not in rome.fiches:
            problem = f"Le code ROME {code} n'existe pas. Vérifiez-le dans la liste des métiers."
        if problem:
            form.add_error("code_rome", problem)
            return None
        return Job(rome.fiches[code], None)
    matches = job_index(rome).find(text)
    appellation = next((a for a in matches if a.code == form.appellation.data), None)
    if appellation is None:
        appellation, matches = match_job(rome, text)
    if appellation is not None and appellation.rome_code in rome.fiches:
        return Job(rome.fiches[appellation.rome_code], appellation)
    shown = [a for a in matches if a.rome_code in rome.fiches]
    if not shown:
        form.add_error("metier", f"Aucun métier ne correspond à « {text} ». Vérifiez l'orthographe, essayez un "
                                 "autre mot, ou saisissez le code ROME du métier.")
        return None
    form.appellation.choices = [(a.code, a.label) for a in shown[:MAX_JOB_CHOICES]]
    form.appellation.data = None
    if len(shown) > MAX_JOB_CHOICES:
        form.add_error("appellation", f"{len(shown)} métiers correspondent à « {text} » : {wording.choose} parmi "
                                      f"les {MAX_JOB_CHOICES} plus courts, ou précisez votre saisie.")
    else:
        form.add_error("appellation", f"Plusieurs métiers correspondent à « {text} » : {wording.choose}.")
    return None
