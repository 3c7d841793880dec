"""Recruiters in the functional tests: an account made through the recruiters' own sign-up
(/recruteur/creation, the mailed link, /connexion), and a client of RecruitersFunction that shares
the browser's cookies with the accounts function's client."""

from __future__ import annotations

from tests.functional.accounts.helpers import PASSWORD, confirm_link, sign_in
from tests.functional.client import Client

COMPANY, SIRET = "Boulangerie Martin", "73282932000074"  # a SIRET whose Luhn key is right


def recruiters_client(client: Client) -> Client:
    """The same browser (cookies shared) talking to RecruitersFunction."""
    from espace.handlers.recruiters import handler

    return Client(handler, source_ip=client.source_ip, cookies=client.cookies)


def sign_up_form(email: str, company: str = COMPANY, siret: str = SIRET, password: str = PASSWORD,
                 **overrides: str) -> dict[str, str]:
    return {"entreprise": company, "siret": siret, "code_postal": "17000", "identifiant": email,
            "mot_de_passe": password, "confirmation": password, "question": "1", "reponse": "Médor", **overrides}


def register_recruiter(platform, client: Client, email: str, company: str = COMPANY, siret: str = SIRET):
    """Fill /recruteur/creation (``client`` talks to RecruitersFunction), then open the link of the
    confirmation e-mail and press its button (on the accounts' function, as for a candidate)."""
    page = client.post("/recruteur/creation", sign_up_form(email, company, siret))
    assert page.status == 200, page.text()[:500]
    return confirm_link(accounts_client(platform, client), platform.last_link(email))


def recruiter_client(platform, email: str, company: str = COMPANY, siret: str = SIRET,
                     ip: str = "198.51.100.7") -> Client:
    """A signed-in recruiter, through the real sign-up and sign-in. Returns a client of
    RecruitersFunction (``accounts_client`` gives the same browser on the accounts' function)."""
    accounts = platform.client(ip)
    recruiters = recruiters_client(accounts)
    confirmed = register_recruiter(platform, recruiters, email, company, siret)
    assert confirmed.status == 303, confirmed.text()[:300]
    signed_in = sign_in(accounts, email)
    assert signed_in.status == 303 and signed_in.location == "/recruteur", signed_in.text()[:300]
    return recruiters


def accounts_client(platform, client: Client) -> Client:
    """The same browser (cookies shared) talking to the accounts' function."""
    return Client(platform.handler, source_ip=client.source_ip, cookies=client.cookies)
