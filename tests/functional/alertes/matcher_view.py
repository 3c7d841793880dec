"""What the saved searches and the job told the alert matcher, read back from the real engine."""

from __future__ import annotations

import json

from espace.alertes.model import Subscription, query_from_json


class MatcherView:
    def __init__(self, matcher):
        self.matcher = matcher

    @property
    def subscriptions(self) -> dict[str, Subscription]:
        if hasattr(self.matcher, "_db"):  # SQLite
            rows = self.matcher._db().execute("SELECT id, user_id, frequency, query FROM subscriptions")
            return {row[0]: Subscription(row[0], row[1], row[2], query_from_json(json.loads(row[3]))) for row in rows}
        self.matcher.client.indices.refresh(index=self.matcher.index)
        hits = self.matcher.client.search(index=self.matcher.index, body={
            "size": 1000, "_source": ["id", "user_id", "frequency", "search"]})["hits"]["hits"]
        sources = [hit["_source"] for hit in hits]
        return {s["id"]: Subscription(s["id"], s["user_id"], s["frequency"], query_from_json(s["search"]))
                for s in sources}
