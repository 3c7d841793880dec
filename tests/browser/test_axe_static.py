"""axe-core in headless Chromium: no violation on any hand-written page and on 100+ fiches."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser


def test_axe_engine_is_current(browser, axe_check, site_url):
    axe_check(site_url + "/")
    assert browser.execute_script("return axe.version").startswith("4.")


def violations_of(pages, site, site_url, axe_check) -> dict[str, list[str]]:
    failures = {}
    for path in pages:
        url = f"{site_url}/{path.relative_to(site).as_posix()}"
        if violations := axe_check(url):
            failures[url] = violations
    return failures


def test_no_violation_on_handwritten_pages(site, site_url, handwritten_pages, axe_check):
    assert len(handwritten_pages) > 60
    assert violations_of(handwritten_pages, site, site_url, axe_check) == {}


def test_no_violation_on_fiches_and_indexes(site, site_url, fiche_sample, axe_check):
    assert len([p for p in fiche_sample if len(p.stem) == 5]) >= 100
    assert violations_of(fiche_sample, site, site_url, axe_check) == {}


@pytest.mark.parametrize("path", ["index.html", "candidat/index.html"])
def test_each_skip_link_moves_keyboard_focus_to_its_target(browser, site_url, path):
    # A skip link whose target cannot take focus moves the view, not the focus: the next Tab
    # starts again from the top, so a keyboard user never gets past the header.
    browser.get(f"{site_url}/{path}")
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.skip-links a')).map(a => a.getAttribute('href'))")
    assert len(links) == 4
    for position, href in enumerate(links, start=1):
        browser.get(f"{site_url}/{path}")
        ActionChains(browser).send_keys(Keys.TAB * position).perform()
        assert browser.execute_script("return document.activeElement.getAttribute('href')") == href
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        landed = browser.execute_script(
            "const target = document.getElementById(arguments[0].slice(1));"
            "return target !== null && target === document.activeElement", href)
        focused = browser.execute_script("return document.activeElement.outerHTML.slice(0, 80)")
        assert landed, f"{href}: focus stayed on {focused}"
