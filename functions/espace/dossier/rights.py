"""The ARE right computed when the dossier opens, from the registration's salary history.

``assess`` (pure) reads the periods of work of step 3 (« Expériences professionnelles ») and the
birth date of step 1, as the step forms read them back (``form_from_values``):

- the last contract is the one that ended last; the rights count from its end. A contract still
  going on is not a lost job: it is left out (its pay is declared each month). A last contract
  ended by a resignation (« démission », a trial period ended by the candidate) opens no right —
  a resignation recognised as legitimate is the agency's decision;
- the reference period: the 24 months before the end of the last contract (36 from 55 years old
  at that date), ``engine.reference_days``; a contract partly inside counts for its share of days
  (its pay and hours pro rata, rounded down to the cent);
- affiliation: at least 130 days worked (Monday to Friday days covered by a contract) or 910 hours
  in the reference period, else no right (« notification de rejet »);
- the SJR's days and the duration: from the first day worked in the reference period to the end
  of the last contract, calendar days (``engine.allocation``);
- the start: the later of the registration's day and the day after the last contract, plus the
  waiting period (« délai d'attente », 7 days), unless a right of the last 12 months had it.
Not computed (the page and the letter say so): the différés d'indemnisation for paid leave or
severance pay, the 12-month limit to register after the contract, the days not worked inside the
reference period that the rules take off the SJR's divisor.

``compute_right`` stores it once per request (``Right.registration``) and writes its letter; a
right still open with days left from an earlier registration is kept (a « reprise »).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from espace import clock
from espace.allocation import engine
from espace.allocation.figures import FILE, Figures, load
from espace.dossier.payments import Rates, load_rates
from espace.dossier.records import OPEN, REFUSED, RIGHT_KEY, Right
from espace.ports import ConditionFailedError, Put

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.dossier.model import Dossier
    from espace.inscription.model import Registration

RESIGNATIONS = frozenset({"demission", "fin-essai-salarie"})
FIGURES_NAME = FILE.removesuffix(".json")


@lru_cache(maxsize=4)
def figures_in(data_dir: str) -> tuple[Figures, Rates]:
    folder = Path(data_dir) / "allocation"
    return load(folder), load_rates(folder)


@dataclass(frozen=True)
class Job:
    employer: str
    start: dt.date
    end: dt.date | None
    gross: int  # cents
    hours: int  # hundredths of an hour
    reason: str


def history_of(steps: dict[str, dict[str, list[str]]]) -> tuple[list[Job], dt.date | None]:
    """The periods of work and the birth date a request's steps hold, read by their forms."""
    from espace.inscription.flow import ADMINISTRATIVE, EXPERIENCES
    from espace.inscription.forms_administrative import AdministrativeForm
    from espace.inscription.forms_experiences import ExperiencesForm
    from espace.web.steps import form_from_values

    jobs = []
    experiences: Any = form_from_values(ExperiencesForm, steps.get(EXPERIENCES))
    for entry in experiences.emplois.entries:
        form = entry.form
        if form.debut.data and form.salaire.data is not None:
            jobs.append(Job(str(form.employeur.data or ""), form.debut.data, form.fin.data, int(form.salaire.data),
                            int(form.heures.data or 0), str(form.motif_fin.data or "")))
    administrative: Any = form_from_values(AdministrativeForm, steps.get(ADMINISTRATIVE))
    return jobs, administrative.date_naissance.data


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _weekdays(spans: list[tuple[dt.date, dt.date]]) -> int:
    days: set[int] = set()
    for start, end in spans:
        days.update(n for n in range(start.toordinal(), end.toordinal() + 1) if dt.date.fromordinal(n).weekday() < 5)
    return len(days)


@dataclass(frozen=True)
class Assessment:
    """A right (``allocation`` set) or a refusal (``reason``), and what it was computed from."""
    reason: str
    allocation: engine.Allocation | None
    start: dt.date | None
    basis: dict[str, Any]


def assess(figures: Figures, rates: Rates, jobs: list[Job], birth: dt.date | None,
           registered_on: dt.date, *, waiting_days: int | None = None) -> Assessment:
    """``waiting_days``: the waiting period, the figures' unless it was already applied within the
    last 12 months (then 0, ``compute_right``)."""
    waiting = rates.waiting_days if waiting_days is None else waiting_days
    ended = [job for job in jobs if job.end is not None and job.end <= registered_on]
    if not ended:
        return Assessment("Votre demande ne déclare aucun contrat de travail terminé : l'allocation d'aide au "
                          "retour à l'emploi suppose la perte d'un emploi.", None, None, {"jobs": []})
    last = max(ended, key=lambda job: (job.end, job.start))
    assert last.end is not None
    if last.reason in RESIGNATIONS:
        return Assessment("Votre dernier contrat a pris fin à votre initiative (démission ou fin de période "
                          "d'essai à votre demande) : il n'ouvre pas de droit, sauf démission reconnue légitime, "
                          "que votre conseiller peut examiner avec vous.", None, None,
                          {"last_end": last.end.isoformat(), "jobs": []})
    age = age_on(birth, last.end) if birth else 0
    length = engine.reference_days(figures, age)
    ref_start = last.end - dt.timedelta(days=length - 1)
    counted, spans, total, hours = [], [], 0, 0
    for job in ended:
        assert job.end is not None
        lo, hi = max(job.start, ref_start), min(job.end, last.end)
        if lo > hi:
            continue
        share_days, all_days = (hi - lo).days + 1, (job.end - job.start).days + 1
        pay, worked = job.gross * share_days // all_days, job.hours * share_days // all_days
        total, hours = total + pay, hours + worked
        spans.append((lo, hi))
        counted.append({"employer": job.employer, "start": lo.isoformat(), "end": hi.isoformat(), "gross": pay,
                        "hours": worked, "whole": share_days == all_days})
    worked_days = _weekdays(spans)
    first_day = min(lo for lo, _hi in spans)
    days = (last.end - first_day).days + 1
    basis = {"reference_start": ref_start.isoformat(), "reference_end": last.end.isoformat(),
             "reference_months": engine.by_age(figures.reference_months, age), "first_day": first_day.isoformat(),
             "total": total, "days": days, "age": age, "worked_days": worked_days, "hours": hours,
             "jobs": counted, "registered_on": registered_on.isoformat(), "waiting_days": waiting}
    if worked_days < figures.minimum_affiliation and hours < rates.minimum_hours * 100:
        whole_hours = hours // 100
        return Assessment(f"Au cours des {basis['reference_months']} mois avant la fin de votre dernier contrat, "
                          f"vous avez travaillé {worked_days} jours ({whole_hours} heures) : il en faut au moins "
                          f"{figures.minimum_affiliation} (ou {rates.minimum_hours} heures) pour ouvrir un droit.",
                          None, None, basis)
    estimate = engine.allocation(figures, total, days, age)
    start = max(registered_on, last.end + dt.timedelta(days=1)) + dt.timedelta(days=waiting)
    return Assessment("", estimate, start, basis)


def right_of(records: Any, user_id: str) -> Right | None:
    item = records.get(f"USER#{user_id}", RIGHT_KEY)
    return Right.of(item) if item else None


def compute_right(services: Services, registration: Registration, dossier: Dossier) -> Right:
    """The right for the request that opened ``dossier``, stored once, with its letter."""
    records, user_id = services.records, registration.user_id
    existing = right_of(records, user_id)
    if existing is not None and (existing.registration == registration.number
                                 or (existing.state == OPEN and existing.days_left > 0)):
        _letter(services, registration, dossier, existing)
        return existing
    figures, rates = figures_in(str(services.settings.data_dir))
    jobs, birth = history_of(registration.steps)
    registered_on = dt.date.fromisoformat(dossier.periods[-1]["start"]) if dossier.periods else clock.today()
    # The waiting period is applied once in 12 months: not again after a right that started then.
    recent = (existing is not None and existing.start != "" and int(existing.basis.get("waiting_days") or 0) > 0
              and dt.date.fromisoformat(existing.start) > registered_on - dt.timedelta(days=365))
    found = assess(figures, rates, jobs, birth, registered_on, waiting_days=0 if recent else None)
    right = _right_of(user_id, registration.number, found)
    if existing is not None:
        right = replace(right, version=existing.version + 1)
    claim = {"pk": f"USER#{user_id}", "sk": f"RIGHT-VERSION#{right.version:06d}"}
    try:
        records.transact([Put(right.item(), if_absent=existing is None), Put(claim, if_absent=True)])
    except ConditionFailedError:  # a concurrent validation stored it first
        right = right_of(records, user_id) or right
    _letter(services, registration, dossier, right)
    return right


def _right_of(user_id: str, number: int, found: Assessment) -> Right:
    now = int(time.time())
    if found.allocation is None or found.start is None:
        return Right(user_id=user_id, start="", sjr=0, daily=0, duration=0, degressive_daily=0, degressive_from=0,
                     figures=FIGURES_NAME, computed_at=now, state=REFUSED, reason=found.reason, registration=number,
                     basis=found.basis)
    a = found.allocation
    return Right(user_id=user_id, start=found.start.isoformat(), sjr=a.sjr, daily=a.daily, duration=a.duration,
                 degressive_daily=a.degressive_daily, degressive_from=a.degressive_from,
                 figures=FIGURES_NAME, computed_at=now, state=OPEN, registration=number, basis=found.basis)


def _letter(services: Services, registration: Registration, dossier: Dossier, right: Right) -> None:
    from espace.dossier.right_letters import deliver_right_letter

    if right.registration == registration.number:
        deliver_right_letter(services, registration, dossier, right)
