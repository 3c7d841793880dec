"""Étape 1 in a text browser (lynx: no JavaScript, no CSS): sign in, give the CV a title, add two
experiences (one refused first, with its message), move one up, remove one after its
confirmation page, add a language. Every form is posted by lynx with the fields of the page it
was given; lynx follows the redirects and keeps the cookies."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import urlencode

import lxml.html
import pytest

from tests.browser.conftest import local_gateway
from tests.browser.lynx import Lynx, create_codes, sign_in

pytestmark = pytest.mark.browser
EMAIL = "cv-lynx@example.fr"


def refused_text(lynx: Lynx, url: str, post: dict) -> str:
    """The text of a form's answer with errors: lynx shows it, but ends with 1 on its 400 status."""
    command = ["lynx", f"-cfg={lynx.config}", "-dump", "-accept_all_cookies", f"-cookie_file={lynx.cookies}",
               f"-cookie_save_file={lynx.cookies}", "-display_charset=utf-8", "-width=200", "-nolist", "-post_data",
               lynx.base + url]
    done = subprocess.run(command, input=urlencode(post) + "\n---\n", capture_output=True, text=True, timeout=60)
    return re.sub(r"\s+", " ", done.stdout)


def forms(lynx: Lynx, url: str, action_contains: str) -> list[tuple[str, dict]]:
    """The action and fields of each form of the page whose action holds ``action_contains``."""
    page = lxml.html.document_fromstring(lynx._run(url, "-source"))
    return [(form.get("action"), dict(form.form_values())) for form in page.forms
            if action_contains in (form.get("action") or "")]


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def test_the_cv_information_in_a_text_browser(gateway, tmp_path):
    from espace.bootstrap import get_services
    from espace.cv.service import CvBook, new_id

    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    create_codes(lynx, outbox, EMAIL)
    assert "Mon espace" in sign_in(lynx, EMAIL)
    services = get_services()
    user_id = services.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    book = CvBook(services, user_id)
    cv_id = new_id()
    book.create(cv_id)
    info = f"/mon-espace/cv/{cv_id}/informations"

    overview = lynx.text(info)
    assert "Étape 2 sur 4" in overview and "Modifier le titre du CV" in overview

    action, fields = lynx.form(f"{info}/titre", "/titre")
    assert "Le titre doit tenir sur une ligne." in refused_text(lynx, action, {**fields, "titre": "Maçonne\nCheffe"})
    [_, (abandon, kept)] = forms(lynx, f"{info}/titre", "/titre")  # « Abandonner cette saisie »
    assert "La saisie non enregistrée est abandonnée" in lynx.text(abandon, {**kept, "action": "abandonner"})
    action, fields = lynx.form(f"{info}/titre", "/titre")
    assert "Le titre de votre CV est enregistré" in lynx.text(action, {**fields, "titre": "Maçonne"})

    add = f"{info}/experiences/ajout"
    action, fields = lynx.form(add, "/ajout")
    job = {"poste": "Maçonne", "employeur": "Bâtiments Durand", "debut-mois": "3", "debut-annee": "2019"}
    refused = refused_text(lynx, action, {**fields, **job, "fin-mois": "1", "fin-annee": "2018"})
    assert "La date de fin doit être la même que la date de début ou après (mars 2019)." in refused
    assert book.get(cv_id).typed["experiences-ajout"]["fin-annee"] == ["2018"]
    [(action, fields), abandon] = forms(lynx, add, "/ajout")  # the typing kept, its key with it
    assert abandon[0] == action and set(abandon[1]) == {"csrf"}  # its button adds action=abandonner
    assert fields["fin-annee"] == "2018" and fields["poste"] == "Maçonne"
    fields.update({"fin-mois": "", "fin-annee": ""})
    listing = lynx.text(action, fields)
    assert "L'expérience « Maçonne chez Bâtiments Durand » est ajoutée" in listing
    action, fields = lynx.form(add, "/ajout")
    listing = lynx.text(action, {**fields, **job, "poste": "Apprentie", "debut-annee": "2016", "fin-mois": "8",
                                 "fin-annee": "2018"})
    assert listing.index("Maçonne") < listing.index("Apprentie")

    [(action, fields), _] = forms(lynx, f"{info}/experiences", "/deplacement")  # the first: « Descendre »
    assert fields == {"csrf": fields["csrf"], "sens": "bas", "depuis": "1"}
    moved = lynx.text(action, fields)
    assert "est maintenant en position 2 sur 2" in moved
    assert [e.job for e in book.get(cv_id).experiences] == ["Apprentie", "Maçonne"]

    apprentice = book.get(cv_id).experiences[0].id
    confirm = lynx.text(f"{info}/experiences/{apprentice}/suppression")
    assert "Supprimer l'expérience « Apprentie chez Bâtiments Durand » ?" in confirm
    action, fields = lynx.form(f"{info}/experiences/{apprentice}/suppression", "/suppression")
    assert "est supprimée de votre CV" in lynx.text(action, fields)
    assert [e.job for e in book.get(cv_id).experiences] == ["Maçonne"]

    action, fields = lynx.form(f"{info}/langues", "/langues")
    added = lynx.text(action, {**fields, "langue": "es", "niveau": "B1"})
    assert "La langue « Espagnol » est ajoutée : B1 : intermédiaire." in added
    [(action, fields)] = forms(lynx, f"{info}/langues", "/suppression")
    assert "La langue « Espagnol » est retirée de votre CV." in lynx.text(action, fields)
    assert book.get(cv_id).languages == []
