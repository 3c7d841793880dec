"""A search's criteria said in words: the rows of « Vos critères » (printable results page,
« Mes critères de recherche ») and a short name for a saved search (« Maçon / Maçonne – Lyon (69) »).

The referential is passed in, so the offers function (its own loaders) and the accounts
function (``services.rome``) share the one wording.
"""

from __future__ import annotations

from urllib.parse import urlencode

from espace.offers import search_form

CONTRACT_LABELS = dict(search_form.CONTRACTS)
MODE_TITLES = {"simple": "Recherche simplifiée", "avancee": "Recherche avancée", "numero": "Par numéro d'offre",
               "metier": "Par métier (code ROME)"}
EXPERIENCE_OPTIONS = [("", "Indifférente"), ("D", "Débutant accepté"), ("S", "Expérience souhaitée"),
                      ("E", "Expérience exigée")]
SINCE_OPTIONS = [("", "Indifférent")] + [(d, f"{d} jour" + ("s" if d != "1" else "")) for d in search_form.SINCE]
NOT_CRITERIA = ("page", "parPage", "tri", "ordre", "version", "formulaire")  # paging, sort and format
NAME_DASH = "\u2013"  # « Maçon – Lyon (69) »


def area(criteria: search_form.Criteria) -> str:
    """Where the offers are searched: « dans un rayon de 10 km autour de … (distance par défaut) »
    for a commune (the default radius said as such), the place's label otherwise."""
    place, query = criteria.place, criteria.query
    if place is None or query is None:
        return ""
    if place.kind != "commune":
        return place.label
    if query.distance_km == 0:
        return f"dans la commune de {place.label}"
    where = f"dans un rayon de {query.distance_km} km autour de {place.label}"
    return where if criteria.distance_given else where + " (distance par défaut)"


def occupation(criteria: search_form.Criteria, rome) -> tuple[str, str] | None:
    """(label, value) of the job searched: the appellation, the fiche or the domain."""
    query = criteria.query
    if criteria.appellation:
        return "Métier", criteria.appellation.label
    if query is not None and query.rome_codes and query.rome_codes[0] in rome.fiches:
        return "Métier", f"{rome.fiches[query.rome_codes[0]].title} ({query.rome_codes[0]})"
    if query is not None and query.domaine and query.domaine in rome.domaines:
        return "Domaine professionnel", f"{rome.domaines[query.domaine].title} ({query.domaine})"
    return None


def rows(criteria: search_form.Criteria, rome) -> list[tuple[str, str]]:
    """The criteria of a valid search (``criteria.query`` set) as (label, value) pairs; sort apart."""
    values, query = criteria.values, criteria.query
    assert query is not None
    found = [("Type de recherche", MODE_TITLES[criteria.mode])]
    if job := occupation(criteria, rome):
        found.append(job)
    if query.keywords:
        found.append(("Mots clés", ", ".join(query.keywords)))
    if criteria.place:
        found.append(("Lieu de travail", area(criteria)))
    if query.contract_types:
        found.append(("Type de contrat", ", ".join(CONTRACT_LABELS.get(c, c) for c in query.contract_types)))
    for name, label, options in (("tempsPlein", "Temps de travail", {"oui": "Temps plein", "non": "Temps partiel"}),
                                 ("experience", "Expérience", dict(EXPERIENCE_OPTIONS)),
                                 ("qualification", "Qualification", {"0": "Non cadre", "9": "Cadre"}),
                                 ("publieeDepuis", "Publiée depuis", dict(SINCE_OPTIONS))):
        if values.get(name) in options and values[name]:
            found.append((label, options[values[name]]))
    if query.min_duration_months is not None or query.max_duration_months is not None:
        found.append(("Durée du contrat (mois)", f"de {query.min_duration_months or 0} à "
                      f"{query.max_duration_months if query.max_duration_months is not None else 'plus'}"))
    if query.min_monthly_salary:
        found.append(("Salaire mensuel brut minimum", f"{query.min_monthly_salary} euros"))
    return found


def short_name(criteria: search_form.Criteria, rome) -> str:
    """A name for the saved search: what is searched, then where (« Maçon / Maçonne – Lyon (69) »)."""
    query = criteria.query
    what = ""
    if criteria.appellation:
        what = criteria.appellation.label
    elif job := occupation(criteria, rome):
        what = job[1].rsplit(" (", 1)[0]  # the title without its code
    elif query is not None and query.keywords:
        what = ", ".join(query.keywords)
    where = criteria.place.label if criteria.place else ""
    name = f" {NAME_DASH} ".join(part for part in (what, where) if part) or "Toutes les offres"
    return name[:100]


def narrows(query) -> bool:
    """Whether a search names a job, keywords or a place: what an alert needs (an alert on
    every new offer of the country would be noise, and no index could select it)."""
    return bool(query.keywords or query.rome_codes or query.appellation or query.domaine or query.place)


def save_path(values: dict) -> str:
    """« Enregistrer les critères »: the form of « Mes critères de recherche », given the results
    page's criteria without its paging, sort and format."""
    pairs: list[tuple[str, str]] = []
    for key, value in values.items():
        if key in NOT_CRITERIA or key == "numero" or not value:
            continue
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return "/mon-espace/criteres/ajout?" + urlencode(pairs)
