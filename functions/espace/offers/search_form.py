"""The search page's criteria: read from the query string, checked, and turned into a SearchQuery.

Four modes after the seed: « simplifiée » (job + place + contract), « avancée »
(everything), « par numéro d'offre » and « par métier » (a ROME code). Nothing
here raises on user input: each problem becomes a French message on its field.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from espace.contract_types import CONTRACT_TYPES
from espace.offers.model import MAX_KEYWORDS, SearchQuery
from espace.places import Place
from espace.text import fold

MODES = ("simple", "avancee", "numero", "metier")
OFFER_NUMBER = re.compile(r"^(?:\d{6}[A-Z]|\d{3}[A-Z0-9]{4})$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
DOMAINE = re.compile(r"^[A-N]\d{2}$")
CONTRACTS = CONTRACT_TYPES  # (code, label) pairs, the site's one vocabulary
SINCE = ("1", "3", "7", "14", "31")
SORTS = {"pertinence": "relevance", "offre": "title", "lieu": "place", "distance": "distance",
         "contrat": "contract", "date": "date"}
PER_PAGE = ("10", "20", "50")
MAX_RESULTS = 150
MAX_TEXT = 200
FIELDS = {"mode", "motsCles", "lieu", "typeContrat", "appellation", "lieuCode", "metier", "distance",
          "dureeContratMin", "dureeContratMax", "tempsPlein", "experience", "qualification", "publieeDepuis",
          "salaireMin", "strict", "numero", "codeROME", "tri", "ordre", "page", "parPage", "version"}


@dataclass
class Criteria:
    # Every field is a str but typeContrat, a list of codes: read() guarantees it, the templates rely on it.
    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    query: SearchQuery | None = None
    job_choices: list = field(default_factory=list)  # appellations to choose from
    place_choices: list[Place] = field(default_factory=list)
    place_suggestions: list[Place] = field(default_factory=list)
    place: Place | None = None
    appellation: object = None
    redirect: str | None = None

    @property
    def mode(self) -> str:
        mode: str = self.values["mode"]
        return mode

    def value(self, name: str) -> str:
        value = self.values.get(name, "")
        return value if isinstance(value, str) else ",".join(value)


def read(params: dict[str, str], multi: dict[str, list[str]]) -> dict[str, Any]:
    """The known parameters, trimmed; unknown ones are ignored (they come from old links)."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name == "typeContrat":
            raw = [v for item in multi.get(name, []) for v in item.split(",")]
            values[name] = [v.strip().upper() for v in raw if v.strip()][:10]
        else:
            values[name] = " ".join(str(params.get(name, "")).split())[: MAX_TEXT * 2]
    if values["mode"] not in MODES:
        values["mode"] = "simple"
    return values


def _number(values, errors, name, low, high, message):
    raw = values.get(name, "")
    if raw == "":
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        errors[name] = message
        return None
    return int(raw)


def build(params: dict[str, str], multi: dict[str, list[str]], rome, places, now: int | None = None) -> Criteria:
    criteria = Criteria(read(params, multi))
    values, errors = criteria.values, criteria.errors
    now = int(time.time()) if now is None else now

    if criteria.mode == "numero":
        number = values["numero"].upper().replace(" ", "")
        if not number:
            errors["numero"] = "Saisissez le numéro de l'offre, par exemple 123ABCD."
        elif not OFFER_NUMBER.match(number):
            errors["numero"] = ("Le numéro d'offre compte 7 caractères : 6 chiffres et une lettre (123456A) "
                                "ou 3 chiffres et 4 lettres ou chiffres (123ABCD).")
        else:
            criteria.redirect = f"/offres/{number}"
        return criteria

    for name in ("motsCles", "lieu", "metier"):
        if len(values[name]) > MAX_TEXT:
            errors[name] = f"Ce champ accepte {MAX_TEXT} caractères au plus."
    query: dict = {"now": now}

    if criteria.mode == "metier":
        code = values["codeROME"].upper()
        if not code:
            errors["codeROME"] = "Saisissez un code ROME : une lettre et 4 chiffres, par exemple F1703."
        elif not ROME_CODE.match(code):
            errors["codeROME"] = "Un code ROME compte une lettre et 4 chiffres, par exemple F1703."
        elif code not in rome.fiches:
            errors["codeROME"] = f"Le code ROME {code} n'existe pas. Consultez la liste des métiers."
        else:
            query["rome_codes"] = (code,)
            query["close_rome_codes"] = tuple(rome.fiches[code].close_codes)
    else:
        _job(criteria, rome, query)
        if criteria.mode == "avancee":
            _advanced(criteria, rome, query)
    _place(criteria, places, query)
    if values["typeContrat"]:
        known = {code for code, _ in CONTRACTS}
        unknown = [c for c in values["typeContrat"] if c not in known]
        if unknown:
            errors["typeContrat"] = "Choisissez un type de contrat dans la liste."
        query["contract_types"] = tuple(c for c in values["typeContrat"] if c in known)
    sort = SORTS.get(values["tri"], "relevance")
    query["sort"] = sort
    query["descending"] = values["ordre"] == "desc"
    if errors:
        return criteria
    criteria.query = SearchQuery(**query)
    return criteria


def _job(criteria: Criteria, rome, query: dict) -> None:
    values, errors = criteria.values, criteria.errors
    chosen = values["appellation"]
    if chosen:
        appellation = rome.appellations.get(chosen)
        if appellation is None or appellation.rome_code not in rome.fiches:
            errors["motsCles"] = "Ce métier n'existe pas ou plus. Saisissez un autre emploi."
            return
        _use_appellation(criteria, rome, query, appellation)
        return
    text = values["motsCles"]
    if not text or "motsCles" in errors:
        return
    if criteria.mode == "avancee":
        return  # keywords are read by _advanced
    matches = find_appellations(rome, text)
    exact = sorted((a for a in matches if _key(text) in _variants(a)), key=lambda a: len(a.label))
    # "cuisinier" names « Cuisinier / Cuisinière » exactly; « Cuisinier / Cuisinière de cantine »
    # only starts with it. The shortest exact label wins when it is the only one that short.
    if exact and (len(exact) == 1 or len(exact[0].label) < len(exact[1].label)):
        _use_appellation(criteria, rome, query, exact[0])
        return
    if len(matches) == 1:
        _use_appellation(criteria, rome, query, matches[0])
        return
    criteria.job_choices = matches[:30]
    query["keywords"] = (text,)
    query["strict_keywords"] = True


def _use_appellation(criteria, rome, query, appellation) -> None:
    criteria.appellation = appellation
    query["appellation"] = appellation.code
    query["rome_codes"] = (appellation.rome_code,)
    query["close_rome_codes"] = tuple(rome.fiches[appellation.rome_code].close_codes)


def _variants(appellation) -> set[str]:
    """The names an appellation answers to exactly. ROME writes "masculine / feminine rest":
    « Maçon / Maçonne » is "maçon" or "maçonne"; « Chef / Cheffe avion » is "chef avion" or
    "cheffe avion", not "chef"."""
    names = set()
    for label in {appellation.label, appellation.short_label}:
        names.add(_key(label))
        left, slash, right = label.partition(" / ")
        if slash:
            rest = right.split()[len(left.split()):]
            names |= {_key(" ".join([left, *rest])), _key(right)}
    return names


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def find_appellations(rome, text: str) -> list:
    """Published appellations whose words contain every word typed, shortest first."""
    words = _key(text).split()
    if not words:
        return []
    found = []
    for appellation in rome.appellations.values():
        if appellation.rarely_used:
            continue
        label = _key(appellation.label)
        if all(re.search(rf"\b{re.escape(w)}", label) for w in words):
            found.append(appellation)
    return sorted(found, key=lambda a: (len(a.label), a.label))


def _advanced(criteria: Criteria, rome, query: dict) -> None:
    values, errors = criteria.values, criteria.errors
    metier = values["metier"].strip()
    if metier:
        code = metier.upper()
        if ROME_CODE.match(code) and code in rome.fiches:
            query["rome_codes"] = (code,)
            query["close_rome_codes"] = tuple(rome.fiches[code].close_codes)
        elif DOMAINE.match(code) and code in rome.domaines:
            query["domaine"] = code
        else:
            matches = find_appellations(rome, metier)
            if len(matches) == 1:
                _use_appellation(criteria, rome, query, matches[0])
            elif matches:
                criteria.job_choices = matches[:30]
                errors["metier"] = "Plusieurs métiers correspondent : choisissez-en un dans la liste ci-dessous."
            else:
                errors["metier"] = ("Aucun métier ne correspond. Saisissez un métier, un code ROME (F1703) "
                                    "ou un domaine professionnel (F17).")
    keywords = [k.strip() for k in values["motsCles"].split(",") if k.strip()]
    if len(keywords) > MAX_KEYWORDS:
        errors["motsCles"] = f"Saisissez {MAX_KEYWORDS} mots clés au plus, séparés par des virgules."
    elif keywords:
        query["keywords"] = tuple(keywords)
        query["strict_keywords"] = values["strict"] == "oui"
    distance = _number(values, errors, "distance", 0, 100, "La distance est un nombre de kilomètres entre 0 et 100.")
    if distance is not None:
        query["distance_km"] = distance
    low = _number(values, errors, "dureeContratMin", 0, 120, "Saisissez une durée en mois, entre 0 et 120.")
    high = _number(values, errors, "dureeContratMax", 0, 120, "Saisissez une durée en mois, entre 0 et 120.")
    if low is not None and high is not None and low > high:
        errors["dureeContratMax"] = "La durée maximale doit être supérieure ou égale à la durée minimale."
    query["min_duration_months"], query["max_duration_months"] = low, high
    if values["tempsPlein"] in ("oui", "non"):
        query["full_time"] = values["tempsPlein"] == "oui"
    if values["experience"] in ("D", "S", "E"):
        query["experience"] = (values["experience"],)
    if values["qualification"] in ("0", "9"):
        query["qualification"] = values["qualification"]
    if values["publieeDepuis"]:
        if values["publieeDepuis"] in SINCE:
            query["published_since_days"] = int(values["publieeDepuis"])
        else:
            errors["publieeDepuis"] = "Choisissez une période dans la liste."
    salary = _number(values, errors, "salaireMin", 0, 50_000,
                     "Saisissez un salaire mensuel brut en euros, sans espace ni virgule, par exemple 1800.")
    if salary:
        query["min_monthly_salary"] = salary


def _place(criteria: Criteria, places, query: dict) -> None:
    values, errors = criteria.values, criteria.errors
    code, text = values["lieuCode"], values["lieu"]
    if code:
        kind, _, value = code.partition(":")
        place = {"commune": places.commune, "departement": places.departement, "region": places.region}.get(
            kind, lambda _: None)(value)
        if place is None:
            errors["lieu"] = "Ce lieu n'existe pas. Saisissez une commune, un département ou une région."
            return
    elif text and "lieu" not in errors:
        resolution = places.resolve(text)
        place = resolution.match
        if place is None and resolution.choices:
            criteria.place_choices = resolution.choices[:20]
            errors["lieu"] = "Plusieurs lieux portent ce nom : choisissez-en un dans la liste ci-dessous."
            return
        if place is None:
            criteria.place_suggestions = resolution.suggestions
            errors["lieu"] = ("Nous ne connaissons pas ce lieu. Vérifiez l'orthographe ou saisissez un code postal"
                              + (" ; lieux proches de votre saisie ci-dessous." if resolution.suggestions else "."))
            return
    else:
        return
    criteria.place = place
    query["place"] = place
