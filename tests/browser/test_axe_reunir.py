"""« Réunir mes dossiers » in headless Chromium through the local gateway: the other space's
sign-in (empty, wrong password, the same space, two spaces without a DDE), the seed's three cases'
confirmations (« ajouter », « remplacer » with its warning, « joindre » from the DRE's space) and
the last page — each state through axe, the page checks and the 320 px reflow check, then the Nu
checker on every state."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
BUTTON = "button[type=submit]"  # the Visitor looks inside main


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def with_dossier(email: str) -> str:
    """Validate a registration of ``email``'s space (as a counsellor would): its identifier."""
    from espace.bootstrap import get_services
    from espace.dossier.opening import open_dossier
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.samples import all_steps

    records, user_id = get_services().records, user_id_of(email)
    registration = RegistrationDesk(records).submit(
        user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email=email,
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    return open_dossier(records, registration, by="automatique").identifier


def with_classeur(email: str, offer: str) -> None:
    from espace.bootstrap import get_services
    from tests.functional.accounts.helpers import user_id_of

    get_services().records.put({"pk": f"USER#{user_id_of(email)}", "sk": f"CLASSEUR#{offer}", "offer_id": offer,
                                "added_at": 1})


def sign_in_as(v, browser, email: str) -> None:
    browser.delete_all_cookies()
    v.open("/connexion", f"{email}: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, f"{email}: mon espace", button=BUTTON)


def test_every_state_of_joining_two_spaces(browser, axe_here, gateway, tmp_path):  # noqa: F811
    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    emails = {name: f"{name}@reunir.example" for name in ("dde1", "dre1", "dre2", "dde2", "dre3", "seul1", "seul2")}
    for email in emails.values():
        browser.delete_all_cookies()
        create_account(v, email)
    with_dossier(emails["dde1"])
    identifier = with_dossier(emails["dde2"])
    for name in ("dre1", "dre2", "dre3", "dde2"):
        with_classeur(emails[name], f"0{len(name)}{name.upper()}"[-7:])

    # Case 1, « ajouter », and every error of the sign-in to the other space.
    sign_in_as(v, browser, emails["dde1"])
    v.open("/mon-espace", "dashboard: the link to join")
    assert "/mon-espace/reunir" in browser.page_source
    v.open("/mon-espace/reunir/confirmation", "join: confirmation without a proof, back to the sign-in")
    assert "connectez-vous d'abord à votre autre espace" in browser.page_source
    v.open("/mon-espace/reunir", "join: the other space's sign-in")
    v.submit({}, "join: empty, errors", button=BUTTON)
    assert "Erreur" in browser.title
    v.submit({"identifiant": emails["dre1"], "mot_de_passe": "pas le bon"}, "join: wrong password", button=BUTTON)
    assert "incorrect" in browser.page_source
    v.submit({"identifiant": emails["dde1"], "mot_de_passe": PASSWORD}, "join: the same space", button=BUTTON)
    assert "l'espace où vous êtes connecté" in browser.page_source
    v.submit({"identifiant": emails["dre1"], "mot_de_passe": PASSWORD}, "join: confirmation, add", button=BUTTON)
    assert "Ajouter un dossier de recherche d'emploi" in browser.title
    v.submit({}, "join: done, added", button=BUTTON)
    assert "Vos dossiers sont réunis" in browser.title

    # Case 2, « remplacer »: the DDE space now has a DRE.
    v.open("/mon-espace/reunir", "join again")
    v.submit({"identifiant": emails["dre2"], "mot_de_passe": PASSWORD}, "join: confirmation, replace",
             button=BUTTON)
    assert "vous ne pourrez plus accéder à ce dossier" in browser.page_source
    v.submit({}, "join: done, replaced", button=BUTTON)

    # Case 3, « joindre », from the DRE's space with the DDE's identifier.
    sign_in_as(v, browser, emails["dre3"])
    v.open("/mon-espace/reunir", "join from a DRE space")
    v.submit({"identifiant": identifier, "mot_de_passe": PASSWORD}, "join: confirmation, join the DDE",
             button=BUTTON)
    assert "vous devrez utiliser vos identifiants de demandeur d'emploi" in browser.page_source
    v.submit({}, "join: done, signed in with the DDE's codes", button=BUTTON)
    assert emails["dde2"] in browser.page_source

    # Two spaces without a DDE: nothing to join.
    sign_in_as(v, browser, emails["seul1"])
    v.open("/mon-espace/reunir", "join without any DDE")
    v.submit({"identifiant": emails["seul2"], "mot_de_passe": PASSWORD}, "join: nothing to join", button=BUTTON)
    assert "rien à réunir" in browser.page_source

    assert v.states >= 30
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
