"""The alert matching port on SQLite (embedded profile): an inverted table of criteria terms.

``sub_terms`` holds (term, subscription rowid, group number) for every group of every
subscription (espace.alertes.matching.subscription_groups), ``subscriptions`` each one's
number of groups and its query as JSON.

match(offers, frequency), once per run:
1. each offer's terms (espace.alertes.matching.offer_terms), and for each term the offers
   of the batch that carry it;
2. one join of the batch's distinct terms with the inverted table (an indexed lookup per
   term) gives, per subscription, the groups the batch touches: counting them leaves out
   every subscription with a group no new offer has (most of them);
3. for the others, the offers with a term of each group (bit sets of the batch's offers:
   OR within a group, AND across groups): the candidates;
4. exact_match (compiled once per subscription) on the candidates, with the query read from its JSON.
Subscriptions without any group (filters only) are checked against every offer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from espace.alertes.matching import compile_query, offer_stems, offer_terms, subscription_groups
from espace.alertes.model import Subscription, query_from_json, query_to_json
from espace.offers.model import Offer

SCHEMA_VERSION = 1
SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS subscriptions (
    rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, frequency TEXT NOT NULL,
    query TEXT NOT NULL, groups INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS subscriptions_unindexed ON subscriptions (frequency, groups);
CREATE INDEX IF NOT EXISTS subscriptions_user ON subscriptions (user_id);
CREATE TABLE IF NOT EXISTS sub_terms (term TEXT NOT NULL, rid INTEGER NOT NULL, grp INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sub_terms_term ON sub_terms (term, rid, grp);
CREATE INDEX IF NOT EXISTS sub_terms_rid ON sub_terms (rid);
"""
READ_CHUNK = 500  # rowids per "IN (…)" when reading queries


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


class SqliteAlertMatcher:
    def __init__(self, path: str | Path):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        db = self._db()
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # Another layout: emptied, the subscriptions must be put again from the saved searches.
            db.executescript("DROP TABLE IF EXISTS subscriptions; DROP TABLE IF EXISTS sub_terms;")
            db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        else:
            db.executescript(SCHEMA)  # IF NOT EXISTS throughout: an index added since is created

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:  # one connection per thread, as the offer index
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA temp_store = MEMORY")
            self._local.db = db
        return db

    # --- writing ------------------------------------------------------------------------
    def put(self, subscriptions: Iterable[Subscription]) -> None:
        with self._write_lock, self._db() as db:
            for subscription in subscriptions:
                groups = subscription_groups(subscription.query)
                query = json.dumps(query_to_json(subscription.query), ensure_ascii=False, separators=(",", ":"))
                row = db.execute("SELECT rid FROM subscriptions WHERE id = ?", (subscription.id,)).fetchone()
                if row is None:
                    rid = db.execute("INSERT INTO subscriptions (id, user_id, frequency, query, groups) "
                                     "VALUES (?, ?, ?, ?, ?)", (subscription.id, subscription.user_id,
                                                                subscription.frequency, query, len(groups))
                                     ).lastrowid
                else:
                    rid = row[0]
                    db.execute("UPDATE subscriptions SET user_id = ?, frequency = ?, query = ?, groups = ? "
                               "WHERE rid = ?", (subscription.user_id, subscription.frequency, query, len(groups), rid))
                    db.execute("DELETE FROM sub_terms WHERE rid = ?", (rid,))
                db.executemany("INSERT INTO sub_terms (term, rid, grp) VALUES (?, ?, ?)",
                               [(term, rid, number) for number, group in enumerate(groups) for term in group])

    def remove(self, ids: Iterable[str]) -> None:
        with self._write_lock, self._db() as db:
            for subscription_id in ids:
                row = db.execute("SELECT rid FROM subscriptions WHERE id = ?", (subscription_id,)).fetchone()
                if row is not None:
                    db.execute("DELETE FROM sub_terms WHERE rid = ?", (row[0],))
                    db.execute("DELETE FROM subscriptions WHERE rid = ?", (row[0],))

    def remove_user(self, user_id: str) -> None:
        with self._write_lock, self._db() as db:
            db.execute("DELETE FROM sub_terms WHERE rid IN (SELECT rid FROM subscriptions WHERE user_id = ?)",
                       (user_id,))
            db.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,))

    def clear(self) -> None:
        with self._write_lock, self._db() as db:
            db.execute("DELETE FROM sub_terms")
            db.execute("DELETE FROM subscriptions")

    def count(self) -> int:
        return self._db().execute("SELECT count(*) FROM subscriptions").fetchone()[0]

    # --- matching -------------------------------------------------------------------------
    def match(self, offers: Sequence[Offer], frequency: str) -> dict[str, list[str]]:
        db = self._db()
        stems = [offer_stems(offer) for offer in offers]
        terms = [offer_terms(offer, own) for offer, own in zip(offers, stems, strict=True)]
        carried: dict[str, int] = {}  # term -> the batch's offers that carry it, as a bit set (bit n: offer n)
        for number, own in enumerate(terms):
            bit = 1 << number
            for term in own:
                carried[term] = carried.get(term, 0) | bit

        # Which groups of which subscriptions the batch touches, through the inverted table.
        db.execute("DROP TABLE IF EXISTS temp.batch")
        db.execute("CREATE TEMP TABLE batch (term TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT INTO temp.batch VALUES (?)", ((term,) for term in carried))
        touched: dict[int, dict[int, list[str]]] = {}
        needed: dict[int, int] = {}
        for rid, grp, term, groups in db.execute(
                "SELECT t.rid, t.grp, t.term, s.groups FROM temp.batch b JOIN sub_terms t ON t.term = b.term "
                "JOIN subscriptions s ON s.rid = t.rid WHERE s.frequency = ?", (frequency,)):
            touched.setdefault(rid, {}).setdefault(grp, []).append(term)
            needed[rid] = groups
        db.execute("DROP TABLE temp.batch")

        candidates: dict[int, list[int]] = {}
        for rid, groups in touched.items():
            if len(groups) < needed[rid]:
                continue  # the counting: a group no new offer touches
            # The offers with a term of every group: OR within a group, AND across groups, on bit sets.
            found = -1
            for group in groups.values():
                either = 0
                for term in group:
                    either |= carried[term]
                found &= either
            if found:
                candidates[rid] = _bits(found)
        everything = list(range(len(offers)))
        for (rid,) in db.execute("SELECT rid FROM subscriptions WHERE frequency = ? AND groups = 0", (frequency,)):
            candidates[rid] = everything

        matched: dict[str, list[str]] = {}
        rids = list(candidates)
        for start in range(0, len(rids), READ_CHUNK):
            chunk = rids[start:start + READ_CHUNK]
            rows = db.execute(f"SELECT rid, id, query FROM subscriptions WHERE rid IN ({', '.join('?' * len(chunk))})",
                              chunk).fetchall()
            for rid, subscription_id, text in rows:
                matches = compile_query(query_from_json(json.loads(text)))
                hits = [offers[n].id for n in candidates[rid] if matches(offers[n], stems[n])]
                if hits:
                    matched[subscription_id] = hits
        return matched
