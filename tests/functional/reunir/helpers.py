"""Two spaces of one candidate: a DDE's (a validated registration) and a DRE's, filled with every
area's data through the same makers as tests/functional/test_user_data.py."""

from __future__ import annotations

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.test_user_data import (
    EMAIL,
    applications_data,
    classeur_data,
    cv_data,
    messages_data,
    partage_data,
    saved_searches_data,
)

DDE_EMAIL = "dde-reunir@example.fr"
DRE_EMAIL = EMAIL  # the makers of test_user_data fill this address's space
DRE_AREAS = [classeur_data, saved_searches_data, messages_data, partage_data, cv_data, applications_data]
# What stays with an account rather than its DRE: the visit, the day's counts of shared offers.
NOT_MOVED = ("VISIT", "SHARE-COUNT#")


def dde_space(platform, ip: str = "198.51.100.8"):
    """(signed-in client, user id, dossier) of the space whose registration was validated."""
    client, _registration, dossier, _letter = validated_candidate(platform, DDE_EMAIL, ip=ip)
    return client, user_id_of(DDE_EMAIL), dossier


def dre_space(platform, ip: str = "198.51.100.7"):
    """(signed-in client, user id, what it holds: sort keys and file keys) of the DRE's space."""
    client = signed_in_client(platform, DRE_EMAIL, ip)
    keys: set[str] = set()
    for make in DRE_AREAS:
        keys |= make(platform, client)
    return client, user_id_of(DRE_EMAIL), {k for k in keys if not k.startswith(NOT_MOVED)}


def join(client, identifier: str, password: str = PASSWORD):
    """Sign in to the other space within the flow, then confirm; the last answer."""
    proven = client.post("/mon-espace/reunir", {"identifiant": identifier, "mot_de_passe": password})
    if proven.status != 303:
        return proven
    assert proven.location == "/mon-espace/reunir/confirmation"
    page = client.get(proven.location)
    assert page.status == 200, page.text()[:300]
    key = page.html.xpath('//input[@name="cle"]/@value')[0]
    return client.post("/mon-espace/reunir/confirmation", {"cle": key},
                       csrf=page.html.xpath('//input[@name="csrf"]/@value')[0])


def sort_keys(user_id: str) -> list[str]:
    return [str(item["sk"]) for item in get_services().records.query(f"USER#{user_id}")]


def assert_holds(user_id: str, keys: set[str], old_id: str) -> None:
    """Every record and file of ``keys`` (named under ``old_id``) is in ``user_id``'s space."""
    listed = sort_keys(user_id)
    files = set(get_services().files.list(f"users/{user_id}/"))
    for key in keys:
        if key.startswith("users/"):
            assert key.replace(old_id, user_id) in files, (key, files)
        else:
            assert any(sk == key or sk.startswith(key) for sk in listed), (key, listed)
