"""Sending the request (espace.inscription.submission), through the pages on both profiles: the
agency, the name and the values as typed; once only; refused while a request is pending or the
candidate is registered; a re-registration within six months validated at once, without an
appointment."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples import all_steps
from tests.functional.inscription.sending import BASE, CHECK, fill_steps, send

EMAIL = "envoi@example.org"


def desk():
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    return RegistrationDesk(get_services().records)


def records():
    from espace.bootstrap import get_services

    return get_services().records


def ended_dossier(user_id: str, ended_days_ago: int, identifier: str = "1234567A"):
    """A dossier whose registration ended ``ended_days_ago`` days ago (as a counsellor's
    « cessation » leaves it), with the validated request that opened it."""
    from espace.dossier.model import Dossier, check_letter
    from espace.ports import Put

    digits = identifier[:7]
    identifier = digits + check_letter(digits)
    today = clock.today()
    dossier = Dossier(user_id, identifier, "17", [{"start": (today - dt.timedelta(days=400)).isoformat(),
                                                   "end": (today - dt.timedelta(days=ended_days_ago)).isoformat()}], 1)
    records().transact([Put(dossier.item()), Put({"pk": f"IDENT#{identifier}", "sk": "ACCOUNT", "user_id": user_id})])
    return dossier


def test_sending_records_the_request_with_its_agency_and_leads_to_the_appointment(platform):
    from espace.inscription.model import FIRST, SUBMITTED

    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    check = client.get(CHECK)
    assert check.status == 200 and "Maçon / Maçonne" in check.text() and "La Rochelle (17)" in check.text()
    token = client.csrf_token(CHECK)
    sent = send(client, token)
    assert sent.status == 303 and sent.location == f"{BASE}/rendez-vous"
    [registration] = desk().history(user_id_of(EMAIL))
    assert (registration.kind, registration.state, registration.agency_id) == (FIRST, SUBMITTED, "17")
    assert registration.steps == all_steps()  # the values as typed, every step
    assert registration.email == EMAIL and registration.name
    assert records().get(f"USER#{user_id_of(EMAIL)}", "DRAFT#inscription") is None
    # The agency's copy, for the counsellors' list.
    assert [r.reference for r in desk().of_agency("17")] == [registration.reference]
    # A second click (the draft is gone): nothing more is sent.
    again = send(client, token)
    assert again.status == 303 and again.location == "/mon-espace/inscription/demande"
    assert len(desk().history(user_id_of(EMAIL))) == 1


def test_a_pending_request_refuses_another_and_keeps_the_draft(platform):
    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    assert send(client).status == 303
    fill_steps(client)
    refused = send(client)
    assert refused.status == 409
    assert "Vous avez déjà une demande d'inscription en cours" in refused.text()
    assert "Votre brouillon est conservé" in refused.text()
    assert len(desk().history(user_id_of(EMAIL))) == 1
    assert records().get(f"USER#{user_id_of(EMAIL)}", "DRAFT#inscription") is not None


def test_a_registered_candidate_cannot_send_a_new_request(platform):
    from espace.dossier.opening import open_dossier

    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    send(client)
    dossier = open_dossier(records(), desk().current(user_id_of(EMAIL)), by="conseiller-test")
    fill_steps(client)
    refused = send(client)
    assert refused.status == 409 and "Vous êtes déjà inscrit" in refused.text()
    assert dossier.identifier in refused.text()
    assert len(desk().history(user_id_of(EMAIL))) == 1


def test_a_re_registration_within_six_months_is_validated_at_once(platform):
    from espace.dossier.opening import AUTOMATIC, dossier_of
    from espace.inscription.model import AGAIN, VALIDATED

    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    before = ended_dossier(user_id, ended_days_ago=60)
    fill_steps(client)
    sent = send(client)
    assert sent.status == 303 and sent.location == BASE
    registration = desk().current(user_id)
    assert (registration.kind, registration.state, registration.validated_by) == (AGAIN, VALIDATED, AUTOMATIC)
    dossier = dossier_of(records(), user_id)
    assert dossier.identifier == before.identifier == registration.identifier
    assert dossier.state == "inscrit" and len(dossier.periods) == 2
    page = client.get(BASE)
    assert "elle est validée sans rendez-vous" in page.text()  # the flash
    assert "sans rendez-vous : elle a suivi de moins de 6 mois" in page.text()
    # Processed at once, it gets its « Confirmation d'inscription » letter and mail like a validation.
    letters = records().query(f"USER#{user_id}", "LETTER#")
    assert sorted(letter["kind"] for letter in letters) == ["confirmation-inscription", "notification-droits"]
    # ... and the right computed for it (issue 13), as a counsellor's validation computes it.
    assert records().get(f"USER#{user_id}", "RIGHT")["registration"] == registration.number
    assert any("inscription" in subject.lower() for _, subject, _ in platform.mails_to(EMAIL)[1:])


@pytest.mark.parametrize("days", [200, 400])
def test_a_re_registration_after_six_months_needs_an_appointment(platform, days):
    from espace.inscription.model import AGAIN, SUBMITTED

    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    ended_dossier(user_id, ended_days_ago=days)
    fill_steps(client)
    sent = send(client)
    assert sent.status == 303 and sent.location == f"{BASE}/rendez-vous"
    registration = desk().current(user_id)
    assert (registration.kind, registration.state) == (AGAIN, SUBMITTED)


def test_the_check_page_shows_the_situation_summary_above_the_rows(platform, monkeypatch):
    from espace.inscription import forms_situation

    seen = []

    def summary(values):
        seen.append(values)
        return ["Vous souhaitez vous inscrire", "Vous êtes immédiatement disponible"]

    monkeypatch.setattr(forms_situation, "situation_summary", summary, raising=False)
    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    page = client.get(CHECK)
    situation = page.html.xpath('//h2[text()="Votre situation"]/following-sibling::ul[1]/li/text()')
    assert situation == ["Vous souhaitez vous inscrire", "Vous êtes immédiatement disponible"]
    assert seen[-1] == all_steps()["situation"]


def test_the_agency_comes_from_step_1_s_commune_else_from_the_account_s_postal_code(platform):
    from espace.bootstrap import get_services
    from espace.inscription.submission import agency_of, name_of

    services = get_services()
    steps = {"situation-administrative": {"commune": ["33063"]}}  # Bordeaux
    assert agency_of(services, steps, {"postal_code": "17000"}).id == "33"
    assert agency_of(services, {}, {"postal_code": "75011"}).id == "75"
    assert agency_of(services, {"situation-administrative": {"code_postal": ["69001"]}},
                     {"postal_code": "75011"}).id == "69"
    assert agency_of(services, {"situation-administrative": {"commune": ["99999"]}}, {"postal_code": "2A004"}) is None
    assert agency_of(services, {}, {"postal_code": "20000"}).id == "2a"  # Ajaccio
    assert name_of({"situation-administrative": {"prenoms": ["Camille Marie"], "nom_naissance": ["Durand"]}},
                   {"email": EMAIL}) == "Camille DURAND"
    assert name_of({}, {"email": EMAIL}) == EMAIL


def test_two_clicks_at_the_same_instant_send_one_request(platform):
    """On SQLite with true threads; on moto one after the other (its DynamoDB is not atomic
    across threads), every click carrying the token of the same page."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from tests.functional.client import Client

    client = signed_in_client(platform, EMAIL)
    fill_steps(client)
    token = client.csrf_token(CHECK)
    concurrent = platform.profile == "embedded"
    start = threading.Barrier(4 if concurrent else 1)

    def click(_):
        twin = Client(client.handler, client.source_ip, dict(client.cookies))
        start.wait(30)
        return send(twin, token)

    with ThreadPoolExecutor(4 if concurrent else 1) as pool:
        answers = list(pool.map(click, range(4)))
    assert sorted(a.status for a in answers) == [303] * 4
    assert len(desk().history(user_id_of(EMAIL))) == 1
    assert [a.location for a in answers].count(f"{BASE}/rendez-vous") >= 1
