"""The query string of France Travail's "Offres d'emploi v2" search, checked and made a SearchQuery.

Parameter names and values are the real API's (see PARAMETERS); each one becomes
a criterion of the search port (espace.offers.model). Where the port cannot say
what the real API says, this module decides, and the decision is written here
and in the OpenAPI document:

- Every parameter is a filter, combined with AND like the real API's criteria
  (one exception below: typeContrat with natureContrat).
  codeROME, appellation, domaine, grandDomaine and theme all constrain the offer's ROME
  code, so they are intersected here (the port would OR them): codeROME=F1703
  with domaine=M12 matches nothing, hence a 204.
- appellation gives its ROME code plus the appellation, which ranks first; the
  métiers proches are not added (the real API returns exact matches only).
- One kind of place: ``commune`` (up to 5 codes, each with ``distance``),
  ``departement`` (up to 5, plus the bordering ones with ``inclureLimitrophes=true``)
  or ``region`` (one); two kinds together are a 400 (the real API does not say how
  it combines them). With several communes, ``sort=2`` has no distance to sort on:
  ties, newest first.
- ``experience`` is the real API's value of the offer's required experience
  (espace.offers.codes): 0 non précisé, 1 moins d'un an, 2 de 1 à 3 ans, 3 plus de
  3 ans, and 4 débutant accepté, the value the real ``filtresPossibles`` reports for
  those offers (accepted here so that every valeurPossible can be queried back).
- ``typeContrat`` and ``natureContrat`` together: an offer matches either, as the
  real API ORs them (« CDI » or « apprentissage »).
- ``qualification`` X: offers that give no qualification (the real
  ``filtresPossibles`` counts them under X).
- ``salaireMin`` is monthly unless ``periodeSalaire`` says A (annual, / 12) or H
  (hourly, x 151.67 h, the legal month of a 35 h week, as the importer reads
  offers); C (cachet): offers paid per performance, a cachet of at least that much.
- ``theme``: the ROME codes of that theme (ROME « arborescence thématique »),
  intersected with the other occupation criteria. ``secteurActivite`` (NAF
  divisions, 2 at most), ``codeNAF`` (2 at most), ``natureContrat``, ``origineOffre``,
  ``paysContinent`` (a code of the pays referential), ``niveauFormation`` and
  ``permis`` (the offer lists it, whatever its exigence) filter on what the importer
  indexed. ``dureeHebdo`` 1/2 is ``tempsPlein`` true/false, 0 the offers that do not say;
  ``dureeHebdoMin``/``Max`` (HHMM) bound the hours of dureeTravailLibelle.
- ``partenaires`` with ``modeSelectionPartenaires`` (INCLUS by default): partner
  offers (origineOffre 2) of the listed partners only (INCLUS) or of the others
  (EXCLU); France Travail's own offers are kept unless ``origineOffre=2``, as the
  real API documents.
- ``minCreationDate`` and ``maxCreationDate`` go together (the real API requires
  both), ``yyyy-MM-ddThh:mm:ssZ``, bounds included.
- Boolean filters (``accesTravailleurHandicape``, ``entreprisesAdaptees``,
  ``employeursHandiEngages``, ``offresManqueCandidats``, ``offresMRS``): true keeps the
  offers concerned; false filters nothing (client libraries send false as their
  default: it must not hide offers). No offer here says it recruits by simulation
  (MRS is not in the v2 offer), so ``offresMRS=true`` finds none.
- Any other name is a 400: a misspelt filter silently ignored would return offers
  the caller believes filtered out.
- An empty value (``typeContrat=``) counts as absent, as a form would send it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from espace.contract_types import CONTRACT_TYPES
from espace.offers import codes as api_codes
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
MAX_PLACES = 5  # communes or départements, as the real API
MAX_NAF = 2
MAX_PARTNERS = 20

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
_THEME = re.compile(r"^[0-9]{1,3}$")
_SECTOR = re.compile(r"^[0-9]{2}$")
_NAF = re.compile(r"^[0-9]{2}\.[0-9]{2}[A-Z]$")
_NATURE = re.compile(r"^[A-Z0-9]{2}$")
_LICENCE = re.compile(r"^[A-Z0-9]{1,4}$")
_PARTNER = re.compile(r"^[A-Z0-9]{1,50}$")
_HHMM = re.compile(r"^([0-9]{0,2})([0-5][0-9])$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?Z$")
# Boolean filters: true keeps the offers whose flag is set (SearchQuery field); false filters nothing.
FLAGS = {"accesTravailleurHandicape": "accessible_th", "entreprisesAdaptees": "adapted_company",
         "employeursHandiEngages": "handi_engaged", "offresManqueCandidats": "few_candidates"}


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
    possible &= _api_criteria(values, criteria, now)
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
    names = ("codeROME", "appellation", "domaine", "grandDomaine", "theme")
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
    if "theme" in values:
        theme = codes_of_theme(values["theme"])
        codes = set(theme) if codes is None else codes & theme
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


def codes_of_theme(value: str) -> frozenset[str]:
    """The ROME codes of a theme ("1" or "001")."""
    known = api_codes.themes()
    code = f"{int(value):03d}" if _THEME.match(value) else ""
    if code not in known:
        raise bad("theme", f"« {value[:20]} » n'est pas un code de thème ({', '.join(c.lstrip('0') for c in known)}).")
    return known[code][1]


def _place(values: dict, criteria: dict, places: Callable) -> None:
    given = [name for name in ("commune", "departement", "region") if name in values]
    if len(given) > 1:
        raise ApiError(400, "Un seul type de lieu par recherche : « commune », « departement » ou « region », pas "
                            f"{' et '.join(given)} ensemble.")
    if "distance" in values:
        if not _DISTANCE.match(values["distance"]) or int(values["distance"]) > 100:
            raise bad("distance", "un nombre entier de kilomètres entre 0 et 100 est attendu.")
        criteria["distance_km"] = int(values["distance"])
    bordering_too = _boolean(values, "inclureLimitrophes")
    if bordering_too and "departement" not in values:
        raise bad("inclureLimitrophes", "ce paramètre s'utilise avec « departement ».")
    if not given:
        return  # a distance without a commune changes nothing, as in the real API
    name = given[0]
    pattern, lookup, what, most = {
        "commune": (_INSEE, "commune", "un code INSEE de commune, par exemple 17300", MAX_PLACES),
        "departement": (_DEPARTEMENT, "departement", "un code de département, par exemple 17", MAX_PLACES),
        "region": (_REGION, "region", "un code de région, par exemple 75", 1)}[name]
    found = []
    for code in [c.strip().upper() for c in values[name].split(",") if c.strip()]:
        place = getattr(places(), lookup)(code) if pattern.match(code) else None
        if place is None:
            raise bad(name, f"« {code[:20]} » n'est pas {what}.")
        found.append(place)
    found = list(dict.fromkeys(found))
    if len(found) > most:
        raise bad(name, "un seul code est attendu." if most == 1 else
                  f"{most} codes au plus, séparés par des virgules.")
    if name == "departement":
        table = api_codes.bordering()
        wanted = [p.code for p in found] + [b for p in found if bordering_too for b in table.get(p.code, ())]
        wanted = list(dict.fromkeys(wanted))
        if len(wanted) > 1:
            criteria["departements"] = tuple(wanted)
            return
    if len(found) > 1:
        criteria["communes"] = tuple(found)
    elif found:
        criteria["place"] = found[0]


def _boolean(values: dict, name: str) -> bool:
    if name not in values:
        return False
    if values[name].lower() not in ("true", "false"):
        raise bad(name, "true ou false est attendu.")
    return values[name].lower() == "true"


def _conditions(values: dict, criteria: dict) -> bool:
    """Contract, experience, publication, salary and duration filters, and the sort order."""
    if "typeContrat" in values:
        criteria["contract_types"] = tuple(_comma_list("typeContrat", values["typeContrat"], _CONTRACT,
                                                       MAX_CONTRACTS, "CDI"))
    if "experience" in values:
        if values["experience"] not in api_codes.EXPERIENCE_LEVELS:
            raise bad("experience", "0 (non précisé), 1 (moins d'un an), 2 (de 1 à 3 ans), 3 (plus de 3 ans) "
                                    "ou 4 (débutant accepté) est attendu.")
        criteria["experience_levels"] = (values["experience"],)
    if "experienceExigence" in values:
        code = values["experienceExigence"].upper()
        if code not in ("D", "E", "S"):
            raise bad("experienceExigence", "D (débutant accepté), S (souhaitée) ou E (exigée) est attendu.")
        criteria["experience"] = (code,)
    if "qualification" in values:
        if values["qualification"].upper() not in ("0", "9", "X"):
            raise bad("qualification", "0 (non cadre), 9 (cadre) ou X (non précisée) est attendu.")
        criteria["qualification"] = values["qualification"].upper()
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


def _api_criteria(values: dict, criteria: dict, now: int) -> bool:
    """The real API's other filters (see the module docstring); False when they exclude every offer."""
    possible = _contract_natures(values, criteria)
    for name, pattern, most, example, field in (("secteurActivite", _SECTOR, MAX_NAF, "43", "sectors"),
                                                ("codeNAF", _NAF, MAX_NAF, "43.99C", "naf_codes")):
        if name in values:
            criteria[field] = tuple(_comma_list(name, values[name], pattern, most, example))
    for name, known, field, what in (
            ("paysContinent", api_codes.COUNTRIES, "country", "un code de pays"),
            ("niveauFormation", api_codes.EDUCATION_LEVELS, "education_levels", "un niveau de formation")):
        if name in values:
            code = values[name].upper()
            if code not in known:
                listed = ("la liste est donnée par /referentiel/pays" if field == "country"
                          else ", ".join(f"{c} {label}" for c, label in known.items()))
                raise bad(name, f"« {code[:20]} » n'est pas {what} connu de ce service ({listed}).")
            criteria[field] = code if field == "country" else (code,)
    if "permis" in values:
        if "," in values["permis"]:
            raise bad("permis", "un seul code est attendu, par exemple B.")
        criteria["licences"] = tuple(_comma_list("permis", values["permis"], _LICENCE, 1, "B"))
    for name, field in FLAGS.items():
        if _boolean(values, name):
            criteria[field] = True
    if _boolean(values, "offresMRS"):
        possible = False  # the v2 offer does not say whether it recruits by simulation: none is known to
    possible &= _origin_and_partners(values, criteria)
    possible &= _working_time(values, criteria)
    possible &= _creation_dates(values, criteria)
    return possible


def _contract_natures(values: dict, criteria: dict) -> bool:
    if "natureContrat" not in values:
        return True
    natures = _comma_list("natureContrat", values["natureContrat"], _NATURE, len(api_codes.NATURES), "E2")
    unknown = [code for code in natures if code not in api_codes.NATURES]
    if unknown:
        raise bad("natureContrat", f"« {unknown[0]} » n'est pas une nature de contrat "
                                   f"({', '.join(api_codes.NATURES)}).")
    criteria["natures"] = tuple(natures)
    # With typeContrat too, an offer of either kind matches (the real API ORs them).
    criteria["or_contract_types"] = criteria.pop("contract_types", ())
    return True


def _origin_and_partners(values: dict, criteria: dict) -> bool:
    origin = values.get("origineOffre")
    if origin is not None:
        if origin not in ("1", "2"):
            raise bad("origineOffre", "1 (France Travail) ou 2 (partenaire) est attendu.")
        criteria["origin"] = origin
    mode = values.get("modeSelectionPartenaires", "INCLUS").upper()
    if mode not in ("INCLUS", "EXCLU"):
        raise bad("modeSelectionPartenaires", "INCLUS ou EXCLU est attendu.")
    if "modeSelectionPartenaires" in values and "partenaires" not in values:
        raise bad("modeSelectionPartenaires", "ce paramètre s'utilise avec « partenaires ».")
    if "partenaires" in values and origin != "1":  # origineOffre=1: France Travail's offers only
        names = [name for name in values["partenaires"].split(",") if name.strip()]
        if not all(api_codes.partner_code(name) for name in names):
            raise bad("partenaires", "chaque code de partenaire compte au moins une lettre ou un chiffre.")
        partners = _comma_list("partenaires", ",".join(api_codes.partner_code(name) or "" for name in names),
                               _PARTNER, MAX_PARTNERS, "LABONNEALTERNANCE")
        criteria["partners" if mode == "INCLUS" else "excluded_partners"] = tuple(partners)
    return True


def _working_time(values: dict, criteria: dict) -> bool:
    possible = True
    if "dureeHebdo" in values:
        kind = values["dureeHebdo"]
        if kind not in ("0", "1", "2"):
            raise bad("dureeHebdo", "0 (non précisée), 1 (temps plein) ou 2 (temps partiel) est attendu.")
        if kind == "0":
            criteria["unspecified_working_time"] = True
            possible = "full_time" not in criteria
        else:
            possible = criteria.setdefault("full_time", kind == "1") == (kind == "1")  # tempsPlein may disagree
    bounds = {}
    for name in ("dureeHebdoMin", "dureeHebdoMax"):
        if name in values:
            found = _HHMM.match(values[name])
            if not found:
                raise bad(name, "une durée au format HHMM est attendue, par exemple 800 (8 h) ou 2430 (24 h 30).")
            bounds[name] = 60 * int(found[1] or 0) + int(found[2])
    if "dureeHebdoMin" in bounds:
        criteria["min_weekly_minutes"] = bounds["dureeHebdoMin"]
    if "dureeHebdoMax" in bounds:
        criteria["max_weekly_minutes"] = bounds["dureeHebdoMax"]
    if bounds.get("dureeHebdoMin", 0) > bounds.get("dureeHebdoMax", 6000):
        raise bad("dureeHebdoMax", "la durée maximale est inférieure à la durée minimale.")
    return possible


def _creation_dates(values: dict, criteria: dict) -> bool:
    given = [name for name in ("minCreationDate", "maxCreationDate") if name in values]
    if len(given) == 1:
        other = "maxCreationDate" if given[0] == "minCreationDate" else "minCreationDate"
        raise bad(given[0], f"ce paramètre s'utilise avec « {other} », comme dans l'API France Travail.")
    if not given:
        return True
    moments = []
    for name in given:
        try:
            if not _DATE.match(values[name]):
                raise ValueError
            moments.append(int(dt.datetime.fromisoformat(values[name]).timestamp()))
        except ValueError:
            raise bad(name, "une date au format yyyy-MM-ddThh:mm:ssZ est attendue, par exemple "
                            "2024-07-01T00:00:00Z.") from None
    if moments[0] > moments[1]:
        raise bad("maxCreationDate", "la date maximale précède la date minimale.")
    criteria["min_created_at"], criteria["max_created_at"] = moments
    return True


def _months(values: dict, name: str) -> float:
    return float(values[name].replace(",", "."))


def _salary(values: dict, criteria: dict) -> None:
    period = values.get("periodeSalaire", "M").upper()
    if "periodeSalaire" in values and "salaireMin" not in values:
        raise bad("periodeSalaire", "ce paramètre s'utilise avec « salaireMin ».")
    if period not in ("M", "A", "H", "C"):
        raise bad("periodeSalaire", "M (mensuel), A (annuel), H (horaire) ou C (cachet) est attendu.")
    if "salaireMin" not in values:
        return
    amount = _decimal("salaireMin", values["salaireMin"], _AMOUNT, 0, 1_000_000, "euros bruts")
    if period == "C":
        criteria["min_fee"] = amount
        return
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
    "theme": _p("Thème de métiers de l'arborescence thématique du ROME (1 à 17, par exemple 17 : métiers "
                 "accessibles sans diplôme et sans expérience) : les codes ROME de ce thème.",
                 {"type": "string", "pattern": r"^[0-9]{1,3}$", "example": "17"}),
    "commune": _p("Codes INSEE de communes (5 au plus, séparés par des virgules ; les arrondissements de Paris, "
                  "Lyon et Marseille désignent leur commune), chacune avec le rayon « distance ».",
                  {"type": "string", "pattern": r"^(?:[0-9]{5}|2[AB][0-9]{3})(?:,(?:[0-9]{5}|2[AB][0-9]{3})){0,4}$",
                   "example": "17300"}),
    "distance": _p("Rayon en km autour de la commune (0 : la commune seule), 10 par défaut.",
                   {"type": "integer", "minimum": 0, "maximum": 100}),
    "departement": _p("Codes de départements (5 au plus, séparés par des virgules).",
                      {"type": "string", "pattern": r"^(?:[0-9]{2}|2[AB]|97[0-9])(?:,(?:[0-9]{2}|2[AB]|97[0-9])){0,4}$",
                       "example": "17"}),
    "inclureLimitrophes": _p("true : ajoute aux départements demandés les départements limitrophes.",
                             {"type": "boolean"}),
    "region": _p("Code d'une région (un seul).", {"type": "string", "pattern": r"^[0-9]{2}$", "example": "75"}),
    "paysContinent": _p("Pays de l'offre (référentiel pays : 01 France, outre-mer compris ; 02 Allemagne…).",
                        {"type": "string", "enum": list(api_codes.COUNTRIES)}),
    "typeContrat": _p("Types de contrat séparés par des virgules (10 au plus) : "
                      + ", ".join(code if code == label else f"{code} ({label})" for code, label in CONTRACT_TYPES)
                      + "…",
                      {"type": "string", "pattern": r"^[A-Z0-9]{2,5}(?:,[A-Z0-9]{2,5}){0,9}$", "example": "CDI,CDD"}),
    "natureContrat": _p("Natures de contrat séparées par des virgules ("
                        + ", ".join(f"{code} {label}" for code, label in api_codes.NATURES.items())
                        + ") ; avec typeContrat, une offre de l'un ou de l'autre convient.",
                        {"type": "string", "pattern": r"^[A-Z0-9]{2}(?:,[A-Z0-9]{2})*$", "example": "E2,FS"}),
    "experience": _p("Expérience demandée : 0 non précisée, 1 moins d'un an, 2 de 1 à 3 ans, 3 plus de 3 ans, "
                     "4 débutant accepté (la valeur que filtresPossibles donne à ces offres).",
                     {"type": "integer", "enum": [0, 1, 2, 3, 4]}),
    "experienceExigence": _p("D débutant accepté, S expérience souhaitée, E expérience exigée.",
                             {"type": "string", "enum": ["D", "S", "E"]}),
    "qualification": _p("0 non cadre, 9 cadre, X non précisée.", {"type": "string", "enum": ["0", "9", "X"]}),
    "tempsPlein": _p("true temps plein, false temps partiel.", {"type": "boolean"}),
    "dureeHebdo": _p("0 durée de travail non précisée, 1 temps plein, 2 temps partiel.",
                     {"type": "integer", "enum": [0, 1, 2]}),
    "dureeHebdoMin": _p("Durée hebdomadaire minimale, au format HHMM (800 : 8 h ; 2430 : 24 h 30) ; les offres "
                        "sans durée sont exclues.", {"type": "string", "pattern": r"^[0-9]{0,2}[0-5][0-9]$"}),
    "dureeHebdoMax": _p("Durée hebdomadaire maximale, au format HHMM.",
                        {"type": "string", "pattern": r"^[0-9]{0,2}[0-5][0-9]$"}),
    "publieeDepuis": _p("Offres publiées depuis 1, 3, 7, 14 ou 31 jours.",
                        {"type": "integer", "enum": list(SINCE_DAYS)}),
    "salaireMin": _p("Salaire brut minimal, en euros, par mois sauf periodeSalaire ; les offres sans salaire "
                     "sont exclues.", {"type": "number", "minimum": 0, "maximum": 1000000}),
    "periodeSalaire": _p("Période de salaireMin : M mensuel (par défaut), A annuel, H horaire, C cachet (offres "
                         "payées au cachet, d'au moins ce montant).", {"type": "string", "enum": ["M", "A", "H", "C"]}),
    "dureeContratMin": _p("Durée minimale du contrat, en mois.", {"type": "number", "minimum": 0, "maximum": 99}),
    "dureeContratMax": _p("Durée maximale du contrat, en mois.", {"type": "number", "minimum": 0, "maximum": 99}),
    "secteurActivite": _p("Divisions NAF du secteur d'activité (2 chiffres, 2 au plus, séparées par une virgule).",
                          {"type": "string", "pattern": r"^[0-9]{2}(?:,[0-9]{2})?$", "example": "43"}),
    "codeNAF": _p("Codes NAF (format 99.99X, 2 au plus, séparés par une virgule).",
                  {"type": "string", "pattern": r"^[0-9]{2}\.[0-9]{2}[A-Z](?:,[0-9]{2}\.[0-9]{2}[A-Z])?$",
                   "example": "43.99C"}),
    "niveauFormation": _p("Niveau de formation demandé : "
                          + ", ".join(f"{code} {label}" for code, label in api_codes.EDUCATION_LEVELS.items()) + ".",
                          {"type": "string", "enum": list(api_codes.EDUCATION_LEVELS)}),
    "permis": _p("Code d'un permis demandé par l'offre (B, C, EC…).", {"type": "string", "pattern": r"^[A-Z0-9]{1,4}$",
                                                                       "example": "B"}),
    "origineOffre": _p("1 offres de France Travail, 2 offres de partenaires.", {"type": "integer", "enum": [1, 2]}),
    "partenaires": _p("Codes de partenaires séparés par des virgules (LABONNEALTERNANCE…), selon "
                      "modeSelectionPartenaires ; les offres de France Travail restent sauf avec origineOffre=2.",
                      {"type": "string", "maxLength": 1000}),
    "modeSelectionPartenaires": _p("INCLUS (par défaut) : les offres de ces partenaires ; EXCLU : celles des autres.",
                                   {"type": "string", "enum": ["INCLUS", "EXCLU"]}),
    "minCreationDate": _p("Date de création minimale (yyyy-MM-ddThh:mm:ssZ), avec maxCreationDate.",
                          {"type": "string", "format": "date-time", "example": "2024-07-01T00:00:00Z"}),
    "maxCreationDate": _p("Date de création maximale (yyyy-MM-ddThh:mm:ssZ), avec minCreationDate.",
                          {"type": "string", "format": "date-time", "example": "2024-07-31T23:59:59Z"}),
    "accesTravailleurHandicape": _p("true : offres d'employeurs handi-bienveillants (false ne filtre rien).",
                                    {"type": "boolean"}),
    "entreprisesAdaptees": _p("true : offres d'entreprises adaptées (false ne filtre rien).", {"type": "boolean"}),
    "employeursHandiEngages": _p("true : offres d'employeurs handi-engagés (false ne filtre rien).",
                                 {"type": "boolean"}),
    "offresManqueCandidats": _p("true : offres de plus de 15 jours qui manquent de candidats (false ne filtre "
                                "rien).", {"type": "boolean"}),
    "offresMRS": _p("true : offres recrutant par la méthode de recrutement par simulation ; l'offre v2 ne le dit "
                    "pas, aucune offre ne répond ici (false ne filtre rien).", {"type": "boolean"}),
}
