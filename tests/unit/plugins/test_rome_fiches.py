import pytest

from rome_fiches.plugin import initial


@pytest.mark.parametrize(
    ("label", "length", "expected"),
    [("Électricien", 1, "E"), ("Œnologue", 1, "O"), ("œnologue", 2, "OE"), ("3D designer", 1, "0-9"),
     ("Chauffeur", 2, "CH"), ("Agent d'accueil", 1, "A")],
)
def test_initial_folds_accents_and_ligatures(label, length, expected):
    assert initial(label, length) == expected
