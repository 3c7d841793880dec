"""Steps shared by the account tests: create a space through its real flow, sign in."""

from __future__ import annotations

PASSWORD = "une phrase de passe solide"


def register(platform, client, email: str, password: str = PASSWORD, postal_code: str = "17000"):
    """Fill the creation form, open the link of the confirmation e-mail and press its button."""
    page = client.post("/compte/creation", {
        "identifiant": email, "mot_de_passe": password, "confirmation": password,
        "code_postal": postal_code, "question": "1", "reponse": "Médor",
    })
    assert page.status == 200, page.text()[:500]
    return confirm_link(client, platform.last_link(email))


def confirm_link(client, link: str):
    """Open a mailed confirmation link (a page with a button) and press the button."""
    page = client.get(link)
    assert page.status == 200, page.text()[:500]
    token = page.html.xpath('//input[@name="jeton"]/@value')[0]
    csrf = page.html.xpath('//input[@name="csrf"]/@value')[0]
    return client.post("/compte/confirmation", {"jeton": token}, csrf=csrf)


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
