"""Counsellors: the agency's agenda — a week of slots, opening slots in bulk, closing a free slot,
and the day's appointments.

Everything reads and writes ``AgencyAgenda(records, <the counsellor's agency>)``: a counsellor can
reach no other agency's agenda, whatever the URL says. Opening is idempotent slot by slot (a slot
already open or booked is left as it is), so a double click opens nothing twice and says so.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.agences.agenda import MAX_OPEN, AgencyAgenda, Slot, local_key, parse_key
from espace.agences.model import Agency
from espace.conseillers.common import SPACE, TRAIL, agency_of, local_time, me, parse_day, today
from espace.conseillers.forms import MAX_DAYS, OpeningForm, clock_label
from espace.text import PARIS, WEEKDAYS, french_date, plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"conseiller"})
AGENDA = f"{SPACE}/agenda"
AGENDA_TRAIL = (*TRAIL, ("Agenda de l'agence", AGENDA))


@dataclass(frozen=True)
class Day:
    date: dt.date
    slots: list[Slot]
    open_hours: str  # « 8 h 30 à 12 h 30 et 13 h 30 à 16 h 30 », or « fermé »

    @property
    def label(self) -> str:
        return french_date(self.date, weekday=True)

    @property
    def anchor(self) -> str:
        return f"jour-{self.date.isoformat()}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _hours_of(agency: Agency, weekday: int) -> str:
    return " et ".join(f"{clock_label(start)} à {clock_label(end)}" for start, end in agency.hours.get(weekday, ())) \
        or "fermé"


@router.get(AGENDA)
def week(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    asked = ctx.request.query("semaine")
    day = parse_day(asked)
    notice = "Cette semaine n'existe pas : voici la semaine en cours." if asked and day is None else None
    monday = monday_of(day or today())
    agenda = AgencyAgenda(ctx.services.records, who.agency_id)
    days = []
    for offset in range(7):
        date = monday + dt.timedelta(days=offset)
        slots = agenda.day(date)
        if slots or agency.hours.get(date.isoweekday()):
            days.append(Day(date, slots, _hours_of(agency, date.isoweekday())))
    free = sum(1 for d in days for slot in d.slots if not slot.booked)
    booked = sum(1 for d in days for slot in d.slots if slot.booked)
    title = f"Agenda de la semaine du {french_date(monday)}"
    page = ctx.page(AGENDA, title, TRAIL)
    return ctx.render("services/conseillers/agenda.html", page, agency=agency, days=days, free=free, booked=booked,
                      previous=(monday - dt.timedelta(days=7)).isoformat(),
                      following=(monday + dt.timedelta(days=7)).isoformat(), now=int(time.time()),
                      local_time=local_time, notice=notice, plural=plural)


# --- opening slots in bulk -------------------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    starts: list[int]
    outside: int  # slots of the span that fell in a break of the agency's hours, left closed


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _days(chosen: list[int]) -> str:
    names = [WEEKDAYS[day - 1] for day in chosen]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def plan(form: OpeningForm, agency: Agency, now: float) -> Plan | None:
    """The slots the (valid) form asks for, within the agency's opening hours; None when the
    request cannot be met, the reason told on the field concerned."""
    first, last = form.premier_jour.data, form.dernier_jour.data
    chosen = sorted({int(day) for day in form.jours.data or []})
    start, end, length = _minutes(form.debut.data), _minutes(form.fin.data), int(form.duree.data)
    current = dt.datetime.fromtimestamp(now, PARIS).date()
    if first < current:
        form.add_error("premier_jour", "Le premier jour est passé : indiquez aujourd'hui ou un jour suivant.")
    if last < first:
        form.add_error("dernier_jour", "Le dernier jour doit être le premier jour ou un jour suivant.")
    elif (last - current).days > MAX_DAYS:
        latest = current + dt.timedelta(days=MAX_DAYS)
        form.add_error("dernier_jour", f"Les créneaux s'ouvrent au plus {MAX_DAYS} jours à l'avance : indiquez "
                                       f"le {latest:%d/%m/%Y} au plus tard.")
    if end <= start:
        form.add_error("fin", "L'heure de fin doit être après l'heure du premier rendez-vous.")
    elif end - start < length:
        form.add_error("fin", f"De {clock_label(form.debut.data)} à {clock_label(form.fin.data)}, un "
                              f"rendez-vous de {length} minutes n'a pas la place : choisissez une heure de fin plus "
                              "tardive ou une durée plus courte.")
    closed = [day for day in chosen if not agency.hours.get(day)]
    if closed:
        these = "ce jour" if len(closed) == 1 else "ces jours"
        form.add_error("jours", f"L'agence est fermée le {_days(closed)} : décochez {these}.")
    for day in (day for day in chosen if agency.hours.get(day)):
        ranges = [(_minutes(a), _minutes(b)) for a, b in agency.hours[day]]
        opens, closes = min(a for a, _ in ranges), max(b for _, b in ranges)
        if start < opens and not form.debut.errors:
            form.add_error("debut", f"Le {WEEKDAYS[day - 1]}, l'agence ouvre à {_clock(opens)} : choisissez "
                                    f"{_clock(opens)} ou plus tard.")
        if end > closes and not form.fin.errors:
            form.add_error("fin", f"Le {WEEKDAYS[day - 1]}, l'agence ferme à {_clock(closes)} : choisissez "
                                  f"{_clock(closes)} ou plus tôt.")
    if form.has_errors:
        return None
    starts, outside = [], 0
    date = first
    while date <= last:
        ranges = [(_minutes(a), _minutes(b)) for a, b in agency.hours.get(date.isoweekday(), ())]
        if date.isoweekday() in chosen:
            minute = start
            while minute + length <= end:
                if any(a <= minute and minute + length <= b for a, b in ranges):
                    moment = dt.datetime.combine(date, dt.time(minute // 60, minute % 60), tzinfo=PARIS)
                    if moment.timestamp() > now:
                        starts.append(int(moment.timestamp()))
                else:
                    outside += 1
                minute += length
        date += dt.timedelta(days=1)
    if not starts:
        form.add_error("premier_jour", "Ces choix ne donnent aucun créneau à venir : vérifiez que les jours cochés "
                                       "tombent entre le premier et le dernier jour, et les heures.")
        return None
    if len(starts) > MAX_OPEN:
        form.add_error("dernier_jour", f"Cela ferait {len(starts)} créneaux : {MAX_OPEN} au plus en une fois. "
                                       "Raccourcissez la période ou ouvrez moins de jours.")
        return None
    return Plan(starts, outside)


def _clock(minutes: int) -> str:
    return clock_label(f"{minutes // 60:02d}:{minutes % 60:02d}")


@router.route(f"{AGENDA}/ouverture", ["GET", "POST"])
def opening(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    form = ctx.bind(OpeningForm)
    page = ctx.page(f"{AGENDA}/ouverture", "Ouvrir des créneaux de rendez-vous", AGENDA_TRAIL)
    planned = plan(form, agency, time.time()) if ctx.submitted and form.validate() else None
    if planned is None:
        return ctx.render("services/conseillers/opening.html", page, form=form, agency=agency,
                          max_open=MAX_OPEN, max_days=MAX_DAYS)
    opened = AgencyAgenda(ctx.services.records, who.agency_id).open(planned.starts, int(form.duree.data),
                                                                       who.user_id)
    first, last = planned.starts[0], planned.starts[-1]
    told = [f"{plural(opened, 'créneau ouvert', 'créneaux ouverts')} du {french_date(first, weekday=True)} "
            f"au {french_date(last, weekday=True)}." if opened else "Aucun nouveau créneau ouvert."]
    if len(planned.starts) > opened:
        already = len(planned.starts) - opened
        told.append(f"{plural(already, 'créneau était', 'créneaux étaient')} déjà ouvert{'s' if already > 1 else ''} "
                    "ou réservé" + ("s" if already > 1 else "") + " : inchangé" + ("s." if already > 1 else "."))
    if planned.outside:
        told.append(f"{plural(planned.outside, 'créneau tombait', 'créneaux tombaient')} en dehors des horaires "
                    "d'ouverture (pause) : non ouvert" + ("s." if planned.outside > 1 else "."))
    ctx.flash(" ".join(told))
    monday = monday_of(dt.datetime.fromtimestamp(first, PARIS).date())
    return ctx.redirect(f"{AGENDA}?semaine={monday.isoformat()}")


# --- closing a free slot -----------------------------------------------------------------------------

@router.post(f"{AGENDA}/<creneau>/fermeture")
def close(ctx: Context, creneau: str) -> Response:
    who = me(ctx)
    start = parse_key(creneau) if len(creneau) <= 16 else None
    agenda = AgencyAgenda(ctx.services.records, who.agency_id)
    slot = agenda.get(start) if start is not None else None
    if slot is None or local_key(slot.start) != creneau:
        raise NotFoundError("Ce créneau n'existe pas dans l'agenda de votre agence : il a peut-être déjà été fermé.")
    monday = monday_of(dt.datetime.fromtimestamp(slot.start, PARIS).date())
    back = f"{AGENDA}?semaine={monday.isoformat()}#jour-{dt.datetime.fromtimestamp(slot.start, PARIS).date()}"
    if not slot.booked and agenda.close(slot.start):
        ctx.flash(f"Le créneau du {slot.label()} est fermé.")
        return ctx.redirect(back)
    booked = agenda.get(slot.start)
    if booked is None:  # closed meanwhile (a double click): what was asked is done
        ctx.flash(f"Le créneau du {slot.label()} est fermé.")
        return ctx.redirect(back)
    page = ctx.page(f"{AGENDA}/{creneau}/fermeture", "Ce créneau est réservé", AGENDA_TRAIL)
    return ctx.render("services/conseillers/slot_booked.html", page, status=409, slot=booked, back=back)


# --- the day's appointments ----------------------------------------------------------------------------

@router.get(f"{SPACE}/rendez-vous")
def appointments(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    asked = ctx.request.query("jour")
    day = parse_day(asked)
    notice = "Ce jour n'existe pas : voici les rendez-vous d'aujourd'hui." if asked and day is None else None
    day = day or today()
    booked = [slot for slot in AgencyAgenda(ctx.services.records, who.agency_id).day(day) if slot.booked]
    page = ctx.page(f"{SPACE}/rendez-vous",
                    f"Rendez-vous du {french_date(day, weekday=True)}", TRAIL)
    return ctx.render("services/conseillers/appointments.html", page, agency=agency, day=day, slots=booked,
                      previous=(day - dt.timedelta(days=1)).isoformat(),
                      following=(day + dt.timedelta(days=1)).isoformat(), local_time=local_time, notice=notice,
                      is_today=day == today())
