"""« Mes courriers » and signing in with the identifier, in headless Chromium through the local
gateway: the sign-in page (empty, a wrong check letter, neither an address nor an identifier), the
list empty, with an unread letter, with read and unread ones, the dashboard's panel, and signing in
with the identifier the letter gives — each through axe, the page checks and the 320 px reflow
check, then the Nu checker."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=1) as (url, _offers):
        yield url, var / "outbox"


def validate_registration(email: str):
    """The request sent and validated as a counsellor's validation does, the letter delivered."""
    from espace.bootstrap import get_services
    from espace.dossier.letters import confirm_registration
    from espace.dossier.opening import open_dossier
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.samples import all_steps

    services, user_id = get_services(), user_id_of(email)
    registration = RegistrationDesk(services.records).submit(
        user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email=email,
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    dossier = open_dossier(services.records, registration, by="automatique")
    return dossier, confirm_registration(services, registration, dossier)


def test_every_state_of_mes_courriers_and_the_identifiers_sign_in(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.dossier import letters
    from espace.dossier.model import CHECK_LETTERS, check_letter
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "courriers-axe@example.fr"
    v.open("/connexion", "sign-in: empty, the hint names both identifiers")
    wrong = "1234567" + next(c for c in CHECK_LETTERS if c != check_letter("1234567"))
    v.submit({"identifiant": wrong, "mot_de_passe": PASSWORD}, "sign-in: a wrong check letter")
    assert "sa lettre ne correspond pas" in browser.page_source
    v.submit({"identifiant": "12345", "mot_de_passe": PASSWORD}, "sign-in: neither an address nor an identifier")

    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in: mon espace, no letter panel")
    v.open("/mon-dossier/courriers", "courriers: none yet")
    assert "Vous n'avez aucun courrier" in browser.page_source

    dossier, first = validate_registration(email)
    v.open("/mon-dossier/courriers", "courriers: one unread letter")
    v.open("/mon-espace", "dashboard: the letters panel with one unread")
    assert "1 courrier non lu" in browser.page_source
    services = get_services()
    user_id = user_id_of(email)
    letters.mark_read(services, user_id, first)
    letters.deliver_letter(services, user_id, letters.CONFIRMATION, "Confirmation d'inscription",
                           letters.confirmation_context(services, services_registration(user_id), dossier),
                           about="second")
    v.open("/mon-dossier/courriers", "courriers: one read, one unread")
    v.open("/mon-dossier/courriers/0000000000-000000000000", "courriers: an unknown letter")

    browser.delete_all_cookies()
    v.open("/connexion", "sign-in again")
    v.submit({"identifiant": dossier.identifier.lower(), "mot_de_passe": PASSWORD},
             "signed in with the identifier: mon espace")
    assert browser.current_url.endswith("/mon-espace")

    assert v.states >= 12
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def services_registration(user_id: str):
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    registration = RegistrationDesk(get_services().records).current(user_id)
    assert registration is not None
    return registration
