"""A validated registration in the functional tests: the request sent with the samples, the
dossier opened as a validation opens it, and the « Confirmation d'inscription » delivered."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier.letters import confirm_registration
from espace.dossier.opening import open_dossier
from tests.functional.inscription.helpers import sent_request


def validated_candidate(platform, email: str, *, ip: str = "198.51.100.8", by: str = "automatique"):
    """(the candidate's signed-in client, the registration, the dossier, the letter)."""
    client, registration = sent_request(platform, email, ip=ip)
    services = get_services()
    dossier = open_dossier(services.records, registration, by=by)
    letter = confirm_registration(services, registration, dossier)
    return client, registration, dossier, letter
