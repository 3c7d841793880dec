"""A text browser for the tests (lynx: no JavaScript, no CSS), and the steps every lynx journey
begins with: the access codes created and confirmed through the forms and the mail's link, a
validated registration's dossier, the sign-in.

lynx fetches every page and sends every form itself (its cookies, its redirects); the fields it
posts are those of the form it was given (read from its own -source of the page)."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urlencode

import lxml.html

from tests.browser.test_axe_services import PASSWORD


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


def create_codes(lynx: Lynx, outbox, email: str) -> None:
    """« Créer mes codes d'accès » filled, then the confirmation mail's link opened and its button pressed."""
    from espace.adapters.outbox_mail import read_outbox

    action, fields = lynx.form("/compte/creation", "/compte/creation")
    lynx.text(action, {**fields, "identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
                       "code_postal": "17000", "question": "1", "reponse": "Médor"})
    mail = read_outbox(outbox)[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://\S+", mail).group(0).replace("http://127.0.0.1:8000", "")
    action, fields = lynx.form(link, "/compte/confirmation")
    lynx.text(action, fields)


def sign_in(lynx: Lynx, identifier: str) -> str:
    """The text of the page the sign-in leads to (« Mon espace »)."""
    action, fields = lynx.form("/connexion", "/connexion")
    return lynx.text(action, {**fields, "identifiant": identifier, "mot_de_passe": PASSWORD})


def registered_and_signed_in(lynx: Lynx, outbox, email: str, *, with_identifier: bool = False):
    """A candidate whose registration is validated (tests/browser/test_axe_courriers.py), signed in
    with the address or the identifier the letter gives: (the dossier, the letter, « Mon espace »'s text)."""
    from tests.browser.test_axe_courriers import validate_registration

    create_codes(lynx, outbox, email)
    dossier, letter = validate_registration(email)
    space = sign_in(lynx, dossier.identifier if with_identifier else email)
    assert "Mon espace" in space, space[:1500]
    return dossier, letter, space
