"""The end of the interview through the counsellor's pages: validation (once, whatever the
clicks; the dossier and identifier; the audit entry in the candidate's export), and ending the
registration (errors, once, and the re-registration rule it opens)."""

from __future__ import annotations

import datetime as dt
import json

from espace import clock
from tests.functional.conseillers.helpers import at, audit_of, book, current, date_fields, next_monday, token
from tests.functional.inscription.helpers import counsellor_client, sent_request


def _dossier(user_id: str):
    from espace.bootstrap import get_services
    from espace.dossier.opening import dossier_of

    return dossier_of(get_services().records, user_id)


def test_validation_opens_the_dossier_once_and_the_candidate_reads_it_in_the_export(platform):
    from espace.dossier.model import REGISTERED, identifier_is_valid
    from espace.inscription.model import VALIDATED

    client = counsellor_client(platform, "conseil@example.org")
    candidate, registration = sent_request(platform, "candidat@example.org")
    book(registration, at(next_monday(), 9))
    url = f"/conseiller/demandes/{registration.reference}"
    confirm = client.get(f"{url}/validation")
    assert confirm.status == 200 and "un identifiant définitif" in confirm.text()
    csrf = token(client)
    first = client.post(f"{url}/validation", {}, csrf=csrf)
    second = client.post(f"{url}/validation", {}, csrf=csrf)
    assert first.status == second.status == 303
    validated = current(registration)
    assert validated.state == VALIDATED and identifier_is_valid(validated.identifier or "")
    dossier = _dossier(registration.user_id)
    assert dossier.state == REGISTERED and dossier.identifier == validated.identifier
    assert [e["action"] for e in audit_of(registration.user_id)].count("demande-validee") == 1
    # The confirmation letter and its mail, once for the two clicks.
    from espace.bootstrap import get_services

    letters = get_services().records.query(f"USER#{registration.user_id}", "LETTER#")
    # (With it, the right's « Notification de droits », issue 13: tests/functional/dossier/test_rights.py.)
    assert [letter["title"] for letter in letters if letter["kind"] == "confirmation-inscription"] == [
        "Confirmation d'inscription"]
    mails = [m for m in platform.mails_to("candidat@example.org") if validated.identifier in m[2]]
    assert len(mails) == 1
    page = client.get(url)
    assert validated.identifier in page.text() and "par Camille Martin" in page.text()
    assert f"Son identifiant : {validated.identifier}" in page.text() and "déjà validée" in page.text()
    assert client.get(f"{url}/validation").status == 303  # nothing left to confirm
    exported = json.loads(candidate.get("/mon-espace/donnees.json").body)
    audit = [r for r in exported["records"] if r["sk"].startswith("AUDIT#")]
    assert {r["action"] for r in audit} >= {"demande-validee", "demande-consultee"}
    assert all(r["counsellor_name"] == "Camille Martin" for r in audit)


def test_validations_racing_validate_once(platform):
    """Two validations of a re-registration (an existing, ended dossier: no identifier record
    to collide on) at the same instant: one writes, the other finds it done."""
    from concurrent.futures import ThreadPoolExecutor

    from espace.bootstrap import get_services
    from espace.conseillers import audit
    from espace.conseillers.common import once
    from espace.conseillers.model import counsellor
    from espace.dossier.model import Dossier, new_identifier
    from espace.dossier.opening import open_dossier
    from tests.functional.accounts.helpers import user_id_of

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    assert client.get("/conseiller").status == 200
    who = counsellor(get_services().records, user_id_of("conseil@example.org"))
    records = get_services().records
    ended = Dossier(registration.user_id, new_identifier(), "17", [{"start": "2025-01-06", "end": "2025-12-01"}], 0)
    records.put(ended.item())

    def validate(_):
        return open_dossier(records, registration, by=who.user_id, also=[
            once(registration.user_id, f"validation#{registration.number:03d}"),
            audit.entry(who, registration.user_id, "demande-validee", about=registration.reference)])

    workers = 4 if platform.profile == "embedded" else 1  # moto is not atomic across threads
    with ThreadPoolExecutor(workers) as pool:
        dossiers = list(pool.map(validate, range(4)))
    assert {d.identifier for d in dossiers} == {ended.identifier}
    assert len(_dossier(registration.user_id).periods) == 2
    assert [e["action"] for e in audit_of(registration.user_id)].count("demande-validee") == 1


def test_ending_the_registration_with_errors_then_once(platform):
    from espace.dossier.model import ENDED, reregisters_without_interview

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    url = f"/conseiller/demandes/{registration.reference}"
    assert client.get(f"{url}/cessation").status == 409  # not validated yet
    csrf = token(client)
    client.post(f"{url}/validation", {}, csrf=csrf)
    page = client.get(url)
    assert page.html.xpath(f"//a[@href='{url}/cessation']")
    form = client.get(f"{url}/cessation")
    assert form.status == 200
    key = form.html.xpath("//input[@name='cle']/@value")[0]
    today = clock.today()
    cases = [
        ({}, ["Indiquez la date de fin de l'inscription.", "Choisissez le motif de la fin d'inscription."]),
        ({**date_fields("date_fin", today + dt.timedelta(days=3)), "motif": "formation"},
         [f"La date de fin doit être le {today:%d/%m/%Y} ou avant."]),
        ({**date_fields("date_fin", today - dt.timedelta(days=3)), "motif": "formation"},
         [f"La date de fin doit être le {today:%d/%m/%Y} ou après."]),
        ({**date_fields("date_fin", today), "motif": "autre"}, ["Précisez le motif de la fin d'inscription."]),
        ({**date_fields("date_fin", today), "motif": "inventé"}, ["Choisissez un des motifs de la liste."]),
        ({**date_fields("date_fin", today), "motif": "autre", "precision": "p" * 300},
         ["La précision doit contenir au plus 200 caractères."]),
    ]
    for data, summary in cases:
        bad = client.post(f"{url}/cessation", {**data, "cle": key}, csrf=csrf)
        assert bad.status == 400 and bad.error_summary() == summary, bad.error_summary()
    assert _dossier(registration.user_id).ended_on is None
    good = {**date_fields("date_fin", today), "motif": "reprise-emploi", "cle": key}
    first = client.post(f"{url}/cessation", good, csrf=csrf)
    second = client.post(f"{url}/cessation", good, csrf=csrf)
    assert first.status == second.status == 303
    dossier = _dossier(registration.user_id)
    assert dossier.state == ENDED and dossier.ended_on == today and dossier.end_reason == "reprise-emploi"
    assert [e["action"] for e in audit_of(registration.user_id)].count("inscription-terminee") == 1
    told = client.get(url).text()
    assert "prend fin le" in told and "rien n'a été refait" in told
    assert reregisters_without_interview(dossier, today + dt.timedelta(days=30))
    assert client.get(f"{url}/cessation").status == 409
