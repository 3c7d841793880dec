"""The embedded matcher at a daily run's scale: 20,000 saved searches x 1,000 new offers.

Prints the time of each step (run with -s to see them; no timing assert, the machine is
shared). The answer is checked against the reference itself, one exact_match per (sample
subscription, offer): the candidates' narrowing loses nothing at this size either.
Measured on the 2-core machine: 20,000 x 1,000 in about 1.1 s; 100,000 x 5,000 (5.9 million
matches) in about 17 s, see docs/alerts.md.
"""

from __future__ import annotations

import random
import time

from espace.adapters.alerts_sqlite import SqliteAlertMatcher
from espace.alertes.matching import exact_match
from tests.functional.alertes.test_matcher_differential import generated_offers, generated_subscriptions

SUBSCRIPTIONS = 20_000
NEW_OFFERS = 1_000
SAMPLE = 300


def test_twenty_thousand_subscriptions_by_a_thousand_offers(tmp_path):
    from espace.bootstrap import get_services

    services = get_services()
    offers = sorted(generated_offers(NEW_OFFERS * 3, "scale", services), key=lambda o: (o.created_at, o.id))
    new = offers[-NEW_OFFERS:]
    subscriptions = generated_subscriptions(SUBSCRIPTIONS, offers, services, seed="scale")
    matcher = SqliteAlertMatcher(tmp_path / "alerts.db")
    began = time.perf_counter()
    matcher.put(subscriptions)
    put = time.perf_counter() - began
    began = time.perf_counter()
    daily = matcher.match(new, "daily")
    matched = time.perf_counter() - began
    pairs = sum(len(ids) for ids in daily.values())
    print(f"\nalert matcher (SQLite): put {SUBSCRIPTIONS} in {put:.2f} s; match {NEW_OFFERS} new offers in "
          f"{matched:.2f} s: {len(daily)} subscriptions, {pairs} (subscription, offer) pairs")
    assert len(daily) > SUBSCRIPTIONS * 0.1 and pairs > SUBSCRIPTIONS  # a realistic share has news
    for subscription in random.Random("sample").sample(subscriptions, SAMPLE):
        wanted = [o.id for o in new if exact_match(subscription.query, o)] if subscription.frequency == "daily" else []
        assert daily.get(subscription.id, []) == wanted, subscription.id
