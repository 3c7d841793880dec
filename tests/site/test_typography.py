"""French typography and content checks on the built site: no-break spaces (plugins/french_numbers),
no unintended definition list (plugins/markdown_leftovers), no position-only wording
(plugins/position_wording)."""

import re

from lxml import html as lxml_html

from tests.site.test_build import build_one_page

N, B = "\u202f", "\u00a0"
# A space a line may break at, where French typography keeps the words together.
BREAKABLE = re.compile(r"[ \t\n](?=[;:!?»])|«[ \t\n]|\d[ \t\n]+(?:€|%|jours?|mois|ans?|h)(?![\w-])")
VERBATIM = {"pre", "code", "kbd", "samp"}


def written_text(element):
    """The text of an element outside code samples, one piece per text node."""
    if element.tag in VERBATIM:
        return
    if element.text:
        yield element.text
    for child in element:
        yield from written_text(child)
        if child.tail:
            yield child.tail


def test_the_text_of_every_written_page_keeps_its_no_break_spaces(site, handwritten_pages):
    checked, failures = 0, {}
    for path in handwritten_pages:
        tree = lxml_html.fromstring(path.read_bytes())
        found = [m.group(0) + "…" + text[m.end():m.end() + 20]
                 for block in tree.xpath('//div[contains(@class, "prose")] | //p[@class="lead"]')
                 for text in written_text(block) for m in BREAKABLE.finditer(text)]
        checked += bool(tree.xpath('//div[contains(@class, "prose")]'))
        if found:
            failures[str(path.relative_to(site))] = found[:5]
    assert failures == {}
    assert checked > 80


def test_an_amount_a_question_and_guillemets_as_built(site):
    page = (site / "candidat" / "mes-droits-et-demarches" / "mes-allocations" / "cumuler-allocation-et-salaire.html")
    text = page.read_text(encoding="utf-8")
    assert f"soit 1{N}448,19{B}€ brut au lieu de\n1{N}232,10{B}€ si elle" in text
    assert f"Qui est concerné{N}?</h2>" in text
    assert f"perdus{B}: la fin de ses droits" in text


def test_the_themes_own_text_is_spaced_as_the_handlers_templates(site):
    # espace.templating's FrenchSpacing in Pelican's environment: the theme's text, not only the pages'.
    text = (site / "candidat" / "index.html").read_text(encoding="utf-8")
    assert f"Accessibilité{B}: partiellement conforme" in text and "Accessibilité : " not in text


def test_addresses_keep_their_characters(site, handwritten_pages):
    # Only the text changes: no href, src or id of a written page holds a no-break space.
    bad = [(path.name, value) for path in handwritten_pages
           for value in re.findall(r'(?:href|src|id)="([^"]*)"', path.read_text(encoding="utf-8"))
           if N in value or B in value]
    assert bad == []


def test_a_line_beginning_with_a_colon_stays_in_its_sentence(tmp_path):
    result = build_one_page(tmp_path, "Les jours en trop ne sont pas payés, mais ils ne sont pas perdus\n"
                                      ": ils repoussent la fin de vos droits.")
    assert result.returncode == 0, result.stdout[-3000:]
    text = (tmp_path / "out" / "x.html").read_text(encoding="utf-8")
    assert "<dl" not in text.split('class="prose"')[1]
    assert f"perdus{B}: ils repoussent" in text


def test_a_definition_list_in_a_page_text_fails_the_build(tmp_path):
    result = build_one_page(tmp_path, "<dl><dt>Terme</dt><dd>Définition</dd></dl>")
    assert result.returncode != 0
    assert "a definition list <dl>" in " ".join((result.stdout + result.stderr).split())


def test_position_only_wording_fails_the_build(tmp_path):
    result = build_one_page(tmp_path, "Le modèle est à télécharger\nen bas de page.")
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert "'en bas de page' locates content by its place on the screen" in output
