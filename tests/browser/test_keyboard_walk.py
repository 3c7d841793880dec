"""The keyboard walk of ``axe_check`` (tests/browser/tabwalk.js) finds what it is for: a focus that
does not show, a tab order that goes back, a keyboard trap, a skip link that stays off screen; it
passes a page that does none of these, and leaves the focus where it was."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.browser.conftest import tab_walk_problems

pytestmark = pytest.mark.browser

STYLE = ("<style>a:focus,button:focus,input:focus{outline:3px solid #000}"
         ".skip a{position:absolute;left:-999em}.skip a:focus{left:0;top:0}</style>")
GOOD = (f"<!doctype html><html lang=fr><head><title>t</title>{STYLE}</head><body>"
        "<div class=skip-links><a href=#c>Aller au contenu</a></div><main id=c tabindex=-1>"
        "<a href=/un>Un</a><input aria-label=Nom name=nom><fieldset><legend>Choix</legend>"
        "<input type=radio name=r value=1 aria-label=Un><input type=radio name=r value=2 aria-label=Deux></fieldset>"
        "<button id=fin>Envoyer</button></main></body></html>")


def page(browser, html: str) -> None:
    browser.get("data:text/html;charset=utf-8," + urllib.parse.quote(html))


def test_a_good_page_passes_and_keeps_its_focus(browser):
    page(browser, GOOD)
    browser.execute_script("document.querySelector('input[name=nom]').focus()")
    assert tab_walk_problems(browser) == []
    assert browser.execute_script("return document.activeElement.name") == "nom"


def test_a_focus_that_does_not_show(browser):
    page(browser, GOOD.replace("a:focus,", "").replace("<style>", "<style>*{outline:none!important}"))
    problems = tab_walk_problems(browser)
    assert any("no visible focus" in p and "Un" in p for p in problems), problems


def test_a_tab_order_that_goes_back(browser):
    page(browser, GOOD.replace("<button id=fin>", "<button id=fin tabindex=0>").replace(
        "<a href=/un>", "<a href=/un tabindex=2>"))
    problems = tab_walk_problems(browser)
    assert any("tab order goes back" in p for p in problems), problems


def test_a_keyboard_trap(browser):
    trap = ("<script>document.addEventListener('keydown',function(e){if(e.key==='Tab'&&document.activeElement"
            ".name==='nom'){e.preventDefault();}})</script>")
    page(browser, GOOD.replace("</body>", trap + "</body>"))
    problems = tab_walk_problems(browser)
    assert any("2 element(s) never reached by Tab" in p for p in problems), problems


def test_a_skip_link_that_stays_off_screen(browser):
    page(browser, GOOD.replace(".skip a:focus{left:0;top:0}", "").replace("<div class=skip-links>",
                                                                          "<div class='skip skip-links'>"))
    problems = tab_walk_problems(browser)
    assert any("skip link not shown" in p for p in problems), problems


def test_the_walk_passes_on_the_longest_static_page(browser, site_url):
    """The home page has the most stops of the static pages (its cost is a share of the suite's
    time, measured there rather than timed here)."""
    browser.get(site_url + "/")
    assert tab_walk_problems(browser) == []
