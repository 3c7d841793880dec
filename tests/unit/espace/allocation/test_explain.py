"""The sentences of the calculation: rates, ages, the cases the page can show."""

from __future__ import annotations

from espace.allocation import explain
from espace.allocation.engine import allocation, cumul
from espace.allocation.figures import load
from espace.settings import PROJECT_ROOT

FIGURES = load(PROJECT_ROOT / "data" / "allocation")
NBSP = "\u00a0"


def plain(lines: list[str]) -> str:
    return " ".join(lines).replace(NBSP, " ").replace("\u202f", " ")


def test_rates_and_decimals():
    assert explain.percent(4040) == f"40,4{NBSP}%" and explain.percent(5700) == f"57{NBSP}%"
    assert explain.percent(3000) == f"30{NBSP}%" and explain.percent(1) == f"0,01{NBSP}%"
    assert explain.coefficient(7500) == "0,75" and explain.coefficient(7000) == "0,7"
    assert explain.decimal(547, 5000) == "547,5" and explain.decimal(273, 7500) == "273,75"
    assert explain.decimal(300, 0) == "300"


def test_the_age_rules():
    rules = [explain.duration_steps(FIGURES, allocation(FIGURES, 5_000_000, 1095, age))[-1] for age in (54, 55, 56, 57)]
    assert rules[0].startswith("Avant 55 ans, la durée est limitée à 548 jours")
    assert rules[1].startswith("À 55 ou 56 ans") and rules[2].startswith("À 55 ou 56 ans")
    assert rules[3].startswith("À partir de 57 ans, la durée est limitée à 822 jours : la vôtre est de 822 jours")


def test_a_short_period_raised_to_the_minimum_duration():
    text = plain(explain.estimate_steps(FIGURES, allocation(FIGURES, 1_300_000, 130, 30)))
    assert "130 jours × 0,75 = 97,5, arrondi au jour supérieur : 98 jours." in text
    assert "la durée est portée à 182 jours" in text


def test_a_whole_duration_is_not_said_rounded():
    text = plain(explain.duration_steps(FIGURES, allocation(FIGURES, 1_300_000, 400, 30)))
    assert "400 jours × 0,75 = 300." in text and "arrondi" not in text


def test_the_decrease_told():
    text = plain(explain.estimate_steps(FIGURES, allocation(FIGURES, 20000 * 730, 730, 40)))
    assert "à partir du 183e jour indemnisé (le 7e mois), elle baisse de 30 %, sans descendre sous 92,57 € : " \
           "92,57 € par jour" in text


def test_the_months_told():
    one_day = plain(explain.month_steps(FIGURES, cumul(FIGURES, 3000, 4000, 1714), 4000))  # 1 day carried
    assert "Le jour non indemnisé n'est pas perdu" in one_day
    none = plain(explain.month_steps(FIGURES, cumul(FIGURES, 3000, 4000, 2000_00), 4000))
    assert "aucune allocation n'est versée ce mois-là" in none and "Les 30 jours non indemnisés" in none
    over = plain(explain.month_steps(FIGURES, cumul(FIGURES, 3000, 4000, 1100_00), 4000))
    assert "c'est plus, l'allocation est ramenée à 1 200,00 € − 1 100,00 € = 100,00 €." in over
    assert "Jours indemnisés : 100,00 € ÷ 30,00 € = 3 jours (arrondi au jour inférieur)" in over
    full = plain(explain.month_steps(FIGURES, cumul(FIGURES, 3000, 4000, 0), 4000))
    assert full.endswith("Tous les jours du mois sont indemnisés.")
