"""A seeded generator of realistic CVs for the CV bank's tests and benchmarks.

    from tests.cv_generator import generate, documents
    for user_id, cv in generate(100, seed=1): ...        # complete CVs (espace.cv.model.Cv), published
    docs = documents(50_000, seed=1)                      # CvDocument for the index, 10 % express

What: a métier is an appellation of the ROME referential (data/rome), the frequent fiches
(espace.offers.cli.vocabulary.FREQUENT_ROME_SHARES) drawn more often; its spécificités are
skills of that fiche (« savoir-faire »), the experiences' descriptions sentences built from
the fiche's definition and skills, with employers, places and dates; trainings, languages
(CEFR levels), licences (B for most), an accroche and other skills in French.
Where: wanted places are communes drawn by population (data/communes) — so searches
around a town find candidates around it — and, for some CVs, a whole département or région.

Deterministic: everything is drawn from one ``random.Random(seed)`` through ``random()`` only
(the stock ``choice``/``sample`` changed across Python versions) in a fixed order, and nothing
iterates over a ``set``. The same seed always gives the same CVs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from espace.cv.index import CvDocument
from espace.cv.indexing import document_for, personal_document
from espace.cv.model import (
    CONTRACTS,
    LANGUAGE_LEVELS,
    LANGUAGES,
    ONLINE,
    Attachment,
    Consent,
    Cv,
    Experience,
    Language,
    Layout,
    PersonalCv,
    Target,
    Training,
    WantedPlace,
)
from espace.offers.cli.generator import masculine
from espace.places.referential import Places
from espace.rome import Fiche, Referential, load_referential

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = dt.date(2026, 3, 10)
NOW = int(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC).timestamp())
YEAR = 365 * 86_400
EXPRESS_SHARE = 0.10

EMPLOYER_KINDS = ("Boulangerie", "Transports", "Garage", "Clinique", "Hôtel", "Restaurant", "Menuiserie",
                  "Cabinet", "Atelier", "Entreprise", "Société", "Maison de retraite", "Supermarché", "Mairie")
SURNAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
            "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez")
FORMS = ("SARL", "SAS", "et Fils", "& Associés", "", "")
# The trade's diplomas, the vocational ones most often (repeated entries weigh more).
TRAININGS = (("CAP", "3"), ("CAP", "3"), ("BEP", "3"), ("Bac professionnel", "4"), ("Bac professionnel", "4"),
             ("Titre professionnel", "4"), ("Titre professionnel", "4"), ("BTS", "5"), ("Licence professionnelle", "6"))
SCHOOLS = ("Lycée professionnel", "CFA", "AFPA", "GRETA", "Université", "IUT", "Lycée")
PITCHES = ("Fort(e) de {years} d’expérience comme {job}, je cherche un poste où mettre à profit ma rigueur et mon sens "
           "du travail en équipe.", "Motivé(e) et autonome, je souhaite rejoindre une équipe comme {job}.",
           "{job} expérimenté(e), disponible rapidement, mobile et attentif(ve) à la qualité du travail rendu.",
           "Après {years} de métier, je recherche un nouveau défi comme {job}.")
OTHER_SKILLS = ("Maîtrise des outils bureautiques (traitement de texte, tableur)", "Premiers secours (SST)",
                "Habilitation électrique", "CACES R489 catégorie 3", "Permis cariste", "Accueil du public",
                "Gestion des stocks", "Travail en horaires décalés", "Relation client", "Anglais professionnel")
OPENINGS = ("Missions :", "Activités :", "Au quotidien :", "Principales tâches :")


class _Draw(random.Random):
    """Draws through ``random()`` only: the same sequence on every Python version."""

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def between(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def some(self, seq, count: int) -> list:
        pool = list(seq)
        return [pool.pop(int(self.random() * len(pool))) for _ in range(min(count, len(pool)))]

    def chance(self, share: float) -> bool:
        return self.random() < share


@cache
def referential() -> Referential:
    """The whole ROME referential (skills and definitions included), read once per process."""
    return load_referential(DATA / "rome", light=False)


@cache
def places() -> Places:
    return Places.load(DATA / "communes")


class _Tables:
    """What draws read, built once per referential: fiches by weight, communes by population."""

    def __init__(self, rome: Referential, where: Places):
        from espace.offers.cli.vocabulary import FREQUENT_ROME_SHARES

        self.fiches: list[Fiche] = [f for code, f in sorted(rome.fiches.items())
                                    if f.published_appellations and f.items.get("savoir_faire")]
        frequent = dict(FREQUENT_ROME_SHARES)
        weights = [frequent.get(f.code, 0.0) * 400 + 1 for f in self.fiches]
        self.fiche_weights = list(itertools.accumulate(weights))
        populated = [(code, pop) for code, pop in where.populations() if not code.startswith("97")]
        self.communes = [code for code, _ in populated]
        self.commune_weights = list(itertools.accumulate(pop + 100 for _, pop in populated))
        self.departements = [code for code in where.codes("departement") if not code.startswith("97")]
        self.regions = [code for code in where.codes("region") if len(code) == 2 and code >= "11"]

    def fiche(self, rng: _Draw) -> Fiche:
        return self.fiches[bisect.bisect(self.fiche_weights, rng.random() * self.fiche_weights[-1])]

    def commune(self, rng: _Draw) -> str:
        return self.communes[bisect.bisect(self.commune_weights, rng.random() * self.commune_weights[-1])]


@cache
def _tables() -> _Tables:
    return _Tables(referential(), places())


def _employer(rng: _Draw) -> str:
    return " ".join(part for part in (rng.pick(EMPLOYER_KINDS), rng.pick(SURNAMES), rng.pick(FORMS)) if part)


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _experiences(rng: _Draw, fiche: Fiche, job: str, where: Places, tables: _Tables) -> list[Experience]:
    experiences = []
    year, month = TODAY.year, TODAY.month
    skills = [item.label for item in fiche.items.get("savoir_faire", [])]
    for number in range(rng.between(0, 5)):
        end = "" if number == 0 and rng.chance(0.3) else _month(year, month)
        length = rng.between(3, 60)
        start_index = year * 12 + month - 1 - length
        start = _month(start_index // 12, start_index % 12 + 1)
        commune = where.commune(tables.commune(rng))
        done = rng.some(skills, rng.between(2, 4))
        description = f"{rng.pick(OPENINGS)} " + " ; ".join(_lower_first(s) for s in done) + "."
        experiences.append(Experience(id=f"e{number + 1}", job=job, employer=_employer(rng),
                                      place=commune.label if commune else "", start=start, end=end,
                                      description=description))
        gap = start_index - rng.between(0, 8)
        year, month = gap // 12, gap % 12 + 1
    return experiences


def _trainings(rng: _Draw, fiche: Fiche) -> list[Training]:
    trainings = []
    for number in range(rng.between(1, 3)):
        kind, level = rng.pick(TRAININGS)
        trainings.append(Training(id=f"t{number + 1}", title=f"{kind} {_lower_first(masculine(fiche.title))}",
                                  school=f"{rng.pick(SCHOOLS)} {rng.pick(SURNAMES)}", year=str(rng.between(1995, 2025)),
                                  level=level, obtained=rng.chance(0.85)))
    return trainings


def _wanted_places(rng: _Draw, where: Places, tables: _Tables) -> list[WantedPlace]:
    wanted: list[WantedPlace] = []
    for _ in range(rng.between(1, 3)):
        place = where.commune(tables.commune(rng))
        if place and all(w.code != place.code for w in wanted):
            wanted.append(WantedPlace("commune", place.code, place.label))
    draw = rng.random()
    if draw < 0.15:
        dep = where.departement(rng.pick(tables.departements))
        if dep:
            wanted.append(WantedPlace("departement", dep.code, dep.label))
    elif draw < 0.20:
        region = where.region(rng.pick(tables.regions))
        if region:
            wanted.append(WantedPlace("region", region.code, region.label))
    return wanted


def complete_cv(rng: _Draw, number: int, rome: Referential, where: Places, tables: _Tables) -> Cv:
    fiche = tables.fiche(rng)
    appellation = rng.pick(fiche.published_appellations)
    job = appellation.label
    skills = [item.label for item in fiche.items.get("savoir_faire", [])]
    experiences = _experiences(rng, fiche, job, where, tables)
    years = sum(e.months(TODAY.strftime("%Y-%m")) for e in experiences) // 12
    contracts = [c.code for c in rng.some(CONTRACTS[:4], rng.between(1, 3))]
    updated = NOW - int(rng.random() * YEAR)
    return Cv(
        id=f"cv{number:07d}", state=ONLINE, created_at=updated - rng.between(0, 30) * 86_400, updated_at=updated,
        published_at=updated,
        target=Target(appellation_code=appellation.code, appellation_label=job, rome_code=fiche.code,
                      rome_label=fiche.title, skills=rng.some(skills, rng.between(0, 4)),
                      places=_wanted_places(rng, where, tables), contracts=contracts,
                      working_times=rng.some(["plein", "partiel"], rng.between(1, 2))),
        title=job if rng.chance(0.7) else f"{job} — {rng.pick(('confirmé(e)', 'polyvalent(e)', 'débutant(e)'))}",
        pitch=(rng.pick(PITCHES) if experiences else PITCHES[1]).format(
            years=f"{max(1, years)} an{'s' if years > 1 else ''}", job=_lower_first(masculine(job))),
        experiences=experiences, trainings=_trainings(rng, fiche),
        languages=[Language("fr", "natif")] + [Language(code, rng.pick(LANGUAGE_LEVELS[:6])[0])
                                               for code, _ in rng.some(LANGUAGES[1:8], rng.between(0, 2))],
        licences=(["B"] if rng.chance(0.75) else []) + (["C", "CE"] if rng.chance(0.05) else []),
        other_skills=" ; ".join(rng.some(OTHER_SKILLS, rng.between(0, 3))),
        layout=Layout(chosen=True), consent=Consent(publish=True, share_details=rng.chance(0.5)))


def generate(count: int, seed: int | str = 1) -> Iterator[tuple[str, Cv]]:
    """``count`` published complete CVs, as (user id, Cv); about one account in five has two."""
    rng = _Draw(f"cv-generator {seed}")
    rome, where, tables = referential(), places(), _tables()
    user = 0
    for number in range(count):
        if not rng.chance(0.2):
            user += 1
        yield f"u{seed}-{user:07d}", complete_cv(rng, number, rome, where, tables)


def personal_text(rng: _Draw, cv: Cv) -> str:
    """What an uploaded CV's text reads like (an express CV's only words)."""
    lines = [cv.display_title.upper(), cv.pitch, "EXPÉRIENCE PROFESSIONNELLE"]
    for e in cv.experiences:
        lines += [f"{e.start} – {e.end or 'aujourd’hui'} : {e.job}, {e.employer} ({e.place})", e.description]
    lines.append("FORMATION")
    lines += [f"{t.year} : {t.title}, {t.school}" for t in cv.trainings]
    return "\n".join(lines)


def documents(count: int, seed: int | str = 1) -> list[CvDocument]:
    """``count`` documents for the index: complete CVs and, for 10 %, express ones (words only)."""
    rng = _Draw(f"cv-generator express {seed}")
    out = []
    for user_id, cv in generate(count, seed):
        if rng.chance(EXPRESS_SHARE):
            attachment = Attachment(key=f"users/{user_id}/cv/personnel.pdf", filename="mon-cv.pdf",
                                    content_type="application/pdf", size=40_000, uploaded_at=cv.updated_at)
            personal = PersonalCv(id=f"p{cv.id[2:]}", title=cv.display_title, attachment=attachment)
            out.append(personal_document(personal, user_id, personal_text(rng, cv)))
        else:
            out.append(document_for(cv, user_id, places(), today=TODAY))
    return out
