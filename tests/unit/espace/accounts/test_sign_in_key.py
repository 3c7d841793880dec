"""What « Identifiant » is looked up and counted under: an address or a definitive identifier."""

from __future__ import annotations

import pytest

from espace.accounts.forms import identifier_error
from espace.accounts.service import sign_in_key
from espace.dossier.model import check_letter


def test_an_address_is_an_email_record_and_an_identifier_an_ident_record():
    assert sign_in_key("  Lea.Martin@Example.FR ") == ("lea.martin@example.fr", "EMAIL#lea.martin@example.fr")
    assert sign_in_key(" 1234 567k ") == ("1234567K", "IDENT#1234567K")


def test_an_address_and_an_identifier_never_share_a_counter():
    """An identifier has no @: its counter and lock can never be an address's."""
    login, _ = sign_in_key("1234567K")
    assert "@" not in login


@pytest.mark.parametrize("typed", ["lea@example.fr", "1234567" + check_letter("1234567"),
                                   "12 34 567 " + check_letter("1234567").lower()])
def test_valid_entries_have_no_error(typed):
    assert identifier_error(typed) is None


def test_a_wrong_letter_and_a_wrong_shape_are_told_apart():
    digits = "7654321"
    wrong = digits + next(c for c in "ABCDEFGHJKLMNPRSTXYZ" if c != check_letter(digits))
    assert "sa lettre ne correspond pas" in (identifier_error(wrong) or "")
    for typed in ("7654321", "765432AB", "ABCDEFGH", "123456789"):
        assert "7 chiffres suivis d'une lettre" in (identifier_error(typed) or ""), typed
    assert "« " not in (identifier_error("9" * 500) or "x")  # a long entry is not echoed back
