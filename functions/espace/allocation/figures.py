"""The year's ARE figures, read from data/allocation/are-*.json: every amount in cents, every rate
in ten-thousandths (4040 = 40,4 %), each figure with its source and effective date in the file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = "are-2026.json"


@dataclass(frozen=True)
class Figures:
    effective: str  # ISO date the figures apply from
    fixed_part: int  # partie fixe, cents a day
    minimum: int  # allocation minimale, cents a day
    rate_a: int  # formula A: rate_a of the SJR + fixed_part
    rate_b: int  # formula B: rate_b of the SJR
    cap_rate: int  # the allocation never exceeds cap_rate of the SJR
    degressive_threshold: int  # cents a day: above it, the allocation decreases
    degressive_rate: int  # what is kept of the allocation once it decreases
    degressive_first_day: int  # the first paid day at the lower amount
    degressive_exempt_age: int  # from this age, no decrease
    duration_rate: int  # days of the reference period × duration_rate
    minimum_duration: int  # days
    minimum_affiliation: int  # days worked to be entitled at all
    max_durations: tuple[tuple[int, int], ...]  # (from age, days), ascending ages
    reference_months: tuple[tuple[int, int], ...]  # (from age, months of the reference period)
    days_per_month: int
    cumul_rate: int  # share of a month's gross pay taken off the month's allocation


def _value(figures: dict[str, Any], name: str) -> Any:
    return figures[name]["value"]


def load(folder: str | Path) -> Figures:
    raw = json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))
    f = raw["figures"]
    return Figures(
        effective=raw["effective"], fixed_part=_value(f, "partie_fixe_cents"),
        minimum=_value(f, "allocation_minimale_cents"), rate_a=_value(f, "taux_a_dix_milliemes"),
        rate_b=_value(f, "taux_b_dix_milliemes"), cap_rate=_value(f, "plafond_dix_milliemes"),
        degressive_threshold=_value(f, "degressivite_seuil_cents"),
        degressive_rate=_value(f, "degressivite_coefficient_dix_milliemes"),
        degressive_first_day=_value(f, "degressivite_premier_jour"),
        degressive_exempt_age=_value(f, "degressivite_age_exempt"),
        duration_rate=_value(f, "coefficient_duree_dix_milliemes"),
        minimum_duration=_value(f, "duree_minimale_jours"),
        minimum_affiliation=_value(f, "affiliation_minimale_jours"),
        max_durations=tuple((row["age_min"], row["jours"]) for row in _value(f, "durees_maximales_jours")),
        reference_months=tuple((row["age_min"], row["mois"]) for row in _value(f, "periode_reference_mois")),
        days_per_month=_value(f, "jours_par_mois"), cumul_rate=_value(f, "cumul_taux_salaire_dix_milliemes"))
