"""A text-browser journey: lynx signs in from an offer's page, follows « Postuler », goes through
the steps (the CV, « Mes atouts pour ce poste », the phone), checks and sends, then finds the
application in « Mes candidatures ». The offer is an imported one with a contact e-mail: the
mail leaves with the CV attached. Each request is one lynx run sharing one cookie jar; a form is
posted with the values its page holds (hidden key, CSRF token) plus what the person types."""

from __future__ import annotations

import re
import shutil

import lxml.html
import pytest

from tests.caches import environment
from tests.conftest import ROOT
from tests.functional.accounts.helpers import PASSWORD, register
from tests.functional.candidatures.helpers import MESSAGE
from tests.functional.classeur.test_lynx_journey import Lynx, csrf_of
from tests.serving import serving

EMAIL = "lynx.postule@example.fr"
CONTACT = "embauche@fournil.example"


@pytest.fixture
def server(site, tmp_path):
    from espace.bootstrap import get_services
    from espace.gateway.app import GatewayApp
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    variables = {"ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db", "ESPACE_FILES_URL": f"file://{tmp_path}/files",
                 "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox", "ESPACE_SEARCH_URL": f"sqlite:///{tmp_path}/o.db",
                 "ESPACE_CV_INDEX_URL": f"sqlite:///{tmp_path}/cvs.db", "ESPACE_MATCHER_URL": f"sqlite:///{tmp_path}/a.db",
                 "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                 "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"),
                 "ESPACE_SITE_URL": "http://127.0.0.1:8000",
                 "ESPACE_PROFILE": "embedded", "POWERTOOLS_LOG_LEVEL": "WARNING"}
    with environment(variables):
        services = get_services()
        raw = {**sample_offers()[0], "contact": {"nom": "Le fournil", "courriel": CONTACT}}
        offer = validate_offer(raw, services.rome, services.places)
        services.offers.upsert([offer])
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}", offer


def test_lynx_applies_to_an_offer_and_finds_it_in_mes_candidatures(server, tmp_path):
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    base, offer = server
    from espace.adapters.outbox_mail import read_outbox
    from espace.bootstrap import get_services
    from espace.cv.service import CvBook, new_id
    from espace.handlers.accounts import handler
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.client import Client
    from tests.functional.cv.sample_cv import contact, full_cv

    class Outbox:
        @staticmethod
        def last_link(address):
            text = read_outbox(tmp_path / "outbox")[-1].get_body(("plain",)).get_content()
            return re.search(r"http://\S+", text).group(0).removeprefix("http://127.0.0.1:8000")

    register(Outbox, Client(handler), EMAIL)
    book = CvBook(get_services(), user_id_of(EMAIL))
    cv_id = new_id()
    book.create(cv_id)
    book.save(full_cv(cv_id))
    book.save_contact(contact())

    browser = Lynx(tmp_path)
    apply_url = f"/mon-espace/candidatures/postuler/{offer.id}"
    offer_page = browser.dump(f"{base}/offres/{offer.id}")
    assert "Postuler" in offer_page and "envoyée par courriel au recruteur" in offer_page, offer_page[:600]
    asked = browser.dump(f"{base}{apply_url}")
    assert "Connexion" in asked or "connecter" in asked.lower(), asked[:400]  # sign in first, then back
    sign_in_page = browser.source(f"{base}/connexion?retour={apply_url}")
    start = browser.dump(f"{base}/connexion", post={
        "csrf": csrf_of(sign_in_page, "/connexion"), "identifiant": EMAIL, "mot_de_passe": PASSWORD,
        "retour": apply_url})
    assert "Postuler à l'offre" in start and "Non commencé" in start, start[:600]

    step = f"{apply_url}/cv"
    source = browser.source(f"{base}{step}")
    assert "Étape 1 sur 3" in " ".join(lxml.html.document_fromstring(source).xpath("//h1")[0].text_content().split())
    atouts = browser.dump(f"{base}{step}", post={"csrf": csrf_of(source, step), "cv": cv_id})
    assert "Étape 2 sur 3" in atouts and "Ce que demande l'offre" in atouts, atouts[:600]

    step = f"{apply_url}/atouts"
    source = browser.source(f"{base}{step}")
    empty = browser.dump(f"{base}{step}", post={"csrf": csrf_of(source, step), "message": ""})
    assert "Erreur" in empty and "Présentez vos atouts" in empty  # the error summary, in text
    coordinates = browser.dump(f"{base}{step}", post={"csrf": csrf_of(source, step), "message": MESSAGE})
    assert "Étape 3 sur 3" in coordinates and "Téléphone" in coordinates, coordinates[:600]

    step = f"{apply_url}/coordonnees"
    source = browser.source(f"{base}{step}")
    check = browser.dump(f"{base}{step}", post={"csrf": csrf_of(source, step), "prenom": "Jeanne", "nom": "Dupré",
                                                "telephone": "06 12 34 56 78"})
    assert "Vérifier votre candidature" in check and "Jeanne Dupré" in check and CONTACT in check, check[:800]

    step = f"{apply_url}/verification"
    source = browser.source(f"{base}{step}")
    key = re.search(r'name="cle" value="([^"]+)"', source).group(1)
    sent = browser.dump(f"{base}{step}", post={"csrf": csrf_of(source, step), "cle": key})
    assert "Votre candidature est envoyée" in sent and "Envoyée par e-mail" in sent, sent[:800]
    listing = browser.dump(f"{base}/mon-espace/candidatures")
    assert "Mes candidatures" in listing and offer.title in listing and "Boulangère confirmée" in listing

    mails = [m for m in read_outbox(tmp_path / "outbox") if str(m["To"]) == CONTACT]
    assert len(mails) == 1 and mails[0]["Reply-To"] == "jeanne.dupre@example.fr"
    assert [a.get_content_type() for a in mails[0].iter_attachments()] == ["application/pdf"]
