"""Every built page passes the structural page checks."""

import html5lib
import pytest

from tests.pagecheck import page_problems


def test_every_page_passes_the_page_checks(site, html_pages):
    assert len(html_pages) > 1700
    failures = {}
    for path in html_pages:
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            failures[str(path.relative_to(site))] = problems
    assert failures == {}


def test_handwritten_pages_parse_without_html_errors(handwritten_pages):
    # html5lib in strict mode raises on any parse error the HTML spec defines.
    for path in handwritten_pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(path.read_bytes())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{path.name}: {error}")


def test_pages_below_home_have_the_breadcrumb(site, html_pages):
    for path in html_pages:
        if path.name == "index.html" and path.parent == site:
            continue
        text = path.read_text(encoding="utf-8")
        assert 'aria-label="Fil d\'Ariane"' in text, path
        assert 'Vous êtes\u00a0: <a href="/">Accueil</a>' in text, path  # the theme's French spacing


def test_english_terms_of_the_rome_are_marked_for_screen_readers(site):
    # WCAG 3.1.2: a French voice mispronounces « Growth hacker »; lang="en" switches voices.
    fiche = (site / "metiers" / "M1716.html").read_text(encoding="utf-8")
    assert '<li><span lang="en">Growth hacker</span></li>' in fiche
    heading = '<h1><span lang="en">Community manager</span> <span class="code">(E1101)</span></h1>'
    assert heading in (site / "metiers" / "E1101.html").read_text(encoding="utf-8")
    index = site / "metiers" / "appellations" / "g.html"
    assert '<span lang="en">Growth hacker</span></a>' in index.read_text(encoding="utf-8")
