"""Headless Chromium with the current axe-core engine, against the built site served on loopback.

Every page a browser test checks with ``axe_check`` is also checked for reflow (WCAG 1.4.10)
at 320 CSS px, which axe cannot test, and walked with the Tab key (visible focus, order, no trap,
skip links shown: tests/browser/tabwalk.js): the checks live in the shared fixture so that every
page and form state any browser test visits, now or later, is measured. The walk costs about 4 ms
per Tab stop, 0.2 s for a form state and 0.8 s for a results page of 90 stops.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import tempfile
import threading
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.caches import environment
from tests.conftest import ROOT
from tests.serving import serving
from tests.spaces import fold_source, fold_spaces

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REFLOW_SCRIPT = Path(__file__).with_name("reflow.js")
TAB_WALK_SCRIPT = Path(__file__).with_name("tabwalk.js")
# WCAG 1.4.10: 320 CSS px wide, what 1280 px at 400 % zoom leaves, and a small phone.
REFLOW_VIEWPORT = {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False}
BROWSER_WIDTH = 1280
EXPERIMENTAL_RULES = ("td-has-header", "css-orientation-lock", "p-as-heading", "label-content-name-mismatch",
                      "table-fake-caption")
AXE_OPTIONS = json.dumps({
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
    # Experimental rules, off by default in axe, on here because the site passes them
    # (docs/rgaa/grille.csv: 5.4, 5.6, 5.7, 6.1, 8.9, 11.2, 13.9).
    "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL_RULES},
})


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def report(failures: dict[str, list[str]]) -> str:
    """An assertion message that reads as a list: each page or state, then its problems."""
    return "\n".join(f"{where}:\n" + "\n".join(f"  - {problem}" for problem in problems)
                     for where, problems in failures.items())


@pytest.fixture(scope="session")
def site_url(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class Chrome(webdriver.Chrome):
    """``page_source`` and ``title`` with French no-break spaces folded (tests.spaces): the tests'
    string checks compare them with sentences typed with ordinary spaces."""

    @property
    def page_source(self) -> str:
        return fold_source(super().page_source)

    @property
    def title(self) -> str:
        return fold_spaces(super().title)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", f"--user-data-dir={profile}",
                 f"--window-size={BROWSER_WIDTH},900"):
        options.add_argument(flag)
    driver = Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def reflow_problems(browser) -> list[str]:
    """Reflow problems of the page in the browser, measured at 320 CSS px.

    The DevTools protocol sets the CSS viewport exactly (a window cannot be made that narrow
    everywhere) and hides scroll bars as phones and zoomed browsers overlay them; the page
    keeps its state (form values, focus), and the desktop size comes back afterwards.
    """
    browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", REFLOW_VIEWPORT)
    try:
        problems = browser.execute_script(REFLOW_SCRIPT.read_text(encoding="utf-8"))
    finally:
        browser.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return [f"reflow (WCAG 1.4.10) at {REFLOW_VIEWPORT['width']} px: {problem}" for problem in problems]


def tab_walk_problems(browser) -> list[str]:
    """Keyboard problems of the page in the browser (RGAA 10.7, 10.14, 12.8, 12.9): Tab pressed
    from the top of the page through every element it should reach and once more; each stop must
    look different focused, come after the previous one, skip links must show on screen, and
    every element must be reached (a trap keeps the rest out of reach). The page keeps its
    state: the focus and the scroll position come back afterwards."""
    script = TAB_WALK_SCRIPT.read_text(encoding="utf-8")
    count = browser.execute_script(script, "start")
    ActionChains(browser, duration=0).send_keys(Keys.TAB * (count + 1)).perform()
    return [f"keyboard: {problem}" for problem in browser.execute_script(script, "finish")]


@pytest.fixture(scope="session")
def axe_check(browser):
    """Load a URL (or, given None, keep the page the browser is on) and return axe-core's
    violations (with the experimental rules the site passes), the reflow problems at 320 px and
    the keyboard walk's problems, formatted for an assertion message."""
    assert AXE_SCRIPT.is_file(), "axe-core missing: run `make test`, which installs it with npm"

    def check(url: str | None) -> list[str]:
        if url is not None:
            browser.get(url)
        axe = Axe(browser, script_url=str(AXE_SCRIPT))
        axe.inject()
        results = axe.run(options=AXE_OPTIONS)
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results["violations"]
        ]
        return violations + reflow_problems(browser) + tab_walk_problems(browser)

    return check


@pytest.fixture(scope="module")
def offers_url(site, tmp_path_factory):
    """The local gateway on the built site, its offer index holding the real sample offers and the
    offers built from them with every v2 field (tests/functional/offers/test_offer_page.py)."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.gateway.app import GatewayApp
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers
    from tests.functional.offers.test_offer_page import built_offers

    folder = tmp_path_factory.mktemp("offres")
    with environment({"ESPACE_SEARCH_URL": f"sqlite:///{folder}/offres.db",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                      "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"), "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        SqliteOfferIndex(folder / "offres.db").upsert(
            validate_offer(raw, services.rome(), services.places()) for raw in sample_offers() + built_offers())
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def local_gateway(site, var: Path, sample_offers: int = 0):
    """The local gateway (every function of the template) on fresh stores in ``var``: records,
    files, outbox, alert matcher, and an offer index holding the first ``sample_offers`` sample
    offers (validated as the importer would). Yields the base URL and the validated offers."""
    from espace.gateway.app import GatewayApp

    variables = {"ESPACE_RECORDS_URL": f"sqlite:///{var}/app.db", "ESPACE_FILES_URL": f"file://{var}/files",
                 "ESPACE_MAIL_URL": f"outbox://{var}/outbox", "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                 "ESPACE_SEARCH_URL": f"sqlite:///{var}/offres.db", "ESPACE_MATCHER_URL": f"sqlite:///{var}/alerts.db",
                 "ESPACE_CV_INDEX_URL": f"sqlite:///{var}/cvs.db",
                 "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"),
                 "ESPACE_PROFILE": "embedded", "POWERTOOLS_LOG_LEVEL": "WARNING"}
    with environment(variables):
        offers = []
        if sample_offers:
            from espace.bootstrap import get_services
            from espace.offers.schema import validate_offer
            from tests.functional.offers.conftest import sample_offers as samples

            services = get_services()
            offers = [validate_offer(raw, services.rome, services.places) for raw in samples()[:sample_offers]]
            services.offers.upsert(offers)
        with serving(GatewayApp(site, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}", offers
