"""Filling the five steps and sending the request through the pages."""

from __future__ import annotations

from tests.functional.client import Client, Result
from tests.functional.inscription.samples import all_steps

BASE = "/mon-espace/inscription"
CHECK = f"{BASE}/demande/verification"


def fill_steps(client: Client, steps: dict[str, dict[str, list[str]]] | None = None) -> None:
    """Each step's sample values posted on its page (« Enregistrer et continuer »): all done."""
    for slug, values in (steps or all_steps()).items():
        saved = client.post(f"{BASE}/demande/{slug}", {**values, "action": "continuer"})
        assert saved.status == 303, (slug, saved.status, saved.error_summary() or saved.text()[:400])


def send(client: Client, token: str | None = None) -> Result:
    """The check page's button (``token``: one taken from the page before, as a second click)."""
    return client.post(CHECK, {}, csrf=token or True)
