"""Each step of a simulation told in a French sentence, from the engine's intermediate figures
(the result page reads them in order: a screen reader hears the calculation as a list)."""

from __future__ import annotations

from espace.allocation.engine import Allocation, Cumul
from espace.allocation.figures import Figures
from espace.text import euros, plural


def percent(rate: int) -> str:
    """4040 -> « 40,4 % » (rates are in ten-thousandths)."""
    whole, rest = divmod(rate, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") + "\u00a0%"


def coefficient(rate: int) -> str:
    """7500 -> « 0,75 »."""
    return f"0,{rate:04d}".rstrip("0")


def decimal(whole: int, ten_thousandths: int) -> str:
    """(547, 5000) -> « 547,5 »."""
    return f"{whole},{ten_thousandths:04d}".rstrip("0").rstrip(",")


def days(count: int) -> str:
    return plural(count, "jour")


def months(count_days: int, per_month: int) -> str:
    return f"environ {plural((count_days * 2 + per_month) // (2 * per_month), 'mois', 'mois')}"


def estimate_steps(f: Figures, a: Allocation) -> list[str]:
    best, best_name = (a.formula_a, "A") if a.formula_a >= a.formula_b else (a.formula_b, "B")
    steps = [
        f"Salaire journalier de référence (SJR) : {euros(a.total)} ÷ {days(a.days)} = {euros(a.sjr)} "
        "(arrondi au centime).",
        f"Calcul A : {percent(f.rate_a)} × {euros(a.sjr)} + {euros(f.fixed_part)} (partie fixe) = "
        f"{euros(a.formula_a)}.",
        f"Calcul B : {percent(f.rate_b)} × {euros(a.sjr)} = {euros(a.formula_b)}.",
        f"Le plus élevé des deux est le calcul {best_name} : {euros(best)}.",
    ]
    if best < f.minimum:
        steps.append(f"{euros(best)} est en dessous de l'allocation minimale de {euros(f.minimum)} par jour : "
                     "le minimum s'applique, dans la limite du plafond.")
    else:
        steps.append(f"{euros(best)} n'est pas en dessous de l'allocation minimale de {euros(f.minimum)} par jour.")
    before_cap = max(best, f.minimum)
    if a.rule == "plafond":
        steps.append(f"Plafond : {percent(f.cap_rate)} × {euros(a.sjr)} = {euros(a.cap)}. {euros(before_cap)} "
                     f"dépasse ce plafond : l'allocation journalière est ramenée à {euros(a.daily)}.")
    else:
        steps.append(f"Plafond : {percent(f.cap_rate)} × {euros(a.sjr)} = {euros(a.cap)}. {euros(a.daily)} est "
                     "en dessous : le montant est gardé.")
    steps.append(f"Montant mensuel brut : {euros(a.daily)} × {f.days_per_month} jours = {euros(a.monthly)}.")
    return steps + duration_steps(f, a) + [degressive_step(f, a)]


def duration_steps(f: Figures, a: Allocation) -> list[str]:
    whole, rest = a.duration_exact
    exact = decimal(whole, rest)
    computed = (f"Durée : {days(a.days)} × {coefficient(f.duration_rate)} = {exact}"
                + (f", arrondi au jour supérieur : {days(a.duration_computed)}." if rest else "."))
    steps = [computed]
    if a.duration_computed < f.minimum_duration:
        steps.append(f"C'est moins que la durée minimale de {days(f.minimum_duration)} (6 mois) : la durée est "
                     f"portée à {days(f.minimum_duration)}.")
    age_rule = _age_rule(f, a.age)
    if max(a.duration_computed, f.minimum_duration) > a.max_duration:
        steps.append(f"{age_rule}, la durée est limitée à {days(a.max_duration)} : elle est ramenée à "
                     f"{days(a.duration)}.")
    else:
        steps.append(f"{age_rule}, la durée est limitée à {days(a.max_duration)} : la vôtre est de "
                     f"{days(a.duration)}, soit {months(a.duration, f.days_per_month)}.")
    return steps


def _age_rule(f: Figures, age: int) -> str:
    """« Avant 55 ans », « À 55 ou 56 ans », « À partir de 57 ans »."""
    starts = [start for start, _ in f.max_durations]
    index = max(i for i, start in enumerate(starts) if age >= start)
    if index == 0:
        return f"Avant {starts[1]} ans"
    if index == len(starts) - 1:
        return f"À partir de {starts[index]} ans"
    last = starts[index + 1] - 1
    return f"À {starts[index]} ou {last} ans" if last == starts[index] + 1 else f"De {starts[index]} à {last} ans"


def degressive_step(f: Figures, a: Allocation) -> str:
    threshold = euros(f.degressive_threshold)
    if a.degressive:
        return (f"Votre allocation dépasse {threshold} par jour et vous avez moins de {f.degressive_exempt_age} "
                f"ans : à partir du {a.degressive_from}e jour indemnisé (le 7e mois), elle baisse de "
                f"{percent(10_000 - f.degressive_rate)}, sans descendre sous {threshold} : "
                f"{euros(a.degressive_daily)} par jour, soit {euros(a.degressive_monthly)} par mois.")
    if a.daily > f.degressive_threshold and a.age >= f.degressive_exempt_age:
        return (f"Vous avez {f.degressive_exempt_age} ans ou plus : votre allocation ne baisse pas à partir du 7e "
                "mois.")
    if a.daily > f.degressive_threshold:
        return "Vos droits ne dépassent pas 6 mois : votre allocation ne baisse pas."
    return f"Votre allocation ne dépasse pas {threshold} par jour : elle ne baisse pas à partir du 7e mois."


def month_steps(f: Figures, m: Cumul, sjr: int) -> list[str]:
    steps = [
        f"Allocation mensuelle sans travail : {euros(m.daily)} × {f.days_per_month} = {euros(m.monthly)}.",
        f"{percent(f.cumul_rate)} du salaire brut du mois : {percent(f.cumul_rate)} × {euros(m.pay)} = "
        f"{euros(m.deduction)}.",
    ]
    if m.remaining == 0:
        steps.append(f"{euros(m.deduction)} atteint ou dépasse l'allocation mensuelle : aucune allocation n'est "
                     "versée ce mois-là.")
    else:
        steps.append(f"Reste : {euros(m.monthly)} − {euros(m.deduction)} = {euros(m.remaining)}.")
        ceiling = (f"Plafond : salaire et allocation ne peuvent pas dépasser votre ancien salaire mensuel de "
                   f"référence, {euros(sjr)} × {f.days_per_month} = {euros(m.ceiling)}. {euros(m.pay)} + "
                   f"{euros(m.remaining)} = {euros(m.pay + m.remaining)}")
        if m.capped:
            steps.append(f"{ceiling} : c'est plus, l'allocation est ramenée à {euros(m.ceiling)} − {euros(m.pay)} = "
                         f"{euros(m.allowed)}." if m.allowed else
                         f"{ceiling} : c'est plus, et le salaire atteint à lui seul le plafond : aucune allocation "
                         "n'est versée ce mois-là.")
        else:
            steps.append(f"{ceiling} : c'est en dessous, pas de réduction.")
        if m.allowed:
            steps.append(f"Jours indemnisés : {euros(m.allowed)} ÷ {euros(m.daily)} = {days(m.days_paid)} (arrondi "
                         f"au jour inférieur), soit {m.days_paid} × {euros(m.daily)} = {euros(m.paid)} versés.")
    steps.append(_carried(m.days_carried))
    return steps


def _carried(count: int) -> str:
    if count == 0:
        return "Tous les jours du mois sont indemnisés."
    if count == 1:
        return "Le jour non indemnisé n'est pas perdu : il repousse d'un jour la fin de vos droits."
    return f"Les {count} jours non indemnisés ne sont pas perdus : ils repoussent d'autant la fin de vos droits."
