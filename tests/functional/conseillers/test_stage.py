"""The issue-12 stage itself: a counsellor made as the administrator's command makes it signs in
and lands on their agency's space; a sent request is on the agency's list."""

from __future__ import annotations

from tests.functional.inscription.helpers import AGENCY, counsellor_client, sent_request


def test_a_counsellor_lands_on_the_space_of_their_agency(platform):
    client = counsellor_client(platform, "conseil@example.org")
    page = client.get("/conseiller")
    assert page.status == 200
    assert "Agence de La Rochelle" in page.text() and "Camille Martin" in page.text()


def test_a_sent_request_is_on_its_agency_list_and_a_candidate_cannot_enter(platform):
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    candidate, registration = sent_request(platform, "candidat@example.org")
    listed = RegistrationDesk(get_services().records).of_agency(AGENCY)
    assert [r.reference for r in listed] == [registration.reference]
    from tests.functional.inscription.helpers import counsellors_client

    assert counsellors_client(candidate).get("/conseiller").status == 403
