"""The ARE's yearly figures written into the pages from the data file (plugins/are_figures)."""

import pytest

from are_figures.plugin import UnknownFigure, figures_in, substitute
from tests.site.test_sources import FIGURES

DATA = figures_in(FIGURES.parent)


def test_amounts_rates_and_dates_are_written_as_the_simulator_writes_them():
    figures = {"partie_fixe_cents": {"value": 1318, "effective": "2025-07-01"},
               "taux_a_dix_milliemes": {"value": 4040, "effective": "2025-07-01"},
               "duree_minimale_jours": {"value": 1820, "effective": "2023-02-01"}}
    text = ("Depuis le {figure-date:partie_fixe_cents}, {figure:taux_a_dix_milliemes} du SJR + "
            "{figure:partie_fixe_cents} ; {figure:duree_minimale_jours} jours.")
    assert substitute(text, figures) == ("Depuis le 1er juillet 2025, 40,4\u00a0% du SJR + 13,18\u00a0€ ; "
                                         "1\u202f820 jours.")


def test_an_unknown_name_stops_the_build_rather_than_print_a_placeholder():
    with pytest.raises(UnknownFigure, match="partie_fixe"):
        substitute("{figure:partie_fixes_cents}", DATA, "estimer.md")


def test_text_without_placeholders_is_left_alone():
    text = "Un lien {filename}/pages/x.md et des accolades {comme ceci}."
    assert substitute(text, DATA) == text
