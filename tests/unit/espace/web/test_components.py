"""The component examples render every state as a page should (structure, ids, labels),
and the form components tie hints and errors to their controls."""

from __future__ import annotations

import lxml.html
import pytest

from tests.components import render_examples
from tests.pagecheck import page_problems


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return {path.stem: path.read_text(encoding="utf-8") for path in render_examples(tmp_path_factory.mktemp("c"))}


def test_every_example_passes_the_page_checks(pages):
    assert len(pages) >= 5
    for name, html in pages.items():
        assert page_problems(html) == [], name


def test_errors_link_to_the_control_to_fix_in_field_order(pages):
    html = lxml.html.document_fromstring(pages["formulaire-erreurs"])
    links = [a.get("href") for a in html.xpath("//*[@data-error-summary]//a")]
    assert links == ["#nom", "#courriel", "#mot_de_passe", "#region", "#contrat-1", "#permis-1", "#naissance-jour",
                     "#debut-mois", "#accroche", "#cv", "#accord"]
    for href in links:
        target = html.get_element_by_id(href[1:])
        assert target.tag in {"input", "select", "textarea"}, href
    assert html.xpath("//title")[0].text_content().startswith("Erreur")  # the title tells the state
    date = html.xpath('//input[@name="naissance-jour"]')[0]
    assert date.get("value") == "31"  # kept as typed although the date does not exist
    assert "date réelle" in html.get_element_by_id("naissance-erreur").text_content()
    assert html.xpath('//input[@name="debut-mois"]')[0].get("value") == "13"  # the month field, likewise
    assert "entre 1 et 12" in html.get_element_by_id("debut-erreur").text_content()
    radios = html.xpath('//fieldset[.//input[@name="contrat"]]')[0]
    assert "contrat-erreur" in radios.get("aria-describedby")


def test_values_are_kept_except_passwords_and_files(pages):
    html = lxml.html.document_fromstring(pages["formulaire-rempli"])
    assert html.xpath('//input[@name="nom"]/@value') == ["Martin"]
    assert html.xpath('//input[@name="mot_de_passe"]/@value') == [""]
    assert html.xpath('//input[@name="permis"][@checked]/@value') == ["B", "C"]
    assert html.xpath('//input[@name="contrat"][@checked]/@value') == ["CDD"]
    assert html.xpath('//select[@name="region"]/option[@selected]/@value') == ["84"]
    assert not html.xpath("//*[@data-error-summary]")


def test_buttons_name_their_object(pages):
    html = lxml.html.document_fromstring(pages["etapes-et-recapitulatif"])
    names = [" ".join(b.text_content().split()) for b in html.xpath("//main//button")]
    assert names == ["Retirer l'offre 123ABCD du classeur", "Retirer l'offre 456EFGH du classeur"]
    changes = [" ".join(a.text_content().split()) for a in html.xpath("//dl//a")]
    assert changes == ["Modifier le nom", "Modifier permis de conduire"]
    statuses = [" ".join(s.text_content().split()) for s in html.xpath("//ol[@class='task-list']//strong")]
    assert statuses == ["Terminé", "En cours", "Non commencé"]
