"""RGAA 13.3: every link to a file on the built site says the file's format and size, and says
them right (the file's real extension and size), so a visitor knows what they will get before
downloading it; a PDF, should one be published, must be tagged, titled and in French."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import lxml.html
import pytest

from site_tree.downloads import FORMATS, human_size

# What a link to a file looks like: its path ends with the extension of a document, not a page.
DOCUMENT = re.compile(r"\.(txt|pdf|odt|ods|csv|docx?|xlsx?|pptx?|zip|rtf|epub)$", re.IGNORECASE)
MENTION = re.compile(r"\(([^(),]+), ([^()]+)\)")


def file_links(site: Path, page: Path):
    doc = lxml.html.document_fromstring(page.read_bytes())
    for link in doc.xpath("//a[@href]"):
        href = urllib.parse.urlsplit(link.get("href"))
        if href.scheme or href.netloc or not (DOCUMENT.search(href.path) or link.get("download") is not None):
            continue
        target = (site / href.path.lstrip("/")) if href.path.startswith("/") else (page.parent / href.path)
        yield link, target.resolve()


def problems_of(site: Path, page: Path) -> list[str]:
    problems = []
    for link, target in file_links(site, page):
        name = link.get("href")
        if not target.is_file():
            problems.append(f"{name}: no such file")
            continue
        # The mention follows the link, as « Modèle de lettre (texte, 3 Ko) ».
        around = (link.text_content() + " " + (link.tail or "") + " ".join(
            sibling.text_content() for sibling in link.itersiblings())).strip()
        mention = MENTION.search(around)
        expected = (FORMATS.get(target.suffix.lower(), target.suffix.lstrip(".").upper()),
                    human_size(target.stat().st_size))
        if mention is None:
            problems.append(f"{name}: no « (format, taille) » beside the link")
        elif (mention.group(1).strip(), mention.group(2).replace("\u00a0", " ").replace("\u202f", " ").strip()) \
                != expected:
            problems.append(f"{name}: says {mention.group(0)!r}, the file is ({expected[0]}, {expected[1]})")
    return problems


def test_every_link_to_a_file_says_its_real_format_and_size(site, html_pages):
    failures = {str(page.relative_to(site)): problems for page in html_pages if (problems := problems_of(site, page))}
    links = sum(1 for page in html_pages for _ in file_links(site, page))
    assert links >= 20, "the site links to its documents to download: the check found too few links"
    assert failures == {}


def test_the_check_catches_a_wrong_size_and_a_missing_mention(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "modele.txt").write_text("x" * 3000, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<html><body><ul><li><a href="/documents/modele.txt" download>Modèle</a> '
                    '<span>(texte, 9 Ko)</span></li><li><a href="documents/modele.txt">Le même</a></li>'
                    '<li><a href="/documents/absent.pdf">Absent</a></li>'
                    '<li><a href="/documents/modele.txt">Bon</a> (texte, 3 Ko)</li></ul></body></html>',
                    encoding="utf-8")
    assert problems_of(tmp_path, page) == [
        "/documents/modele.txt: says '(texte, 9 Ko)', the file is (texte, 3 Ko)",
        "documents/modele.txt: no « (format, taille) » beside the link",
        "/documents/absent.pdf: no such file",
    ]


@pytest.mark.parametrize("size, said", [(999, "999 octets"), (1499, "1 Ko"), (2600, "3 Ko")])
def test_sizes_read_as_a_person_would_say_them(size, said):
    assert human_size(size) == said


def test_published_pdfs_pass_pdf_ua_1(site):
    """Office documents must be accessible (13.3): a PDF the site publishes must pass veraPDF's
    PDF/UA-1 profile, as the CV does (tests/functional/cv/test_pdf.py)."""
    pdfs = sorted(site.rglob("*.pdf"))
    if not pdfs:
        return  # the site publishes plain text documents only (docs/rgaa/grille.csv, 13.3)
    from tools import verapdf

    failing = {report.path: report.failures for report in verapdf.validate(pdfs) if not report.compliant}
    assert failing == {}
