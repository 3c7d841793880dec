"""The v2 JSON of an offer published on the site, built from the publishing form's values.

The same shape as France Travail's "Offres d'emploi v2" offers the importer reads, so the offer
index, the search pages, the offer page and the France Travail-compatible API treat a site offer
as any other (``espace.offers.schema.validate_offer`` accepts it; the tests hold it to that).
What makes it a site offer: ``origineOffre`` points to this site's offer page, ``entreprise.nom``
is the recruiter's company, and there is no contact e-mail nor application link — applying is
télécandidature, into the recruiter's inbox.

The libellés are written as France Travail writes them, because the index reads them back:
« Contrat à durée déterminée - 6 Mois » gives the duration, « Mensuel de 1800.00 Euros … » the
salary, « 24H30 Horaires normaux » the weekly hours, « 2 An(s) » the experience level.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

CONTRACT_LIBELLES = {
    "CDI": "Contrat à durée indéterminée",
    "CDD": "Contrat à durée déterminée",
    "MIS": "Mission intérimaire",
    "SAI": "Contrat travail saisonnier",
}
UNIT_LIBELLES = {"mois": "Mois", "jours": "Jour(s)"}
PERIOD_LIBELLES = {"mensuel": "Mensuel", "annuel": "Annuel", "horaire": "Horaire"}
TIME_LIBELLES = {"plein": "Temps plein", "partiel": "Temps partiel"}


def iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def salary_libelle(period: str, minimum: int | None, maximum: int | None) -> str | None:
    """« Mensuel de 1800.00 Euros à 2000.00 Euros sur 12 mois » (amounts in cents: records hold
    no floats), or None without an amount."""
    if minimum is None:
        return None
    text = f"{PERIOD_LIBELLES[period]} de {euros(minimum)} Euros"
    if maximum is not None and maximum != minimum:
        text += f" à {euros(maximum)} Euros"
    return text + " sur 12 mois"


def hours_libelle(minutes: int | None) -> str | None:
    """1470 minutes -> « 24H30 Horaires normaux » (the index reads the weekly hours from it)."""
    if not minutes:
        return None
    whole, rest = divmod(minutes, 60)
    return f"{whole}H{rest:02d} Horaires normaux" if rest else f"{whole}H Horaires normaux"


def contract_libelle(contract: str, duration: int | None, unit: str) -> str:
    base = CONTRACT_LIBELLES[contract]
    return f"{base} - {duration} {UNIT_LIBELLES[unit]}" if duration else base


def place_libelle(label: str, departement: str | None) -> str:
    """« La Rochelle (17) » -> « 17 - LA ROCHELLE », France Travail's way."""
    name = label.rsplit(" (", 1)[0]
    return f"{departement} - {name.upper()}" if departement else name.upper()


def build(offer_id: str, values: dict[str, Any], company: str, site_url: str, created_at: int,
          updated_at: int) -> dict[str, Any]:
    """The v2 JSON of the offer ``offer_id`` from the form's checked values (``offer_forms.values``)."""
    raw: dict[str, Any] = {
        "id": offer_id,
        "intitule": values["intitule"],
        "description": values["description"],
        "dateCreation": iso(created_at),
        "dateActualisation": iso(updated_at),
        "pays": "France",
        # No coordinates: the index places the offer at its commune's centre (records hold no floats).
        "lieuTravail": {"libelle": place_libelle(values["lieu_label"], values.get("departement")),
                        "commune": values["commune"]},
        "romeCode": values["rome_code"],
        "romeLibelle": values["rome_label"],
        "entreprise": {"nom": company},
        "typeContrat": values["contrat"],
        "typeContratLibelle": contract_libelle(values["contrat"], values.get("duree"), values.get("duree_unite")
                                               or "mois"),
        "natureContrat": "Contrat travail",
        "experienceExige": values["experience"],
        "experienceLibelle": ("Débutant accepté" if values["experience"] == "D"
                              else f"{values['experience_annees']} An(s)"),
        "dureeTravailLibelleConverti": TIME_LIBELLES[values["temps"]],
        "alternance": False,
        "nombrePostes": 1,
        "accessibleTH": False,
        "origineOffre": {"origine": "1", "urlOrigine": f"{site_url.rstrip('/')}/offres/{offer_id}"},
        "offresManqueCandidats": False,
    }
    if values.get("appellation_label"):
        raw["appellationlibelle"] = values["appellation_label"]
    hours = hours_libelle(values.get("heures_minutes"))
    if hours:
        raw["dureeTravailLibelle"] = hours
    salary = salary_libelle(values.get("salaire_periode") or "mensuel", values.get("salaire_min"),
                            values.get("salaire_max"))
    raw["salaire"] = {"libelle": salary} if salary else {"commentaire": "Selon profil"}
    if values.get("competences"):
        raw["competences"] = [{"libelle": skill, "exigence": "E"} for skill in values["competences"]]
    return raw
