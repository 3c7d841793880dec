import pytest

from espace.accounts import validation as rules


@pytest.mark.parametrize("value", ["lea@example.fr", " Lea.Martin@Example.FR ", "a.b-c+d@sous.domaine.fr"])
def test_valid_emails(value):
    assert rules.check_email(value) is None


@pytest.mark.parametrize("value", ["", "lea", "lea@", "@example.fr", "lea@example", "a b@example.fr",
                                   "x" * 250 + "@example.fr"])
def test_invalid_emails(value):
    assert rules.check_email(value)


@pytest.mark.parametrize("code, ok", [("17000", True), ("01000", True), ("20000", True), ("97400", True),
                                      ("98800", True), ("00100", False), ("96000", False), ("1700", False),
                                      ("17 000", False), ("ABCDE", False)])
def test_postal_codes(code, ok):
    assert (rules.check_postal_code(code) is None) is ok


def test_password_rules():
    assert rules.check_new_password("une phrase solide", "une phrase solide") == {}
    assert "12 caractères" in rules.check_new_password("court", "court")["mot_de_passe"]
    assert "facile" in rules.check_new_password("motdepasse123", "motdepasse123")["mot_de_passe"]
    assert "facile" in rules.check_new_password("aaaaaaaaaaaaaa", "aaaaaaaaaaaaaa")["mot_de_passe"]
    errors = rules.check_new_password("lea.martin 2026!", "lea.martin 2026!", "lea.martin@example.fr")
    assert "identifiant" in errors["mot_de_passe"]
    assert "ne correspond pas" in rules.check_new_password("une phrase solide", "une autre")["confirmation"]
    assert set(rules.check_new_password("", "")) == {"mot_de_passe", "confirmation"}


def test_question_and_answer():
    assert rules.check_question("1") is None and rules.check_question("42")
    assert rules.check_answer("Médor") is None and rules.check_answer(" ") and rules.check_answer("x" * 101)
