"""The publishing form of an offer and the checks that turn it into the offer's values.

The métier and the place are chosen without JavaScript, as in the CV's target
(``espace.cv.targeting``): words that name one appellation are that appellation, words that
match several list them as radios in the same form, and the next submission carries the choice;
a place is a commune of the places referential, chosen the same way. Numbers are typed in text
fields so that what was typed (« 6 mois », « 1 800 ») comes back as typed with a message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from espace.offers.schema import monthly_salary
from espace.recruteurs.offer_choosers import check_commune, check_job, place_value
from espace.recruteurs.offer_json import salary_libelle
from espace.web.forms import (
    HiddenField,
    KitForm,
    RadioField,
    StringField,
    TextAreaField,
    choices,
    length,
    required,
    strip,
)

if TYPE_CHECKING:
    from espace.places.referential import Places
    from espace.rome import Referential

CONTRACTS = (("CDI", "CDI"), ("CDD", "CDD"), ("MIS", "Mission d'intérim"), ("SAI", "Contrat saisonnier"))
WITH_DURATION = {"CDD", "MIS", "SAI"}
UNITS = (("mois", "En mois"), ("jours", "En jours"))
TIMES = (("plein", "Temps plein"), ("partiel", "Temps partiel"))
PERIODS = (("mensuel", "Par mois"), ("annuel", "Par an"), ("horaire", "De l'heure"))
EXPERIENCES = (("D", "Débutant accepté"), ("E", "Expérience exigée"))
MAX_TITLE, MAX_TEXT, MAX_DESCRIPTION, MAX_SKILLS_TEXT = 120, 120, 5000, 2000
MAX_SKILLS, MAX_SKILL = 10, 200
MAX_DURATION = {"mois": 36, "jours": 365}
MAX_HOURS = 48  # the legal weekly maximum
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]{1,2})?")


class OfferForm(KitForm):
    """The error summary follows the order of the fields here (WTForms' declaration order)."""

    cle = HiddenField()
    intitule = StringField("Intitulé de l'offre", [required("Saisissez l'intitulé de l'offre, par exemple Boulanger "
                                                            "ou boulangère."), length(MAX_TITLE, "L'intitulé")],
                           filters=[strip], description="Ce que les candidats liront en premier, par exemple "
                                                        "Boulanger ou boulangère.")
    metier = StringField("Métier", [length(MAX_TEXT, "Le métier")], filters=[strip],
                         description="Un ou plusieurs mots du métier, par exemple boulanger.")
    appellation = RadioField("Choisissez le métier", choices=[], validate_choice=False)
    code_rome = StringField("Ou : code ROME du métier", [length(5, "Le code ROME")],
                            filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
                            description="Une lettre de A à N et 4 chiffres, par exemple D1102.")
    lieu = StringField("Lieu de travail", [required("Saisissez la commune du lieu de travail, ou son code postal."),
                                           length(MAX_TEXT, "Le lieu de travail")], filters=[strip],
                       description="Une commune ou un code postal, par exemple La Rochelle ou 17000.")
    lieu_code = RadioField("Précisez la commune", choices=[], validate_choice=False)
    contrat = RadioField("Type de contrat", choices=choices(CONTRACTS),
                         validators=[required("Choisissez le type de contrat.")])
    duree = StringField("Durée du contrat", [length(10, "La durée")], filters=[strip],
                        description="Pour un CDD, une mission d'intérim ou un contrat saisonnier : un nombre, "
                                    "par exemple 6.")
    duree_unite = RadioField("Durée exprimée", choices=choices(UNITS), default="mois", validate_choice=False)
    temps = RadioField("Temps de travail", choices=choices(TIMES),
                       validators=[required("Choisissez temps plein ou temps partiel.")])
    heures = StringField("Heures de travail par semaine", [length(10, "Le nombre d'heures")], filters=[strip],
                         description="Par exemple 35 ou 24,5. Obligatoire pour un temps partiel.")
    salaire_min = StringField("Salaire brut minimum, en euros (facultatif)", [length(12, "Le salaire")],
                              filters=[strip], description="Par exemple 1900. Sans salaire, l'offre dira « Selon "
                                                           "profil ».")
    salaire_max = StringField("Salaire brut maximum, en euros (facultatif)", [length(12, "Le salaire")],
                              filters=[strip])
    salaire_periode = RadioField("Le salaire est", choices=choices(PERIODS), default="mensuel", validate_choice=False)
    experience = RadioField("Expérience", choices=choices(EXPERIENCES),
                            validators=[required("Choisissez « Débutant accepté » ou « Expérience exigée ».")])
    experience_annees = StringField("Années d'expérience exigées", [length(4, "Le nombre d'années")],
                                    filters=[strip], description="Si une expérience est exigée : un nombre d'années, "
                                                                 "par exemple 2.")
    description = TextAreaField("Description du poste et de l'entreprise",
                                [required("Décrivez le poste : les missions, les horaires, ce que vous offrez."),
                                 length(MAX_DESCRIPTION, "La description")],
                                description="Les missions, les horaires, le lieu, ce que vous offrez.")
    competences = TextAreaField("Compétences attendues (facultatif)", [length(MAX_SKILLS_TEXT, "Les compétences")],
                                description=f"Une compétence par ligne, {MAX_SKILLS} au plus, par exemple « Pétrir "
                                            "la pâte ».")


def _hundredths(text: str) -> int | None:
    """« 1 800 », « 1800,5 » -> 180000 / 180050 (cents, or hundredths of an hour: records hold no
    floats); None when it is not a number with at most two decimals."""
    text = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if not _NUMBER.fullmatch(text):
        return None
    whole, _, decimals = text.replace(",", ".").partition(".")
    return int(whole) * 100 + int((decimals + "00")[:2])


def _whole(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def values_of(form: OfferForm, rome: Referential, places: Places) -> dict[str, Any] | None:
    """The offer's values from a validated form, or None with every message set on its field."""
    job = check_job(form, rome)
    place = check_commune(form, places)
    contract, unit = form.contrat.data, form.duree_unite.data or "mois"
    duration = None
    if contract in WITH_DURATION:
        duration = _whole(form.duree.data or "")
        if unit not in MAX_DURATION:
            form.add_error("duree_unite", "Choisissez une durée en mois ou en jours.")
        elif not form.duree.data:
            form.add_error("duree", "Indiquez la durée du contrat, par exemple 6.")
        elif duration is None or not 1 <= duration <= MAX_DURATION[unit]:
            form.add_error("duree", f"La durée doit être un nombre entier entre 1 et {MAX_DURATION[unit]} {unit}.")
            duration = None
    hours = _hundredths(form.heures.data or "") if form.heures.data else None
    if form.heures.data and (hours is None or not 100 <= hours <= MAX_HOURS * 100):
        form.add_error("heures", f"Le nombre d'heures doit être un nombre entre 1 et {MAX_HOURS}, par exemple 35 ou "
                                 "24,5.")
    elif form.temps.data == "partiel" and hours is None:
        form.add_error("heures", "Indiquez le nombre d'heures par semaine d'un temps partiel, par exemple 24.")
    salary = _salary(form)
    years = None
    if form.experience.data == "E":
        years = _whole(form.experience_annees.data or "")
        if not form.experience_annees.data:
            form.add_error("experience_annees", "Indiquez le nombre d'années d'expérience exigées, par exemple 2.")
        elif years is None or not 1 <= years <= 30:
            form.add_error("experience_annees", "Le nombre d'années doit être un nombre entier entre 1 et 30.")
    skills = [line.strip() for line in (form.competences.data or "").splitlines() if line.strip()]
    if len(skills) > MAX_SKILLS:
        form.add_error("competences", f"Vous avez écrit {len(skills)} compétences : gardez-en {MAX_SKILLS} au plus.")
    elif any(len(skill) > MAX_SKILL for skill in skills):
        form.add_error("competences", f"Chaque compétence doit contenir au plus {MAX_SKILL} caractères.")
    if form.has_errors or job is None or place is None:
        return None
    return {
        "intitule": form.intitule.data, "metier": form.metier.data or "",
        "appellation": job.appellation.code if job.appellation else "",
        "appellation_label": job.appellation.label if job.appellation else "",
        "rome_code": job.fiche.code, "rome_label": job.fiche.title,
        "lieu": place.label, "lieu_code": place_value(place), "lieu_label": place.label, "commune": place.code,
        "departement": place.departement,
        "contrat": contract, "duree": duration, "duree_unite": unit if duration else "",
        "temps": form.temps.data, "heures_minutes": hours * 60 // 100 if hours else None,
        "salaire_min": salary[0], "salaire_max": salary[1],
        "salaire_periode": form.salaire_periode.data if salary[0] is not None else "",
        "experience": form.experience.data, "experience_annees": years,
        "description": form.description.data.strip(), "competences": skills,
    }


def _salary(form: OfferForm) -> tuple[int | None, int | None]:
    """The salary's bounds in cents, or (None, None) with the messages set."""
    low_text, high_text = form.salaire_min.data or "", form.salaire_max.data or ""
    period = form.salaire_periode.data
    low = _hundredths(low_text) if low_text else None
    high = _hundredths(high_text) if high_text else None
    if low_text and low is None:
        form.add_error("salaire_min", "Le salaire doit être un montant en euros, par exemple 1900 ou 11,88.")
    if high_text and high is None:
        form.add_error("salaire_max", "Le salaire doit être un montant en euros, par exemple 2100 ou 12,50.")
    if high is not None and not low_text:
        form.add_error("salaire_min", "Indiquez aussi le salaire minimum, ou effacez le maximum.")
    if low is None or (high_text and high is None):
        return None, None
    if period not in dict(PERIODS):
        form.add_error("salaire_periode", "Dites si le salaire est par mois, par an ou de l'heure.")
        return None, None
    if high is not None and high < low:
        form.add_error("salaire_max", "Le salaire maximum doit être supérieur ou égal au minimum.")
        return None, None
    # The index reads the salary back from the libellé: one it would find implausible is a typing error.
    if monthly_salary(salary_libelle(period, low, high)) is None:
        example = {"mensuel": "1900 par mois", "annuel": "24000 par an", "horaire": "12 de l'heure"}[period]
        form.add_error("salaire_min", "Ce salaire ne semble pas correspondre à la période choisie : vérifiez le "
                                      f"montant et la période, par exemple {example}.")
        return None, None
    return low, high


def initial(values: dict[str, Any]) -> dict[str, Any]:
    """The form's data for editing an offer, from its stored values."""
    def number(value: Any) -> str:
        return "" if value is None or value == "" else str(value)

    job = ({"metier": values.get("appellation_label") or values.get("metier"), "appellation": values["appellation"]}
           if values.get("appellation") else {"code_rome": values.get("rome_code")})
    return {**job, "intitule": values.get("intitule"), "lieu": values.get("lieu_label"),
            "lieu_code": values.get("lieu_code"), "contrat": values.get("contrat"),
            "duree": number(values.get("duree")), "duree_unite": values.get("duree_unite") or "mois",
            "temps": values.get("temps"), "heures": hundredths_text(minutes_hundredths(values.get("heures_minutes"))),
            "salaire_min": hundredths_text(values.get("salaire_min")),
            "salaire_max": hundredths_text(values.get("salaire_max")),
            "salaire_periode": values.get("salaire_periode") or "mensuel", "experience": values.get("experience"),
            "experience_annees": number(values.get("experience_annees")),
            "description": values.get("description"), "competences": "\n".join(values.get("competences") or [])}


def minutes_hundredths(minutes: int | None) -> int | None:
    return None if minutes is None else minutes * 100 // 60


def hundredths_text(value: int | None) -> str:
    """180050 -> « 1800,5 », 180000 -> « 1800 »: an amount as a French user types it."""
    if value is None:
        return ""
    whole, rest = divmod(value, 100)
    return f"{whole},{rest:02d}".rstrip("0") if rest else str(whole)
