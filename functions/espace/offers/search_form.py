"""The search page's criteria: read from the query string, checked, and turned into a SearchQuery.

Four modes after the seed: « simplifiée » (job + place + contract), « avancée »
(everything), « par numéro d'offre » and « par métier » (a ROME code). Nothing
here raises on user input: each problem becomes a French message on its field.

A ``codeROME`` or an ``appellation`` in the query filters whatever the mode (the fiches
link to ``?codeROME=F1703``). A chosen appellation travels as a hidden field next to its
label: it holds as long as the job field still shows that label (or is empty), so a
person who types another job gets that job. ``formulaire=1`` (the mode tabs) shows the
form filled with the criteria, without searching and without any error message.

Job titles are read against ``JobIndex``, built once per referential and process.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from espace.contract_types import CONTRACT_TYPES
from espace.offers.model import MAX_KEYWORDS, SearchQuery
from espace.places import Place
from espace.text import fold

if TYPE_CHECKING:
    from espace.rome import Appellation

MODES = ("simple", "avancee", "numero", "metier")
OFFER_NUMBER = re.compile(r"^(?:\d{6}[A-Z]|\d{3}[A-Z0-9]{4})$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
DOMAINE = re.compile(r"^[A-N]\d{2}$")
CONTRACTS = CONTRACT_TYPES  # (code, label) pairs, the site's one vocabulary
SINCE = ("1", "3", "7", "14", "31")
SORTS = {"pertinence": "relevance", "offre": "title", "lieu": "place", "distance": "distance",
         "contrat": "contract", "date": "date"}
NATURAL_DESCENDING = {"pertinence", "date"}  # best and newest first; the other columns ascend
PER_PAGE = ("10", "20", "50")
MAX_RESULTS = 150
MAX_TEXT = 200
FIELDS = {"mode", "motsCles", "lieu", "typeContrat", "appellation", "lieuCode", "metier", "distance",
          "dureeContratMin", "dureeContratMax", "tempsPlein", "experience", "qualification", "publieeDepuis",
          "salaireMin", "strict", "numero", "codeROME", "tri", "ordre", "page", "parPage", "version", "formulaire"}
JOB_FIELD = {"simple": "motsCles", "avancee": "metier"}  # where each mode's form shows the chosen métier
ROME_INDEX = "/candidat/les-metiers-et-moi/les-metiers/index.html"  # the site's list of métiers


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
    appellation: Appellation | None = None
    redirect: str | None = None
    form_only: bool = False  # a tab of the form: no search, no error
    distance_given: bool = False  # the person chose a distance (else the default radius applies)

    @property
    def mode(self) -> str:
        mode: str = self.values["mode"]
        return mode

    @property
    def sort(self) -> str:
        return self.values["tri"] if self.values["tri"] in SORTS else "pertinence"

    @property
    def descending(self) -> bool:
        """The order the page asked for: ``ordre`` as written, else the column's natural one."""
        if self.values["ordre"] in ("asc", "desc"):
            return bool(self.values["ordre"] == "desc")
        return self.sort in NATURAL_DESCENDING

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
        # A link that names a ROME code and no mode (the fiches' « Voir les offres ») is a search by métier.
        values["mode"] = "metier" if values["codeROME"] and not values["appellation"] else "simple"
    if values["mode"] == "avancee" and values["codeROME"] and not values["metier"]:
        values["metier"], values["codeROME"] = values["codeROME"], ""  # the advanced form's own field for it
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
    criteria = _build(params, multi, rome, places, now)
    if criteria.form_only:
        # A tab of the form (or the bare page) is not a submission: show the criteria, nothing else.
        typed = read(params, multi)
        if criteria.appellation is not None and criteria.appellation.code != typed["appellation"]:
            # Read from the text, not chosen: the tab shows the text as it was typed.
            criteria.appellation = None
            criteria.values.update(appellation="", motsCles=typed["motsCles"], metier=typed["metier"])
        criteria.errors.clear()
        criteria.job_choices, criteria.place_choices, criteria.place_suggestions = [], [], []
        criteria.query, criteria.redirect = None, None
    return criteria


def _build(params, multi, rome, places, now) -> Criteria:
    criteria = Criteria(read(params, multi))
    values, errors = criteria.values, criteria.errors
    criteria.form_only = values["formulaire"] == "1" or set(params) <= {"mode"}
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
    if not _chosen_appellation(criteria, rome, query):
        if values["codeROME"] or criteria.mode == "metier":
            _rome_code(criteria, rome, query)
        if criteria.mode == "simple":
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
    query["sort"] = SORTS.get(values["tri"], "relevance")
    if values["ordre"] in ("asc", "desc"):
        # Literal: "desc" is descending on the column's key; without ``ordre`` the engine's natural order.
        query["descending"] = values["ordre"] == "desc"
    if errors:
        return criteria
    criteria.query = SearchQuery(**query)
    return criteria


def rome_code_problem(code: str) -> str | None:
    """What is wrong with a ROME code as typed (None when it is well formed), said precisely."""
    if ROME_CODE.match(code):
        return None
    example = "par exemple F1703"
    if len(code) != 5:
        return f"Un code ROME compte 5 caractères : une lettre de A à N puis 4 chiffres, {example}."
    if not ("A" <= code[0] <= "N"):
        return f"Un code ROME commence par une lettre de A à N, pas par « {code[0]} » : {example}."
    return f"Après la lettre, un code ROME compte 4 chiffres : {example}."


def _rome_code(criteria: Criteria, rome, query: dict) -> None:
    errors = criteria.errors
    code = criteria.values["codeROME"].upper()
    if not code:
        errors["codeROME"] = "Saisissez un code ROME : une lettre et 4 chiffres, par exemple F1703."
    elif problem := rome_code_problem(code):
        errors["codeROME"] = problem
    elif code not in rome.fiches:
        errors["codeROME"] = f"Le code ROME {code} n'existe pas. Consultez la liste des métiers."
    else:
        query["rome_codes"] = (code,)
        query["close_rome_codes"] = tuple(rome.fiches[code].close_codes)


def _chosen_appellation(criteria: Criteria, rome, query: dict) -> bool:
    """Use the appellation of the query, if any, while the job field still names it. True when
    the occupation is settled by it (or by its error)."""
    values, errors = criteria.values, criteria.errors
    chosen = values["appellation"]
    if not chosen:
        return False
    appellation = rome.appellations.get(chosen)
    job_field = JOB_FIELD.get(criteria.mode)
    typed = values[job_field] if job_field else ""
    if typed and (appellation is None or _key(typed) != _key(appellation.label)):
        values["appellation"] = ""  # the person typed another job: that one is asked now
        return False
    if appellation is None or appellation.rome_code not in rome.fiches:
        errors[job_field or "codeROME"] = ("Ce métier n'existe pas ou plus. Saisissez un autre emploi ou "
                                           "consultez la liste des métiers.")
        return True
    _use_appellation(criteria, rome, query, appellation)
    if job_field:
        values[job_field] = appellation.label  # the form shows what is searched
    return True


def _job(criteria: Criteria, rome, query: dict) -> None:
    values, errors = criteria.values, criteria.errors
    text = values["motsCles"]
    if not text or "motsCles" in errors:
        return
    appellation, matches = match_job(rome, text)
    if appellation is not None:
        _use_appellation(criteria, rome, query, appellation)
        values["motsCles"] = appellation.label
        return
    criteria.job_choices = matches[:30]
    query["keywords"] = (text,)
    query["strict_keywords"] = True


def match_job(rome, text: str) -> tuple[Appellation | None, list[Appellation]]:
    """The appellation ``text`` names, if it names one, and every appellation it matches.

    "cuisinier" names « Cuisinier / Cuisinière » exactly; « Cuisinier / Cuisinière de cantine »
    only starts with it. The shortest exact label wins when it is the only one that short."""
    index = job_index(rome)
    matches = index.find(text)
    exact = index.exact(text)
    if exact and (len(exact) == 1 or len(exact[0].label) < len(exact[1].label)):
        return exact[0], matches
    if len(matches) == 1:
        return matches[0], matches
    return None, matches


def _use_appellation(criteria, rome, query, appellation) -> None:
    criteria.appellation = appellation
    criteria.values["appellation"] = appellation.code
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


_WORDS = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(fold(text).lower()))


class JobIndex:
    """The published appellations by the words of their labels: what a typed job matches.

    A label matches when each word typed starts one of its words (accents and case aside);
    matches come shortest label first. Built once per referential (``job_index``): folding
    13,000 labels on every request cost ~90 ms, a lookup here costs well under 2 ms."""

    def __init__(self, rome) -> None:
        published = sorted((a for a in rome.appellations.values() if not a.rarely_used),
                           key=lambda a: (len(a.label), a.label))
        self._appellations = published
        self._words = [frozenset(_key(a.label).split()) for a in published]
        postings: dict[str, list[int]] = {}
        for number, words in enumerate(self._words):
            for word in words:
                postings.setdefault(word, []).append(number)
        self._vocabulary = sorted(postings)  # prefixes are ranges of this sorted list
        self._postings = [postings[word] for word in self._vocabulary]
        self._short: dict[str, list[int]] = {}
        self._exact: dict[str, list[int]] = {}
        for number, appellation in enumerate(published):
            for name in _variants(appellation):
                self._exact.setdefault(name, []).append(number)

    def find(self, text: str) -> list[Appellation]:
        """Every appellation whose label's words start with each word of ``text``, shortest first."""
        words = sorted(set(_key(text).split()), key=len, reverse=True)
        if not words:
            return []
        first, rest = self._starting(words[0]), words[1:]
        return [self._appellations[n] for n in first if not rest or self._covers(n, rest)]

    def exact(self, text: str) -> list[Appellation]:
        """The appellations ``text`` names exactly (see ``_variants``), shortest first."""
        words = _key(text).split()
        return [self._appellations[n] for n in self._exact.get(" ".join(words), ()) if self._covers(n, words)]

    def _starting(self, prefix: str) -> list[int]:
        """The appellations with a word starting with ``prefix``, in result order. One or two
        letters start thousands of labels: those few lists are kept once computed."""
        if prefix in self._short:
            return self._short[prefix]
        numbers: set[int] = set()
        position = bisect.bisect_left(self._vocabulary, prefix)
        while position < len(self._vocabulary) and self._vocabulary[position].startswith(prefix):
            numbers.update(self._postings[position])
            position += 1
        found = sorted(numbers)
        if len(prefix) <= 2:
            self._short[prefix] = found
        return found

    def _covers(self, number: int, words: list[str]) -> bool:
        return all(any(own.startswith(word) for own in self._words[number]) for word in words)


_job_index: tuple[object, JobIndex] | None = None


def job_index(rome) -> JobIndex:
    """The index of ``rome``, built on first use and kept for the process (one referential)."""
    global _job_index
    if _job_index is None or _job_index[0] is not rome:
        _job_index = (rome, JobIndex(rome))
    return _job_index[1]


def find_appellations(rome, text: str) -> list[Appellation]:
    """Published appellations whose words contain every word typed, shortest first."""
    return job_index(rome).find(text)


def _advanced(criteria: Criteria, rome, query: dict) -> None:
    values, errors = criteria.values, criteria.errors
    metier = values["metier"].strip()
    if metier and not criteria.appellation:
        code = metier.upper()
        if ROME_CODE.match(code) and code in rome.fiches:
            query["rome_codes"] = (code,)
            query["close_rome_codes"] = tuple(rome.fiches[code].close_codes)
        elif DOMAINE.match(code) and code in rome.domaines:
            query["domaine"] = code
        else:
            appellation, matches = match_job(rome, metier)
            if appellation is not None:
                _use_appellation(criteria, rome, query, appellation)
                values["metier"] = appellation.label
            elif matches:
                criteria.job_choices = matches[:30]
                errors["metier"] = ("Plusieurs métiers correspondent : choisissez-en un dans la liste placée "
                                    "avant le formulaire.")
            else:
                errors["metier"] = ("Aucun métier ne correspond. Saisissez un métier, un code ROME (F1703) "
                                    "ou un domaine professionnel (F17), ou consultez la liste des métiers.")
    keywords = [k.strip() for k in values["motsCles"].split(",") if k.strip()]
    if len(keywords) > MAX_KEYWORDS:
        errors["motsCles"] = f"Saisissez {MAX_KEYWORDS} mots clés au plus, séparés par des virgules."
    elif keywords:
        query["keywords"] = tuple(keywords)
        query["strict_keywords"] = values["strict"] == "oui"
    distance = _number(values, errors, "distance", 0, 100, "La distance est un nombre de kilomètres entre 0 et 100.")
    if distance is not None:
        query["distance_km"] = distance
        criteria.distance_given = True
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
            errors["lieu"] = ("Plusieurs lieux portent ce nom : choisissez-en un dans la liste placée avant le "
                              "formulaire.")
            return
        if place is None:
            criteria.place_suggestions = resolution.suggestions
            errors["lieu"] = ("Nous ne connaissons pas ce lieu. Vérifiez l'orthographe ou saisissez un code postal"
                              + (" ; des lieux proches de votre saisie sont proposés avant le formulaire."
                                 if resolution.suggestions else "."))
            return
    else:
        return
    criteria.place = place
    query["place"] = place
