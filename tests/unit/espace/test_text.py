import datetime as dt
import random
import unicodedata

import pytest

from espace.text import fold, french_date, number, plural, strip_tags


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
    assert plural(12921, "appellation") == "12\u202f921 appellations"


@pytest.mark.parametrize("value, written", [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1\u202f000"), (12921, "12\u202f921"), (1234567, "1\u202f234\u202f567"),
    (-4500, "-4\u202f500"), (1234.5, "1\u202f234,5"), (0.25, "0,25"), (3000.0, "3\u202f000"),
])
def test_number_groups_thousands_with_a_narrow_no_break_space(value, written):
    assert number(value) == written


@pytest.mark.parametrize("text, folded", [
    ("Œuvre à l'Île", "Oeuvre a l'Ile"), ("cœur", "coeur"), ("Ægée", "Aegee"), ("curriculum vitæ", "curriculum vitae"),
    ("Maçonne", "Maconne"), ("ÉLÈVE", "ELEVE"), ("ﬁn", "fin"), ("", ""), ("plain ASCII 42", "plain ASCII 42"),
])
def test_fold_removes_accents_and_ligatures_and_keeps_case(text, folded):
    assert fold(text) == folded


def _reference_fold(text: str) -> str:
    # The rule as first written (one Python step per character): the fast fold must equal it.
    ligatures = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})
    decomposed = unicodedata.normalize("NFKD", text.translate(ligatures))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_fold_equals_the_reference_rule_on_any_text():
    chooser = random.Random(8)
    samples = ["".join(chr(chooser.randrange(0x20, 0x30000)) for _ in range(50)) for _ in range(3000)]
    samples += ["L'œuvre « complète » d'Ægée… ﬁn, 1\u202f584 métiers, ŒUF, Ǆ, ﬃ, Ⅻ, ½, ª, ﹏, ᾆ, ṩ"]
    assert [fold(s) for s in samples] == [_reference_fold(s) for s in samples]


def test_strip_tags_keeps_no_break_spaces():
    # Jinja's own striptags turns them into ordinary spaces: « 1 500 » could then break.
    summary = "<p>Plus de 1\u202f500 <em>fiches</em>,\n  « maçon\u00a0» &amp; co</p>"
    assert strip_tags(summary) == "Plus de 1\u202f500 fiches, « maçon\u00a0» & co"
    assert strip_tags("  a  <br>\tb ") == "a b"


def test_de_is_contracted_before_le_and_les():
    from espace.text import of

    assert of("le premier jour") == "du premier jour"
    assert of("les dates") == "des dates"
    assert of("la date de fin") == "de la date de fin"
    assert of("l'inscription") == "de l'inscription"


def test_amounts_never_break_inside():
    from espace.text import decimal_label, euros

    assert euros(123210) == "1\u202f232,10\u00a0€" and euros(5) == "0,05\u00a0€"
    assert euros(-4550) == "-45,50\u00a0€" and euros(200_000_000) == "2\u202f000\u202f000,00\u00a0€"
    assert decimal_label(1025050) == "10\u202f250,50" and decimal_label(180000) == "1\u202f800"
