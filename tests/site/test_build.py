"""The Pelican build itself: fatal on warnings, complete, with feeds and sitemap."""

import csv
from pathlib import Path

import pytest
from lxml import etree

from markdown_leftovers.check import leftovers
from tests.conftest import ROOT, build_site

ROME_CODES = ROOT / "data" / "rome" / "unix_referentiel_code_rome_v460_utf8.csv"


def build_one_page(tmp_path, body: str):
    """Build a site whose only content is one page with this Markdown body."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "x.md").write_text(f"Title: X\nSummary: s\nModified: 2026-01-01\n\n{body}\n",
                                            encoding="utf-8")
    return build_site(tmp_path / "out", content=content)


def test_broken_link_fails_the_build(tmp_path):
    # The guarantee the rest of the suite relies on: a warning is fatal.
    result = build_one_page(tmp_path, "[lien]({filename}/pages/absent.md)")
    assert result.returncode != 0


def test_every_rome_code_has_a_fiche(site):
    with ROME_CODES.open(encoding="utf-8") as handle:
        codes = [row["code_rome"] for row in csv.DictReader(handle)]
    assert len(codes) == 1584
    missing = [code for code in codes if not (site / "metiers" / f"{code}.html").is_file()]
    assert missing == []


def test_rome_index_pages(site):
    assert len(list(site.glob("metiers/[A-N].html"))) == 14
    assert len(list(site.glob("metiers/[A-N][0-9][0-9].html"))) == 110
    assert len(list(site.glob("secteurs/[A-N].html"))) == 14
    assert (site / "metiers" / "appellations" / "index.html").is_file()


def test_three_levels_under_the_first_three_themes(site):
    base = site / "candidat"
    themes = {
        "mes-droits-et-demarches": ["mes-demarches", "mes-changements-de-situation", "mes-allocations", "reclamations"],
        "mon-projet-ma-recherche": ["j-evalue-mes-competences", "je-m-oriente", "je-valide-mes-acquis", "je-me-forme",
                                    "je-cherche-un-emploi", "j-ai-trouve-un-emploi", "je-cree-mon-entreprise"],
        "mes-conseils": ["mes-services-en-ligne", "mes-trucs-et-astuces", "espace-jeunes"],
    }
    for theme, entries in themes.items():
        assert (base / theme / "index.html").is_file(), theme
        for entry in entries:
            folder = base / theme / entry
            assert (folder / "index.html").is_file(), entry
            level_three = [p for p in folder.glob("*.html") if p.name != "index.html"]
            assert len(level_three) >= 3, f"{theme}/{entry} has {len(level_three)} level-III pages"


def test_atom_feed_lists_the_news(site):
    feed = etree.parse(str(site / "flux" / "actualites.atom.xml"))
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) >= 5
    for entry in entries:
        link = entry.find("{http://www.w3.org/2005/Atom}link").get("href")
        assert link.startswith("http://127.0.0.1:8000/actualites/")
        assert (site / link.removeprefix("http://127.0.0.1:8000/")).is_file()


def test_sitemap_lists_every_page(site, html_pages):
    tree = etree.parse(str(site / "sitemap.xml"))
    locs = {loc.text.removeprefix("http://127.0.0.1:8000/") for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for loc in locs:
        assert loc == "" or (site / loc).is_file(), loc
    pages = {str(p.relative_to(site)) for p in html_pages} - {"index.html", "404.html"}
    assert pages - locs == set()


def test_downloads_are_published_with_format_and_size(site):
    pages_with_downloads = [p for p in site.rglob("*.html")
                            if "Documents à télécharger" in p.read_text(encoding="utf-8")]
    assert len(pages_with_downloads) >= 20
    assert any(Path(site, "documents").glob("*.txt"))


def test_markdown_shown_as_text_fails_the_build(tmp_path):
    # plugins/markdown_leftovers: a bold that does not close is written as « ** », so no page ships it.
    result = build_one_page(tmp_path, "Un **gras ** qui ne ferme pas.")
    assert result.returncode != 0
    assert "'**' shown as text" in " ".join((result.stdout + result.stderr).split())


def test_no_page_shows_markdown_syntax(site, html_pages):
    # The plugin checks what each build writes; this covers every page of a full build at once.
    failures = {str(p.relative_to(site)): problems for p in html_pages
                if (problems := leftovers(p.read_text(encoding="utf-8")))}
    assert failures == {}


@pytest.mark.parametrize("page, link", [
    ("reclamations/reclamation-et-mediateur.html", "reclamations/contester-une-decision.html"),
    ("mes-changements-de-situation/absence-et-conges.html", "mes-allocations/ass-et-autres-aides.html"),
    ("mes-allocations/cumuler-allocation-et-salaire.html", None),
])
def test_a_line_beginning_with_a_colon_is_not_a_definition_list(site, page, link):
    # French wraps « … perdus\n: ils repoussent … »: that must stay one sentence of a paragraph.
    text = (site / "candidat" / "mes-droits-et-demarches" / page).read_text(encoding="utf-8")
    assert "<dl" not in text and "<dt" not in text
    assert link is None or f'href="/candidat/mes-droits-et-demarches/{link}"' in text


def test_the_theme_has_the_same_filters_in_the_build_and_in_the_services():
    # One theme, two renderers: a filter missing from one breaks its pages only there.
    import runpy

    from espace.settings import Settings
    from espace.web.pages import Renderer

    build = runpy.run_path(str(ROOT / "pelicanconf.py"))["JINJA_FILTERS"]
    services = Renderer(Settings()).env.filters
    assert {"number", "plural", "date_fr", "lang_en", "striptags"} <= set(build)
    for name in build:
        assert name in services, name
    assert build["number"](12921) == services["number"](12921) == "12\u202f921"
    assert build["striptags"]("<p>1\u202f500</p>") == services["striptags"]("<p>1\u202f500</p>") == "1\u202f500"


def test_grouped_numbers_and_no_break_spaces_survive_into_the_pages(site):
    # plugins/french_numbers and the theme's striptags: « 1 500 » in a Summary, « 50 400 » in a text.
    home = (site / "candidat" / "index.html").read_text(encoding="utf-8")
    assert "plus de 1\u202f500 métiers" in home and "plus de 1 500" not in home
    allocation = site / "candidat" / "mes-droits-et-demarches" / "mes-allocations" / "estimer-mon-allocation.html"
    assert "50\u202f400" in allocation.read_text(encoding="utf-8")
    index = (site / "metiers" / "appellations" / "index.html").read_text(encoding="utf-8")
    assert 'content="Les 12\u202f921 appellations' in index
