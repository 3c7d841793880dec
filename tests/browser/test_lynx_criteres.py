"""In a text browser (lynx, no JavaScript, no CSS): sign in, save the criteria of a results page
from its « Enregistrer les critères » link, then stop the alert through the link of the mail.

lynx fetches every page and sends every form itself (its cookies, its redirects); the fields it
posts are those of the form it was given (read from its own -source of the page)."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urlencode

import lxml.html
import pytest

from tests.browser.test_axe_criteres import CRITERIA, criteres_url  # noqa: F401  (fixture)
from tests.browser.test_axe_services import PASSWORD

pytestmark = pytest.mark.browser
EMAIL = "lynx@example.fr"


class Lynx:
    def __init__(self, base: str, cookies):
        assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
        self.base, self.cookies = base, str(cookies)
        # One lynx run per page: its cookies must outlive each run (lynx keeps none by default).
        self.config = cookies.with_suffix(".cfg")
        self.config.write_text("INCLUDE:/etc/lynx/lynx.cfg\nPERSISTENT_COOKIES:TRUE\n", encoding="utf-8")

    def _run(self, url: str, mode: str, post: dict | None = None) -> str:
        command = ["lynx", f"-cfg={self.config}", mode, "-accept_all_cookies", f"-cookie_file={self.cookies}",
                   f"-cookie_save_file={self.cookies}", "-display_charset=utf-8", "-width=200", "-nolist"]
        if post is not None:
            command.append("-post_data")
        data = (urlencode(post) + "\n---\n") if post is not None else None
        done = subprocess.run([*command, self.base + url], input=data, capture_output=True, text=True, timeout=60)
        # lynx ends with 1 on an error status: show the page's heading and text, not its menus.
        assert done.returncode == 0, (url, done.stdout[done.stdout.find("Vous êtes"):][:800], done.stderr[-300:])
        return done.stdout

    def text(self, url: str, post: dict | None = None) -> str:
        return re.sub(r"\s+", " ", self._run(url, "-dump", post))

    def form(self, url: str, action_contains: str) -> tuple[str, dict]:
        """The action and the fields of the page's form, as lynx received them."""
        page = lxml.html.document_fromstring(self._run(url, "-source"))
        [form] = [f for f in page.forms if action_contains in (f.get("action") or "")]
        fields = {name: value for name, value in form.form_values()}
        return form.get("action"), fields


def test_save_a_search_and_unsubscribe_in_a_text_browser(criteres_url, tmp_path):  # noqa: F811
    from espace.adapters.outbox_mail import read_outbox
    from espace.alertes import links
    from espace.bootstrap import get_services
    from espace.web.signing import signing_key

    base, outbox = criteres_url
    lynx = Lynx(base, tmp_path / "cookies")
    action, fields = lynx.form("/compte/creation", "/compte/creation")
    lynx.text(action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
                       "code_postal": "17000", "question": "1", "reponse": "Médor"})
    mail = read_outbox(outbox)[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://\S+", mail).group(0).replace("http://127.0.0.1:8000", "")
    action, fields = lynx.form(link, "/compte/confirmation")
    lynx.text(action, fields)
    action, fields = lynx.form("/connexion", "/connexion")
    assert "Mon espace" in lynx.text(action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD})

    results = lynx.text(f"/offres/recherche?{CRITERIA}")
    assert "Enregistrer les critères" in results
    page = lxml.html.document_fromstring(lynx._run(f"/offres/recherche?{CRITERIA}", "-source"))
    [save] = page.xpath('//a[normalize-space()="Enregistrer les critères"]/@href')
    form_text = lynx.text(save)
    assert "Vos critères" in form_text and "Charente-Maritime" in form_text
    action, fields = lynx.form(save, "/mon-espace/criteres/ajout")
    assert fields["adresse"] == EMAIL and fields["nom"]
    listing = lynx.text(action, fields)
    assert "Mes critères de recherche" in listing and "active jusqu'au" in listing, listing[:1500]

    services = get_services()
    user_id = services.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    [search] = services.records.query(f"USER#{user_id}", "SEARCH#")
    key = signing_key(services.records, services.settings.secret_key)
    stranger = Lynx(base, tmp_path / "other-cookies")  # the mail is read elsewhere, not signed in
    url = links.unsubscribe_url(key, "", user_id, EMAIL, search["sk"].removeprefix("SEARCH#"))
    assert "Arrêter ces alertes" in stranger.text(url)
    action, fields = stranger.form(url, "/alertes/desabonnement")
    assert "C'est fait" in stranger.text(action, fields)
    assert "en pause" in lynx.text("/mon-espace/criteres")
