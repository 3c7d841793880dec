"""Rights pages name their official sources and the day they were checked.

A page that states rules (allowances, deadlines, aids) must carry ``Sources`` and
``Verified`` metadata (plugins/site_tree/sources.py), shown on the page as a
« Sources » section with « Vérifié le … ». The Markdown metadata is read here the
way Pelican reads it (Python-Markdown's meta extension), so no build is needed.
"""

import datetime
import json
import warnings
from pathlib import Path

import markdown
import pytest

from site_tree.sources import SourceError, check_pair, is_stale, parse_sources, parse_verified
from tests.conftest import ROOT, build_site

PAGES = ROOT / "content" / "pages"
RIGHTS_FOLDER = "candidat/mes-droits-et-demarches"
# The aid pages of « Mon projet, ma recherche »: they state eligibility rules and deadlines.
AID_PAGES = {
    "candidat/mon-projet-ma-recherche/je-cree-mon-entreprise/aides-aux-createurs.md",
    "candidat/mon-projet-ma-recherche/j-ai-trouve-un-emploi/aides-a-la-reprise-d-emploi.md",
    "candidat/mon-projet-ma-recherche/je-cherche-un-emploi/aides-a-la-mobilite.md",
    "candidat/mon-projet-ma-recherche/je-me-forme/remuneration-pendant-la-formation.md",
    "candidat/mon-projet-ma-recherche/je-me-forme/compte-personnel-de-formation.md",
    "candidat/mon-projet-ma-recherche/je-me-forme/aide-individuelle-a-la-formation.md",
    "candidat/mon-projet-ma-recherche/je-valide-mes-acquis/financer-ma-vae.md",
}

# Rights pages whose rules have not yet been checked against official sources.
# This list may only shrink: once a page has Sources, remove it from here (the test
# below fails otherwise). Do not add a page to it to make the build pass.
STILL_TO_REVIEW: set[str] = set()
# Reviewed on 2026-12-07, with the rules no official page confirms kept marked as unchecked on
# the page itself: demenagement-et-coordonnees.md (the file's transfer between agencies, the
# reporting delay), transmettre-un-justificatif.md (file formats and size, delays for payslips,
# the agencies' scanners), aide-individuelle-a-la-formation.md (Qualiopi, the 15-day delay, who
# files the request, a training already started; its rules come from Pôle emploi's 2017 AIF
# instruction and two Carif-Oref fiches, France Travail having no page on the AIF).


def rights_pages() -> set[str]:
    folder = {path.relative_to(PAGES).as_posix() for path in (PAGES / RIGHTS_FOLDER).rglob("*.md")
              if path.name != "index.md"}  # index pages only list their children
    return folder | AID_PAGES


def metadata(relative: str, root: Path = PAGES) -> dict[str, list[str]]:
    reader = markdown.Markdown(extensions=["meta"])
    reader.convert((root / relative).read_text(encoding="utf-8"))
    return reader.Meta


def sources_of(relative: str, root: Path = PAGES):
    meta = metadata(relative, root)
    sources = parse_sources(meta.get("sources"))
    verified_lines = meta.get("verified")
    verified = parse_verified(verified_lines[0] if verified_lines else None)
    check_pair(sources, verified)
    return sources, verified


def all_pages() -> list[str]:
    return sorted(path.relative_to(PAGES).as_posix() for path in PAGES.rglob("*.md"))


def test_the_lists_name_real_rights_pages():
    assert len(rights_pages()) >= 20  # the glob found the folder
    assert all((PAGES / page).is_file() for page in AID_PAGES | STILL_TO_REVIEW)
    assert rights_pages() >= STILL_TO_REVIEW


@pytest.mark.parametrize("page", all_pages())
def test_sources_metadata_is_well_formed(page):
    sources_of(page)  # raises SourceError on a malformed line or date


def check_rights_page(page: str, today: datetime.date | None = None, root: Path = PAGES) -> None:
    """Fail when a rights page lacks sources (or a listed page has them); warn when stale."""
    sources, verified = sources_of(page, root)
    if page in STILL_TO_REVIEW:
        assert not sources, f"{page} now has sources: remove it from STILL_TO_REVIEW"
        return
    assert sources and verified, f"{page} states rules: add Sources and Verified metadata"
    if is_stale(verified, today):
        warnings.warn(f"{page}: verified on {verified}, more than 12 months ago: check it again",
                      stacklevel=2)


@pytest.mark.parametrize("page", sorted(rights_pages()))
def test_rights_page_has_sources_unless_listed(page):
    check_rights_page(page)


def test_a_stale_date_only_warns():
    page = "candidat/mon-projet-ma-recherche/je-valide-mes-acquis/financer-ma-vae.md"
    _, verified = sources_of(page)
    assert verified is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_rights_page(page, today=verified + datetime.timedelta(days=365))
    with pytest.warns(UserWarning, match="more than 12 months ago"):
        check_rights_page(page, today=verified + datetime.timedelta(days=366))


def test_a_listed_page_with_sources_fails(monkeypatch):
    page = "candidat/mon-projet-ma-recherche/je-valide-mes-acquis/financer-ma-vae.md"
    monkeypatch.setattr(f"{__name__}.STILL_TO_REVIEW", {page})
    with pytest.raises(AssertionError, match="remove it from STILL_TO_REVIEW"):
        check_rights_page(page)


def test_an_unlisted_page_without_sources_fails(tmp_path, monkeypatch):
    # Every rights page has its sources now: a new page written without them must fail.
    page = f"{RIGHTS_FOLDER}/nouvelle-page.md"
    (tmp_path / RIGHTS_FOLDER).mkdir(parents=True)
    (tmp_path / page).write_text("Title: X\n\nUne règle sans source.\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.STILL_TO_REVIEW", set())
    with pytest.raises(AssertionError, match="add Sources and Verified"):
        check_rights_page(page, root=tmp_path)


@pytest.mark.parametrize("header", [
    "Sources: francetravail.fr/x | France Travail\nVerified: 2026-12-01",      # no https
    "Sources: https://francetravail.fr/x\nVerified: 2026-12-01",              # no title
    "Sources: https://francetravail.fr/x | France Travail\nVerified: 1/12/2026",
    "Sources: https://francetravail.fr/x | France Travail\nVerified: 2026-02-30",
    "Sources: https://francetravail.fr/x | France Travail",                   # no date
    "Verified: 2026-12-01",                                                    # no sources
])
def test_malformed_metadata_fails(tmp_path, header):
    page = tmp_path / "x.md"
    page.write_text(f"Title: X\n{header}\n\nTexte.\n", encoding="utf-8")
    with pytest.raises(SourceError):
        sources_of("x.md", root=tmp_path)


def test_well_formed_metadata_passes(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("Title: X\nSources: https://www.unedic.org/a | Unédic\n    https://francetravail.fr/b | FT\n"
                    "Verified: 2026-12-01\n\nTexte.\n", encoding="utf-8")
    sources, verified = sources_of("x.md", root=tmp_path)
    assert [s["site"] for s in sources] == ["unedic.org", "francetravail.fr"]
    assert verified == datetime.date(2026, 12, 1)


def build_one_page(tmp_path: Path, header: str):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "x.md").write_text(
        f"Title: X\nSummary: s\nModified: 2026-01-01\n{header}\n\nTexte.\n", encoding="utf-8")
    return build_site(tmp_path / "out", content=content), tmp_path / "out"


def test_the_page_shows_its_sources_and_date(tmp_path):
    result, out = build_one_page(tmp_path, (
        "Sources: https://www.unedic.org/a | Unédic : le délai d'attente\n"
        "    https://francetravail.fr/b | France Travail : la formation\n"
        "Verified: 2026-12-01"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    html = (out / "x.html").read_text(encoding="utf-8")
    assert '<h2 id="sources-de-la-page">Sources</h2>' in html
    assert '<a href="https://www.unedic.org/a">Unédic : le délai d&#39;attente</a>' in html \
        or '<a href="https://www.unedic.org/a">Unédic : le délai d\'attente</a>' in html
    assert '<a href="https://francetravail.fr/b">' in html
    assert 'Vérifié le <time datetime="2026-12-01">1er décembre 2026</time>' in html


def test_a_malformed_source_fails_the_build(tmp_path):
    result, _ = build_one_page(tmp_path, "Sources: http://exemple.fr | Exemple\nVerified: 2026-12-01")
    assert result.returncode != 0
    assert "https" in result.stdout + result.stderr


# The yearly ARE amounts live in one data file (read by « Mon outil de simulation », which shows
# them); a page or document that typed them would go stale at the next revaluation.
FIGURES = ROOT / "data" / "allocation" / "are-2026.json"
YEARLY_AMOUNTS = ("partie_fixe_cents", "allocation_minimale_cents", "degressivite_seuil_cents")
ALLOCATION_PAGES = PAGES / RIGHTS_FOLDER / "mes-allocations"


def figure(name: str):
    return json.loads(FIGURES.read_text(encoding="utf-8"))["figures"][name]["value"]


def french_amount(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def french_rate(ten_thousandths: int) -> str:
    """4040 -> « 40,4 % », 5700 -> « 57 % »."""
    whole, rest = divmod(ten_thousandths, 100)
    return (f"{whole},{rest:02d}".rstrip("0").rstrip(",")) + " %"


def content_texts() -> list[Path]:
    content = ROOT / "content"
    return sorted([*content.rglob("*.md"), *(content / "documents").glob("*.txt")])


@pytest.mark.parametrize("name", YEARLY_AMOUNTS)
def test_yearly_amounts_are_not_typed_in_content(name):
    amount = french_amount(figure(name))
    typed = [path.relative_to(ROOT).as_posix() for path in content_texts()
             if amount in path.read_text(encoding="utf-8")]
    assert not typed, f"{amount} € ({name}) is typed in {typed}: link to the simulator instead"


@pytest.mark.parametrize("page, names", [
    ("estimer-mon-allocation.md", ("taux_a_dix_milliemes", "taux_b_dix_milliemes", "plafond_dix_milliemes")),
    ("cumuler-allocation-et-salaire.md", ("cumul_taux_salaire_dix_milliemes",)),
])
def test_the_rates_on_the_pages_are_the_simulators(page, names):
    # The rates are rules, not yearly amounts, and the pages state them; they must be the ones the
    # simulator computes with, so a change in the figures file fails here until the page follows.
    text = " ".join((ALLOCATION_PAGES / page).read_text(encoding="utf-8").split())
    for name in names:
        assert french_rate(figure(name)) in text, f"{page} does not state {name} = {french_rate(figure(name))}"


def test_the_pages_show_the_yearly_amounts_of_the_data_file(site):
    """plugins/are_figures writes them: the page and the simulator show the same amount."""
    from are_figures.plugin import figures_in, formatted

    figures = figures_in(FIGURES.parent)
    page = (site / "candidat" / "mes-droits-et-demarches" / "mes-allocations" / "estimer-mon-allocation.html")
    text = page.read_text(encoding="utf-8")
    for name in YEARLY_AMOUNTS:
        assert formatted(name, figures[name]) in text, name
    left = [path.name for path in site.rglob("*.html") if "{figure" in path.read_text(encoding="utf-8")]
    assert not left, f"placeholders left in {left}"
