"""The gauge component (components/gauge.html): the rate told in text, the bar decorative and in
steps of 5 %, what is missing listed with its links; its example passes the page checks."""

from __future__ import annotations

import lxml.html
import pytest

from espace.settings import Settings
from espace.web.pages import Renderer
from tests.components import render_examples
from tests.pagecheck import page_problems


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    [path] = [p for p in render_examples(tmp_path_factory.mktemp("c")) if p.stem == "jauge"]
    return path.read_text(encoding="utf-8")


def render(percent: int, missing=(), compact=False) -> lxml.html.HtmlElement:
    env = Renderer(Settings(), strict=True).env
    source = ('{% import "components/gauge.html" as g %}'
              '{{ g.gauge(percent, "Votre CV est complété à " ~ percent ~ " %", missing, compact=compact) }}')
    html = env.from_string(source).render(percent=percent, missing=list(missing), compact=compact)
    return lxml.html.fragment_fromstring(html)


def test_the_example_passes_the_page_checks(example):
    assert page_problems(example) == []
    html = lxml.html.document_fromstring(example)
    assert len(html.xpath('//*[contains(@class, "completeness__text")]')) == 5


@pytest.mark.parametrize(("percent", "step"), [(0, 0), (35, 35), (62, 60), (63, 65), (100, 100)])
def test_the_text_tells_the_rate_and_the_bar_is_decorative(percent, step):
    gauge = render(percent)
    assert gauge.xpath('string(.//p[@class="completeness__text"])') == f"Votre CV est complété à {percent} %"
    [track] = gauge.xpath('.//*[@class="completeness__track"]')
    assert track.get("aria-hidden") == "true"
    assert track.xpath("./span/@class") == [f"completeness__bar completeness__bar--{step}"]


def test_what_is_missing_links_to_where_it_is_added():
    gauge = render(40, [("une accroche", "/accroche"), ("au moins une formation", "/formations")])
    [listing] = gauge.xpath(".//ul")
    hint = gauge.xpath(f'.//*[@id="{listing.get("aria-labelledby")}"]')[0]
    assert "ajoutez" in hint.text_content()
    assert [(a.text, a.get("href")) for a in listing.xpath(".//a")] == [
        ("une accroche", "/accroche"), ("au moins une formation", "/formations")]
    assert not render(40, [("une accroche", "/accroche")], compact=True).xpath(".//ul")


def test_every_step_of_the_bar_has_its_width_in_the_stylesheet():
    from tests.conftest import ROOT

    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    for step in range(5, 101, 5):
        assert f".completeness__bar--{step} {{ width: {step}%; }}" in css
