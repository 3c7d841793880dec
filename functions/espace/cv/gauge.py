"""The completeness gauge (seed: « Votre CV Pôle emploi est complété à 60 % »).

The rubrics that move it are the seed's: the professional target (métier, places, contract
types and working time), the pitch, the experiences and the description of their
activities, the training, the other skills. Each missing part is named, so the page can
say what to add, and the rate is always told in text beside the drawn bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from espace.cv.model import Cv

# (weight, what is missing, said as what to add): the weights sum to 100.
PARTS = (
    (10, "metier", "le métier recherché"),
    (5, "lieux", "les lieux de travail souhaités"),
    (5, "contrats", "les types de contrat et la durée de travail"),
    (15, "accroche", "une accroche"),
    (20, "experiences", "au moins une expérience professionnelle"),
    (15, "descriptions", "la description des activités de chaque expérience"),
    (15, "formations", "au moins une formation"),
    (15, "competences", "des compétences complémentaires"),
)
LOW = 80  # below this rate, publishing first offers « Compléter votre CV » / « Ignorer et continuer »


@dataclass(frozen=True)
class Gauge:
    percent: int
    missing: tuple[str, ...]  # what to add, in the order of the form

    @property
    def low(self) -> bool:
        return self.percent < LOW

    @property
    def text(self) -> str:
        return f"Votre CV est complété à {self.percent} %"


def gauge(cv: Cv) -> Gauge:
    present = {
        "metier": bool(cv.target.rome_code),
        "lieux": bool(cv.target.places),
        "contrats": bool(cv.target.contracts and cv.target.working_times),
        "accroche": bool(cv.pitch.strip()),
        "experiences": bool(cv.experiences),
        "descriptions": bool(cv.experiences) and all(e.description.strip() for e in cv.experiences),
        "formations": bool(cv.trainings),
        "competences": bool(cv.other_skills.strip() or cv.target.skills),
    }
    percent = sum(weight for weight, name, _ in PARTS if present[name])
    return Gauge(percent, tuple(label for _, name, label in PARTS if not present[name]))
