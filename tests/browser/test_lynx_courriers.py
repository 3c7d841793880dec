"""In a text browser (lynx, no JavaScript, no CSS): a registered candidate signs in with the
identifier their letter gives, reads « Mes courriers » and is told, in text, which letter is unread
(the wrong check letter's page, a 400, is checked by test_axe_courriers.py: lynx ends in error on it)."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_axe_courriers import gateway, validate_registration  # noqa: F401  (a fixture)
from tests.browser.test_axe_services import PASSWORD
from tests.browser.test_lynx_criteres import Lynx

pytestmark = pytest.mark.browser
EMAIL = "lynx-courriers@example.fr"


def test_sign_in_with_the_identifier_and_read_the_letters_in_a_text_browser(gateway, tmp_path):  # noqa: F811
    from espace.adapters.outbox_mail import read_outbox

    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    action, fields = lynx.form("/compte/creation", "/compte/creation")
    lynx.text(action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
                       "code_postal": "17000", "question": "1", "reponse": "Médor"})
    mail = read_outbox(outbox)[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://\S+", mail).group(0).replace("http://127.0.0.1:8000", "")
    action, fields = lynx.form(link, "/compte/confirmation")
    lynx.text(action, fields)
    dossier, _letter = validate_registration(EMAIL)

    action, fields = lynx.form("/connexion", "/connexion")
    space = lynx.text(action, {**fields, "identifiant": dossier.identifier, "mot_de_passe": PASSWORD})
    assert "Mon espace" in space and "1 courrier non lu" in space, space[:1500]
    listing = lynx.text("/mon-dossier/courriers")
    assert "Confirmation d'inscription" in listing and "Non lu" in listing, listing[:1500]
