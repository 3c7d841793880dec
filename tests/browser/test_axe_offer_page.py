"""The offer page in headless Chromium: with a map, without one, with every way to apply; axe, the
page checks, reflow at 320 px (in ``axe_check``), and no request to another site."""

from __future__ import annotations

import subprocess
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import report
from tests.functional.offers.test_offer_page import FULL_ID
from tests.pagecheck import page_problems
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser

STATES = [
    ("/offres/169XHKY", "map, offer in the préfecture"),
    ("/offres/169WSTC", "map, address and link in the contact"),
    ("/offres/169WMGB", "map, no contact: the origin site"),
    ("/offres/169FFDW", "no coordinates: no map"),
    (f"/offres/{FULL_ID}", "every v2 field"),
]


def test_every_offer_page_state(browser, axe_check, offers_url):
    failures = {}
    for path, state in STATES:
        problems = axe_check(offers_url + path)
        if "Offre introuvable" in browser.title:
            problems.append("the offer is not in the index: this state tests nothing")
        problems += page_problems(browser.page_source)
        requested = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".concat(Array.from(document.querySelectorAll('[src]'), e => e.src));")
        problems += [f"request to another site: {url}" for url in requested
                     if urlsplit(url).netloc != urlsplit(offers_url).netloc]
        if problems:
            failures[f"{state} ({path})"] = problems
    assert not failures, report(failures)


def test_the_map_fits_a_phone_and_keeps_its_shape(browser, offers_url):
    browser.get(offers_url + "/offres/169XHKY")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        box = browser.execute_script(
            "const r = document.querySelector('.offer-map svg').getBoundingClientRect();"
            "const v = document.querySelector('.offer-map svg').viewBox.baseVal;"
            "return [r.left, r.right, r.width, r.height, v.width, v.height];")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    left, right, width, height, view_width, view_height = box
    assert left >= 0 and right <= 320 and width > 200
    assert height == pytest.approx(width * view_height / view_width, rel=0.02)


def test_offer_pages_are_valid_html(offers_url, tmp_path):
    """The inline SVG included: the site's Nu checker run covers built pages, not served ones."""
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    for index, (path, _) in enumerate(STATES):
        with urllib.request.urlopen(offers_url + path, timeout=30) as response:
            (tmp_path / f"state{index}.html").write_bytes(response.read())
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
