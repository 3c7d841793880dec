"""A text-browser journey: lynx finds its agency with the finder's GET form, signs in, and books the
registration appointment with the radios' form (no JavaScript, nothing but HTML forms)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from tests.caches import environment
from tests.conftest import ROOT
from tests.functional.accounts.helpers import PASSWORD, register
from tests.functional.classeur.test_lynx_journey import Lynx, csrf_of
from tests.serving import serving

EMAIL = "lynx-rdv@example.fr"
PATH = "/mon-espace/inscription/rendez-vous"


@pytest.fixture
def server(site, tmp_path):
    from espace.gateway.app import GatewayApp

    variables = {"ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db", "ESPACE_FILES_URL": f"file://{tmp_path}/files",
                 "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox",
                 "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                 "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"),
                 "ESPACE_SITE_URL": "http://127.0.0.1:8000",
                 "ESPACE_PROFILE": "embedded", "POWERTOOLS_LOG_LEVEL": "WARNING"}
    with environment(variables), serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
        yield f"http://127.0.0.1:{port}"


def test_lynx_finds_its_agency_and_books_the_appointment(server, tmp_path):
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    from espace.adapters.outbox_mail import read_outbox
    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.bootstrap import get_services
    from espace.handlers.accounts import handler
    from espace.inscription.model import BOOKED, FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from espace.text import PARIS
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.client import Client
    from tests.functional.inscription.samples import all_steps

    browser = Lynx(tmp_path)
    found = browser.dump(f"{server}/agences?lieu=17000")
    assert "Agence de La Rochelle" in found and "Agence fictive" in found, found[:800]

    class Outbox:
        @staticmethod
        def last_link(address):
            text = read_outbox(tmp_path / "outbox")[-1].get_body(("plain",)).get_content()
            return re.search(r"http://\S+", text).group(0).removeprefix("http://127.0.0.1:8000")

    register(Outbox, Client(handler), EMAIL)
    services = get_services()
    user_id = user_id_of(EMAIL)
    desk = RegistrationDesk(services.records)
    registration = desk.submit(user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email=EMAIL,
                               discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=3)
    start = int(dt.datetime(day.year, day.month, day.day, 14, 30, tzinfo=PARIS).timestamp())
    AgencyAgenda(services.records, "17").open([start], 30, "ouverture-test")

    sign_in_page = browser.source(f"{server}/connexion?retour={PATH}")
    landed = browser.dump(f"{server}/connexion", post={
        "csrf": csrf_of(sign_in_page, "/connexion"), "identifiant": EMAIL, "mot_de_passe": PASSWORD, "retour": PATH})
    assert "Choisir mon rendez-vous d'inscription" in landed and "14 h 30 (30 minutes)" in landed, landed[:800]
    page = browser.source(f"{server}{PATH}")
    booked = browser.dump(f"{server}{PATH}", post={"csrf": csrf_of(page, PATH), "creneau": local_key(start)})
    assert "Votre rendez-vous est pris" in booked and "Mon rendez-vous d'inscription" in booked, booked[:800]
    assert desk.get(user_id, registration.number).state == BOOKED
