"""Test doubles for the daily job's tests, until the other parts of issue 9 are merged.

- ``PredicateMatcher``: the matcher port's ``match``/``remove`` with a Python predicate per
  subscription (the real engines have their own contract suite; the job only needs the port).
- ``ListOffers``: ``published_between`` over a list (the engines' version is contract-tested).
- ``install_links()``: when espace.alertes.links (saved searches' part) is not in the tree
  yet, a stand-in with its three names, built on espace.web.tokens as the real one is.
The integrator replaces the matcher double by the real matcher after merging.
"""

from __future__ import annotations

import importlib
import sys
import types
from urllib.parse import quote


class PredicateMatcher:
    def __init__(self):
        self.subscriptions: dict[str, tuple[str, object]] = {}
        self.removed: list[str] = []

    def add(self, subscription_id: str, frequency: str, predicate) -> None:
        self.subscriptions[subscription_id] = (frequency, predicate)

    def match(self, offers, frequency):
        found = {}
        for subscription_id, (wanted, predicate) in self.subscriptions.items():
            ids = [o.id for o in offers if wanted == frequency and predicate(o)]
            if ids:
                found[subscription_id] = ids
        return found

    def remove(self, ids):
        for subscription_id in ids:
            self.removed.append(subscription_id)
            self.subscriptions.pop(subscription_id, None)


class ListOffers:
    def __init__(self, offers):
        self.offers = sorted(offers, key=lambda o: (o.created_at, o.id))

    def published_between(self, start, end):
        return iter([o for o in self.offers if start <= o.created_at < end])


def install_links() -> None:
    try:
        importlib.import_module("espace.alertes.links")  # the real one, once merged
        return
    except ImportError:
        pass
    from espace.web import tokens

    module = types.ModuleType("espace.alertes.links")

    def unsubscribe_url(key, site_url, user_id, email, sid=None):
        token = tokens.make(key, "alert-unsubscribe", user_id, email, sid or "")
        return f"{site_url.rstrip('/')}/alertes/desabonnement?jeton={quote(token, safe='')}"

    def prolong_url(key, site_url, user_id):
        token = tokens.make(key, "alert-prolong", user_id)
        return f"{site_url.rstrip('/')}/alertes/prolonger?jeton={quote(token, safe='')}"

    def list_unsubscribe_headers(key, site_url, user_id, email):
        return {"List-Unsubscribe": f"<{unsubscribe_url(key, site_url, user_id, email)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}

    module.unsubscribe_url, module.prolong_url = unsubscribe_url, prolong_url  # type: ignore[attr-defined]
    module.list_unsubscribe_headers = list_unsubscribe_headers  # type: ignore[attr-defined]
    sys.modules["espace.alertes.links"] = module
    import espace.alertes

    espace.alertes.links = module  # type: ignore[attr-defined]
