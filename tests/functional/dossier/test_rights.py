"""The right computed when the dossier opens: stored once with its letter (PDF/UA-1, veraPDF), a
refusal with its reason and letter, and the counsellor's validation that computes it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from espace.bootstrap import get_services
from espace.dossier import right_letters
from espace.dossier.opening import open_dossier
from espace.dossier.records import OPEN, REFUSED
from espace.dossier.rights import compute_right
from espace.inscription.model import FIRST
from espace.inscription.service import RegistrationDesk
from espace.ports import Delete
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers_allocations import with_right
from tests.functional.inscription.samples import all_steps
from tools import verapdf


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _letters(user_id: str, kind: str) -> list[dict]:
    return [item for item in get_services().records.query(f"USER#{user_id}", "LETTER#") if item["kind"] == kind]


def test_the_right_is_computed_once_with_its_notification(platform, tmp_path):
    _client, registration, dossier, right = with_right(platform, "droit@example.fr")
    services, user_id = get_services(), user_id_of("droit@example.fr")
    # The sample: 31 250,40 € from 1 March 2024 to 31 August 2025 (549 days), born in 1990.
    assert right.state == OPEN and right.registration == registration.number
    assert (right.sjr, right.daily, right.duration) == (5692, 3618, 412)
    assert right.basis["days"] == 549 and right.basis["total"] == 3_125_040
    again = compute_right(services, registration, dossier)
    assert again == right
    assert len(services.records.query(f"USER#{user_id}", "RIGHT-VERSION#")) == 1
    [letter] = _letters(user_id, right_letters.NOTIFICATION)
    data = services.files.get(letter["file"]).data
    text = text_of(data)
    for said in ("Notification de droits", "36,18 €", "412 jours", "56,92 €", right_letters.day(right.start),
                 "délai d'attente", "différés d'indemnisation", "Boulangerie Martin"):
        assert said in text, said
    path = tmp_path / "notification.pdf"
    path.write_bytes(data)
    [report] = verapdf.validate([path])
    assert report.compliant, report.failures


def test_too_few_days_worked_is_a_refusal_with_its_letter(platform, tmp_path):
    client = signed_in_client(platform, "rejet@example.fr", "198.51.100.21")
    user_id = user_id_of("rejet@example.fr")
    steps = all_steps()
    steps["experiences"] = {**steps["experiences"], "emplois-0-debut-jour": ["1"], "emplois-0-debut-mois": ["6"],
                            "emplois-0-debut-annee": ["2025"], "emplois-0-salaire": ["5 000"],
                            "emplois-0-heures": ["400"]}
    services = get_services()
    registration = RegistrationDesk(services.records).submit(
        user_id, steps, kind=FIRST, agency_id="17", name="Camille DURAND", email="rejet@example.fr",
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    dossier = open_dossier(services.records, registration, by="automatique")
    right = compute_right(services, registration, dossier)
    assert right.state == REFUSED and "vous avez travaillé 65 jours (400 heures)" in right.reason
    [letter] = _letters(user_id, right_letters.REJECTION)
    data = services.files.get(letter["file"]).data
    assert "Notification de rejet" in text_of(data) and "65 jours" in text_of(data)
    path = tmp_path / "rejet.pdf"
    path.write_bytes(data)
    [report] = verapdf.validate([path])
    assert report.compliant, report.failures
    page = client.get("/mon-dossier/allocations")
    assert page.status == 200 and "Pas de droit ouvert" in page.text() and "65 jours" in page.text()
    assert "Mes paiements" not in page.text()


def test_the_counsellors_validation_computes_the_right(platform):
    from tests.functional.conseillers.helpers import at, book, next_monday, token
    from tests.functional.inscription.helpers import counsellor_client, sent_request

    client = counsellor_client(platform, "conseil-droit@example.org")
    _candidate, registration = sent_request(platform, "candidat-droit@example.org")
    book(registration, at(next_monday(), 9))
    url = f"/conseiller/demandes/{registration.reference}"
    csrf = token(client)
    assert client.post(f"{url}/validation", {}, csrf=csrf).status == 303
    assert client.post(f"{url}/validation", {}, csrf=csrf).status == 303
    right = get_services().records.get(f"USER#{registration.user_id}", "RIGHT")
    assert right["state"] == OPEN and right["registration"] == registration.number
    assert len(_letters(registration.user_id, right_letters.NOTIFICATION)) == 1


def test_a_new_registration_after_an_exhausted_right_gets_a_new_right_without_a_second_waiting_period(platform):
    import dataclasses

    from espace.dossier.model import REGISTERED
    from espace.dossier.records import EXHAUSTED
    from espace.inscription.model import AGAIN
    from espace.ports import Put

    _client, registration, dossier, right = with_right(platform, "encore@example.fr")
    services, user_id = get_services(), registration.user_id
    services.records.transact([Put(dataclasses.replace(right, state=EXHAUSTED, days_used=right.duration).item())])
    ended = dataclasses.replace(dossier, periods=[{**dossier.periods[-1], "end": dossier.periods[-1]["start"]}])
    services.records.transact([Put(ended.item())])
    again = RegistrationDesk(services.records).submit(
        user_id, all_steps(), kind=AGAIN, agency_id="17", name="Camille DURAND", email="encore@example.fr",
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    reopened = open_dossier(services.records, again, by="automatique")
    assert reopened.state == REGISTERED
    new = compute_right(services, again, reopened)
    assert new.registration == again.number and new.state == OPEN and new.version == 1
    assert new.basis["waiting_days"] == 0 and new.start == reopened.periods[-1]["start"]
    assert compute_right(services, again, reopened) == new
    assert len(_letters(user_id, right_letters.NOTIFICATION)) == 2
