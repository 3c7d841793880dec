"""What « Mes critères de recherche » tells the alert matcher, recorded.

The matcher itself (espace.alertes.matching, its two engines and its contract suite) is
another part of issue 9; these tests check what this area asks of it: put a search whose
alert is on and not expired, remove it otherwise. When espace.alertes.model is not in the
tree yet (the parts are merged separately), a minimal stand-in with its names is installed.
"""

from __future__ import annotations

import dataclasses
import sys
import types

from espace.offers.model import SearchQuery


class RecordingMatcher:
    def __init__(self):
        self.subscriptions: dict[str, object] = {}

    def put(self, subscriptions):
        for subscription in subscriptions:
            self.subscriptions[subscription.id] = subscription

    def remove(self, ids):
        for subscription_id in ids:
            self.subscriptions.pop(subscription_id, None)


def _stand_in_model() -> types.ModuleType:
    module = types.ModuleType("espace.alertes.model")

    @dataclasses.dataclass(frozen=True)
    class Subscription:
        id: str
        user_id: str
        frequency: str
        query: SearchQuery

    def query_to_json(query):
        return {"keywords": list(query.keywords), "rome_codes": list(query.rome_codes),
                "contract_types": list(query.contract_types)}

    def query_from_json(data):
        return SearchQuery(keywords=tuple(data.get("keywords", ())), rome_codes=tuple(data.get("rome_codes", ())),
                           contract_types=tuple(data.get("contract_types", ())))

    module.Subscription, module.query_to_json, module.query_from_json = Subscription, query_to_json, query_from_json
    return module


def install(monkeypatch, *, only_if_missing: bool = False) -> RecordingMatcher | None:
    """The recording matcher in place of ``services.alert_matcher``; with ``only_if_missing``,
    only in a tree where the matcher has not landed (the real one is used otherwise)."""
    try:
        import espace.alertes.model  # noqa: F401
    except ImportError:
        monkeypatch.setitem(sys.modules, "espace.alertes.model", _stand_in_model())
    from espace.bootstrap import Services

    if only_if_missing and hasattr(Services, "alert_matcher"):
        return None
    matcher = RecordingMatcher()
    monkeypatch.setattr(Services, "alert_matcher", property(lambda services: matcher), raising=False)
    return matcher
