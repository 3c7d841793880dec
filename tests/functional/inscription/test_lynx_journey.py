"""Étape 1 in a text browser (lynx: no JavaScript, no CSS): from « M'inscrire ou me réinscrire »,
choose access codes (the way back to the request kept through the mail, the confirmation and the
sign-in), then complete step 1: refused once with a wrong NIR (its message, what was typed kept),
then saved, landing on step 2. Every form is posted by lynx with the fields of the page it was given."""

from __future__ import annotations

import re

import lxml.html
import pytest

from tests.browser.conftest import local_gateway
from tests.browser.lynx import Lynx
from tests.browser.test_axe_services import PASSWORD
from tests.browser.test_lynx_cv_information import refused_text
from tests.functional.inscription.samples import administrative

pytestmark = pytest.mark.browser
EMAIL = "inscription-lynx@example.fr"
STEP = "/mon-espace/inscription/demande/situation-administrative"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def test_step_1_in_a_text_browser(gateway, tmp_path):
    from espace.adapters.outbox_mail import read_outbox
    from espace.bootstrap import get_services

    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    start = lynx.text("/inscription")
    assert "Carte Vitale" in start or "carte Vitale" in start
    page = lxml.html.document_fromstring(lynx._run("/inscription", "-source"))
    [create] = page.xpath('//a[normalize-space()="Créer mes codes d\'accès"]/@href')

    action, fields = lynx.form(create, "/compte/creation")
    assert fields["retour"] == "/mon-espace/inscription"
    lynx.text(action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
                       "code_postal": "17000", "question": "1", "reponse": "Médor"})
    mail = read_outbox(outbox)[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://\S+", mail).group(0).replace("http://127.0.0.1:8000", "")
    action, fields = lynx.form(link, "/compte/confirmation")
    assert fields["retour"] == "/mon-espace/inscription"
    assert "Votre espace est créé" in lynx.text(action, fields)  # lynx followed to the sign-in page
    action, fields = lynx.form("/connexion?retour=/mon-espace/inscription", "/connexion")
    assert fields["retour"] == "/mon-espace/inscription"
    # The request's page is another part's: whatever it answers, the sign-in is what counts here.
    refused_text(lynx, action, {**fields, "identifiant": EMAIL, "mot_de_passe": PASSWORD})

    assert "Commencer ma demande" in lynx.text("/inscription")
    action, fields = lynx.form(STEP, STEP)
    assert fields["email"] == EMAIL and fields["code_postal"] == "17000" and fields["commune"] == "17300"
    typed = {**fields, **{name: values[0] for name, values in administrative.VALUES.items()}}
    refused = refused_text(lynx, action, {**typed, "nir": "2 90 04 17 300 123 38", "action": "continuer"})
    assert "La clé du numéro de sécurité sociale" in refused and "Étape 1 sur 5" in refused

    action, fields = lynx.form(STEP, STEP)  # the draft kept the typing, the wrong NIR with it
    assert fields["nir"] == "2 90 04 17 300 123 38" and fields["iban"] == administrative.VALUES["iban"][0]
    assert fields["civilite"] == "madame" and fields["nationalite"] == "francaise"
    step_2 = lynx.text(action, {**fields, "nir": "2 90 04 17 300 123 37", "action": "continuer"})
    assert "Étape 2 sur 5" in step_2 and "Situation du demandeur d'emploi" in step_2

    records = get_services().records
    user_id = records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    step = records.get(f"USER#{user_id}", "DRAFT#inscription")["steps"]["situation-administrative"]
    assert step["status"] == "Terminé" and step["values"]["commune"] == ["17300"]
