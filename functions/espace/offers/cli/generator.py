"""A seeded generator of realistic offers in the France Travail v2 JSON schema.

    python -m espace.offers.cli.generator --count 200000 --seed 1 --out var/offres.json

Offers go through ``espace.offers.schema`` like real ones: titles and texts come
from the ROME referential (appellations, fiche definitions, skills), places from
the communes weighted by population (about 3 % only at département or région
level, as in real data), dates over the 60 days before ``now``. Everything is
drawn from one ``random.Random(seed)`` in a fixed order, so a seed and a ``now``
always give the same offers; nothing iterates over a ``set`` (string hashing is
randomized per process).

Ids are 3 digits + 4 capital letters like real ones, and unique within a run:
the i-th offer's id is an affine permutation of i over the 1000 × 26⁴ possible
ids, offset by the seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import time
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from espace.offers.cli import vocabulary as words
from espace.places.referential import Places
from espace.rome import Fiche, Referential, load_referential
from espace.settings import PROJECT_ROOT, get_settings

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


@cache
def masculine(label: str) -> str:
    """"Chef / Cheffe d'équipe" -> "Chef d'équipe": the form France Travail titles use, plus (H/F)."""
    if " / " not in label:
        return label
    left, right = label.split(" / ", 1)
    return " ".join([left, *right.split()[len(left.split()):]])


def at(city: str) -> str:
    """"à Antibes", "au Havre", "aux Mureaux": French contracts the article of a city's name."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if city.startswith(article):
            return contracted + city[len(article):]
    return "à " + city


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class _Tables:
    """Everything drawn from, computed once per (referential, places) pair."""

    def __init__(self, rome: Referential, places: Places):
        self.rome, self.places = rome, places
        gd_sizes: dict[str, int] = {}
        for fiche in rome.fiches.values():
            gd_sizes[fiche.grand_domaine] = gd_sizes.get(fiche.grand_domaine, 0) + 1
        self.appellations, weights = [], []
        for code in sorted(rome.fiches):
            fiche = rome.fiches[code]
            usable = [a for a in fiche.appellations if not a.rarely_used]
            if not usable or not fiche.items.get("savoir_faire"):
                continue
            share = words.GRAND_DOMAINE_WEIGHTS.get(fiche.grand_domaine, 1) / gd_sizes[fiche.grand_domaine]
            if code in words.POPULAR_ROME_CODES:
                share *= words.POPULAR_BOOST
            main_weights = [4 if a.main else 1 for a in usable]
            for appellation, weight in zip(usable, main_weights, strict=True):
                self.appellations.append(appellation)
                weights.append(share * weight / sum(main_weights))
        self.appellation_cum = _cumulative(weights)
        # France Travail does not serve the Pacific collectivities nor Saint-Pierre, Saint-Barthélemy, Saint-Martin.
        populations = [(c, pop) for c, pop in places.populations() if not c.startswith(OUTSIDE)]
        self.communes = [code for code, _ in populations]
        # +50: a village still has the odd offer (a farm, a school), not none at all.
        self.commune_cum = _cumulative(pop + 50 for _, pop in populations)
        self.departements = [places.departement(c) for c in places.codes("departement") if not c.startswith(OUTSIDE)]
        self.regions = [places.region(c) for c in places.codes("region") if len(c) == 2 and c >= "11"]
        self.contract_cum = _cumulative(c[1] for c in words.CONTRACTS)
        self.experience_cum = _cumulative(e[1] for e in words.EXPERIENCES)
        self.qualification_codes = list(words.QUALIFICATION_WEIGHTS)
        self.qualification_cum = _cumulative(words.QUALIFICATION_WEIGHTS.values())
        self.fiche_texts: dict[str, tuple] = {}

    def texts(self, fiche: Fiche) -> tuple:
        found = self.fiche_texts.get(fiche.code)
        if found is None:
            items = fiche.items
            domaine = self.rome.domaines.get(fiche.domaine)
            found = (fiche.definition or [fiche.title], [i.label for i in items.get("savoir_faire", [])],
                     [i.label for i in items.get("savoir_etre", [])], [i.label for i in items.get("savoirs", [])],
                     domaine.title.lower() if domaine else fiche.title.lower())
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
        alternance = contract in ("CDI", "CDD") and rng.random() < words.ALTERNANCE_SHARE
        if alternance:
            nature = rng.choice(words.ALTERNANCE_NATURES)
        contract_label = self._contract_label(contract, contract_label)
        executive = fiche.executive and rng.random() < 0.6
        qualification = "9" if executive else rng.choices(t.qualification_codes, cum_weights=t.qualification_cum)[0]
        experience, _, experience_label = rng.choices(words.EXPERIENCES, cum_weights=t.experience_cum)[0]
        if experience != "D":
            experience_label = f"{experience_label} de {rng.choice((1, 1, 2, 2, 3, 5))} An(s)"
        full_time = rng.random() < 0.85
        place, lieu = self._place()
        city = place.label.rsplit(" (", 1)[0] if place else None
        company = self._company(contract == "MIS", city)
        shape = rng.choice(("{} (H/F)", "{} H/F", "{} F/H", None))
        title = shape.format(masculine(appellation.short_label)) if shape else appellation.label
        salary = self._salary(qualification, contract)
        schedule = rng.choice(words.SCHEDULES_FULL if full_time else words.SCHEDULES_PART)
        definition, skills, qualities, knowledge, domaine = t.texts(fiche)
        chosen_skills = rng.sample(skills, min(len(skills), rng.randint(3, 5)))
        offer = {
            "id": offer_id(index, self.seed_offset),
            "intitule": title[:150],
            "description": self._description(company, city, appellation.label, definition, chosen_skills,
                                             qualities, knowledge, experience_label, schedule, salary),
            "dateCreation": _iso(created),
            "dateActualisation": _iso(created + rng.random() * (self.now - created)),
            "lieuTravail": lieu,
            "romeCode": fiche.code,
            "romeLibelle": fiche.title,
            "appellationlibelle": appellation.label,
            "entreprise": {"nom": company[0], "description": company[1], "entrepriseAdaptee": rng.random() < 0.01},
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
            "accessibleTH": rng.random() < 0.1,
            "qualificationCode": qualification,
            "qualificationLibelle": words.QUALIFICATIONS[qualification],
            "origineOffre": {"origine": "1"},
            # Not a France Travail field: marks the offer as generated, so pages can say it is fictional.
            "offreDeDemonstration": True,
        }
        if rng.random() < 0.25:
            level = rng.choice(words.TRAINING_LEVELS[3:] if executive else words.TRAINING_LEVELS[:3])
            offer["formations"] = [{"domaineLibelle": domaine, "niveauLibelle": level,
                                    "commentaire": f"{level.split(' ')[0].rstrip(',')} {domaine}",
                                    "exigence": rng.choice("SE")}]
        return offer

    def _contract_label(self, contract: str, prefix: str) -> str:
        durations = words.DURATIONS.get(contract)
        if durations is None:
            return prefix
        if contract == "MIS" and self.rng.random() < 0.3:
            return f"{prefix} - {self.rng.randint(1, 30)} Jour(s)"
        return f"{prefix} - {self.rng.choice(durations)} Mois"

    def _place(self):
        rng, t = self.rng, self.t
        draw = rng.random()
        if draw < REGION_ONLY_SHARE:
            region = rng.choice(t.regions)
            return None, {"libelle": region.label}
        if draw < AREA_ONLY_SHARE:
            departement = rng.choice(t.departements)
            return None, {"libelle": f"{departement.code} - {departement.label.split(' (')[0]}"}
        code = rng.choices(t.communes, cum_weights=t.commune_cum)[0]
        place = t.places.commune(code)
        # populations() lists communes with coordinates only.
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
        return place, lieu

    def _company(self, agency: bool, city: str | None) -> tuple[str, str]:
        rng = self.rng
        shape = rng.choice(words.AGENCY_SHAPES if agency else words.COMPANY_SHAPES)
        surname = rng.choice(words.SURNAMES)
        name = shape.format(name=surname, place=city or surname)
        blurb = rng.choice(words.AGENCY_BLURBS if agency else words.BLURBS)
        return name, blurb.format(size=rng.choice(words.SIZES), at=at(city) if city else "dans la région",
                                  year=rng.randint(1950, 2022))

    def _salary(self, qualification: str, contract: str) -> dict:
        rng = self.rng
        if rng.random() < 0.15:
            return {"commentaire": rng.choice(words.NO_SALARY_COMMENTS), "complement1": rng.choice(words.SALARY_EXTRAS)}
        monthly = SMIC_MONTHLY * SALARY_LEVELS[qualification] * rng.uniform(1.0, 1.25)
        comma = rng.random() < 0.8
        kind = rng.random()
        if (qualification == "9" and kind < 0.7) or kind < 0.1:
            low, period = round(monthly * 12, -2), "Annuel"
        elif (contract in ("MIS", "SAI") and kind < 0.6) or kind < 0.25:
            low, period = max(SMIC_HOURLY, round(monthly / 151.67, 2)), "Horaire"
        else:
            low, period = round(monthly, -1), "Mensuel"
        libelle = f"{period} de {_amount(low, comma)} Euros"
        if rng.random() < 0.6:
            libelle += f" à {_amount(low * rng.uniform(1.05, 1.3), comma)} Euros"
        if rng.random() < 0.8:
            libelle += f" sur {rng.choice((12, 12, 12, 13))} mois" if comma else " sur 12.0 mois"
        salary = {"libelle": libelle}
        if rng.random() < 0.4:
            salary["complement1"] = rng.choice(words.SALARY_EXTRAS)
        return salary

    def _description(self, company, city, label, definition, skills, qualities, knowledge, experience,
                     schedule, salary) -> str:
        rng = self.rng
        intro = f"{company[0]} {company[1]}" if not company[1].startswith(("Notre", "Agence")) else company[1]
        missions = " ".join(_sentence(s) for s in definition[: rng.randint(1, 3)])
        where = f"pour son site {at(city)}" if city else "dans la région"
        paragraphs = [
            intro,
            f"Nous recherchons un(e) {_lower_first(masculine(label))} {where}. {missions}",
            "Vos missions :\n" + "\n".join(f"- {s}" for s in skills),
            "Profil recherché : " + experience.lower() + ". "
            + ("Qualités attendues : "
               + ", ".join(_lower_first(q) for q in rng.sample(qualities, min(2, len(qualities)))) + "."
               if qualities else "")
            + (" Connaissances appréciées : " + ", ".join(rng.sample(knowledge, min(3, len(knowledge)))).lower()
               + "." if knowledge else ""),
            f"Horaires : {schedule.lower()}. " + (f"Rémunération : {salary['libelle'].lower()}."
                                                   if "libelle" in salary else "Rémunération selon profil."),
        ]
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
