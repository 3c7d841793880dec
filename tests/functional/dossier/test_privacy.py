"""Deleting a candidate's account deletes what registration wrote outside the partition: the
agency's copy of each request, the booked slots (a future one opened again for others) and the
identifier's sign-in record; another candidate's are untouched, and the hooks can run twice."""

from __future__ import annotations

import time

from espace.agences.agenda import AgencyAgenda, local_key
from espace.bootstrap import get_services
from espace.inscription.model import BOOKED, agency_request_key
from espace.inscription.service import RegistrationDesk
from espace.web.lifecycle import run_account_deleted
from tests.functional.accounts.helpers import PASSWORD, sign_in, user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import sent_request


def booked(registration, start: int):
    services = get_services()
    desk, agenda = RegistrationDesk(services.records), AgencyAgenda(services.records, registration.agency_id)
    agenda.open([start], 30, "conseiller")
    registration = desk.get(registration.user_id, registration.number)  # as stored: its version
    registration.state, registration.appointment = BOOKED, {"start": start, "length": 30,
                                                            "agency_id": registration.agency_id}
    agenda.book(start, registration.user_id, purpose="inscription", reference=registration.reference,
                name=registration.name, also=desk.changes(registration))
    return registration


def test_deletion_forgets_the_agency_copies_the_slot_and_the_identifier(platform):
    services = get_services()
    records = services.records
    soon = (int(time.time()) // 3600 + 48) * 3600
    client, registration = sent_request(platform, "partante@example.fr")
    booked(registration, soon)
    _other_client, kept, kept_dossier, _letter = validated_candidate(platform, "reste@example.fr",
                                                                     ip="198.51.100.31")
    booked(kept, soon + 3600)
    from espace.dossier.letters import confirm_registration
    from espace.dossier.opening import open_dossier

    dossier = open_dossier(records, registration, by="automatique")
    confirm_registration(services, registration, dossier)
    user_id = user_id_of("partante@example.fr")
    assert records.get(f"IDENT#{dossier.identifier}", "ACCOUNT")["user_id"] == user_id

    done = client.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert done.status == 200, done.text()[:300]
    assert records.get("AGENCY#17", agency_request_key(registration)) is None
    assert records.get("AGENCY#17", f"APPT#{local_key(soon)}") is None
    reopened = records.get("AGENCY#17", f"FREE#{local_key(soon)}")
    assert reopened is not None and "user_id" not in reopened  # another candidate may book it
    assert records.get(f"IDENT#{dossier.identifier}", "ACCOUNT") is None
    assert [record for record in platform.dump_records() if user_id in record] == []
    assert sign_in(platform.client(ip="198.51.100.60"), dossier.identifier).status == 400
    # The other candidate's request, slot, identifier and sign-in are untouched.
    assert records.get("AGENCY#17", agency_request_key(kept)) is not None
    assert records.get("AGENCY#17", f"APPT#{local_key(soon + 3600)}")["user_id"] == kept.user_id
    assert records.get(f"IDENT#{kept_dossier.identifier}", "ACCOUNT")["user_id"] == kept.user_id
    assert sign_in(platform.client(ip="198.51.100.61"), kept_dossier.identifier).location == "/mon-espace"
    # Run again (a deletion that failed halfway is run again): nothing breaks, nothing else goes.
    before = platform.dump_records()
    run_account_deleted(services, user_id)
    assert platform.dump_records() == before


def test_an_agency_slot_left_without_the_candidates_copy_is_forgotten_too(platform):
    """A deletion that stopped after the partition's copy went: the agency's record alone still
    names the candidate, and a second run removes it."""
    services = get_services()
    start = (int(time.time()) // 3600 + 30) * 3600
    _client, registration = sent_request(platform, "moitie@example.fr")
    booked(registration, start)
    services.records.delete(f"USER#{registration.user_id}", f"APPOINTMENT#{local_key(start)}#17")
    run_account_deleted(services, registration.user_id)
    assert services.records.get("AGENCY#17", f"APPT#{local_key(start)}") is None
    assert services.records.get("AGENCY#17", agency_request_key(registration)) is None
