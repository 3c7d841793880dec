"""Steps shared by the account tests: create a space through its real flow, sign in."""

from __future__ import annotations

PASSWORD = "une phrase de passe solide"


def register(platform, client, email: str, password: str = PASSWORD, postal_code: str = "17000"):
    """Fill the creation form, then open the link of the confirmation e-mail."""
    page = client.post("/compte/creation", {
        "identifiant": email, "mot_de_passe": password, "confirmation": password,
        "code_postal": postal_code, "question": "1", "reponse": "Médor",
    })
    assert page.status == 200, page.text()[:500]
    return client.get(platform.last_link(email))


def sign_in(client, email: str, password: str = PASSWORD, retour: str | None = None):
    data = {"identifiant": email, "mot_de_passe": password}
    if retour is not None:
        data["retour"] = retour
    return client.post("/connexion", data)


def signed_in_client(platform, email: str, ip: str = "198.51.100.7"):
    client = platform.client(ip)
    register(platform, client, email)
    response = sign_in(client, email)
    assert response.status == 303 and response.location == "/mon-espace", response.text()[:300]
    return client


def user_id_of(email: str) -> str:
    from espace.bootstrap import get_services

    return get_services().records.get(f"EMAIL#{email}", "ACCOUNT")["user_id"]
