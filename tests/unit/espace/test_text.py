import datetime as dt

import pytest

from espace.text import fold, french_date, plural


def test_french_date():
    assert french_date("2026-12-01") == "1er décembre 2026"
    assert french_date(dt.date(2026, 8, 15)) == "15 août 2026"
    assert french_date("2026-12-09", weekday=True) == "mercredi 9 décembre 2026"
    assert french_date("demain") == "demain"


def test_plural_uses_the_singular_below_two():
    assert plural(0, "offre") == "0 offre"
    assert plural(1, "offre") == "1 offre"
    assert plural(2, "fiche métier", "fiches métiers") == "2 fiches métiers"
    assert plural(1584, "fiche") == "1\u202f584 fiches"


@pytest.mark.parametrize("text, folded", [
    ("Œuvre à l'Île", "Oeuvre a l'Ile"), ("cœur", "coeur"), ("Ægée", "Aegee"), ("curriculum vitæ", "curriculum vitae"),
    ("Maçonne", "Maconne"), ("ÉLÈVE", "ELEVE"), ("ﬁn", "fin"), ("", ""), ("plain ASCII 42", "plain ASCII 42"),
])
def test_fold_removes_accents_and_ligatures_and_keeps_case(text, folded):
    assert fold(text) == folded
