"""Registration in the functional tests: a candidate with a request sent, a counsellor of an
agency (created as the administrator's command does), and clients of each function."""

from __future__ import annotations

from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client, user_id_of
from tests.functional.client import Client
from tests.functional.inscription.samples import all_steps

AGENCY = "17"  # Charente-Maritime: the sample address's agency (La Rochelle)
COUNSELLOR_NAME = "Camille Martin"


def counsellors_client(client: Client) -> Client:
    """The same browser (cookies shared) talking to CounsellorsFunction."""
    from espace.handlers.counsellors import handler

    return Client(handler, source_ip=client.source_ip, cookies=client.cookies)


def counsellor_client(platform, email: str, agency_id: str = AGENCY, name: str = COUNSELLOR_NAME,
                      ip: str = "198.51.100.9") -> Client:
    """A signed-in counsellor of ``agency_id``: the account made as ``python -m espace.conseillers
    create-account`` makes it, signed in on /connexion. A client of CounsellorsFunction."""
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor

    create_counsellor(get_services().records, email, PASSWORD, agency_id=agency_id, name=name)
    accounts = platform.client(ip)
    signed_in = sign_in(accounts, email)
    assert signed_in.status == 303 and signed_in.location == "/conseiller", signed_in.text()[:300]
    return counsellors_client(accounts)


def sent_request(platform, email: str, *, agency_id: str = AGENCY, ip: str = "198.51.100.8"):
    """A signed-in candidate (a client of the accounts' function) whose request was sent with the
    sample values, straight through the desk (the steps' own tests go through the pages)."""
    from espace.bootstrap import get_services
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete

    client = signed_in_client(platform, email, ip)
    user_id = user_id_of(email)
    registration = RegistrationDesk(get_services().records).submit(
        user_id, all_steps(), kind=FIRST, agency_id=agency_id, name="Camille DURAND", email=email,
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    return client, registration
