"""The rules of saved searches that need no platform: dates, ids, criteria to save."""

from __future__ import annotations

import datetime as dt

import pytest

from espace.alertes.service import SID, Problem, add_months, check_criteria, new_sid, results_path, today_in_paris


@pytest.mark.parametrize("day, expected", [
    ("2026-12-05", "2027-03-05"), ("2026-11-30", "2027-02-28"), ("2027-11-30", "2028-02-29"),
    ("2026-10-31", "2027-01-31"), ("2026-01-31", "2026-04-30")])
def test_three_months_later_clamps_to_the_end_of_the_month(day, expected):
    assert add_months(dt.date.fromisoformat(day), 3).isoformat() == expected


def test_the_day_is_the_day_in_paris():
    # 23:30 UTC on 31 December is already 1 January in Paris.
    instant = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC).timestamp()
    assert today_in_paris(instant) == dt.date(2027, 1, 1)


def test_ids_are_well_formed_and_sort_by_creation_time():
    first, later = new_sid(1_000_000_000), new_sid(1_000_000_500)
    assert SID.match(first) and SID.match(later) and len(first) == 12
    assert first < later
    assert not SID.match("../../PROFILE") and not SID.match("0123456789AB")


@pytest.fixture(scope="module")
def referentials():
    from espace.bootstrap import get_services

    services = get_services()
    return services.rome, services.places


def test_criteria_are_pinned_and_stripped_of_paging_and_sort(referentials):
    rome, places = referentials
    checked = check_criteria({"mode": "simple", "motsCles": "maçon", "lieu": "Lyon", "tri": "date", "page": "3",
                              "typeContrat": "CDI,CDD"}, {"typeContrat": ["CDI,CDD"]}, rome, places)
    assert checked.problem is Problem.NONE
    params = checked.params
    assert params["lieuCode"] == "commune:69123" and params["lieu"] == "Lyon (69)"
    assert params["appellation"] and params["typeContrat"] == ["CDI", "CDD"]
    assert not {"tri", "page", "ordre", "parPage", "version", "formulaire", "numero"} & set(params)
    # The saved params read back as the same search.
    again = check_criteria({k: v for k, v in params.items() if isinstance(v, str)} | {"typeContrat": "CDI,CDD"},
                           {"typeContrat": ["CDI,CDD"]}, rome, places)
    assert again.params == params
    assert results_path(params).startswith("/offres/recherche?") and "typeContrat=CDD" in results_path(params)


@pytest.mark.parametrize("params, problem", [
    ({"mode": "numero", "numero": "123ABCD"}, Problem.NUMBER),
    ({"mode": "simple", "motsCles": "", "lieu": ""}, Problem.EMPTY),
    ({"mode": "simple"}, Problem.EMPTY),
    ({"mode": "metier", "codeROME": "Z1"}, Problem.ERRORS),
    ({"mode": "avancee", "salaireMin": "beaucoup", "lieu": "Lyon"}, Problem.ERRORS),
])
def test_criteria_that_cannot_be_saved(referentials, params, problem):
    assert check_criteria(params, {}, *referentials).problem is problem
