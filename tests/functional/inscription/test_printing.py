"""The forms to print and sign (espace.inscription.printing): the whole request as a tagged
PDF/UA-1 document, checked by veraPDF, from the services or from the settings alone."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader

from espace.inscription import printing
from espace.inscription.model import AGAIN, BOOKED, FIRST, SUBMITTED, VALIDATED, Registration
from tests.functional.inscription.samples import all_steps
from tests.spaces import fold_spaces
from tools import verapdf


def registration(state: str = SUBMITTED, kind: str = FIRST, steps=None) -> Registration:
    now = int(time.time())
    appointment = {"start": now + 3 * 86400, "length": 45, "agency_id": "17"} if state != SUBMITTED else None
    return Registration("a" * 32, 2, kind, state, all_steps() if steps is None else steps, now, "17",
                        "Camille DURAND", "camille@example.org", appointment,
                        now if state == VALIDATED else None)


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from espace.settings import get_settings

    folder = tmp_path_factory.mktemp("demandes")
    variants = {"envoyee": registration(), "rendez-vous": registration(BOOKED),
                "validee": registration(VALIDATED, AGAIN), "vide": registration(steps={})}
    files = {name: printing.render(get_settings(), reg) for name, reg in variants.items()}
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return files, paths


def test_every_state_passes_pdf_ua_1(rendered):
    _, paths = rendered
    reports = verapdf.validate(list(paths.values()))
    assert len(reports) == len(paths) == 4
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
    assert all(report.passed_rules > 90 for report in reports)  # the UA-1 profile really ran


def test_the_document_holds_every_answer_the_agency_and_the_signature_block(rendered):
    from espace.settings import get_settings

    files, _ = rendered
    text = text_of(files["rendez-vous"])
    assert "Inscription comme demandeur d'emploi" in text
    assert f"Demande n° {'a' * 32}-002 de Camille DURAND" in text
    assert "Rendez-vous d'inscription :" in text
    for step in ("Situation administrative", "Situation du demandeur d'emploi", "Expériences professionnelles",
                 "Connaissances et formation", "Projet professionnel"):
        assert step in text
    assert "Emploi recherché Maçon / Maçonne" in text and "La Rochelle (17)" in text
    assert "CDI, CDD" in text and "Ouvrier qualifié" in text
    assert "Fait à" in text and "Signature" in text and "Je certifie l'exactitude" in text
    assert "Cette agence est fictive" in text
    assert "Réinscription comme demandeur d'emploi" in text_of(files["validee"])
    assert "Aucune réponse à cette étape." in text_of(files["vide"])
    agency = printing._parts(get_settings())[1].get("17")
    assert agency.full_address.split(",")[0] in text


def test_the_document_is_tagged_with_its_language_and_title(rendered):
    files, _ = rendered
    reader = PdfReader(io.BytesIO(files["envoyee"]))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert fold_spaces(reader.metadata.title) == f"Inscription : demande n° {'a' * 32}-002 – Camille DURAND"


def test_the_services_or_the_settings_render_the_same_document(platform):
    from espace.bootstrap import get_services

    request = registration(BOOKED)
    by_services = printing.html(get_services(), request)
    by_settings = printing.html(get_services().settings, request)
    assert by_services == by_settings and "Maçon / Maçonne" in by_services


def test_the_document_has_french_no_break_spaces_and_the_answers_as_typed():
    # The PDF documents share the pages' typography (espace.templating); veraPDF above reads them.
    from espace.settings import get_settings

    markup = printing.html(get_settings(), registration(BOOKED))
    assert "Rendez-vous d'inscription\u00a0:" in markup and "État\u00a0:" in markup
    assert "Rendez-vous d'inscription :" not in markup
