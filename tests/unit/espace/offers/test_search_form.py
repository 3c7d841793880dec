"""The search page's reading of "Emploi recherché" and of the offer number (referentials: conftest)."""

import pytest

from espace.offers import search_form


@pytest.mark.parametrize("typed, chosen", [("maçon", "Maçon / Maçonne"), ("CUISINIERE", "Cuisinier / Cuisinière"),
                                           ("aide soignant", "Aide-soignant / Aide-soignante")])
def test_an_exact_name_picks_the_appellation(typed, chosen, rome, places):
    criteria = search_form.build({"mode": "simple", "motsCles": typed}, {}, rome, places, now=0)
    assert criteria.appellation.label == chosen and not criteria.job_choices
    assert criteria.query.rome_codes == (criteria.appellation.rome_code,)
    assert criteria.query.close_rome_codes  # the métiers proches rank after


def test_a_word_shared_by_many_appellations_asks_to_choose(rome, places):
    criteria = search_form.build({"mode": "simple", "motsCles": "chef"}, {}, rome, places, now=0)
    assert criteria.appellation is None and len(criteria.job_choices) == 30
    assert criteria.query.keywords == ("chef",) and criteria.query.strict_keywords


@pytest.mark.parametrize("number, ok", [("169XHKY", True), ("123456A", True), ("143kjgb", True), ("12345", False),
                                        ("1234567890", False), ("ABCDEFG", False)])
def test_offer_numbers(number, ok, rome, places):
    criteria = search_form.build({"mode": "numero", "numero": number}, {}, rome, places, now=0)
    assert (criteria.redirect == f"/offres/{number.upper()}") is ok and ("numero" in criteria.errors) is not ok
