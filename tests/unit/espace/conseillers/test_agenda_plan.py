"""``agenda.plan``: the slots an opening asks for, within the agency's hours, from a given moment."""

from __future__ import annotations

import datetime as dt

import pytest

from espace.agences.model import Agencies
from espace.conseillers.agenda import plan
from espace.conseillers.forms import OpeningForm
from espace.text import PARIS
from espace.web.request import FormData

MONDAY = dt.date(2027, 3, 22)  # the week before the change to summer time (Sunday 28 March 2027)


@pytest.fixture(scope="module")
def agency():
    from pathlib import Path

    return Agencies.load(Path(__file__).parents[4] / "data" / "agences").get("17")


def form(first: dt.date, last: dt.date, days=("1",), start="08:30", end="16:30", length="60") -> OpeningForm:
    fields = {"premier_jour-jour": [str(first.day)], "premier_jour-mois": [str(first.month)],
              "premier_jour-annee": [str(first.year)], "dernier_jour-jour": [str(last.day)],
              "dernier_jour-mois": [str(last.month)], "dernier_jour-annee": [str(last.year)], "jours": list(days),
              "debut": [start], "fin": [end], "duree": [length]}
    built = OpeningForm(FormData(fields=fields))
    assert built.validate(), built.error_list()
    return built


def moment(day: dt.date, hour: int, minute: int = 0) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).timestamp()


def test_a_day_of_hour_long_slots_skips_the_lunch_break(agency):
    planned = plan(form(MONDAY, MONDAY), agency, moment(MONDAY, 7))
    hours = [dt.datetime.fromtimestamp(start, PARIS).strftime("%H:%M") for start in planned.starts]
    assert hours == ["08:30", "09:30", "10:30", "11:30", "13:30", "14:30", "15:30"]
    assert planned.outside == 1  # 12:30, in the break


def test_slots_already_begun_today_are_left_out(agency):
    planned = plan(form(MONDAY, MONDAY), agency, moment(MONDAY, 10, 45))
    assert [dt.datetime.fromtimestamp(start, PARIS).hour for start in planned.starts] == [11, 13, 14, 15]


def test_across_the_change_of_time_each_slot_is_at_its_local_hour(agency):
    planned = plan(form(MONDAY, MONDAY + dt.timedelta(days=7), start="09:00", end="10:00"), agency,
                   moment(MONDAY, 7))
    starts = [dt.datetime.fromtimestamp(start, PARIS) for start in planned.starts]
    assert [(s.date(), s.hour) for s in starts] == [(MONDAY, 9), (MONDAY + dt.timedelta(days=7), 9)]
    assert planned.starts[1] - planned.starts[0] == 7 * 86400 - 3600  # an hour less: summer time


def test_a_thursday_afternoon_is_refused_with_its_closing_time(agency):
    thursday = MONDAY + dt.timedelta(days=3)
    built = form(thursday, thursday, days=("4",), start="09:00", end="14:00")
    assert plan(built, agency, moment(MONDAY, 7)) is None
    assert built.error_list() == [("fin", "Le jeudi, l'agence ferme à 12 h 30 : choisissez 12 h 30 ou plus tôt.")]
