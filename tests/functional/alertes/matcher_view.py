"""What « Mes critères de recherche » told the alert matcher, read back from the real SQLite engine."""

from __future__ import annotations

import json

from espace.alertes.model import Subscription, query_from_json


class MatcherView:
    def __init__(self, matcher):
        self.matcher = matcher

    @property
    def subscriptions(self) -> dict[str, Subscription]:
        rows = self.matcher._db().execute("SELECT id, user_id, frequency, query FROM subscriptions")
        return {row[0]: Subscription(row[0], row[1], row[2], query_from_json(json.loads(row[3]))) for row in rows}
