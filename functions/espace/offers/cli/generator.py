"""A seeded generator of realistic offers in the France Travail v2 JSON schema.

    python -m espace.offers.cli.generator --count 200000 --seed 1 --out var/offres.json

Offers go through ``espace.offers.schema`` like real ones, and carry the optional
fields of real offers at about their real frequencies (contact, origineOffre,
secteurActivite, codeNAF, permis, qualitesProfessionnelles…: see ``_details``), with
every address and link under the reserved example.com domain. Titles and texts
come from the ROME referential (appellations, fiche definitions, skills); the
descriptions are French sentences whose person agrees (« nous … notre »,
« Martin SAS … son ») and name both forms of the job (« un maçon ou une maçonne »).

Where: offers follow jobs, not residents. A commune's weight is its population times
a factor growing with its size (a town has more jobs per resident than a village),
the most populous commune of a rural département weighs double, and 30 % of the
offers of a town of 5,000 or more land in a commune within 8 km of it (retail parks,
industrial estates, suburbs), so searches around a town find offers in and around
it. About 3 % are only at département or région level, as in real data. What: the
frequent jobs (vocabulary.FREQUENT_ROME_SHARES) take 60 % of the offers, the other
fiches share the rest by grand domaine. When: the 60 days before ``now``.

Everything is drawn from one ``random.Random(seed)`` in a fixed order, so a seed
and a ``now`` always give the same offers; nothing iterates over a ``set`` (string
hashing is randomized per process). Ids are 3 digits + 4 capital letters like real
ones, and unique within a run: the i-th offer's id is an affine permutation of i
over the 1000 × 26⁴ possible ids, offset by the seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import re
import sys
import time
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from espace.offers.cli import vocabulary as words
from espace.places.referential import Places
from espace.rome import Fiche, Referential, load_referential
from espace.settings import PROJECT_ROOT, get_settings
from espace.text import fold

DAY = 86_400
WINDOW_DAYS = 60
ID_SPACE = 1000 * 26**4
ID_STEP = 2_654_435_761 % ID_SPACE  # coprime with 2^7 · 5^3 · 13^4: a permutation of the id space
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SMIC_MONTHLY = 1802
SMIC_HOURLY = 11.88
# Pay over the SMIC by qualificationCode: most non-executive jobs are paid near it.
SALARY_LEVELS = {"1": 1.0, "2": 1.0, "3": 1.05, "4": 1.12, "5": 1.0, "6": 1.08, "7": 1.3, "8": 1.45, "9": 2.1}
AREA_ONLY_SHARE = 0.03  # offers with a département or région libellé and no commune
REGION_ONLY_SHARE = 0.005
OUTSIDE = ("975", "977", "978", "98")  # code prefixes of collectivities outside France Travail's reach
# Jobs per resident grow with a commune's size (1 for a village, 2 at 30,000, at most 3): employment
# concentrates in towns more than population does.
POLE_HALF, POLE_CAP = 30_000, 3.0
VILLAGE_FLOOR = 30  # a village still has the odd offer (a farm, a school), not none at all
# The main town of a rural département (préfecture, hospital, shops) employs its hinterland: twice
# the weight, below the size of the cities that the factor above already serves.
HUB_BOOST, HUB_MAX_POPULATION = 2.0, 200_000
# Offers of a town's retail parks, estates and suburbs: within the API's default 10 km radius.
NEARBY_SHARE, NEARBY_KM, NEARBY_MIN_POPULATION = 0.3, 8.0, 5_000
CELL_DEGREES = 0.2  # grid of the neighbour search: 22 km of latitude, ≥ 14 km of longitude in France
KM_PER_DEGREE = 111.2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÉÈÊÀÂÎÔÛÇ])")
_ABBREVIATED = re.compile(r" / |\(e\)|\(se\)|\(ne\)|\(euse\)|\(rice\)")
_DETERMINERS = ("Le ", "La ", "L'", "L’", "Les ", "Un ", "Une ")
EXAMPLE_DOMAIN = "example.com"  # reserved (RFC 2606): no generated address can reach anyone


def offer_id(index: int, seed_offset: int) -> str:
    number = (index * ID_STEP + seed_offset) % ID_SPACE
    head, tail = divmod(number, 26**4)
    letters = []
    for _ in range(4):
        tail, rest = divmod(tail, 26)
        letters.append(LETTERS[rest])
    return f"{head:03d}{''.join(reversed(letters))}"


class _Draw(random.Random):
    """``random.Random`` with choice/randint/sample built on ``random()``: the stock ones go
    through ``_randbelow`` and were a third of the generation time. Same seed, same draws."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def sample(self, population, k: int, *, counts=None) -> list:
        n = len(population)
        if k >= n:
            return list(population)
        picked: dict[int, None] = {}  # insertion-ordered, unlike a set
        while len(picked) < k:
            picked[int(self.random() * n)] = None
        return [population[i] for i in picked]

    def chance(self, share: float) -> bool:
        return self.random() < share


# --- French ---------------------------------------------------------------------------
@cache
def masculine(label: str) -> str:
    """"Chef / Cheffe d'équipe" -> "Chef d'équipe": the form France Travail titles use, plus (H/F)."""
    if " / " not in label:
        return label
    left, right = label.split(" / ", 1)
    return " ".join([left, *right.split()[len(left.split()):]])


@cache
def both_forms(label: str) -> str:
    """The job with its article, in both genders: "Maçon / Maçonne" -> "un maçon ou une maçonne",
    "Agent / Agente de tri" -> "un agent ou une agente de tri", "Secrétaire" -> "un ou une secrétaire"."""
    if " / " not in label:
        return f"un ou une {_lower_first(label)}"
    left, right = label.split(" / ", 1)
    male, female = masculine(label).split(), right.split()
    if len(female) < len(left.split()):  # "Garde Forestier / Forestière": no safe feminine form
        return f"un candidat ou une candidate au poste de {_lower_first(masculine(label))}"
    shared = 0
    while shared < min(len(male), len(female)) - 1 and male[-1 - shared] == female[-1 - shared]:
        shared += 1
    tail = male[len(male) - shared:]
    return " ".join([f"un {_lower_first(' '.join(male[:len(male) - shared]))} ou une "
                     f"{_lower_first(' '.join(female[:len(female) - shared]))}", *tail])


def at(city: str) -> str:
    """"à Antibes", "au Havre", "aux Mureaux": French contracts the article of a city's name."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if city.startswith(article):
            return contracted + city[len(article):]
    return "à " + city


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


# The ROME writes capitals without their accent ("Educateur", "Etre force de proposition"): in
# lower case the accent comes back.
_UNACCENTED_CAPITALS = (("Etre ", "être "), ("Educ", "éduc"), ("Electr", "électr"), ("Equip", "équip"),
                        ("Etabl", "établ"), ("Elabor", "élabor"), ("Evalu", "évalu"), ("Etud", "étud"),
                        ("Ecout", "écout"), ("Elev", "élev"), ("Econom", "économ"), ("Etanch", "étanch"),
                        ("Ebénist", "ébénist"), ("Echafaud", "échafaud"), ("Edit", "édit"), ("Emett", "émett"))


def _lower_first(text: str) -> str:
    """"Maçon" -> "maçon", "Educateur" -> "éducateur", but "BIM Manager" and "DJ" keep their capitals."""
    if text[1:2].isupper():
        return text
    for capital, lower in _UNACCENTED_CAPITALS:
        if text.startswith(capital):
            return lower + text[len(capital):]
    return text[:1].lower() + text[1:]


def _years(count: int, unit: str) -> str:
    """(2, "An(s)") -> "2 ans"; (1, "An(s)") -> "1 an"; (6, "Mois") -> "6 mois"."""
    if unit == "Mois":
        return f"{count} mois"
    return f"{count} an" + ("s" if count > 1 else "")


def _hours(schedule: str) -> str:
    """"37H30 Horaires variables" -> "37 h 30 par semaine, horaires variables"."""
    hours, _, kind = schedule.partition(" ")
    whole, _, minutes = hours.upper().partition("H")
    amount = f"{whole} h {minutes}" if minutes else f"{whole} h"
    return f"{amount} par semaine" + (f", {_lower_first(kind)}" if kind else "")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


def _by_prefix(table: dict, code: str):
    """The entry of a ROME code, else of its domaine ("F17"), else of its grand domaine ("F")."""
    for key in (code, code[:3], code[:1]):
        if key in table:
            return table[key]
    return None


class Company(NamedTuple):
    name: str
    blurb: str
    size: int
    kind: str  # "company", "agency" (interim) or "insertion" (DDI employers)


class _Tables:
    """Everything drawn from, computed once per (referential, places) pair."""

    def __init__(self, rome: Referential, places: Places):
        self.rome, self.places = rome, places
        self.appellations, weights = self._appellation_weights(rome)
        self.appellation_cum = _cumulative(weights)
        # France Travail does not serve the Pacific collectivities nor Saint-Pierre, Saint-Barthélemy, Saint-Martin.
        populations = [(c, pop) for c, pop in places.populations() if not c.startswith(OUTSIDE)]
        self.communes = [code for code, _ in populations]
        self.populations = [pop for _, pop in populations]
        self.coordinates = []
        self.grid: dict[tuple[int, int], list[int]] = {}
        hubs: dict[str, int] = {}  # département -> position of its most populous commune
        for position, code in enumerate(self.communes):
            place = places.commune(code)
            assert place is not None and place.latitude is not None and place.longitude is not None
            self.coordinates.append((place.latitude, place.longitude))
            self.grid.setdefault(self._cell(place.latitude, place.longitude), []).append(position)
            departement = place.departement or ""
            hub = hubs.get(departement)
            if hub is None or self.populations[position] > self.populations[hub]:
                hubs[departement] = position
        weights = [pop * min(POLE_CAP, 1 + pop / POLE_HALF) + VILLAGE_FLOOR for pop in self.populations]
        for position in hubs.values():
            if self.populations[position] < HUB_MAX_POPULATION:
                weights[position] *= HUB_BOOST
        self.commune_cum = _cumulative(weights)
        self.nearby: dict[int, tuple[list[int], list[float]]] = {}
        self.departements = [places.departement(c) for c in places.codes("departement") if not c.startswith(OUTSIDE)]
        self.regions = [places.region(c) for c in places.codes("region") if len(c) == 2 and c >= "11"]
        self.contract_cum = _cumulative(c[1] for c in words.CONTRACTS)
        self.experience_cum = _cumulative(e[1] for e in words.EXPERIENCES)
        self.qualification_codes = list(words.QUALIFICATION_WEIGHTS)
        self.qualification_cum = _cumulative(words.QUALIFICATION_WEIGHTS.values())
        self.fiche_texts: dict[str, tuple] = {}

    @staticmethod
    def _appellation_weights(rome: Referential) -> tuple[list, list[float]]:
        """Each usable appellation with its share of the offers: the frequent fiches take
        FREQUENT_TOTAL, the others share the rest by grand domaine; within a fiche, its main
        appellation takes MAIN_APPELLATION_SHARE."""
        usable = {}
        for code in sorted(rome.fiches):
            fiche = rome.fiches[code]
            appellations = [a for a in fiche.appellations if not a.rarely_used]
            if appellations and fiche.items.get("savoir_faire"):
                usable[code] = appellations
        frequent = {c: s for c, s in words.FREQUENT_ROME_SHARES.items() if c in usable}
        others: dict[str, int] = {}
        for code in usable:
            if code not in frequent:
                gd = rome.fiches[code].grand_domaine
                others[gd] = others.get(gd, 0) + 1
        other_total = sum(words.GRAND_DOMAINE_WEIGHTS.get(gd, 1) for gd in others)
        appellations, weights = [], []
        for code, fiche_appellations in usable.items():
            if code in frequent:
                share = words.FREQUENT_TOTAL * frequent[code] / sum(frequent.values())
            else:
                gd = rome.fiches[code].grand_domaine
                share = (1 - words.FREQUENT_TOTAL) * words.GRAND_DOMAINE_WEIGHTS.get(gd, 1) / other_total / others[gd]
            mains = sum(a.main for a in fiche_appellations)
            rest = len(fiche_appellations) - mains
            for appellation in fiche_appellations:
                if not mains or not rest:
                    part = 1 / len(fiche_appellations)
                elif appellation.main:
                    part = words.MAIN_APPELLATION_SHARE / mains
                else:
                    part = (1 - words.MAIN_APPELLATION_SHARE) / rest
                appellations.append(appellation)
                weights.append(share * part)
        return appellations, weights

    @staticmethod
    def _cell(latitude: float, longitude: float) -> tuple[int, int]:
        return int(latitude // CELL_DEGREES), int(longitude // CELL_DEGREES)

    def neighbours(self, position: int) -> tuple[list[int], list[float]]:
        """The communes within NEARBY_KM of a commune (itself excluded), with cumulative
        population weights; computed on first use."""
        found = self.nearby.get(position)
        if found is None:
            lat, lon = self.coordinates[position]
            row, column = self._cell(lat, lon)
            shrink = math.cos(math.radians(lat))
            close = []
            for cell in itertools.product((row - 1, row, row + 1), (column - 1, column, column + 1)):
                for other in self.grid.get(cell, ()):
                    other_lat, other_lon = self.coordinates[other]
                    km = KM_PER_DEGREE * math.hypot(other_lat - lat, (other_lon - lon) * shrink)
                    if other != position and km <= NEARBY_KM:
                        close.append(other)
            close.sort()
            found = close, _cumulative(self.populations[c] + 50 for c in close)
            self.nearby[position] = found
        return found

    def texts(self, fiche: Fiche) -> tuple:
        found = self.fiche_texts.get(fiche.code)
        if found is None:
            items = fiche.items
            domaine = self.rome.domaines.get(fiche.domaine)
            sentences = [s.strip() for item in (fiche.definition or [fiche.title])
                         for s in _SENTENCE_END.split(item) if s.strip()]
            # "Le cariste assure…" reads as prose; "Assure le stockage…" (no subject) goes in a list.
            # …unless written in the referential's abbreviated both-genders style ("Le / La
            # Posticheur(se), un(e) artiste…"): the offer names both forms in full instead.
            prose = [_sentence(s) for s in sentences if s.startswith(_DETERMINERS) and not _ABBREVIATED.search(s)]
            tasks = [_lower_first(s.rstrip(". ")) for s in sentences
                     if not s.startswith(_DETERMINERS) and not _ABBREVIATED.search(s)]
            found = (prose, tasks, [i.label for i in items.get("savoir_faire", [])],
                     [i.label for i in items.get("savoir_etre", [])], [i.label for i in items.get("savoirs", [])],
                     domaine.title.lower() if domaine else fiche.title.lower(),
                     [i.label for i in items.get("contextes", []) if i.label.startswith(words.WORKING_CONDITIONS)])
            self.fiche_texts[fiche.code] = found
        return found


def _iso(epoch: float) -> str:
    t = time.gmtime(int(epoch))
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}.000Z"


def _amount(value: float, comma: bool) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if comma else text


class OfferFactory:
    def __init__(self, rome: Referential, places: Places, seed: int | str, now: int):
        self.t = _Tables(rome, places)
        self.rng = _Draw(seed)
        self.seed_offset = zlib.crc32(str(seed).encode()) * 7919 % ID_SPACE
        self.now = int(now)

    def offer(self, index: int) -> dict:
        rng, t = self.rng, self.t
        appellation = rng.choices(t.appellations, cum_weights=t.appellation_cum)[0]
        fiche = t.rome.fiches[appellation.rome_code]
        created = self.now - rng.random() * WINDOW_DAYS * DAY
        contract, _, contract_label, nature = rng.choices(words.CONTRACTS, cum_weights=t.contract_cum)[0]
        alternance = contract in ("CDI", "CDD") and rng.chance(words.ALTERNANCE_SHARE)
        if alternance:
            nature = rng.choice(words.ALTERNANCE_NATURES)
        elif contract == "CDI" and fiche.grand_domaine == "F" and rng.chance(0.05):
            nature = "CDI de chantier ou d'opération"
        contract_label = self._contract_label(contract, contract_label)
        executive = bool(fiche.executive) and rng.chance(0.6)
        qualification = "9" if executive else rng.choices(t.qualification_codes, cum_weights=t.qualification_cum)[0]
        experience, experience_label, experience_comment, profile = self._experience()
        full_time = rng.chance(0.85)
        place, lieu, where = self._place()
        city = place.label.rsplit(" (", 1)[0] if place else None
        company = self._company("agency" if contract == "MIS" else "insertion" if contract == "DDI" else "company",
                                city)
        shape = rng.choice(("{} (H/F)", "{} H/F", "{} F/H", None))
        title = shape.format(masculine(appellation.short_label)) if shape else appellation.label
        salary = self._salary(qualification, contract)
        schedule = rng.choice(words.SCHEDULES_FULL if full_time else words.SCHEDULES_PART)
        prose, tasks, skills, qualities, knowledge, domaine, contexts = t.texts(fiche)
        chosen_skills = rng.sample(skills, min(len(skills), rng.randint(3, 5)))
        adaptee = rng.chance(0.01)
        offer = {
            "id": offer_id(index, self.seed_offset),
            "intitule": title[:150],
            "description": self._description(company, where, appellation.label, prose, tasks, chosen_skills,
                                             qualities, knowledge, profile, schedule, salary),
            "dateCreation": _iso(created),
            "dateActualisation": _iso(created + rng.random() * (self.now - created)),
            "lieuTravail": lieu,
            "romeCode": fiche.code,
            "romeLibelle": fiche.title,
            "appellationlibelle": appellation.label,
            "entreprise": {"nom": company.name, "description": company.blurb, "entrepriseAdaptee": adaptee},
            "typeContrat": contract,
            "typeContratLibelle": contract_label,
            "natureContrat": nature,
            "experienceExige": experience,
            "experienceLibelle": experience_label,
            "competences": [{"code": str(zlib.crc32(s.encode()) % 1_000_000), "libelle": s,
                             "exigence": rng.choice("SE")} for s in chosen_skills],
            "salaire": salary,
            "dureeTravailLibelle": schedule,
            "dureeTravailLibelleConverti": "Temps plein" if full_time else "Temps partiel",
            "alternance": alternance,
            "nombrePostes": rng.choice((1, 1, 1, 1, 2, 3)),
            "accessibleTH": rng.chance(0.05),
            "qualificationCode": qualification,
            "qualificationLibelle": words.QUALIFICATIONS[qualification],
            "entrepriseAdaptee": adaptee,
            # Not a France Travail field: marks the offer as generated, so pages can say it is fictional.
            "offreDeDemonstration": True,
        }
        if experience_comment:
            offer["experienceCommentaire"] = experience_comment
        self._training(offer, fiche, executive, domaine)
        self._details(offer, fiche, company, place, qualities, contexts)
        return offer

    def _experience(self) -> tuple[str, str, str | None, str]:
        """experienceExige, experienceLibelle ("2 An(s) - Sur même type de poste", as the API
        writes it), experienceCommentaire, and the description's sentence."""
        rng = self.rng
        experience, _, required = rng.choices(words.EXPERIENCES, cum_weights=self.t.experience_cum)[0]
        if experience == "D":
            return experience, "Débutant accepté", None, "Ce poste est ouvert aux débutants."
        count, unit = rng.choice(words.EXPERIENCE_DURATIONS)
        comment = rng.choice(words.EXPERIENCE_COMMENTS) if rng.chance(0.08) else None
        label = f"{count} {unit}" + (f" - {comment}" if comment else "")
        profile = (f"Une expérience de {_years(count, unit)}" + (f" ({_lower_first(comment)})" if comment else "")
                   + f" est {required}.")
        return experience, label, comment, profile

    def _training(self, offer: dict, fiche: Fiche, executive: bool, domaine: str) -> None:
        """formations[]: a quarter of the offers; with a Formacode where the domaine has one."""
        rng = self.rng
        formacodes = words.FORMACODES.get(fiche.domaine)
        if not rng.chance(0.5 if formacodes else 0.2):
            return
        level = rng.choice(words.TRAINING_LEVELS[3:] if executive else words.TRAINING_LEVELS[:3])
        formation = {"domaineLibelle": domaine, "niveauLibelle": level,
                     "commentaire": f"{level.split(' ')[0].rstrip(',')} {domaine}", "exigence": rng.choice("SE")}
        if formacodes:
            code, label = rng.choice(formacodes)
            formation = {"codeFormation": code, **formation, "domaineLibelle": label,
                         "commentaire": f"{level.split(' ')[0].rstrip(',')} {label}"}
        offer["formations"] = [formation]

    def _details(self, offer: dict, fiche: Fiche, company: Company, place, qualities: list[str],
                 contexts: list[str]) -> None:
        """The optional fields of real offers, each at about the share of real offers that carry it
        (issue 8: contact and origineOffre 100 %, codeNAF 51 %, permis 41 %, entreprise.url 40 %…)."""
        rng = self.rng
        slug = _slug(company.name) or "entreprise"
        site = f"https://{slug}.{EXAMPLE_DOMAIN}"
        origin = self._origin(offer["id"])
        offer["origineOffre"] = origin
        offer["contact"] = self._contact(offer["id"], company.name, slug, site, origin["urlOrigine"], place)
        if rng.chance(0.05):
            offer["agence"] = {"courriel": f"Pour postuler, utiliser le lien suivant : {origin['urlOrigine']}"}
        entreprise = offer["entreprise"]
        if rng.chance(0.43):
            entreprise["logo"] = f"{site}/logo.png"
        if rng.chance(0.40):
            entreprise["url"] = f"{site}/"
        naf = words.AGENCY_NAF if company.kind == "agency" else words.INSERTION_NAF \
            if company.kind == "insertion" else rng.choice(_by_prefix(words.SECTORS, fiche.code) or ("82.11Z",))
        if rng.chance(0.51):
            offer["codeNAF"] = naf
        offer["secteurActivite"] = naf[:2]
        offer["secteurActiviteLibelle"] = words.NAF[naf]
        if rng.chance(0.98):
            offer["offresManqueCandidats"] = rng.chance(0.05)
        if rng.chance(0.48):
            offer["pays"] = "France"
        permis = _by_prefix(words.PERMIS, fiche.code)
        if (permis and rng.chance(0.9)) or rng.chance(0.35):
            offer["permis"] = [{"libelle": libelle, "exigence": exigence}
                               for libelle, exigence in (permis or [rng.choice(words.PERMIS_DEFAULT)])]
        if qualities and rng.chance(0.28):
            offer["qualitesProfessionnelles"] = [
                {"libelle": q, "description": words.QUALITY_DESCRIPTIONS.get(q, words.QUALITY_DEFAULT)}
                for q in rng.sample(qualities, min(3, len(qualities)))]
        if rng.chance(0.2):
            code, libelle = rng.choice(words.DEPLACEMENTS)
            offer["deplacementCode"] = code
            offer["deplacementLibelle"] = libelle + ("" if code == "1" else rng.choice(words.DEPLACEMENT_ZONES))
        salary = offer["salaire"]
        if "complement1" in salary and rng.chance(0.15):  # half the offers have a complement1
            salary["complement2"] = rng.choice([e for e in words.SALARY_EXTRAS if e != salary["complement1"]])
        if rng.chance(0.02):
            offer["langues"] = [{"libelle": rng.choice(words.LANGUES), "exigence": rng.choice("SE")}]
        if rng.chance(0.015):
            offer["complementExercice"] = rng.choice(words.COMPLEMENTS_EXERCICE)
        if rng.chance(0.01):
            offer["conditionExercice"] = rng.choice(words.CONDITIONS_EXERCICE)
        if rng.chance(0.8):
            context = {"horaires": [offer["dureeTravailLibelle"]]}
            if contexts and rng.chance(0.3):
                context["conditionsExercice"] = rng.sample(contexts, min(2, len(contexts)))
            offer["contexteTravail"] = context
        if rng.chance(0.6):
            offer["trancheEffectifEtab"] = next(label for top, label in words.TRANCHES if company.size <= top)
        offer["employeurHandiEngage"] = rng.chance(0.03)

    def _origin(self, offer_id: str) -> dict:
        """origineOffre: France Travail's own offers ("1") or a partner job board's ("2")."""
        rng = self.rng
        if rng.chance(0.7):
            return {"origine": "1", "urlOrigine": f"https://candidat.{EXAMPLE_DOMAIN}/offres/recherche/detail/{offer_id}"}
        partner = rng.choice(words.PARTNERS)
        board = f"https://{_slug(partner)}.{EXAMPLE_DOMAIN}"
        url = f"{board}/offre/{offer_id.lower()}"
        return {"origine": "2", "urlOrigine": url,
                "partenaires": [{"nom": partner, "url": url, "logo": f"{board}/logo.png"}]}

    def _contact(self, offer_id: str, name: str, slug: str, site: str, origin_url: str, place) -> dict:
        """How to apply, in the shapes real offers use: a link to the recruiter's site, the
        France Travail link, an e-mail address, a postal address, or nothing."""
        rng = self.rng
        draw = rng.random()
        email = f"recrutement.{slug}@{EXAMPLE_DOMAIN}"
        if draw < 0.6:
            url = f"{site}/carrieres/offre-{offer_id.lower()}"
            contact = {"coordonnees1": url, "urlPostulation": url}
            return {"nom": name, **contact} if rng.chance(0.5) else contact
        if draw < 0.78:
            link = f"Pour postuler, utiliser le lien suivant : {origin_url}"
            return {"nom": name, "coordonnees1": link, "courriel": link}
        if draw < 0.88:
            return {"nom": name, "courriel": email}
        if draw < 0.97 and place is not None:
            postal = self.t.places.postal_codes(place.code)
            city = place.label.rsplit(" (", 1)[0]
            return {"nom": name, "coordonnees1": f"{rng.randint(1, 120)} {rng.choice(words.STREETS)}",
                    "coordonnees2": f"{postal[0] if postal else ''} {city.upper()}".strip(),
                    "coordonnees3": f"Courriel : {email}"}
        return {}

    def _contract_label(self, contract: str, prefix: str) -> str:
        durations = words.DURATIONS.get(contract)
        if durations is None:
            return prefix
        if contract == "MIS" and self.rng.chance(0.3):
            return f"{prefix} - {self.rng.randint(1, 30)} Jour(s)"
        return f"{prefix} - {self.rng.choice(durations)} Mois"

    def _place(self):
        """(commune Place or None, lieuTravail, where the job is in words: "à La Rochelle")."""
        rng, t = self.rng, self.t
        draw = rng.random()
        if draw < REGION_ONLY_SHARE:
            region = rng.choice(t.regions)
            return None, {"libelle": region.label}, f"en région {region.label}"
        if draw < AREA_ONLY_SHARE:
            departement = rng.choice(t.departements)
            name = departement.label.split(" (")[0]
            return (None, {"libelle": f"{departement.code} - {name}"},
                    f"dans le département {departement.code} ({name})")
        position = rng.choices(range(len(t.communes)), cum_weights=t.commune_cum)[0]
        if t.populations[position] >= NEARBY_MIN_POPULATION and rng.chance(NEARBY_SHARE):
            close, cumulative = t.neighbours(position)
            if close:
                position = rng.choices(close, cum_weights=cumulative)[0]
        code = t.communes[position]
        place = t.places.commune(code)
        assert place is not None and place.latitude is not None and place.longitude is not None
        name = place.label.rsplit(" (", 1)[0]
        postal = t.places.postal_codes(code)
        lieu = {"libelle": f"{place.departement} - {name.upper()}",
                # A workplace is somewhere in the commune, not at its centre (~1 km of jitter).
                "latitude": round(place.latitude + rng.uniform(-0.01, 0.01), 6),
                "longitude": round(place.longitude + rng.uniform(-0.01, 0.01), 6),
                "codePostal": rng.choice(postal) if postal else None, "commune": code}
        if lieu["codePostal"] is None:
            del lieu["codePostal"]
        return place, lieu, at(name)

    def _company(self, kind: str, city: str | None) -> Company:
        rng = self.rng
        shapes, blurbs = {"agency": (words.AGENCY_SHAPES, words.AGENCY_BLURBS),
                          "insertion": (words.INSERTION_SHAPES, words.INSERTION_BLURBS)}.get(
            kind, (words.COMPANY_SHAPES, words.BLURBS))
        surname = rng.choice(words.SURNAMES)
        name = rng.choice(shapes).format(name=surname, place=city or surname)
        size = rng.choice(words.SIZES)
        blurb = rng.choice(blurbs).format(name=name, size=size, at=at(city) if city else "dans la région",
                                          year=rng.randint(1950, 2022))
        return Company(name, blurb, int(size), kind)

    def _salary(self, qualification: str, contract: str) -> dict:
        rng = self.rng
        if rng.chance(0.15):
            return {"commentaire": rng.choice(words.NO_SALARY_COMMENTS), "complement1": rng.choice(words.SALARY_EXTRAS)}
        monthly = SMIC_MONTHLY * SALARY_LEVELS[qualification] * rng.uniform(1.0, 1.25)
        comma = rng.chance(0.8)
        kind = rng.random()
        if (qualification == "9" and kind < 0.7) or kind < 0.1:
            low, period = round(monthly * 12, -2), "Annuel"
        elif (contract in ("MIS", "SAI") and kind < 0.6) or kind < 0.25:
            low, period = max(SMIC_HOURLY, round(monthly / 151.67, 2)), "Horaire"
        else:
            low, period = round(monthly, -1), "Mensuel"
        libelle = f"{period} de {_amount(low, comma)} Euros"
        if rng.chance(0.6):
            libelle += f" à {_amount(low * rng.uniform(1.05, 1.3), comma)} Euros"
        if rng.chance(0.8):
            libelle += f" sur {rng.choice((12, 12, 12, 13))} mois" if comma else " sur 12.0 mois"
        salary = {"libelle": libelle}
        if rng.chance(0.4):
            salary["complement1"] = rng.choice(words.SALARY_EXTRAS)
        return salary

    def _description(self, company: Company, where: str, label: str, prose: list[str], tasks: list[str],
                     skills: list[str], qualities: list[str], knowledge: list[str], profile: str, schedule: str,
                     salary: dict) -> str:
        rng = self.rng
        hiring = {"agency": words.AGENCY_HIRING, "insertion": words.INSERTION_HIRING}.get(company.kind, words.HIRING)
        about = rng.choice(hiring).format(name=company.name, who=both_forms(label), where=where)
        if prose and rng.chance(0.7):
            about += " " + prose[0]
        paragraphs = [company.blurb, about]
        if tasks:
            chosen = rng.sample(tasks, min(len(tasks), rng.randint(2, 4)))
            paragraphs.append("Au quotidien, le ou la titulaire du poste :\n" + "\n".join(f"- {t}" for t in chosen))
        paragraphs.append("Vos missions :\n" + "\n".join(f"- {s}" for s in skills))
        wanted = f"Profil recherché : {_lower_first(profile)}"
        if qualities:
            wanted += " Qualités attendues : " + ", ".join(
                _lower_first(q) for q in rng.sample(qualities, min(2, len(qualities)))) + "."
        if knowledge:
            wanted += " Connaissances appréciées : " + ", ".join(
                _lower_first(k) for k in rng.sample(knowledge, min(3, len(knowledge)))) + "."
        paragraphs.append(wanted)
        pay = salary["libelle"] if "libelle" in salary else salary.get("commentaire", "Selon profil")
        paragraphs.append(f"Temps de travail : {_hours(schedule)}. "
                          f"Rémunération : {_lower_first(pay).replace('Euros', 'euros')}.")
        return "\n\n".join(paragraphs)


def generate(count: int, seed: int | str, now: int | float | dt.datetime, *, rome: Referential | None = None,
             places: Places | None = None) -> Iterator[dict]:
    """``count`` offers as v2 dicts, one at a time; the same seed and now give the same offers."""
    if isinstance(now, dt.datetime):
        now = now.timestamp()
    data = Path(getattr(get_settings(), "data_dir", None) or PROJECT_ROOT / "data")
    rome = rome or load_referential(data / "rome")
    places = places or Places.load(data / "communes")
    factory = OfferFactory(rome, places, seed, int(now))
    for index in range(count):
        yield factory.offer(index)


def write_json(offers, handle) -> int:
    """Stream ``{"resultats": [...]}`` to ``handle`` without holding the list."""
    written = 0
    handle.write('{"resultats": [\n')
    for offer in offers:
        handle.write(",\n" if written else "")
        handle.write(json.dumps(offer, ensure_ascii=False, separators=(",", ":")))
        written += 1
    handle.write("\n]}\n")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.offers.cli.generator",
                                     description="Génère des offres fictives au format France Travail v2.")
    parser.add_argument("--count", type=int, default=1000, help="nombre d'offres (1000)")
    parser.add_argument("--seed", default="1", help="graine : même graine, mêmes offres (1)")
    parser.add_argument("--now", help="date de référence ISO 8601 (maintenant) : les offres datent des 60 jours "
                                      "qui précèdent")
    parser.add_argument("--out", required=True, help="fichier JSON à écrire (- pour la sortie standard)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count doit être positif")
    try:
        now = dt.datetime.fromisoformat(args.now).timestamp() if args.now else time.time()
    except ValueError:
        parser.error(f"--now : « {args.now} » n'est pas une date ISO 8601")
    seed = int(args.seed) if args.seed.isdigit() else args.seed
    started = time.perf_counter()
    offers = generate(args.count, seed, now)
    if args.out == "-":
        try:
            written = write_json(offers, sys.stdout)
        except BrokenPipeError:  # `… --out - | head`: the reader has seen enough
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stays open: Python flushes stdout at exit)
            return 0
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as handle:
            written = write_json(offers, handle)
    print(f"{written} offres écrites en {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
