"""Recruiters in the functional tests: an account with the recruiter role, and a client of
RecruitersFunction that shares the browser's cookies with the accounts function's client."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.client import Client

COMPANY, SIRET = "Boulangerie Martin", "73282932000074"  # a SIRET whose Luhn key is right


def recruiters_client(client: Client) -> Client:
    """The same browser (cookies shared) talking to RecruitersFunction."""
    from espace.handlers.recruiters import handler

    return Client(handler, source_ip=client.source_ip, cookies=client.cookies)


def recruiter_client(platform, email: str, company: str = COMPANY, siret: str = SIRET) -> Client:
    """A signed-in recruiter: an account made through the accounts' own flow, given the
    recruiter's role, company and SIRET. Returns a client of RecruitersFunction."""
    from espace.bootstrap import get_services

    client = signed_in_client(platform, email)
    records = get_services().records
    profile = records.get(f"USER#{user_id_of(email)}", "PROFILE")
    records.put({**profile, "role": "recruteur", "company": company, "siret": siret})
    return recruiters_client(client)
