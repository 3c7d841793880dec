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


def test_the_job_index_is_built_once_per_referential(rome, places, monkeypatch):
    built = []
    original = search_form.JobIndex.__init__

    def counting(self, referential):
        built.append(referential)
        original(self, referential)

    monkeypatch.setattr(search_form, "_job_index", None)
    monkeypatch.setattr(search_form.JobIndex, "__init__", counting)
    for typed in ("maçon", "chef", "développeur python", "zzzqqq"):
        search_form.build({"mode": "simple", "motsCles": typed}, {}, rome, places, now=0)
        search_form.build({"mode": "avancee", "metier": typed}, {}, rome, places, now=0)
    assert built == [rome]


def test_job_lookup_is_fast(rome):
    import timeit

    search_form.job_index(rome)
    for typed in ("zzzqqq", "maçon", "développeur python", "chef", "a"):
        per_call = min(timeit.repeat(lambda t=typed: search_form.match_job(rome, t), number=20, repeat=3)) / 20
        assert per_call < 0.002, (typed, per_call)  # ~90 ms when every label was folded per request


def test_the_exact_label_picks_the_job_in_the_advanced_mode(rome, places):
    criteria = search_form.build({"mode": "avancee", "metier": "Maçon / Maçonne"}, {}, rome, places, now=0)
    assert not criteria.errors and criteria.appellation.label == "Maçon / Maçonne"


def test_a_chosen_job_holds_while_its_label_is_in_the_field(rome, places):
    macon = next(a for a in rome.appellations.values() if a.label == "Maçon / Maçonne")
    for typed in ("", "Maçon / Maçonne", "maçon / MAÇONNE"):
        criteria = search_form.build({"mode": "avancee", "appellation": macon.code, "metier": typed}, {}, rome,
                                     places, now=0)
        assert criteria.query.appellation == macon.code, typed
    other = search_form.build({"mode": "simple", "appellation": macon.code, "motsCles": "plombier"}, {}, rome,
                              places, now=0)
    assert other.query.appellation != macon.code and other.values["appellation"] != macon.code


@pytest.mark.parametrize("mode", ["simple", "avancee", "metier"])
def test_a_rome_code_filters_in_every_mode(mode, rome, places):
    criteria = search_form.build({"mode": mode, "codeROME": "F1703"}, {}, rome, places, now=0)
    assert criteria.query.rome_codes == ("F1703",) and not criteria.errors
    assert search_form.build({"codeROME": "F1703"}, {}, rome, places, now=0).mode == "metier"


@pytest.mark.parametrize("order, descending", [("asc", False), ("desc", True)])
def test_the_order_is_passed_literally(order, descending, rome, places):
    for sort in ("pertinence", "date", "lieu"):
        criteria = search_form.build({"mode": "simple", "tri": sort, "ordre": order}, {}, rome, places, now=0)
        assert criteria.query.descending is descending and criteria.descending is descending


def test_without_an_order_each_column_has_its_natural_one(rome, places):
    default = search_form.SearchQuery().descending
    for sort, descending in (("pertinence", True), ("date", True), ("lieu", False), ("distance", False)):
        criteria = search_form.build({"mode": "simple", "tri": sort}, {}, rome, places, now=0)
        assert criteria.descending is descending and criteria.query.descending == default  # the engine's natural


@pytest.mark.parametrize("code, message", [("Z9999", "lettre de A à N, pas par « Z »"), ("F17", "5 caractères"),
                                           ("F17A3", "4 chiffres"), ("F1703", None)])
def test_rome_code_messages_say_what_is_wrong(code, message):
    problem = search_form.rome_code_problem(code)
    assert problem is None if message is None else message in problem


@pytest.mark.parametrize("params", [{"mode": "numero"}, {"mode": "metier", "lieu": "La Rochelle", "formulaire": "1"},
                                    {"mode": "avancee", "motsCles": "a,b,c,d,e,f", "formulaire": "1"}])
def test_a_tab_of_the_form_is_not_a_submission(params, rome, places):
    criteria = search_form.build(params, {}, rome, places, now=0)
    assert not criteria.errors and criteria.query is None and not criteria.place_choices


def test_every_contract_type_of_the_offers_is_a_choice(sample_offers):
    from espace.offers.cli import vocabulary

    choices = {code for code, _ in search_form.CONTRACTS}
    assert {o["typeContrat"] for o in sample_offers} <= choices
    assert {code for code, *_ in vocabulary.CONTRACTS} <= choices  # the demo offers' types, DDI included


def test_job_keys_fold_like_the_project(rome, places):
    import re

    from espace.text import fold

    strange = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 10_000))  # 10,000 distinct characters
    for start in range(0, len(strange), 200):
        search_form.build({"mode": "simple", "motsCles": strange[start:start + 200]}, {}, rome, places, now=0)
    for text in ("Œuvre à l'Île", "Maçon / Maçonne", "ﬁnance ß ø", strange[:50]):
        assert search_form._key(text) == " ".join(re.findall(r"\w+", fold(text).lower()))
