"""The build check that no page shows Markdown syntax as text (plugins/markdown_leftovers)."""

import logging
from types import SimpleNamespace

import markdown
import pytest

from markdown_leftovers.check import definition_lists, leftovers
from markdown_leftovers.plugin import check_text, check_written

# The site's Markdown settings (pelicanconf.MARKDOWN), so a snippet renders as a page would.
EXTENSIONS = [f"markdown.extensions.{name}" for name in
              ("abbr", "attr_list", "fenced_code", "footnotes", "md_in_html", "tables", "meta", "toc")]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS, output_format="html5")


@pytest.mark.parametrize("source, shown", [
    # The defect of reclamation-et-mediateur.md: a link broken by a block boundary.
    ("lisez [contester une\n\ndécision]({filename}/pages/x.md) : les délais", "{filename}"),
    ("le [modèle]({static}/documents/modele.txt)", "{static}"),
    ("une [page](https://exemple.fr/a\n\nsuite) coupée", "]("),
    ("Voir [ici][absente].", "]["),
    ("Un **gras ** qui ne ferme pas", "**"),
    ("Une note[^1] sans sa note.", "[^"),
    ("Un paragraphe\n{: .lead}\nsuite", "{:"),
    ("Une liste collée au texte :\n- un\n- deux", "list item"),
    ("Les étapes :\n1. écrire\n2. envoyer", "list item"),
    ("<p>Texte\n## Un titre oublié</p>", "'#"),
    ("``code pas fermé", "`"),
])
def test_markdown_shown_as_text_is_found(source, shown):
    problems = leftovers(render(source))
    assert problems, f"nothing found in {render(source)!r}"
    assert any(shown in problem for problem in problems), problems


@pytest.mark.parametrize("source", [
    "Voir [la page]({filename}/x.md) : les délais.",  # resolved by Pelican before it is written; see below
    "Un **gras** et une *emphase*, une [page](https://exemple.fr), du `code`.",
    "Texte\n\n- un\n- deux\n\n1. premier\n2. second",
    "Texte\n## Un titre\nsuite",
    "```\n**pas du Markdown** [ici](là) ` {filename}\n```",
    "Le 3949, 1 232,10 € ; 70 % × 750 € = 525 € ; « a » : b",
])
def test_rendered_markdown_passes(source):
    page = render(source).replace("{filename}/x.md", "/x.html")
    assert leftovers(page) == []


def test_a_placeholder_left_in_an_address_is_found():
    assert leftovers('<p><a href="{filename}/pages/x.md">x</a></p>')
    assert leftovers('<p><a href="|filename|/pages/x.md">x</a></p>')


def test_code_and_comments_may_show_syntax():
    page = "<pre>**a** [b](c)</pre><code>`x` ][</code><!-- ](x) --><kbd>**</kbd><p>ok</p>"
    assert leftovers(page) == []


def test_each_occurrence_is_quoted_with_its_context():
    problems = leftovers("<p>Un **premier** passage</p><p>plus loin, un **autre</p>")
    assert len(problems) == 3
    assert "plus loin, un **autre" in problems[-1]


def test_the_plugin_warns_for_each_finding_so_a_fatal_build_fails(tmp_path, caplog):
    page = tmp_path / "page.html"
    page.write_text(render("lisez [contester une\n\ndécision]({filename}/x.md) : les délais"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        check_written(str(page))
        check_written(str(tmp_path / "feed.xml"))  # not a page: not read
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.WARNING]  # "](" and "{filename}"
    assert str(page) in caplog.records[0].getMessage()


# A French sentence wrapped before its colon, as cumuler-allocation-et-salaire.md had it.
WRAPPED_COLON = "Les 13 autres jours ne sont pas perdus\n: la fin de ses droits est repoussée d'autant."


def test_a_definition_list_made_of_a_wrapped_sentence_is_found():
    with_def_list = markdown.markdown(WRAPPED_COLON, extensions=[*EXTENSIONS, "markdown.extensions.def_list"])
    problems = definition_lists(with_def_list)
    assert [p.split(">")[0] for p in problems] == ["a definition list <dl", "a definition list <dt",
                                                  "a definition list <dd"]
    assert "perdus" in problems[1]


def test_the_site_settings_keep_a_wrapped_sentence_one_paragraph():
    assert definition_lists(render(WRAPPED_COLON)) == []
    assert render(WRAPPED_COLON).startswith("<p>Les 13 autres jours")


def test_definition_lists_in_code_samples_are_not_counted():
    assert definition_lists("<pre><dl><dt>a</dt></dl></pre><p>&lt;dl&gt; est une balise</p>") == []


def test_the_plugin_warns_for_a_definition_list_in_a_page_text(caplog):
    page = SimpleNamespace(_content="<dl><dt>Terme</dt><dd>définition</dd></dl>", source_path="pages/x.md")
    with caplog.at_level(logging.WARNING):
        check_text(page)
        check_text(SimpleNamespace(_content="<p>ok</p>", source_path="pages/y.md"))
    assert len(caplog.records) == 3
    assert all("pages/x.md" in r.getMessage() for r in caplog.records)
