"""The CV as tagged PDF/UA-1: every layout and order, and an express CV's cover page, pass veraPDF's
PDF/UA-1 profile with no failed rule; the content, the order and the contact details are what they say."""

from __future__ import annotations

import io
import itertools

import pytest
from pypdf import PdfReader

from espace.cv import pdf
from espace.cv.model import LAYOUTS, ORDERS, Attachment, Consent, Cv, Layout, PersonalCv
from tests.functional.cv.sample_cv import contact, full_cv
from tests.spaces import fold_spaces
from tools import verapdf

VARIANTS = list(itertools.product([m for m, _ in LAYOUTS], [o for o, _ in ORDERS]))


def text_of(data: bytes) -> str:
    """The text, each run of spaces and line breaks as one space (a narrow column wraps anywhere)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def personal() -> PersonalCv:
    return PersonalCv("perso0001", "Cuisinier de collectivité", Attachment(
        "users/u/cv/personnel/cv.docx", "mon-cv.docx", "application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document", 12000, 1_700_000_000))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every variant written to a file, with and without contact details, and the cover pages."""
    folder = tmp_path_factory.mktemp("pdf")
    files = {}
    for model, order in VARIANTS:
        files[(model, order, "contact")] = pdf.render(full_cv(), contact(), Layout(model, order))
        files[(model, order, "anonyme")] = pdf.render(full_cv(), None, Layout(model, order))
    files[("cover", "", "contact")] = pdf.render_personal_cover(personal(), contact())
    files[("cover", "", "anonyme")] = pdf.render_personal_cover(personal(), None)
    files[("empty", "", "anonyme")] = pdf.render(Cv(id="videvide01"), None)
    paths = {}
    for key, data in files.items():
        paths[key] = folder / ("-".join(filter(None, key)) + ".pdf")
        paths[key].write_bytes(data)
    return files, paths


def test_every_layout_order_and_the_cover_page_pass_pdf_ua_1(rendered):
    _, paths = rendered
    reports = verapdf.validate(list(paths.values()))
    assert len(reports) == len(paths) == 2 * len(VARIANTS) + 3
    failing = {report.path: report.failures for report in reports if not report.compliant}
    assert failing == {}
    assert all(report.passed_rules > 90 for report in reports)  # the UA-1 profile really ran


def test_veraPDF_does_fail_a_badly_tagged_document(tmp_path):
    """The control: a list item holding a heading (what the templates avoid) fails rule 7.2-20."""
    from weasyprint import HTML

    bad = tmp_path / "mauvais.pdf"
    HTML(string='<html lang="fr"><head><title>Mauvais</title></head><body><ul><li><h2>Titre</h2>'
                "<p>Texte</p></li></ul></body></html>").write_pdf(bad, pdf_variant="pdf/ua-1")
    [report] = verapdf.validate([bad])
    assert not report.compliant and ("7.2", 20) in {(f.clause, f.test) for f in report.failures}


def test_the_document_is_tagged_with_its_language_and_title(rendered):
    files, _ = rendered
    reader = PdfReader(io.BytesIO(files[("classique", "experience", "contact")]))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert fold_spaces(reader.metadata.title) == "CV : Boulangère confirmée – Jeanne Dupré"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.parametrize("model", [m for m, _ in LAYOUTS])
def test_the_order_puts_experiences_or_trainings_first(rendered, model):
    files, _ = rendered
    experience_first = text_of(files[(model, "experience", "contact")])
    training_first = text_of(files[(model, "formation", "contact")])
    for text in (experience_first, training_first):
        for word in ("Jeanne Dupré", "Boulangère tourière", "Fournil de l'Île", "CAP boulanger", "Anglais",
                     "B1 : intermédiaire", "Permis B : voiture", "Sauveteuse secouriste", "depuis septembre 2019",
                     "d’avril 2016 à août 2019", "non obtenu", "Pétrir la pâte"):
            assert word in text, (model, word)
    assert experience_first.index("Expériences professionnelles") < experience_first.index("Formations")
    assert training_first.index("Formations") < training_first.index("Expériences professionnelles")


def test_the_layouts_differ(rendered):
    files, _ = rendered
    fonts = {}
    for model, _ in LAYOUTS:
        page = PdfReader(io.BytesIO(files[(model, "experience", "contact")])).pages[0]
        fonts[model] = {str(font["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    assert any("Serif" in name for name in fonts["sobre"]) and not any("Serif" in n for n in fonts["classique"])
    assert len({files[(model, "experience", "contact")] for model, _ in LAYOUTS}) == 3


def test_without_contact_no_personal_detail_is_printed(rendered):
    files, _ = rendered
    for model, order in VARIANTS:
        text = text_of(files[(model, order, "anonyme")])
        assert "Boulangère confirmée" in text
        for detail in ("Jeanne", "Dupré", "06 12 34 56 78", "jeanne.dupre@example.fr", "rue des Fours"):
            assert detail not in text, (model, order, detail)


def test_for_recruiters_prints_contact_details_only_with_the_consent():
    cv = full_cv()
    cv.consent = Consent(publish=True, share_details=False)
    assert "06 12 34 56 78" not in text_of(pdf.for_recruiters(cv, contact()))
    cv.consent = Consent(publish=True, share_details=True)
    assert "06 12 34 56 78" in text_of(pdf.for_recruiters(cv, contact()))


def test_the_cover_page_names_the_file_and_follows_the_anonymity_choice(rendered):
    files, _ = rendered
    with_contact = text_of(files[("cover", "", "contact")])
    assert "mon-cv.docx" in with_contact and "Jeanne Dupré" in with_contact and "06 12 34 56 78" in with_contact
    anonymous = text_of(files[("cover", "", "anonyme")])
    assert "Cuisinier de collectivité" in anonymous and "Jeanne" not in anonymous
    assert "ne pas afficher ses coordonnées" in anonymous


def test_an_empty_cv_and_hostile_text_render(rendered):
    files, _ = rendered
    assert "aucune information" in text_of(files[("empty", "", "anonyme")])
    cv = full_cv()
    cv.title = "<script>alert(1)</script> & « guillemets »"
    cv.experiences[0].description = "</section><h1>injecté</h1>" + "très long " * 2000
    text = text_of(pdf.render(cv, None))
    assert "<script>alert(1)</script> & « guillemets »" in text and "</section><h1>injecté</h1>" in text


def test_a_safe_file_name():
    cv = full_cv()
    assert pdf.pdf_filename(cv) == "cv-boulangere-confirmee.pdf"
    cv.title = '../"Œuvre" \r\n ; 東京'
    assert pdf.pdf_filename(cv) == "cv-oeuvre.pdf"
    cv.title = "東京"
    assert pdf.pdf_filename(cv) == f"cv-{cv.id}.pdf"
