"""The dossier de demandeur d'emploi as the candidate lives it, with JavaScript off, in headless
Chromium through the local gateway, the site's clock on the day the month's actualisation opens:
from the home page, the candidate signs in with the identifier their letter gave, reads the
dashboard, declares the month with two employers, downloads the receipt, goes back to the form and
sees a second declaration refused with its receipt, corrects the declaration, downloads an
attestation, exports the agenda and moves an appointment, signals a return to work, gives a
consent, and reads « Mes courriers » and « Mes allocations » — only by following links, pressing
buttons and typing, as a person would.

Every page on the way goes through axe, the page checks and the 320 px reflow check, then the Nu
checker; each area's own browser file covers its error states one by one."""

from __future__ import annotations

import datetime as dt
import subprocess
import urllib.request
from pathlib import Path

import pytest
from icalendar import Calendar
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from espace import clock
from espace.text import PARIS
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_actualisation import move_to
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.browser.test_journey_inscription import WithoutJavaScript, javascript_off  # noqa: F401  (a fixture)
from tests.functional.conseillers.helpers import at, date_fields
from tests.functional.dossier.helpers import validated_candidate
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
EMAIL = "parcours-dossier@example.fr"
CONTINUE = "button[value=continuer]:not([hidden])"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


class Journey(WithoutJavaScript):
    """Links followed by their text, in the page's content or its breadcrumb trail, and files
    downloaded by a click into ``downloads``."""

    def __init__(self, *args, folder: Path, downloads: Path):
        super().__init__(*args, folder=folder)
        folder.mkdir()
        self.downloads = downloads
        downloads.mkdir()
        self.browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                                     {"behavior": "allow", "downloadPath": str(downloads)})

    def link(self, text: str):
        path = f'//*[self::main or self::nav][.//a]//a[starts-with(normalize-space(), "{text}")]'
        links = self.browser.find_elements(By.XPATH, path)
        assert links, f"no link « {text} » on {self.browser.current_url}"
        return links[0]

    def go(self, text: str, state: str) -> None:
        self.click(self.link(text), state)

    def download(self, element) -> bytes:
        """Click a link or button whose answer is a file: saved (an attachment), or shown in the
        browser's viewer (inline: its bytes asked again with the session's cookie, then « Précédent »)."""
        before = set(self.downloads.iterdir())
        self.browser.execute_script("window.leftBehind = true")  # gone with the document, if it goes
        element.click()

        def arrived(browser) -> list[Path] | bool:
            saved = [p for p in set(self.downloads.iterdir()) - before if not p.name.endswith(".crdownload")]
            return saved or browser.execute_script("return !window.leftBehind && document.readyState === 'complete'"
                                                   " && document.contentType !== 'text/html'")

        done = WebDriverWait(self.browser, 30, ignored_exceptions=(WebDriverException,)).until(arrived)
        if done is not True:  # Chromium writes a .crdownload and renames it once complete
            return done[0].read_bytes()
        url = self.browser.current_url
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.browser.get_cookies())
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as answer:
            body = answer.read()
        self.browser.back()
        WebDriverWait(self.browser, 30).until(lambda b: b.execute_script("return document.readyState === 'complete'"))
        return body


def back_to(browser, path: str) -> None:
    """« Précédent » until the page at ``path``, as the browser gives it back (from its memory of the
    page, form values included, or asked again)."""
    for _ in range(6):
        browser.back()
        WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState === 'complete'"))
        if browser.current_url.split("#")[0].endswith(path):
            return
    raise AssertionError(f"{path} not in the history")


def gateway_platform(outbox: Path):
    """The functional tests' platform on the gateway's stores: its helpers make the dossier."""
    from espace.adapters.outbox_mail import read_outbox
    from espace.handlers.accounts import handler
    from tests.functional.conftest import Platform

    def mails():
        return [(str(m["To"]), str(m["Subject"]), m.get_body(("plain",)).get_content()) for m in read_outbox(outbox)]

    return Platform("embedded", handler, mails, dump_records=lambda: [])  # the helpers dump nothing


def main_text(browser) -> str:
    return browser.find_element(By.TAG_NAME, "main").text


def test_a_dossier_from_the_dashboard_to_the_letters_without_javascript(
        browser, axe_here, gateway, javascript_off, tmp_path, monkeypatch):  # noqa: F811  (fixtures)
    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.bootstrap import get_services
    from espace.dossier.payment_job import run_payments
    from espace.dossier.rights import compute_right

    base, outbox = gateway
    # Registered on the first of the month, the right opened by the counsellor's validation; the
    # journey on the day the month's window opens, its payment in the next month.
    real = clock.today()
    move_to(monkeypatch, dt.date(real.year, real.month, 1))
    _client, registration, dossier, _letter = validated_candidate(gateway_platform(outbox), EMAIL)
    services = get_services()
    records = services.records
    compute_right(services, registration, dossier)  # as the validation does: the right and its letter
    day = dt.date(real.year, real.month, 26 if real.month == 2 else 28)
    move_to(monkeypatch, day)
    # Two slots of the agency from five days on (after any real day of the window); the first booked.
    agenda = AgencyAgenda(records, "17")
    starts = [at(day + dt.timedelta(days=days), 10) for days in (5, 6)]
    agenda.open(starts, 30, "ouverture-test")
    agenda.book(starts[0], dossier.user_id, purpose="suivi", reference="suivi", name="Camille DURAND")

    browser.delete_all_cookies()
    v = Journey(browser, axe_here, base, outbox, folder=tmp_path / "states", downloads=tmp_path / "files")
    v.open("/", "home page")
    v.follow("Mon espace", "sign-in asked")
    v.submit({"identifiant": dossier.identifier, "mot_de_passe": PASSWORD}, "mon espace")
    v.go("Voir mon dossier", "dashboard: the window open, an appointment, two letters")
    assert "est ouverte jusqu'au" in main_text(browser), main_text(browser)[:1500]

    # The month declared with two employers.
    v.go("M'actualiser", "actualisation: the window open")
    v.go("Déclarer ma situation", "declaration: empty")
    v.submit({"recherche": "oui", "travail": "oui"}, "declaration: an employer added",
             button="button[value='ajouter:emplois']")
    v.submit({"emplois-0-employeur": "Boulangerie Martin", "emplois-0-heures": "35", "emplois-0-brut": "412,30"},
             "declaration: a second employer added", button="button[value='ajouter:emplois']")
    v.submit({"emplois-1-employeur": "Mairie de Lyon", "emplois-1-heures": "20", "emplois-1-brut": "1 250"},
             "declaration: the check page", button=CONTINUE)
    assert "Total du mois : 55 heures" in main_text(browser), main_text(browser)[:1500]
    v.submit({}, "the receipt")
    assert "Travail chez Mairie de Lyon : 20 heures" in main_text(browser), main_text(browser)[:1500]
    assert v.download(v.link("Accusé de réception")).startswith(b"%PDF-")

    # « Précédent » back to the form, sent again: a second declaration for the month is refused, with
    # the receipt of the first.
    back_to(browser, "/mon-dossier/actualisation/declaration")
    if browser.find_elements(By.CSS_SELECTOR, f"main {CONTINUE}"):  # the form, as the browser kept it
        v.press(CONTINUE, "a second declaration refused, the receipt shown")
    else:  # the form asked again
        v.check("a second declaration refused, the receipt shown")
    assert "une seconde déclaration pour le même mois n'est pas enregistrée" in main_text(browser)
    assert v.link("Voir mon accusé de réception")

    # The correction: the second employer removed.
    v.go("Corriger ma déclaration", "correction: the form as declared")
    v.press("button[value='supprimer:emplois:1']", "correction: the second employer removed")
    v.press(CONTINUE, "correction: the check page")
    assert "Mairie de Lyon" not in main_text(browser), main_text(browser)[:1500]
    v.submit({}, "the receipt of the correction")
    assert "c'est sa version 2" in main_text(browser), main_text(browser)[:1500]

    # An attestation downloaded from the dashboard's services.
    v.go("Mon dossier", "dashboard: declared")
    assert "Vous êtes actualisé" in main_text(browser), main_text(browser)[:1500]
    v.go("Mes attestations", "attestations: the six")
    v.go("Avis de situation", "attestation: the avis de situation")
    assert v.download(browser.find_element(By.CSS_SELECTOR, "main button[value=telecharger]")).startswith(b"%PDF-")

    # « Mon agenda »: the export read back, the appointment moved to the other slot.
    v.go("Mon dossier", "dashboard: back from the attestations")
    v.go("Mon agenda", "agenda: an appointment")
    exported = Calendar.from_ical(v.download(v.link("Télécharger mon agenda")))
    events = [e for e in exported.walk("VEVENT") if e.decoded("dtstart") == dt.datetime.fromtimestamp(starts[0], PARIS)]
    assert len(events) == 1, exported.to_ical()[:1500]
    v.go("Déplacer", "move: the other slot offered")
    v.submit({"creneau": local_key(starts[1])}, "moved: the agenda with its notice",
             button="button[type=submit]")
    assert "est déplacé" in main_text(browser), main_text(browser)[:1500]

    # A return to work signalled.
    v.go("Mon dossier", "dashboard: the appointment moved")
    v.go("Signaler un changement de situation", "changes: nothing signalled")
    v.go("Reprise d'emploi", "return to work: the form")
    work = {**date_fields("date", day + dt.timedelta(days=10)), "employeur": "Boulangerie Martin", "contrat": "cdd"}
    v.submit(work, "return to work: signalled, the list")
    assert "est enregistré" in main_text(browser), main_text(browser)[:1500]

    # A consent given, then « Mes courriers » and « Mes allocations ».
    v.go("Mon dossier", "dashboard: a change signalled")
    v.go("Le consentement", "consents: none given")
    v.press("form[action$='/partenaires'] button", "consents: one given")
    assert "Accord donné le" in main_text(browser), main_text(browser)[:1500]
    v.go("Mon dossier", "dashboard: a consent given")
    v.go("Mes courriers", "courriers: the receipts, the right's and the registration's letters")
    letters = main_text(browser)
    for title in ("Confirmation d'inscription", "Accusé de réception", "Notification"):
        assert title in letters, letters[:1500]
    assert v.download(v.link("Confirmation d'inscription")).startswith(b"%PDF-")

    # The month over, the monthly payment job pays the declaration: « Mes allocations » shows it.
    move_to(monkeypatch, (day + dt.timedelta(days=9)).replace(day=6))
    assert run_payments(services, day.strftime("%Y-%m")).paid == 1
    v.go("Mon dossier", "dashboard: the last payment")
    assert " net pour " in main_text(browser), main_text(browser)[:1500]
    v.go("Mes allocations", "allocations: the right and the payment")
    v.click(browser.find_element(By.CSS_SELECTOR, "main table a[href*='/paiements/']"),
            "allocations: the payment's detail")
    assert "Travail chez Boulangerie Martin : 35 heures" in main_text(browser), main_text(browser)[:1500]

    assert v.states >= 34
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text",
                             str(tmp_path / "states")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
