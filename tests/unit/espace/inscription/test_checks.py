"""The rules of étape 1: NIR, IBAN, BIC, birth date, phone and names, each with its French message."""

from __future__ import annotations

import datetime as dt

import pytest

from espace.inscription import checks

NIR = "2 90 04 17 300 123 37"  # a woman born in April 1990 in Charente-Maritime (key 37)


def test_a_valid_nir_with_or_without_spaces():
    assert checks.check_nir(NIR) is None
    assert checks.check_nir("290041730012337") is None
    assert checks.check_nir("2.90.04.17.300.123-37") is None


def test_a_corsican_nir_is_read_with_its_letters():
    from stdnum.fr import nir

    body = "185052A003123"
    assert checks.check_nir(body + nir.calc_check_digits(body)) is None


@pytest.mark.parametrize(("value", "told"), [
    ("2 90 04 17 300 123", "vous en avez saisi 13"),
    ("2 90 04 17 300 123 371", "vous en avez saisi 16"),
    ("2 90 04 17 3OO 123 37", "ne contient que des chiffres"),
    ("7 90 04 17 300 123 37", "commence par 1 ou par 2"),
    ("2 90 04 17 300 123 38", "La clé du numéro de sécurité sociale"),
    ("2 90 04 17 300 132 37", "La clé du numéro de sécurité sociale"),  # two digits swapped
    ("", "vous en avez saisi 0"),
    ("x" * 10_000, "vous en avez saisi 10000"),
])
def test_a_wrong_nir_gets_a_message_naming_the_fault(value, told):
    message = checks.check_nir(value)
    assert message is not None and told in message


def test_the_nir_must_agree_with_the_civilite_and_the_birth():
    born = dt.date(1990, 4, 14)
    assert checks.nir_mismatches(NIR, "madame", born) is None
    assert "alors que vous avez choisi « Monsieur »" in checks.nir_mismatches(NIR, "monsieur", born)
    assert "ils devraient être 91 pour une naissance en 1991" in checks.nir_mismatches(NIR, "madame",
                                                                                          dt.date(1991, 4, 14))
    assert "ils devraient être 05" in checks.nir_mismatches(NIR, "madame", dt.date(1990, 5, 14))
    assert checks.nir_mismatches("2 90 04 17 300 123 38", "monsieur", born) is None  # its own message first


def test_a_nir_of_an_unknown_month_of_birth_is_not_compared_on_the_month():
    from stdnum.fr import nir

    body = "1904217300123"  # month 42: not known
    assert checks.nir_mismatches(body + nir.calc_check_digits(body), "monsieur", dt.date(1990, 7, 1)) is None


def test_the_birth_date_rules():
    today = dt.date(2026, 12, 6)
    assert checks.check_birth_date(dt.date(1990, 4, 14), today) is None
    assert "dans le futur" in checks.check_birth_date(dt.date(2027, 1, 1), today)
    assert "au moins 16 ans" in checks.check_birth_date(dt.date(2010, 12, 7), today)
    assert "revenez à partir du 07/12/2026" in checks.check_birth_date(dt.date(2010, 12, 7), today)
    assert checks.check_birth_date(dt.date(2010, 12, 6), today) is None  # 16 today
    assert checks.birthday(dt.date(2008, 2, 29), 1) == dt.date(2009, 3, 1)
    assert "plus de 120 ans" in checks.check_birth_date(dt.date(1890, 1, 1), today)


@pytest.mark.parametrize("value", ["FR76 3000 6000 0112 3456 7890 189", "fr7630006000011234567890189",
                                   "DE89 3704 0044 0532 0130 00"])
def test_valid_ibans(value):
    assert checks.check_iban(value) is None


@pytest.mark.parametrize(("value", "told"), [
    ("FR76 3000 6000 0112 3456 7890 188", "La clé de l'IBAN"),
    ("FR76 3000 6000 0112 3456 7890 18", "un IBAN FR en compte 27"),
    ("3000 6000 0112 3456 7890 189", "commence par 2 lettres"),
    ("ZZ76 3000 6000 0112 3456 7890 189", "n'existe pas sous cette forme"),
    ("FR76 3000 6000 0112 3456 7890 18é", "commence par 2 lettres"),
])
def test_a_wrong_iban_gets_a_message_naming_the_fault(value, told):
    message = checks.check_iban(value)
    assert message is not None and told in message


def test_bic():
    assert checks.check_bic("AGRIFRPP") is None
    assert checks.check_bic("agri fr pp 882") is None
    for wrong in ("AGRIFRP", "1GRIFRPP", "AGRIFRPP8", "AGRI"):
        assert "8 ou 11" in checks.check_bic(wrong)


def test_phone_and_names():
    assert checks.check_phone("06 12 34 56 78") is None and checks.check_phone("+33 6 12 34 56 78") is None
    assert checks.check_phone("12345") is not None and checks.check_phone("00 12") is not None
    assert checks.check_name("Le Gall-Durand") is None and checks.check_name("N’Diaye") is None
    assert checks.check_name("Zoé") is None and checks.check_name("Ὀδυσσεύς") is None
    assert checks.check_name("R2D2") is not None and checks.check_name("<script>") is not None
    assert checks.check_permit_number("1234567890") is None and checks.check_permit_number("12") is not None


def test_an_iban_is_printed_in_groups_of_four():
    assert checks.grouped("fr7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"
