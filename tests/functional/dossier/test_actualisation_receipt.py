"""The receipt of a declaration: a PDF/UA-1 letter of « Mes courriers » that veraPDF passes, saying
the answers as declared, one per version."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from espace.bootstrap import get_services
from espace.dossier.letters import RECEIPT
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.actualisation_helpers import BASE, move_to, nothing_to_report, registered, two_employers
from tools import verapdf


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_both_versions_receipts_say_the_answers_and_pass_pdf_ua_1(platform, monkeypatch, tmp_path):
    client, _registration, dossier = registered(platform, monkeypatch, "recu@example.fr", dt.date(2026, 12, 1))
    move_to(monkeypatch, dt.date(2026, 12, 28))
    nothing_to_report(client)
    assert client.post(f"{BASE}/correction", two_employers()).status == 303
    assert client.post(f"{BASE}/verification", {}).location.endswith("/accuse/2026-12-v2")
    services, user_id = get_services(), user_id_of("recu@example.fr")
    receipts = sorted((item for item in services.records.query(f"USER#{user_id}", "LETTER#")
                       if item["kind"] == RECEIPT), key=lambda item: item["about"])
    assert [item["about"] for item in receipts] == ["2026-12-v1", "2026-12-v2"]
    paths = []
    for item in receipts:
        path = tmp_path / f"{item['about']}.pdf"
        path.write_bytes(services.files.get(item["file"]).data)
        paths.append(path)
    first, second = (_text(path.read_bytes()) for path in paths)
    assert "Accusé de réception de votre actualisation de décembre 2026" in first
    assert dossier.identifier in first and "Vous n'avez pas travaillé pendant le mois." in first
    assert "version 2" in second and "Travail chez Boulangerie Martin : 35 heures, 412,30 € brut." in second
    assert "Formation du 16 décembre 2026 au 18 décembre 2026 (AFPA)." in second
    assert "15 janvier 2027" in second
    reader = PdfReader(io.BytesIO(paths[1].read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "fr" and reader.metadata.title.startswith("Accusé de réception")
    reports = verapdf.validate(paths)
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
    assert len(reports) == 2
    listing = client.get("/mon-dossier/courriers")
    assert "Actualisation" in listing.text() and "version 2" in listing.text()
