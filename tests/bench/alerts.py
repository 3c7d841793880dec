"""`python -m tests.bench alerts`: the daily alerts run at national scale against the naive way.

100,000 generated saved searches (the matcher's generator: every mode of the search form,
communes, départements, régions, filters; 20 % weekly) over ~40,000 accounts, written in bulk
as SEARCH# records and into the matcher; 5,000 generated offers created yesterday (Paris), in an
index that also holds 100,000 older live offers (the naive way searches the whole index, as it
would in production). Measured, for each engine (SQLite: offers FTS5 + inverted-table matcher;
OpenSearch: offers index + percolator on a real node):
- the whole daily run: `python -m espace.alertes.cli --date …` (what `make alerts` runs) in its
  own process — matching, records checks, digests written to the outbox and kept in « Mes
  messages » — wall time, the matching part of it, and that process's peak memory (wait4);
- the naive way: one search per saved search through the search port (the exact group of its
  answer restricted to the new offers), on a sample, extrapolated to every search, plus the same
  digests to write.
ALERTS_SEARCHES / ALERTS_OFFERS / ALERTS_LIVE_OFFERS / ALERTS_SAMPLE scale it down for a quick run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

SEARCHES = int(os.environ.get("ALERTS_SEARCHES", "100000"))
NEW_OFFERS = int(os.environ.get("ALERTS_OFFERS", "5000"))
LIVE_OFFERS = int(os.environ.get("ALERTS_LIVE_OFFERS", "100000"))
SAMPLE = int(os.environ.get("ALERTS_SAMPLE", "300"))
SEARCHES_PER_ACCOUNT = 2.5
DAY = dt.date(2026, 3, 10)  # a Tuesday: the daily searches only (weekly ones are matched on Mondays)


def generated_offers(services, count: int, seed: str, start: int, end: int):
    """Generated offers created, evenly, in [start, end)."""
    from espace.offers.cli.generator import generate
    from espace.offers.schema import validate_offer

    offers = []
    for number, raw in enumerate(generate(count, seed, end, places=services.places)):
        created = start + (end - start) * number // count
        raw["dateCreation"] = dt.datetime.fromtimestamp(created, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        offers.append(validate_offer(raw, services.rome, services.places))
    return offers


def new_offers(services, count: int):
    """Generated offers, all created during the day before DAY (Paris)."""
    from espace.alertes.jobs import window

    start, end = window(DAY, 1)
    return generated_offers(services, count, "alerts bench", start, end), start


def live_offers(services, count: int, before: int):
    """The index's older offers (the 60 days before the window): not new, but searched by the naive way."""
    return generated_offers(services, count, "alerts bench live", before - 60 * 86400, before)


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


def daily_run(folder: Path, name: str, search_url: str, matcher_url: str) -> dict:
    """`python -m espace.alertes.cli --date DAY` in its own process, as `make alerts` runs it: its wall
    time, its report and its own peak memory (wait4's rusage: the set-up of this bench is not in it)."""
    from tests.bench.services import ROOT

    environment = {**os.environ, "ESPACE_RECORDS_URL": f"sqlite:///{folder}/{name}-records.db",
                   "ESPACE_MAIL_URL": f"outbox://{folder}/{name}-outbox", "ESPACE_SEARCH_URL": search_url,
                   "ESPACE_MATCHER_URL": matcher_url, "ESPACE_FILES_URL": f"file://{folder}/files",
                   "PYTHONPATH": f"{ROOT / 'functions'}:{ROOT}"}
    output = folder / f"{name}-run.txt"
    began = time.perf_counter()
    # posix_spawn + wait4 rather than subprocess: wait4 gives this child's own rusage (peak memory).
    with open(output, "wb") as handle:
        pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "espace.alertes.cli", "--date", DAY.isoformat()],
                             environment, file_actions=[(os.POSIX_SPAWN_DUP2, handle.fileno(), 1),
                                                        (os.POSIX_SPAWN_DUP2, handle.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - began
    out = output.read_text(encoding="utf-8")
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"the alerts run failed: {out[-2000:]}")
    figures = {"run_seconds": seconds, "report": out}
    for key, pattern in {"digests": r"digests sent: (\d+)", "matches": r"matches: (\d+)",
                         "matching_seconds": r"matches: \d+ \(([\d.]+) s\)"}.items():
        figures[key] = float(re.search(pattern, out).group(1))
    figures["peak_mb"] = usage.ru_maxrss / 1024
    return figures


def run_engine(name: str, offers_index, matcher, matcher_url: str, search_url: str, services, offers, made,
               start: int, folder: Path) -> dict:
    offers_index.upsert(offers)
    from espace.adapters.sqlite_records import SqliteRecordStore

    records_seconds = write_records(SqliteRecordStore(folder / f"{name}-records.db"), made)
    began = time.perf_counter()
    for chunk in range(0, len(made), 5000):
        matcher.put(made[chunk:chunk + 5000])
    index_seconds = time.perf_counter() - began
    run = daily_run(folder, name, search_url, matcher_url)
    naive_search = naive_seconds_per_search(offers_index, made, offers, start) * len(made)
    # The naive way writes the same digests: only the way each search's new offers are found differs.
    digest_seconds = run["run_seconds"] - run["matching_seconds"]
    naive = naive_search + digest_seconds
    return {**run, "records_seconds": records_seconds, "index_seconds": index_seconds,
            "naive_search_seconds": naive_search, "naive_seconds": naive, "ratio": naive / run["run_seconds"],
            "matching_ratio": naive_search / run["matching_seconds"]}


def run(opensearch_url: str | None = None) -> dict:
    """Figures per engine; OpenSearch only when a node's URL is given."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.bootstrap import get_services, matcher_from_url

    services = get_services()
    offers, start = new_offers(services, NEW_OFFERS)
    older = live_offers(services, LIVE_OFFERS, start)
    made = subscriptions(services, offers)
    figures: dict = {"searches": len(made), "offers": len(offers), "live_offers": len(older), "engines": {}}
    with tempfile.TemporaryDirectory(prefix="alerts-bench-") as tmp:
        folder = Path(tmp)
        sqlite_index = SqliteOfferIndex(folder / "offres.db")
        sqlite_index.upsert(older)
        figures["engines"]["SQLite"] = run_engine(
            "sqlite", sqlite_index, matcher_from_url(f"sqlite:///{folder}/alerts.db"), f"sqlite:///{folder}/alerts.db",
            f"sqlite:///{folder}/offres.db", services, offers, made, start, folder)
        if opensearch_url:
            from espace.bootstrap import offers_from_url

            host = opensearch_url.removeprefix("http://")
            matcher = matcher_from_url(f"opensearch://{host}/alertes-bench", "embedded")
            offers_index = offers_from_url(f"opensearch://{host}/offres-bench", "embedded")
            try:
                offers_index.upsert(older)
                figures["engines"]["OpenSearch"] = run_engine(
                    "opensearch", offers_index, matcher, f"opensearch://{host}/alertes-bench",
                    f"opensearch://{host}/offres-bench", services, offers, made, start, folder)
            finally:
                for index in (matcher, offers_index):
                    if hasattr(index, "drop"):
                        index.drop()
    return figures


def rows(figures: dict) -> list[tuple[str, str, str]]:
    made = []
    for name, result in figures["engines"].items():
        label = (f"{figures['searches']:,} saved searches × {figures['offers']:,} new offers "
                 f"(index of {figures['offers'] + figures['live_offers']:,}), {name}")
        made += [
            (f"Alerts daily run (`make alerts`), {label} ({result['digests']:,.0f} digests, "
             f"{result['matches']:,.0f} matches)",
             f"{result['run_seconds']:.1f} s, of which matching {result['matching_seconds']:.1f} s",
             "≤ 120 s " + ("✔" if result["run_seconds"] <= 120 else "✘")),
            (f"Alerts naive way (one search per saved search, {SAMPLE} measured, then the same digests), {name}",
             f"{result['naive_seconds']:,.0f} s = {result['ratio']:.1f}× the run",
             "≥ 50× " + ("✔" if result["ratio"] >= 50 else "✘")),
            (f"Alerts, finding each search's new offers only: naive searches vs the matcher, {name}",
             f"{result['naive_search_seconds']:,.0f} s vs {result['matching_seconds']:.1f} s = "
             f"{result['matching_ratio']:.0f}×", "≥ 50× " + ("✔" if result["matching_ratio"] >= 50 else "✘")),
            (f"Alerts set-up, {name}: SEARCH# records / matcher index",
             f"{result['records_seconds']:.1f} s / {result['index_seconds']:.1f} s", "reported"),
            (f"Alerts peak memory of the run's process, {name}", f"{result['peak_mb']:,.0f} MB",
             "≤ 1 GB " + ("✔" if result["peak_mb"] <= 1024 else "✘")),
        ]
    return made
