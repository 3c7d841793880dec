"""In a text browser (lynx, no JavaScript, no CSS): sign in, save the criteria of a results page
from its « Enregistrer les critères » link, then stop the alert through the link of the mail.

The text browser and its first steps: tests/browser/lynx.py."""

from __future__ import annotations

import lxml.html
import pytest

from tests.browser.lynx import Lynx, create_codes, sign_in
from tests.browser.test_axe_criteres import CRITERIA, criteres_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
EMAIL = "lynx@example.fr"


def test_save_a_search_and_unsubscribe_in_a_text_browser(criteres_url, tmp_path):  # noqa: F811
    from espace.alertes import links
    from espace.bootstrap import get_services
    from espace.web.signing import signing_key

    base, outbox = criteres_url
    lynx = Lynx(base, tmp_path / "cookies")
    create_codes(lynx, outbox, EMAIL)
    assert "Mon espace" in sign_in(lynx, EMAIL)

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
