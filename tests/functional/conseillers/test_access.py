"""Who may reach the counsellors' pages: another agency's counsellor gets 404 on every URL of a
request, GET and POST, and nothing changes; candidates and recruiters get 403 on /conseiller/*,
real or made-up URLs."""

from __future__ import annotations

from espace import clock
from tests.functional.conseillers.helpers import at, book, current, date_fields, next_monday, token
from tests.functional.inscription.helpers import counsellor_client, counsellors_client, sent_request
from tests.functional.inscription.samples import all_steps


def _lasting(records: list[str]) -> list[str]:
    """The stored records but the sessions (each page view may refresh its own)."""
    return [item for item in records if "SESSION#" not in item]


def test_another_agencys_counsellor_gets_404_and_changes_nothing(platform):

    from espace.inscription.flow import FLOW

    paris = counsellor_client(platform, "paris@example.org", agency_id="75", ip="198.51.100.20")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    book(registration, at(next_monday(), 9))
    before = platform.dump_records()
    url = f"/conseiller/demandes/{registration.reference}"
    gets = [url, f"{url}/validation", f"{url}/cessation", *(f"{url}/{step.slug}" for step in FLOW.steps)]
    for path in gets:
        assert paris.get(path).status == 404, path
    csrf = token(paris)
    posts = {f"{url}/validation": {}, f"{url}/cessation": {**date_fields("date_fin", clock.today()),
                                                           "motif": "formation", "cle": "a" * 32},
             **{f"{url}/{step.slug}": {**all_steps()[step.slug], "cle": "b" * 32} for step in FLOW.steps}}
    for path, data in posts.items():
        assert paris.post(path, data, csrf=csrf).status == 404, path
    assert _lasting(platform.dump_records()) == _lasting(before)
    assert current(registration).state == registration.state
    # Made-up references: the same answer.
    for made_up in ("inconnue", "0" * 32 + "-001", registration.reference + "9", "x" * 3000):
        assert paris.get(f"/conseiller/demandes/{made_up}").status == 404


def test_candidates_and_recruiters_get_403_on_every_counsellors_url(platform):
    from tests.functional.recruteurs.helpers import recruiter_client

    candidate, registration = sent_request(platform, "candidat@example.org")
    recruiter = recruiter_client(platform, "rh@boulangerie.example", ip="198.51.100.40")
    url = f"/conseiller/demandes/{registration.reference}"
    paths = ["/conseiller", "/conseiller/agenda", "/conseiller/agenda/ouverture", "/conseiller/rendez-vous",
             "/conseiller/demandes", url, f"{url}/validation", f"{url}/cessation", f"{url}/situation",
             "/conseiller/mot-de-passe"]
    for client in (counsellors_client(candidate), counsellors_client(recruiter)):
        for path in paths:
            assert client.get(path).status == 403, path
    csrf = candidate.csrf_token("/mon-espace/mot-de-passe")
    before = current(registration)
    closing = f"/conseiller/agenda/{next_monday()}T09:00/fermeture"
    for path in (f"{url}/validation", "/conseiller/agenda/ouverture", closing):
        assert counsellors_client(candidate).post(path, {}, csrf=csrf).status == 403, path
    assert current(registration) == before
