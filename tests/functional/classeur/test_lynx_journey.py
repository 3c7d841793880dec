"""A text-browser journey: lynx signs in, adds an offer to the classeur from the offer page's form,
and finds it in the classeur. Each step is one lynx run sharing one cookie jar; the forms are
posted with the values their pages hold (``-post_data``), lynx following the redirects."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.caches import environment
from tests.conftest import ROOT
from tests.functional.accounts.helpers import PASSWORD, register
from tests.serving import serving

EMAIL = "lynx@example.fr"


@pytest.fixture
def server(site, tmp_path):
    from espace.bootstrap import get_services
    from espace.gateway.app import GatewayApp
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    variables = {"ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db", "ESPACE_FILES_URL": f"file://{tmp_path}/files",
                 "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox", "ESPACE_SEARCH_URL": f"sqlite:///{tmp_path}/o.db",
                 "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                 "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"),
                 "ESPACE_SITE_URL": "http://127.0.0.1:8000",
                 "ESPACE_PROFILE": "embedded", "POWERTOOLS_LOG_LEVEL": "WARNING"}
    with environment(variables):
        services = get_services()
        offer = validate_offer(sample_offers()[0], services.rome, services.places)
        services.offers.upsert([offer])
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}", offer


def csrf_of(source: str, action: str) -> str:
    """The CSRF token of the form posting to ``action`` in a page's HTML source."""
    form = source[source.index(f'action="{action}"'):]
    return re.search(r'name="csrf" value="([^"]+)"', form).group(1)


class Lynx:
    """lynx with its own cookie jar kept between runs (PERSISTENT_COOKIES), as one browser."""

    def __init__(self, folder: Path):
        self.folder = folder
        (folder / "lynx.cfg").write_text("INCLUDE:/etc/lynx/lynx.cfg\nPERSISTENT_COOKIES:TRUE\n"
                                         "SET_COOKIES:TRUE\nACCEPT_ALL_COOKIES:TRUE\n", encoding="utf-8")

    def run(self, *options: str, url: str, post: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            ["lynx", f"-cfg={self.folder}/lynx.cfg", f"-cookie_file={self.folder}/cookies",
             f"-cookie_save_file={self.folder}/cookies", "-display_charset=utf-8", "-width=100", "-nolist",
             *(["-post_data"] if post is not None else []), *options, url],
            input=urlencode(post) + "\n---\n" if post is not None else None,
            capture_output=True, text=True, timeout=60, env={"HOME": str(self.folder), "TERM": "dumb"})
        return result.stdout

    def source(self, url: str) -> str:
        return self.run("-source", url=url)

    def dump(self, url: str, post: dict[str, str] | None = None) -> str:
        return " ".join(self.run("-dump", url=url, post=post).split())


def test_lynx_signs_in_adds_an_offer_and_finds_it_in_the_classeur(server, tmp_path):
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    base, offer = server
    from espace.adapters.outbox_mail import read_outbox
    from espace.handlers.accounts import handler
    from tests.functional.client import Client

    class Outbox:
        @staticmethod
        def last_link(address):
            text = read_outbox(tmp_path / "outbox")[-1].get_body(("plain",)).get_content()
            return re.search(r"http://\S+", text).group(0).removeprefix("http://127.0.0.1:8000")

    register(Outbox, Client(handler), EMAIL)
    browser = Lynx(tmp_path)
    sign_in_page = browser.source(f"{base}/connexion?retour=/offres/{offer.id}")
    landed = browser.dump(f"{base}/connexion", post={
        "csrf": csrf_of(sign_in_page, "/connexion"), "identifiant": EMAIL, "mot_de_passe": PASSWORD,
        "retour": f"/offres/{offer.id}"})
    assert offer.title.split()[0] in landed and "Ajouter au classeur" in landed, landed[:500]
    offer_page = browser.source(f"{base}/offres/{offer.id}")
    added = browser.dump(f"{base}/mon-espace/classeur/ajout", post={
        "csrf": csrf_of(offer_page, "/mon-espace/classeur/ajout"), "offre": offer.id,
        "retour": f"/offres/{offer.id}"})
    assert "est ajoutée à votre classeur" in added, added[:800]
    classeur = browser.dump(f"{base}/mon-espace/classeur")
    assert "Mon classeur d'offres" in classeur and offer.title in classeur and "Retirer" in classeur, classeur[:800]
    assert "1 offre sur 100 au plus" in classeur
