"""The recruiter's space: for recruiters only."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.recruteurs.helpers import COMPANY, recruiter_client, recruiters_client


def test_a_recruiter_sees_their_space_with_their_company(platform):
    client = recruiter_client(platform, "rh@boulangerie.example")
    page = client.get("/recruteur")
    assert page.status == 200
    assert COMPANY in page.text()


def test_a_candidate_cannot_enter_the_recruiters_space(platform):
    candidate = recruiters_client(signed_in_client(platform, "candidate@example.org"))
    assert candidate.get("/recruteur").status == 403


def test_a_recruiter_cannot_enter_a_candidates_space(platform):
    client = recruiter_client(platform, "rh2@boulangerie.example")
    assert platform.client().__class__(platform.handler, cookies=client.cookies).get("/mon-espace").status == 403
