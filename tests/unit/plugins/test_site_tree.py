"""Parents, children, breadcrumb and theme of pages in the information tree."""

from types import SimpleNamespace

import pytest

from site_tree.downloads import DownloadError, human_size, parse_downloads
from site_tree.plugin import build_tree, folder_parent_url


class FakePage(SimpleNamespace):
    """Only the attributes the tree reads; ``url`` is frozen by build_tree."""


def page(url, title, order=None, **extra):
    values = {"url": url, "title": title, **extra}
    if order is not None:
        values["order"] = order
    return FakePage(**values)


def test_folder_parent_url():
    assert folder_parent_url("candidat/a/b/page.html") == "candidat/a/b/index.html"
    assert folder_parent_url("candidat/a/b/index.html") == "candidat/a/index.html"
    assert folder_parent_url("candidat/index.html") is None
    assert folder_parent_url("faq.html") is None


def test_tree_levels_breadcrumb_and_order(tmp_path):
    root = page("candidat/index.html", "Espace candidat")
    theme = page("candidat/droits/index.html", "Mes droits", order=1)
    second = page("candidat/conseils/index.html", "Mes conseils", order=2)
    entry = page("candidat/droits/demarches/index.html", "Mes démarches", order=1)
    leaf_b = page("candidat/droits/demarches/b.html", "B", order=2)
    leaf_a = page("candidat/droits/demarches/a.html", "A", order=1)
    faq = page("faq.html", "FAQ")
    fiche = page("metiers/A1101.html", "Fiche", tree_parent_url="candidat/conseils/index.html")
    tree = build_tree([second, leaf_b, root, theme, entry, leaf_a, faq, fiche], str(tmp_path))

    assert tree["themes"] == [theme, second]
    assert entry.tree_children == [leaf_a, leaf_b]
    assert leaf_a.ancestors == [root, theme, entry]
    assert (theme.level, entry.level, leaf_a.level) == (1, 2, 3)
    assert leaf_a.theme is theme
    # Pages outside the tree hang under the root in the breadcrumb only.
    assert faq.ancestors == [root] and faq.theme is None and faq not in root.tree_children
    # Generated pages name their parent explicitly.
    assert fiche.tree_parent is second and fiche.theme is second


def test_downloads_give_format_and_size(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "liste.txt").write_text("x" * 2400)
    parsed = parse_downloads(["documents/liste.txt | Liste des pièces"], str(tmp_path))
    assert parsed == [{"url": "documents/liste.txt", "label": "Liste des pièces", "format": "texte", "size": "2 Ko"}]
    assert human_size(512) == "512 octets"


@pytest.mark.parametrize("line", ["documents/absent.txt | Absent", "documents/liste.txt sans libellé"])
def test_bad_downloads_fail_the_build(tmp_path, line):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "liste.txt").write_text("x")
    with pytest.raises(DownloadError):
        parse_downloads(line, str(tmp_path))
