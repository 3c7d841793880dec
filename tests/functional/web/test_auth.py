"""The sign-in guard of AreaRouter: signed in, to an account that still exists, whose
credentials have not changed since, with a role the area admits."""

from __future__ import annotations

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client, user_id_of

GUARDED = "/mon-espace/mot-de-passe"


def test_not_signed_in_goes_to_sign_in_and_back(platform):
    response = platform.client().get(GUARDED)
    assert response.status == 303 and response.location == f"/connexion?retour={GUARDED}"


def test_json_route_answers_401(platform):
    assert platform.client().get("/mon-espace/donnees.json").status == 401


def test_a_deleted_profile_ends_the_session(platform):
    """The guard reads the profile: a session outliving its account opens nothing."""
    client = signed_in_client(platform, "efface@example.fr")
    get_services().records.delete(f"USER#{user_id_of('efface@example.fr')}", "PROFILE")
    assert client.get(GUARDED).status == 303
    assert client.get("/mon-espace/donnees.json").status == 401


def test_another_role_is_refused(platform):
    client = signed_in_client(platform, "conseillere@example.fr")
    records = get_services().records
    key = f"USER#{user_id_of('conseillere@example.fr')}"
    records.put({**records.get(key, "PROFILE"), "role": "conseiller"})
    refused = client.get(GUARDED)
    assert refused.status == 403 and "réservée aux candidats" in refused.text()


def test_a_credential_change_elsewhere_ends_this_session(platform):
    client = signed_in_client(platform, "deux-sessions@example.fr")
    other = platform.client(ip="198.51.100.9")
    assert sign_in(other, "deux-sessions@example.fr").status == 303
    done = other.post(GUARDED, {"actuel": PASSWORD, "mot_de_passe": "une nouvelle phrase de passe",
                                "confirmation": "une nouvelle phrase de passe"})
    assert done.status == 303 and other.get("/mon-espace").status == 200  # the changing session goes on
    assert client.get("/mon-espace").status == 303  # the other one has ended
