"""The SIRET check: 14 digits, the Luhn key, La Poste's exception, the messages."""

from __future__ import annotations

import pytest

from espace.recruteurs.siret import check_siret, display, is_valid, luhn, normalize

VALID = ["73282932000074", "55210055400013", "35600000000048"]  # the last: La Poste's head office (Luhn)


def with_key(body: str) -> str:
    """The 13 digits ``body`` completed by the digit that makes the Luhn check pass."""
    return next(body + str(key) for key in range(10) if luhn(body + str(key)))


@pytest.mark.parametrize("siret", VALID)
def test_real_sirets_pass(siret):
    assert is_valid(siret) and check_siret(siret) is None


def test_the_luhn_check_itself():
    assert luhn("79927398713")  # the textbook example
    assert not luhn("79927398710")
    assert luhn("0") and luhn("")  # nothing to sum


@pytest.mark.parametrize("position", range(14))
def test_any_single_digit_changed_is_refused(position):
    siret = "73282932000074"
    for digit in "0123456789":
        changed = siret[:position] + digit + siret[position + 1:]
        assert is_valid(changed) == (changed == siret), changed


def test_two_neighbours_swapped_are_refused():
    assert not is_valid("73282932000047")
    assert not is_valid("37282932000074")


def test_la_poste_sums_its_digits_instead():
    assert is_valid("35600000052135")  # sum 30, not a Luhn number
    assert not luhn("35600000052135")
    assert not is_valid("35600000052136")  # sum 31
    # The sum rule is La Poste's only: another SIREN with a digit sum multiple of 5 and a wrong key fails.
    assert not is_valid("73282932000072") and sum(map(int, "73282932000072")) % 5 == 0


def test_a_siret_needs_14_ascii_digits():
    assert not is_valid(with_key("7328293200007")[:-1])
    assert not is_valid("0" * 15) and is_valid("0" * 14)  # all zeros passes Luhn: INSEE never issues it, so be it
    assert not is_valid("７３２８２９３２００００７４")  # full-width digits are digits to str.isdigit


def test_separators_are_ignored():
    assert normalize("732 829 320 00074") == normalize("732.829.320.00074") == "73282932000074"
    assert normalize("732\u00a0829\u202f320 00074") == "73282932000074"
    assert check_siret(" 732 829 320 00074 ") is None


@pytest.mark.parametrize(("value", "message"), [
    ("", "Saisissez le numéro SIRET"),
    ("73282932000O74", "ne contient que des chiffres"),
    ("7328293200007", "14 chiffres ; vous en avez saisi 13"),
    ("732829320000744", "vous en avez saisi 15"),
    ("73282932000075", "n'existe pas"),
])
def test_each_mistake_has_its_french_message(value, message):
    assert message in (check_siret(value) or "")


def test_display_groups_the_siren():
    assert display("73282932000074") == "732 829 320 00074"
    assert display("123") == "123"
