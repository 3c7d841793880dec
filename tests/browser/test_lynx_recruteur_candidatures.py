"""In a text browser (lynx, no JavaScript, no CSS): a recruiter signs in, reads an offer's
applications, filters them, opens one (what was sent, its history), refuses it with a reason
shared with the candidate, and finds the move in the history.

lynx fetches every page and sends every form itself (its cookies, its redirects); the fields it
posts are those of the form it was given (read from its own -source of the page)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import local_gateway
from tests.browser.lynx import Lynx, create_codes
from tests.browser.test_axe_services import PASSWORD

pytestmark = pytest.mark.browser
EMAIL = "rh.lynx@boulangerie.example"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_read_and_answer_an_application_in_a_text_browser(gateway, tmp_path):
    from espace.bootstrap import get_services
    from tests.functional.recruteurs.inbox_helpers import apply, publish

    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    create_codes(lynx, outbox, EMAIL)
    services = get_services()
    rid = services.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    profile = services.records.get(f"USER#{rid}", "PROFILE")
    services.records.put({**profile, "role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"})
    offer = publish(services, rid)
    application = apply(services, "candidat-lynx", offer)
    apply(services, "autre-candidat", offer, name="Dominique Petit")
    inbox = f"/recruteur/offres/{offer.id}/candidatures"

    action, fields = lynx.form("/connexion", "/connexion")
    listing = lynx.text(action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD, "retour": inbox})
    assert "2 candidatures (toutes)" in listing and "Camille Durand" in listing and "Dominique Petit" in listing
    action, fields = lynx.form(inbox, inbox)
    filtered = lynx.text(f"{action}?etat=nouvelle")
    assert "2 candidatures (état « Nouvelle »)" in filtered

    page = f"{inbox}/{application.id}"
    text = lynx.text(page)
    assert "Candidature de Camille Durand" in text and "Cinq ans de vente en boulangerie" in text
    assert "pour la première fois" in text and "Télécharger le CV « Vendeuse en boulangerie »" in text
    action, fields = lynx.form(page, "/etat")
    assert fields["version"] == "2"
    answered = lynx.text(action, {**fields, "etat": "refusee", "motif": "Le poste demande le permis C.",
                                  "partage": "oui"})
    assert "est passée à l'état « Refusée »" in answered
    assert "Le poste demande le permis C. (communiqué au candidat)" in answered
    assert "son état ne peut plus changer" in answered
