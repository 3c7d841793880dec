"""The query string of France Travail's "Offres d'emploi v2" search, checked and made a SearchQuery.

Parameter names and values are the real API's (see PARAMETERS); each one becomes
a criterion of the search port (espace.offers.model). Where the port cannot say
what the real API says, this module decides, and the decision is written here
and in the OpenAPI document:

- Every parameter is a filter, combined with AND like the real API's criteria.
  codeROME, appellation, domaine and grandDomaine all constrain the offer's ROME
  code, so they are intersected here (the port would OR them): codeROME=F1703
  with domaine=M12 matches nothing, hence a 204.
- appellation gives its ROME code plus the appellation, which ranks first; the
  métiers proches are not added (the real API returns exact matches only).
- One place only: ``commune``, ``departement`` and ``region`` take one code each
  and only one of them may be given (the port searches around one place; merging
  several searches would break the ranking, the paging and the totals). The real
  API takes up to 5 communes or départements: here that is a clear 400.
- ``experience`` (1 moins d'un an, 2 de 1 à 3 ans, 3 plus de 3 ans) is read from
  the offer's requirement, the only thing indexed: 1 = débutant accepté (D),
  2 and 3 = expérience souhaitée or exigée (S, E). 0 (non précisé) filters nothing.
- ``salaireMin`` is monthly unless ``periodeSalaire`` says A (annual, / 12) or H
  (hourly, x 151.67 h, the legal month of a 35 h week, as the importer reads
  offers). C (cachet) has no monthly equivalent: 400.
- Real-API parameters the index cannot answer (theme, codeNAF, permis…) are a
  400 that says so; any other name is a 400 too: a misspelt filter silently
  ignored would return offers the caller believes filtered out.
- An empty value (``typeContrat=``) counts as absent, as a form would send it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from espace.contract_types import CONTRACT_TYPES
from espace.offers.model import MAX_KEYWORDS, SearchQuery

WINDOW = 150  # results per call, as the real API
MAX_START = 3000  # first index, then last index: the newer bundle of the real API
MAX_END = 3149
DEFAULT_RANGE = (0, 149)
MAX_VALUE = 2000  # characters of one parameter value: 200 ROME codes fit, a pasted page does not
MAX_KEYWORD = 100
MAX_ROME_CODES = 200
MAX_CONTRACTS = 10
SINCE_DAYS = (1, 3, 7, 14, 31)
HOURS_PER_MONTH = 151.67
SORTS = {"0": "relevance", "1": "date", "2": "distance"}
EXPERIENCE = {"0": None, "1": ("D",), "2": ("S", "E"), "3": ("S", "E")}

OFFER_ID = re.compile(r"^[0-9A-Z]{7}$")
_ROME = re.compile(r"^[A-N][0-9]{4}$")
_DOMAINE = re.compile(r"^[A-N][0-9]{2}$")
_GRAND_DOMAINE = re.compile(r"^[A-N]$")
_APPELLATION = re.compile(r"^[0-9]{1,6}$")
_CONTRACT = re.compile(r"^[A-Z0-9]{2,5}$")
_INSEE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$")
_DEPARTEMENT = re.compile(r"^(?:[0-9]{2}|2[AB]|97[0-9])$")
_REGION = re.compile(r"^[0-9]{2}$")
_RANGE = re.compile(r"^([0-9]{1,6})-([0-9]{1,6})$")
_AMOUNT = re.compile(r"^[0-9]{1,7}(?:[.,][0-9]{1,2})?$")
_MONTHS = re.compile(r"^[0-9]{1,3}(?:[.,][0-9]{1,2})?$")
_DISTANCE = re.compile(r"^[0-9]{1,3}$")

# The real API's parameters this service does not answer: the index keeps none of these fields.
NOT_SUPPORTED = ("theme", "secteurActivite", "codeNAF", "natureContrat", "origineOffre", "dureeHebdo",
                 "dureeHebdoMin", "dureeHebdoMax", "inclureLimitrophes", "paysContinent", "niveauFormation",
                 "permis", "accesTravailleurHandicape", "minCreationDate", "maxCreationDate", "offresMRS",
                 "offresManqueCandidats", "entreprisesAdaptees", "employeursHandiEngages", "partenaires",
                 "modeSelectionPartenaires")


class ApiError(Exception):
    """A request the API refuses: answered as {"codeHttp": status, "message": message}."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def bad(name: str, message: str) -> ApiError:
    return ApiError(400, f"Valeur du paramètre « {name} » incorrecte : {message}")


@dataclass(frozen=True)
class ApiQuery:
    query: SearchQuery | None  # None: the criteria exclude every offer (nothing to ask the index)
    start: int
    end: int


def _comma_list(name: str, value: str, pattern: re.Pattern, most: int, example: str) -> list[str]:
    items = [item.strip().upper() for item in value.split(",") if item.strip()]
    if len(items) > most:
        raise bad(name, f"{most} valeurs au plus, séparées par des virgules.")
    for item in items:
        if not pattern.match(item):
            raise bad(name, f"« {item[:20]} » n'est pas un code valide (exemple : {example}).")
    return list(dict.fromkeys(items))  # repeated codes count once


def _decimal(name: str, value: str, pattern: re.Pattern, low: float, high: float, unit: str) -> float:
    if not pattern.match(value) or not low <= float(value.replace(",", ".")) <= high:
        raise bad(name, f"un nombre entre {low:.0f} et {high:.0f} ({unit}) est attendu.")
    return float(value.replace(",", "."))


def parse_range(value: str | None) -> tuple[int, int]:
    if value is None:
        return DEFAULT_RANGE
    found = _RANGE.match(value)
    if not found:
        raise bad("range", "la forme attendue est début-fin, par exemple 0-149.")
    start, end = int(found[1]), int(found[2])
    if start > end:
        raise bad("range", f"la position de début ({start}) dépasse celle de fin ({end}).")
    if end - start + 1 > WINDOW:
        raise bad("range", f"{end - start + 1} offres demandées, {WINDOW} au plus par appel.")
    if start > MAX_START or end > MAX_END:
        raise bad("range", f"la position de début ne peut dépasser {MAX_START} ni celle de fin {MAX_END} ; "
                           "affinez les critères de recherche.")
    return start, end


def parse(params: Mapping[str, str], *, rome: Callable, places: Callable, now: int) -> ApiQuery:
    """``rome`` and ``places`` are the referential getters: called only when a code must be checked,
    so a search by keywords alone never loads them."""
    values: dict[str, str] = {}
    for name, value in params.items():
        if name in NOT_SUPPORTED:
            raise ApiError(400, f"Le paramètre « {name} » de l'API France Travail n'est pas pris en charge "
                                "par ce service.")
        if name not in PARAMETERS:
            raise ApiError(400, f"Paramètre inconnu : « {name[:40]} ». Paramètres acceptés : "
                                f"{', '.join(PARAMETERS)}.")
        if len(value) > MAX_VALUE or any(ord(c) < 32 for c in value):
            raise bad(name, "valeur trop longue ou caractères de contrôle.")
        if value.strip():
            values[name] = value.strip()

    start, end = parse_range(values.get("range"))
    criteria: dict = {"now": now, "offset": start, "limit": end - start + 1, "strict_keywords": True}
    possible = _keywords(values, criteria)
    possible &= _occupation(values, criteria, rome)
    _place(values, criteria, places)
    possible &= _conditions(values, criteria)
    return ApiQuery(SearchQuery(**criteria) if possible else None, start, end)


def _keywords(values: dict, criteria: dict) -> bool:
    if "motsCles" not in values:
        return True
    keywords = [k.strip() for k in values["motsCles"].split(",") if k.strip()]
    if len(keywords) > MAX_KEYWORDS:
        raise bad("motsCles", f"{MAX_KEYWORDS} mots clés au plus, séparés par des virgules.")
    for keyword in keywords:
        if len(keyword) > MAX_KEYWORD or not re.search(r"\w", keyword):
            raise bad("motsCles", f"chaque mot clé compte de 1 à {MAX_KEYWORD} caractères, dont au moins "
                                  "une lettre ou un chiffre.")
    criteria["keywords"] = tuple(keywords)
    return True


def _occupation(values: dict, criteria: dict, rome: Callable) -> bool:
    """Intersects every occupation criterion into rome_codes or a domaine prefix; False when empty."""
    names = ("codeROME", "appellation", "domaine", "grandDomaine")
    if not any(name in values for name in names):
        return True
    referential = rome()
    codes: set[str] | None = None
    if "codeROME" in values:
        codes = set(_comma_list("codeROME", values["codeROME"], _ROME, MAX_ROME_CODES, "F1703"))
        unknown = sorted(codes - set(referential.fiches))
        if unknown:
            raise bad("codeROME", f"le code ROME {unknown[0]} n'existe pas.")
    if "appellation" in values:
        code = values["appellation"]
        appellation = referential.appellations.get(code) if _APPELLATION.match(code) else None
        if appellation is None or appellation.rome_code not in referential.fiches:
            raise bad("appellation", f"aucune appellation ROME n'a le code « {code[:20]} ».")
        criteria["appellation"] = appellation.code
        codes = {appellation.rome_code} if codes is None else codes & {appellation.rome_code}
    prefixes = []
    for name, pattern, known, example in (("domaine", _DOMAINE, referential.domaines, "F17"),
                                          ("grandDomaine", _GRAND_DOMAINE, referential.grands_domaines, "F")):
        if name in values:
            code = values[name].upper()
            if not pattern.match(code) or code not in known:
                raise bad(name, f"« {code[:20]} » n'est pas un code du référentiel (exemple : {example}).")
            prefixes.append(code)
    if codes is not None:
        codes = {c for c in codes if all(c.startswith(p) for p in prefixes)}
        criteria["rome_codes"] = tuple(sorted(codes))
        return bool(codes)
    longest = max(prefixes, key=len)
    criteria["domaine"] = longest
    return all(longest.startswith(p) for p in prefixes)


def _place(values: dict, criteria: dict, places: Callable) -> None:
    given = [name for name in ("commune", "departement", "region") if name in values]
    if len(given) > 1:
        raise ApiError(400, "Un seul lieu par recherche : « commune », « departement » ou « region », pas "
                            f"{' et '.join(given)} ensemble.")
    if "distance" in values:
        if not _DISTANCE.match(values["distance"]) or int(values["distance"]) > 100:
            raise bad("distance", "un nombre entier de kilomètres entre 0 et 100 est attendu.")
        criteria["distance_km"] = int(values["distance"])
    if not given:
        return  # a distance without a commune changes nothing, as in the real API
    name = given[0]
    code = values[name].upper()
    if "," in code:
        raise bad(name, "ce service accepte un seul code ; faites une recherche par lieu ou élargissez "
                        "au département ou à la région.")
    pattern, lookup, what = {"commune": (_INSEE, "commune", "un code INSEE de commune, par exemple 17300"),
                             "departement": (_DEPARTEMENT, "departement", "un code de département, par exemple 17"),
                             "region": (_REGION, "region", "un code de région, par exemple 75")}[name]
    place = getattr(places(), lookup)(code) if pattern.match(code) else None
    if place is None:
        raise bad(name, f"« {code[:20]} » n'est pas {what}.")
    criteria["place"] = place


def _conditions(values: dict, criteria: dict) -> bool:
    """Contract, experience, publication, salary and duration filters, and the sort order."""
    if "typeContrat" in values:
        criteria["contract_types"] = tuple(_comma_list("typeContrat", values["typeContrat"], _CONTRACT,
                                                       MAX_CONTRACTS, "CDI"))
    levels: set[str] | None = None
    if "experience" in values:
        if values["experience"] not in EXPERIENCE:
            raise bad("experience", "0, 1, 2 ou 3 est attendu.")
        wanted = EXPERIENCE[values["experience"]]
        levels = None if wanted is None else set(wanted)
    if "experienceExigence" in values:
        code = values["experienceExigence"].upper()
        if code not in ("D", "E", "S"):
            raise bad("experienceExigence", "D (débutant accepté), S (souhaitée) ou E (exigée) est attendu.")
        levels = {code} if levels is None else levels & {code}
    if levels is not None:
        if not levels:
            return False
        criteria["experience"] = tuple(sorted(levels))
    if "qualification" in values:
        if values["qualification"] not in ("0", "9"):
            raise bad("qualification", "0 (non cadre) ou 9 (cadre) est attendu.")
        criteria["qualification"] = values["qualification"]
    if "tempsPlein" in values:
        if values["tempsPlein"].lower() not in ("true", "false"):
            raise bad("tempsPlein", "true ou false est attendu.")
        criteria["full_time"] = values["tempsPlein"].lower() == "true"
    if "publieeDepuis" in values:
        if values["publieeDepuis"] not in {str(d) for d in SINCE_DAYS}:
            raise bad("publieeDepuis", "1, 3, 7, 14 ou 31 (jours) est attendu.")
        criteria["published_since_days"] = int(values["publieeDepuis"])
    _salary(values, criteria)
    low = high = None
    if "dureeContratMin" in values:
        # Durations are whole months in the index: "at least 0.5" is "at least 1", "at most 1.5" is "at most 1".
        low = math.ceil(_decimal("dureeContratMin", values["dureeContratMin"], _MONTHS, 0, 99, "mois"))
        criteria["min_duration_months"] = low
    if "dureeContratMax" in values:
        high = math.floor(_decimal("dureeContratMax", values["dureeContratMax"], _MONTHS, 0, 99, "mois"))
        criteria["max_duration_months"] = high
    if low is not None and high is not None and _months(values, "dureeContratMin") > _months(values, "dureeContratMax"):
        raise bad("dureeContratMax", "la durée maximale est inférieure à la durée minimale.")
    if "sort" in values:
        if values["sort"] not in SORTS:
            raise bad("sort", "0 (pertinence), 1 (date de création) ou 2 (distance) est attendu.")
        criteria["sort"] = SORTS[values["sort"]]
    return low is None or high is None or low <= high


def _months(values: dict, name: str) -> float:
    return float(values[name].replace(",", "."))


def _salary(values: dict, criteria: dict) -> None:
    period = values.get("periodeSalaire", "M").upper()
    if "periodeSalaire" in values and "salaireMin" not in values:
        raise bad("periodeSalaire", "ce paramètre s'utilise avec « salaireMin ».")
    if period not in ("M", "A", "H", "C"):
        raise bad("periodeSalaire", "M (mensuel), A (annuel) ou H (horaire) est attendu.")
    if period == "C":
        raise ApiError(400, "Le paramètre « periodeSalaire » C (cachet) n'est pas pris en charge par ce "
                            "service : utilisez M, A ou H.")
    if "salaireMin" not in values:
        return
    amount = _decimal("salaireMin", values["salaireMin"], _AMOUNT, 0, 1_000_000, "euros bruts")
    monthly = {"M": amount, "A": amount / 12, "H": amount * HOURS_PER_MONTH}[period]
    criteria["min_monthly_salary"] = round(monthly)


def _p(description: str, schema: dict) -> dict:
    return {"description": description, "schema": schema}


# name -> OpenAPI description and schema; api_openapi builds the document from this table, so
# what the document declares and what parse() accepts cannot drift apart.
PARAMETERS: dict[str, dict] = {
    "range": _p("Plage de résultats début-fin (index à partir de 0), 150 offres au plus ; début <= 3000, "
                "fin <= 3149. Par défaut 0-149.", {"type": "string", "pattern": r"^[0-9]{1,4}-[0-9]{1,4}$",
                                                    "example": "0-49"}),
    "sort": _p("Tri : 0 pertinence, 1 date de création (récentes d'abord), 2 distance.",
               {"type": "integer", "enum": [0, 1, 2]}),
    "motsCles": _p("Mots clés séparés par des virgules (5 au plus) ; chacun doit figurer dans l'intitulé, la "
                   "description ou la formation (tous ses mots, accents et pluriels ignorés).",
                   {"type": "string", "maxLength": 500, "example": "maçon,coffreur"}),
    "codeROME": _p("Codes ROME séparés par des virgules (200 au plus).",
                   {"type": "string", "pattern": r"^[A-N][0-9]{4}(?:,[A-N][0-9]{4}){0,199}$", "example": "F1703"}),
    "appellation": _p("Code d'une appellation ROME : ses offres d'abord, puis les autres offres de son code "
                      "ROME (pas les métiers proches).", {"type": "string", "pattern": r"^[0-9]{1,6}$",
                                                           "example": "15010"}),
    "domaine": _p("Domaine professionnel (lettre et 2 chiffres).",
                  {"type": "string", "pattern": r"^[A-N][0-9]{2}$", "example": "F17"}),
    "grandDomaine": _p("Grand domaine (une lettre de A à N).", {"type": "string", "pattern": r"^[A-N]$"}),
    "commune": _p("Code INSEE d'une commune (un seul ; les arrondissements de Paris, Lyon et Marseille "
                  "désignent leur commune).", {"type": "string", "pattern": r"^(?:[0-9]{5}|2[AB][0-9]{3})$",
                                                "example": "17300"}),
    "distance": _p("Rayon en km autour de la commune (0 : la commune seule), 10 par défaut.",
                   {"type": "integer", "minimum": 0, "maximum": 100}),
    "departement": _p("Code d'un département (un seul).",
                      {"type": "string", "pattern": r"^(?:[0-9]{2}|2[AB]|97[0-9])$", "example": "17"}),
    "region": _p("Code d'une région (un seul).", {"type": "string", "pattern": r"^[0-9]{2}$", "example": "75"}),
    "typeContrat": _p("Types de contrat séparés par des virgules (10 au plus) : "
                      + ", ".join(code if code == label else f"{code} ({label})" for code, label in CONTRACT_TYPES)
                      + "…",
                      {"type": "string", "pattern": r"^[A-Z0-9]{2,5}(?:,[A-Z0-9]{2,5}){0,9}$", "example": "CDI,CDD"}),
    "experience": _p("Expérience : 0 non précisé, 1 moins d'un an (débutant accepté), 2 de 1 à 3 ans et 3 plus "
                     "de 3 ans (expérience souhaitée ou exigée ; la durée n'est pas indexée).",
                     {"type": "integer", "enum": [0, 1, 2, 3]}),
    "experienceExigence": _p("D débutant accepté, S expérience souhaitée, E expérience exigée.",
                             {"type": "string", "enum": ["D", "S", "E"]}),
    "qualification": _p("0 non cadre, 9 cadre.", {"type": "integer", "enum": [0, 9]}),
    "tempsPlein": _p("true temps plein, false temps partiel.", {"type": "boolean"}),
    "publieeDepuis": _p("Offres publiées depuis 1, 3, 7, 14 ou 31 jours.",
                        {"type": "integer", "enum": list(SINCE_DAYS)}),
    "salaireMin": _p("Salaire brut minimal, en euros, par mois sauf periodeSalaire ; les offres sans salaire "
                     "sont exclues.", {"type": "number", "minimum": 0, "maximum": 1000000}),
    "periodeSalaire": _p("Période de salaireMin : M mensuel (par défaut), A annuel, H horaire.",
                         {"type": "string", "enum": ["M", "A", "H"]}),
    "dureeContratMin": _p("Durée minimale du contrat, en mois.", {"type": "number", "minimum": 0, "maximum": 99}),
    "dureeContratMax": _p("Durée maximale du contrat, en mois.", {"type": "number", "minimum": 0, "maximum": 99}),
}
