"""Shared steps of the newsletter journeys."""

from __future__ import annotations

from tests.functional.client import Client


def newsletter_client(platform, ip: str = "198.51.100.7") -> Client:
    from espace.handlers.newsletter import handler

    return Client(handler, source_ip=ip)


def subscribe(platform, email: str, ip: str = "198.51.100.7") -> None:
    """The whole double opt-in, as a visitor does it from a static page (no CSRF token)."""
    client = newsletter_client(platform, ip)
    assert client.post("/lettre/abonnement", {"adresse": email}, csrf=False).status == 200
    link = platform.last_link(email)
    token = link.split("jeton=")[1]
    done = client.post("/lettre/confirmation", {"jeton": token}, csrf=client.csrf_token(link))
    assert done.status == 200 and "Votre abonnement est confirmé" in done.text()
