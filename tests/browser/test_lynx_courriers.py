"""In a text browser (lynx, no JavaScript, no CSS): a registered candidate signs in with the
identifier their letter gives, reads « Mes courriers » and is told, in text, which letter is unread
(the wrong check letter's page, a 400, is checked by test_axe_courriers.py: lynx ends in error on it)."""

from __future__ import annotations

import pytest

from tests.browser.lynx import Lynx, registered_and_signed_in
from tests.browser.test_axe_courriers import gateway  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
EMAIL = "lynx-courriers@example.fr"


def test_sign_in_with_the_identifier_and_read_the_letters_in_a_text_browser(gateway, tmp_path):  # noqa: F811
    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    _dossier, _letter, space = registered_and_signed_in(lynx, outbox, EMAIL, with_identifier=True)
    assert "1 courrier non lu" in space, space[:1500]
    listing = lynx.text("/mon-dossier/courriers")
    assert "Confirmation d'inscription" in listing and "Non lu" in listing, listing[:1500]
