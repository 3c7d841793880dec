"""`python -m tests.bench alerts`: the daily alerts run at national scale against the naive way.

100,000 generated saved searches (the matcher's generator: every mode of the search form,
communes, départements, régions, filters; 20 % weekly) over ~40,000 accounts, written in bulk
as SEARCH# records and into the matcher; 5,000 generated offers created yesterday (Paris).
Measured, for each engine (SQLite: offers FTS5 + inverted-table matcher; OpenSearch: offers
index + percolator on a real node):
- the whole daily run (``run_alerts``: matching, records checks, digests written to the outbox
  and kept in « Mes messages »), wall time;
- the naive way: one search per saved search through the search port (the exact group of
  its answer restricted to the new offers), on a sample, extrapolated to every search;
- peak memory of the process (ru_maxrss; it includes the set-up, so it is an upper bound).
ALERTS_SEARCHES / ALERTS_OFFERS / ALERTS_SAMPLE scale it down for a quick run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

SEARCHES = int(os.environ.get("ALERTS_SEARCHES", "100000"))
NEW_OFFERS = int(os.environ.get("ALERTS_OFFERS", "5000"))
SAMPLE = int(os.environ.get("ALERTS_SAMPLE", "300"))
SEARCHES_PER_ACCOUNT = 2.5
DAY = dt.date(2026, 3, 10)  # a Tuesday: the daily searches only (weekly ones are matched on Mondays)


def new_offers(services, count: int):
    """Generated offers, all created during the day before DAY (Paris)."""
    from espace.alertes.jobs import window
    from espace.offers.cli.generator import generate
    from espace.offers.schema import validate_offer

    start, end = window(DAY, 1)
    offers = []
    for number, raw in enumerate(generate(count, "alerts bench", end, places=services.places)):
        created = start + (end - start) * number // count
        raw["dateCreation"] = dt.datetime.fromtimestamp(created, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        offers.append(validate_offer(raw, services.rome, services.places))
    return offers, start


def subscriptions(services, offers):
    """The matcher's generated saved searches, spread over accounts of ~2.5 searches."""
    import dataclasses

    from tests.functional.alertes.test_matcher_differential import generated_subscriptions

    made = []
    for number, subscription in enumerate(generated_subscriptions(SEARCHES, offers, services, seed="alerts bench")):
        user_id = f"u{int(number / SEARCHES_PER_ACCOUNT):06d}"
        sid = f"{number:08x}bnch"
        made.append(dataclasses.replace(subscription, id=f"{user_id}:{sid}", user_id=user_id))
    return made


def write_records(records, made) -> float:
    """SEARCH# records plus each account's PROFILE and ALERTS, up to 25 per transaction. The query is
    kept as a JSON string here: the records port refuses floats (a place's coordinates)."""
    from espace.alertes.model import query_to_json
    from espace.ports import Put

    began = time.perf_counter()
    puts: list[Put] = []
    users: set[str] = set()
    for subscription in made:
        user_id, _, sid = subscription.id.partition(":")
        pk = f"USER#{user_id}"
        if user_id not in users:
            users.add(user_id)
            puts += [Put({"pk": pk, "sk": "PROFILE", "email": f"{user_id}@example.org"}),
                     Put({"pk": pk, "sk": "ALERTS", "expires_on": "2026-05-01"})]
        puts.append(Put({"pk": pk, "sk": f"SEARCH#{sid}", "name": f"Recherche {sid[:8]}", "params": {},
                         "query": json.dumps(query_to_json(subscription.query)), "email": f"{user_id}@example.org",
                         "frequency": subscription.frequency, "alert": "on", "created_at": 0, "seen_at": 0}))
        if len(puts) >= 22:  # the next account adds up to 3 (the store takes 25 at most)
            records.transact(puts)
            puts = []
    if puts:
        records.transact(puts)
    return time.perf_counter() - began


def naive_seconds_per_search(index, made, offers, start: int) -> float:
    from tests.functional.alertes.test_matcher_differential import oracle

    new_ids = {o.id for o in offers}
    sample = made[:: max(1, len(made) // SAMPLE)][:SAMPLE]
    began = time.perf_counter()
    for subscription in sample:
        oracle(index, subscription.query, start, new_ids)
    return (time.perf_counter() - began) / len(sample)


def run_engine(name: str, offers_index, matcher, services, offers, made, start: int, folder: Path) -> dict:
    from espace.adapters.outbox_mail import OutboxMailer
    from espace.adapters.sqlite_records import SqliteRecordStore
    from espace.alertes.jobs import run_alerts

    offers_index.upsert(offers)
    records = SqliteRecordStore(folder / f"{name}-records.db")
    records_seconds = write_records(records, made)
    began = time.perf_counter()
    for chunk in range(0, len(made), 5000):
        matcher.put(made[chunk:chunk + 5000])
    index_seconds = time.perf_counter() - began
    job = SimpleNamespace(settings=services.settings, records=records, offers=offers_index, alert_matcher=matcher,
                          mailer=OutboxMailer(folder / f"{name}-outbox", services.settings.mail_sender))
    began = time.perf_counter()
    report = run_alerts(job, DAY, now=time.time())
    run_seconds = time.perf_counter() - began
    naive = naive_seconds_per_search(offers_index, made, offers, start) * len(made)
    return {"records_seconds": records_seconds, "index_seconds": index_seconds, "run_seconds": run_seconds,
            "naive_seconds": naive, "ratio": naive / run_seconds, "digests": report.digests_sent,
            "matches": report.matches, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(opensearch_url: str | None = None) -> dict:
    """Figures per engine; OpenSearch only when a node's URL is given."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.bootstrap import get_services, matcher_from_url

    services = get_services()
    offers, start = new_offers(services, NEW_OFFERS)
    made = subscriptions(services, offers)
    figures: dict = {"searches": len(made), "offers": len(offers), "engines": {}}
    with tempfile.TemporaryDirectory(prefix="alerts-bench-") as tmp:
        folder = Path(tmp)
        figures["engines"]["SQLite"] = run_engine(
            "sqlite", SqliteOfferIndex(folder / "offres.db"), matcher_from_url(f"sqlite:///{folder}/alerts.db"),
            services, offers, made, start, folder)
        if opensearch_url:
            from espace.bootstrap import offers_from_url

            host = opensearch_url.removeprefix("http://")
            matcher = matcher_from_url(f"opensearch://{host}/alertes-bench", "embedded")
            offers_index = offers_from_url(f"opensearch://{host}/offres-bench", "embedded")
            try:
                figures["engines"]["OpenSearch"] = run_engine("opensearch", offers_index, matcher, services, offers,
                                                              made, start, folder)
            finally:
                for index in (matcher, offers_index):
                    if hasattr(index, "drop"):
                        index.drop()
    return figures


def rows(figures: dict) -> list[tuple[str, str, str]]:
    made = []
    for name, result in figures["engines"].items():
        label = f"{figures['searches']:,} saved searches × {figures['offers']:,} new offers, {name}"
        made += [
            (f"Alerts daily run, {label} ({result['digests']:,} digests, {result['matches']:,} matches)",
             f"{result['run_seconds']:.1f} s", "≤ 120 s " + ("✔" if result["run_seconds"] <= 120 else "✘")),
            (f"Alerts naive way (one search per saved search, {SAMPLE} measured), {name}",
             f"{result['naive_seconds']:,.0f} s = {result['ratio']:.0f}× the run",
             "≥ 50× " + ("✔" if result["ratio"] >= 50 else "✘")),
            (f"Alerts set-up, {name}: SEARCH# records / matcher index",
             f"{result['records_seconds']:.1f} s / {result['index_seconds']:.1f} s", "reported"),
            (f"Alerts peak memory of the process, {name}", f"{result['peak_mb']:,.0f} MB",
             "≤ 1 GB " + ("✔" if result["peak_mb"] <= 1024 else "✘")),
        ]
    return made
