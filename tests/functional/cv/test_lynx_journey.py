"""Text-browser journeys in lynx through the local gateway: creating, copying and deleting a CV from
« Mes CV », and a complete CV made end to end — the four steps' pages (cible, informations, mise en
page, mise en ligne), then the CV online in « Mes CV », suspended, resumed and searched for offers.

Each request is one lynx run sharing one cookie jar (as one browser). A form is sent as lynx sends
it: every field as the page holds it (hidden keys, CSRF token, what is already checked or
selected), with what the person types or ticks on top (``-post_data``), lynx following redirects.
The steps' pages are read through their forms, by the field names they show, not by their code."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import lxml.html
import pytest

from tests.caches import environment
from tests.conftest import ROOT
from tests.functional.accounts.helpers import PASSWORD, register
from tests.serving import serving

EMAIL = "lynx.cv@example.fr"
LIST = "/mon-espace/cv"


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
        services.offers.upsert([validate_offer(raw, services.rome, services.places) for raw in sample_offers()[:5]])
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}"


class Page:
    def __init__(self, source: str):
        self.source = source
        self.html = lxml.html.document_fromstring(source or "<html></html>")

    @property
    def text(self) -> str:
        return " ".join(self.html.text_content().split())

    def form(self, action: str, names: set[str] = frozenset()) -> lxml.html.FormElement:
        forms = self.html.xpath(f'//main//form[@method="post"][@action="{action}"]')
        assert forms, f"no form posting to {action} in: {self.text[:600]}"
        with_names = [f for f in forms if names & {i.get("name") for i in f.xpath(".//input|.//textarea|.//select")}]
        return (with_names or forms)[0]


class Lynx:
    """lynx with its own cookie jar kept between runs (PERSISTENT_COOKIES), as one browser."""

    def __init__(self, folder: Path, base: str):
        self.folder, self.base = folder, base
        (folder / "lynx.cfg").write_text("INCLUDE:/etc/lynx/lynx.cfg\nPERSISTENT_COOKIES:TRUE\n"
                                         "SET_COOKIES:TRUE\nACCEPT_ALL_COOKIES:TRUE\n", encoding="utf-8")

    def _run(self, path: str, body: str | None = None) -> Page:
        result = subprocess.run(
            ["lynx", f"-cfg={self.folder}/lynx.cfg", f"-cookie_file={self.folder}/cookies",
             f"-cookie_save_file={self.folder}/cookies", "-display_charset=utf-8", "-source",
             *(["-post_data"] if body is not None else []), self.base + path],
            input=body + "\n---\n" if body is not None else None,
            capture_output=True, text=True, timeout=60, env={"HOME": str(self.folder), "TERM": "dumb"})
        return Page(result.stdout)

    def get(self, path: str) -> Page:
        return self._run(path)

    def send(self, page: Page, action: str, values: dict[str, str | list[str]] | None = None, *,
             tick_all: bool = False) -> Page:
        """Send the form of ``page`` posting to ``action`` as lynx would: what it holds, then ``values``
        typed over it; a radio group left unchosen takes its first choice; ``tick_all`` ticks every box."""
        values = values or {}
        form = page.form(action, set(values))
        sent: dict[str, list[str]] = {}
        for name, value in form.form_values():
            sent.setdefault(name, []).append(value)
        for radio in form.xpath('.//input[@type="radio"]'):
            sent.setdefault(radio.get("name"), [radio.get("value")])
        if tick_all:
            for box in form.xpath('.//input[@type="checkbox"]'):
                if box.get("value") not in sent.setdefault(box.get("name"), []):
                    sent[box.get("name")].append(box.get("value"))
        for name, value in values.items():
            sent[name] = value if isinstance(value, list) else [value]
        return self._run(action, urlencode(sent, doseq=True))


@pytest.fixture
def lynx(server, tmp_path):
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    from espace.adapters.outbox_mail import read_outbox
    from espace.handlers.accounts import handler
    from tests.functional.client import Client

    class Outbox:
        @staticmethod
        def last_link(address):
            text = read_outbox(tmp_path / "outbox")[-1].get_body(("plain",)).get_content()
            return re.search(r"http://\S+", text).group(0).removeprefix("http://127.0.0.1:8000")

    register(Outbox, Client(handler), EMAIL)
    browser = Lynx(tmp_path, server)
    landed = browser.send(browser.get("/connexion"), "/connexion", {"identifiant": EMAIL, "mot_de_passe": PASSWORD})
    assert "Mon espace" in landed.text, landed.text[:500]
    return browser


def cv_ids(browser: Lynx) -> list[str]:
    links = browser.get(LIST).html.xpath('//ul[@class="cv-list"]//h3/a/@href')
    return [link.rsplit("/", 1)[1] for link in links]


def test_lynx_creates_copies_and_deletes_a_cv(lynx):
    listing = lynx.get(LIST)
    assert "30 minutes" in listing.text and "10 minutes" in listing.text
    created = lynx.send(listing, LIST)
    assert "Votre CV est créé" in created.text and "Ma cible professionnelle Non commencé" in created.text
    assert "Votre CV est complété à 0 %" in created.text
    [cv_id] = cv_ids(lynx)
    url = f"{LIST}/{cv_id}"
    copied = lynx.send(lynx.get(url), f"{url}/copie")
    assert "Un nouveau CV est créé" in copied.text
    assert len(cv_ids(lynx)) == 2
    confirm = lynx.get(f"{url}/suppression")
    assert "Supprimer le CV « CV sans titre » ?" in confirm.text
    deleted = lynx.send(confirm, f"{url}/suppression")
    assert "est supprimé" in deleted.text and "1 CV sur 5" in deleted.text
    assert cv_id not in cv_ids(lynx)


def test_lynx_creates_a_complete_cv(lynx):
    lynx.send(lynx.get(LIST), LIST)
    [cv_id] = cv_ids(lynx)
    url = f"{LIST}/{cv_id}"

    # Étape 1 sur 4: the métier (typed, then chosen among the appellations if several match), its
    # spécificités, a place, the contracts and the working time.
    page = lynx.send(lynx.get(f"{url}/cible/metier"), f"{url}/cible/metier", {"metier": "Maçon / Maçonne"})
    if page.html.xpath('//main//input[@name="appellation"]'):
        page = lynx.send(page, f"{url}/cible/metier", {"appellation": "16250"})
    assert "Maçon" in page.text, page.text[:800]
    lynx.send(lynx.get(f"{url}/cible/specificites"), f"{url}/cible/specificites", tick_all=True)
    page = lynx.send(lynx.get(f"{url}/cible/lieux"), f"{url}/cible/lieux", {"lieu": "17000"})
    if page.html.xpath('//main//input[@name="lieu_code"]'):
        page = lynx.send(page, f"{url}/cible/lieux", {"lieu": "17000"})
    assert "La Rochelle" in lynx.get(f"{url}/cible").text
    lynx.send(lynx.get(f"{url}/cible/contrats"), f"{url}/cible/contrats", {"contrats": ["CDI", "CDD"],
                                                                          "durees": ["plein"]})
    assert "Ma cible professionnelle Terminé" in lynx.get(url).text

    # Étape 2 sur 4: each rubric on its own page.
    info = f"{url}/informations"
    lynx.send(lynx.get(f"{info}/titre"), f"{info}/titre", {"titre": "Maçon qualifié"})
    lynx.send(lynx.get(f"{info}/accroche"), f"{info}/accroche",
              {"accroche": "Maçon qualifié, dix ans de chantiers de gros œuvre et de rénovation."})
    lynx.send(lynx.get(f"{info}/experiences/ajout"), f"{info}/experiences/ajout", {
        "poste": "Maçon", "employeur": "Bâti 17", "lieu": "La Rochelle", "debut-mois": "3", "debut-annee": "2015",
        "description": "Murs en parpaings, dalles, enduits ; lecture de plans."})
    lynx.send(lynx.get(f"{info}/formations/ajout"), f"{info}/formations/ajout",
              {"intitule": "CAP maçon", "etablissement": "CFA du bâtiment", "annee": "2014"})
    lynx.send(lynx.get(f"{info}/competences"), f"{info}/competences",
              {"competences": "Lecture de plans, coffrage, travail en hauteur."})
    overview = lynx.get(info)
    assert "Bâti 17" in overview.text and "CAP maçon" in overview.text, overview.text[:800]

    # Étape 3 sur 4: the layout as proposed; étape 4 sur 4: both consents, then the confirmation.
    lynx.send(lynx.get(f"{url}/mise-en-page"), f"{url}/mise-en-page")
    done = lynx.send(lynx.get(f"{url}/mise-en-ligne"), f"{url}/mise-en-ligne", tick_all=True)
    assert "en ligne" in done.text.lower(), done.text[:800]

    cv_page = lynx.get(url)
    assert "4 étapes terminées sur 4" in cv_page.text and "Votre CV est complété à 100 %" in cv_page.text
    listing = lynx.get(LIST)
    assert "Maçon qualifié" in listing.text and "En ligne" in listing.text and "Complété à 100 %" in listing.text
    suspended = lynx.send(cv_page, f"{url}/suspension")
    assert "est suspendu" in suspended.text
    resumed = lynx.send(suspended, f"{url}/remise-en-ligne")
    assert "est remis en ligne" in resumed.text
    offers = lynx.get(f"{url}/offres")
    assert "Maçon" in offers.text and "La Rochelle" in offers.text, offers.text[:800]
