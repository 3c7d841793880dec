"""The offer search port on SQLite: FTS5 for words, R*Tree for distance, SQL for the rest.

One file, no server: the embedded profile's search engine. Texts are indexed as
Snowball-French stems with accents folded (espace.search_text), the same
analysis the OpenSearch engine applies. Filtering, tiers, keyword counts and
ordering all run in SQL, so a page of results never loads the whole index.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import espace.offers.model as model
from espace.offers.model import (
    LIST_FIELDS,
    MAX_LIMIT,
    Hit,
    Offer,
    SearchQuery,
    SearchResult,
    closeness,
    has_occupation,
    is_descending,
    relevance,
    sort_key,
)
from espace.places import haversine_km
from espace.search_text import fts_phrase, terms

SCHEMA_VERSION = 6  # 3: sort keys; 4: ROME code index with the appellation; 5: FTS tags; 6: the v2 API's filters
# The offers table holds only what filters and sorts read, so scanning thousands of matches
# stays in a few pages; the documents (raw JSON, training…) are read for the page shown only.
SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS offers (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, rome_code TEXT NOT NULL, appellation_code TEXT, contract_type TEXT NOT NULL,
    created_at INTEGER NOT NULL, place_label TEXT NOT NULL, commune TEXT, departement TEXT, region TEXT,
    latitude REAL, longitude REAL, full_time INTEGER, experience TEXT, executive INTEGER,
    monthly_salary_min INTEGER, duration_months INTEGER,
    nature TEXT, experience_level TEXT, weekly_minutes INTEGER, sector TEXT, naf_code TEXT, origin TEXT,
    partners TEXT, country TEXT, education_levels TEXT, licences TEXT, accessible_th INTEGER,
    adapted_company INTEGER, handi_engaged INTEGER, few_candidates INTEGER, fee_min REAL,
    title_key TEXT NOT NULL, place_key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS offer_documents (
    rid INTEGER PRIMARY KEY, training TEXT, company TEXT, postal_code TEXT, raw TEXT NOT NULL
);
-- Levels by occupation count from this index alone (tier 3 = one appellation, tier 2 = exact codes…).
CREATE INDEX IF NOT EXISTS offers_rome ON offers (rome_code, appellation_code);
CREATE INDEX IF NOT EXISTS offers_created ON offers (created_at);
CREATE INDEX IF NOT EXISTS offers_departement ON offers (departement);
CREATE INDEX IF NOT EXISTS offers_region ON offers (region);
CREATE INDEX IF NOT EXISTS offers_commune ON offers (commune);
-- stems: the words searched; tags: the contract type, département and région as FTS terms, so that
-- a search by words with those filters is counted by FTS alone (see _tags).
CREATE VIRTUAL TABLE IF NOT EXISTS offers_text USING fts5(stems, tags, tokenize = "unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE IF NOT EXISTS offers_geo USING rtree(rid, min_lat, max_lat, min_lon, max_lon);
"""
COLUMNS = ("id", "title", "rome_code", "appellation_code", "contract_type", "created_at", "place_label",
           "commune", "departement", "region", "latitude", "longitude", "full_time", "experience", "executive",
           "monthly_salary_min", "duration_months", "nature", "experience_level", "weekly_minutes", "sector",
           "naf_code", "origin", "partners", "country", "education_levels", "licences", "accessible_th",
           "adapted_company", "handi_engaged", "few_candidates", "fee_min")
BOOL_COLUMNS = ("full_time", "executive", "accessible_th", "adapted_company", "handi_engaged", "few_candidates")
# Several codes in one column, "|B|C|": a code is matched with instr(column, '|B|').
LIST_COLUMNS = LIST_FIELDS
DOCUMENT_COLUMNS = ("training", "company", "postal_code")
BATCH = 500  # ids per IN (…) and offers per keyset page: well under SQLite's variable limit
SELECT_OFFER = ", ".join([f"o.{c}" for c in COLUMNS] + [f"d.{c}" for c in DOCUMENT_COLUMNS] + ["d.raw"])
# The sort keys the port defines (espace.offers.model.sort_key), stored next to the columns.
KEY_COLUMNS = ("title_key", "place_key")
FACET_COLUMNS = ("contract_type", "experience", "executive", "full_time", "nature", "experience_level")
SORT_COLUMNS = {"date": "created_at", "title": "title_key", "place": "place_key", "contract": "contract_type",
                "distance": "distance"}


def _bool(value):
    return None if value is None else bool(value)


def _to_column(name: str, value):
    if name in LIST_COLUMNS:
        return f"|{'|'.join(value)}|" if value else None
    return int(value) if name in BOOL_COLUMNS and value is not None else value


def _from_column(name: str, value):
    if name in LIST_COLUMNS:
        return tuple(value.strip("|").split("|")) if value else ()
    return _bool(value) if name in BOOL_COLUMNS else value


class SqliteOfferIndex:
    def __init__(self, path: str | Path):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        db = self._db()
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # An index from an older layout: it is rebuilt from its sources by the importer.
            db.executescript("DROP TABLE IF EXISTS offers; DROP TABLE IF EXISTS offer_documents; "
                             "DROP TABLE IF EXISTS offers_text; DROP TABLE IF EXISTS offers_geo;")
            db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")

    def _db(self) -> sqlite3.Connection:
        # One connection per thread: the local gateway serves requests on several threads.
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30)
            db.row_factory = sqlite3.Row
            db.create_function("distance_km", 4, _distance, deterministic=True)
            db.execute("PRAGMA temp_store = MEMORY")  # each search's match table lives in memory
            self._local.db = db
        return db

    # --- writing ------------------------------------------------------------------
    def upsert(self, offers: Iterable[Offer]) -> int:
        written = 0
        with self._write_lock, self._db() as db:
            for offer in offers:
                row = db.execute("SELECT rid FROM offers WHERE id = ?", (offer.id,)).fetchone()
                if row is not None:
                    self._remove(db, row["rid"])
                values = [_to_column(c, getattr(offer, c)) for c in COLUMNS]
                values += [sort_key(offer.title), sort_key(offer.place_label)]
                names = COLUMNS + KEY_COLUMNS
                cursor = db.execute(
                    f"INSERT INTO offers ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)
                rid = cursor.lastrowid
                db.execute("INSERT INTO offer_documents VALUES (?, ?, ?, ?, ?)",
                           (rid, offer.training, offer.company, offer.postal_code,
                            json.dumps(offer.raw, ensure_ascii=False)))
                db.execute("INSERT INTO offers_text (rowid, stems, tags) VALUES (?, ?, ?)",
                           (rid, " ".join(terms(f"{offer.title}\n{offer.description}\n{offer.training}")),
                            " ".join(_tag(kind, getattr(offer, name)) for kind, name in TAGS.items()
                                     if getattr(offer, name))))
                if offer.latitude is not None and offer.longitude is not None:
                    db.execute("INSERT INTO offers_geo VALUES (?, ?, ?, ?, ?)",
                               (rid, offer.latitude, offer.latitude, offer.longitude, offer.longitude))
                written += 1
        return written

    @staticmethod
    def _remove(db, rid: int) -> None:
        db.execute("DELETE FROM offers WHERE rid = ?", (rid,))
        db.execute("DELETE FROM offer_documents WHERE rid = ?", (rid,))
        db.execute("DELETE FROM offers_text WHERE rowid = ?", (rid,))
        db.execute("DELETE FROM offers_geo WHERE rid = ?", (rid,))

    def delete(self, ids: Iterable[str]) -> int:
        removed = 0
        with self._write_lock, self._db() as db:
            for offer_id in ids:
                row = db.execute("SELECT rid FROM offers WHERE id = ?", (offer_id,)).fetchone()
                if row is not None:
                    self._remove(db, row["rid"])
                    removed += 1
        return removed

    # --- reading --------------------------------------------------------------------
    def ids(self) -> set[str]:
        return {row[0] for row in self._db().execute("SELECT id FROM offers")}

    def count(self) -> int:
        return self._db().execute("SELECT count(*) FROM offers").fetchone()[0]

    def get(self, offer_id: str) -> Offer | None:
        row = self._db().execute(f"SELECT {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid "
                                 "WHERE o.id = ?", (offer_id,)).fetchone()
        return _offer(row) if row is not None else None

    def get_many(self, ids: Iterable[str]) -> dict[str, Offer]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Offer] = {}
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start:start + BATCH]
            rows = self._db().execute(f"SELECT {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid "
                                      f"WHERE o.id IN ({', '.join('?' * len(chunk))})", chunk)
            found.update((row["id"], _offer(row)) for row in rows)
        return found

    def published_between(self, start: int, end: int) -> Iterator[Offer]:
        # Keyset pagination on (created_at, id): each batch is a short read, so a long walk
        # never holds a read transaction open against the importer's writes.
        after: tuple[int, str] = (start - 1, "")
        while True:
            rows = self._db().execute(
                f"SELECT {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid "
                "WHERE o.created_at >= ? AND o.created_at < ? AND (o.created_at, o.id) > (?, ?) "
                "ORDER BY o.created_at, o.id LIMIT ?", (start, end, *after, BATCH)).fetchall()
            yield from (_offer(row) for row in rows)
            if len(rows) < BATCH:
                return
            after = (rows[-1]["created_at"], rows[-1]["id"])

    def search(self, query: SearchQuery) -> SearchResult:
        db = self._db()
        fast = _keywords_only(db, query)
        if fast is not None:
            return fast
        # The matching offers are computed once into a temporary table, then counted and paged.
        # Temporary tables belong to the connection, and each thread has its own.
        db.execute("DROP TABLE IF EXISTS temp.m")
        sql, params = _matching_sql(query)
        db.execute(f"CREATE TEMP TABLE m AS {sql}", params)
        groups, facets = self._aggregate(db) if query.facets else self._count(db)
        order = _order_by(query)
        limit = max(0, min(query.limit, MAX_LIMIT))
        page = db.execute(f"SELECT rid, tier, relevance, distance FROM temp.m m ORDER BY {order} LIMIT ? OFFSET ?",
                          (limit, max(0, query.offset))).fetchall()
        db.execute("DROP TABLE temp.m")
        # Only the page's offers are read whole (documents included), then put back in order.
        found = {row["rid"]: row for row in db.execute(
            f"SELECT o.rid, {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid "
            f"WHERE {_in('o.rid', page)}", [row["rid"] for row in page])} if page else {}
        hits = [Hit(offer=_offer(found[row["rid"]]), score=float(row["relevance"]), relevance=row["relevance"],
                    group="exact" if row["tier"] >= 2 else "close",
                    distance_km=None if row["distance"] is None else round(row["distance"], 1)) for row in page]
        return SearchResult(hits, groups["exact"], groups["close"], facets)

    @staticmethod
    def _count(db):
        """Totals only, in one pass (the pages show no facets)."""
        exact, close = db.execute("SELECT coalesce(sum(tier >= 2), 0), coalesce(sum(tier < 2), 0) FROM temp.m"
                                  ).fetchone()
        return {"exact": exact, "close": close}, {}

    @staticmethod
    def _aggregate(db):
        groups = {"exact": 0, "close": 0}
        columns = ", ".join(FACET_COLUMNS)
        grouped = ", ".join(str(n) for n in range(1, len(FACET_COLUMNS) + 2))
        rows = db.execute(f"SELECT tier >= 2 AS exact, {columns}, count(*) AS n FROM temp.m GROUP BY {grouped}"
                          ).fetchall()
        for row in rows:
            groups["exact" if row["exact"] else "close"] += row["n"]
        return groups, _facets(rows)


def _facets(rows) -> dict[str, dict[str, int]]:
    """Facets from rows of (FACET_COLUMNS…, n)."""
    facets: dict[str, dict[str, int]] = {name: {} for name in FACET_COLUMNS}
    for row in rows:
        for name in facets:
            value = row[name]
            if value is None:
                continue
            key = str(bool(value)).lower() if name in BOOL_COLUMNS else value
            facets[name][key] = facets[name].get(key, 0) + row["n"]
    return facets


def _keywords_only(db, query: SearchQuery) -> SearchResult | None:
    """The fast path of the commonest searches, ranked by relevance (or by date when all are
    equally relevant): level by level.

    The relevance takes few values: with words and no occupation it depends only on how many
    keywords an offer matches (m of k); with an occupation and no words, only on the tier and
    the métier proche. The ordered list is then the levels, best first, each newest first: all
    k keywords, exactly k - 1, … (one FTS5 query per level: any m of the k keywords minus any
    m + 1); or the appellation, the exact codes, then each métier proche, closest first. Each
    level is counted (by FTS alone when there is no filter), and only the levels the page
    overlaps are read, newest first, through the date index when the level is dense: no
    ranking or sorting of tens of thousands of matches. Other searches take the general path,
    which ranks every match (tests check that both agree).
    """
    extra = (getattr(query, name) for name in model.EXTRA_FILTERS)
    if any(value not in (None, (), "") for value in extra):
        return None
    phrases = _phrases(query)
    occupation = has_occupation(query)
    if (phrases and occupation) or query.sort not in ("relevance", "date") or not is_descending(query):
        return None
    if query.sort == "date" and (phrases or occupation):
        return None  # several relevance levels, but one date order: the general path
    levels = _occupation_levels(query) if occupation else _word_levels(query, phrases)
    # With an occupation the ROME code index leads: no R*Tree list of every offer around.
    where, params = _filters(query, rtree=not occupation)
    facet_where, facet_params = where, params
    everything = None  # words: the FTS query of every match, to count at once what the page does not read
    if phrases:  # contract, département and région filters go into each level's FTS query
        tags, rest = _tagged(query)
        everything = _at_least(phrases, len(phrases) if query.strict_keywords else 1)
        if tags is not None:
            where, params = _filters(rest)
            levels = [(None, [f"({tags}) AND ({match[0]})"], figure, group) for _, match, figure, group in levels]
            everything = f"({tags}) AND ({everything})"
    if occupation and query.place is not None:
        where = [f"+{condition}" if condition.startswith("o.") else condition.replace("(o.", "(+o.", 1)
                 for condition in where]  # let the ROME code index lead, not the place's
    limit, start = max(0, min(query.limit, MAX_LIMIT)), max(0, query.offset)
    offers = None  # about how many offers the index holds, read once if a plan needs it
    rows: list = []
    totals = {"exact": 0, "close": 0}
    for condition, condition_params, figure, group in levels:
        if everything is not None and len(rows) >= limit:  # the page is read: count the rest at once
            totals[group] = _count(db, where, params, everything)
            break
        level = condition or "o.rid IN (SELECT rowid FROM offers_text WHERE offers_text MATCH ?)"
        count = _count(db, where, params, *condition_params) if condition is None else \
            _count(db, [*where, level], [*params, *condition_params])
        totals[group] += count
        need = limit - len(rows)
        if need <= 0 or start >= count:
            start = max(0, start - count)
            continue
        if offers is None:
            offers = db.execute("SELECT max(rid) FROM offers").fetchone()[0] or 0  # about how many: enough
        # Dense level: walk the offers newest first and keep those of the level, about
        # (start + need) * offers / count steps; very dense words: each step asks FTS about that
        # one offer (~50 µs) rather than listing the whole level first (~0.15 µs an offer).
        # Sparse level: read the level's offers and sort them.
        walked = (start + need) * offers
        walk = walked < count * count
        # (Only for a level of words all required: FTS answers a probe of OR / NOT slowly.)
        simple = condition is None and not any(op in condition_params[-1] for op in (" OR ", " NOT "))
        if walk and simple and walked * 330 < count * count:
            level = "EXISTS (SELECT 1 FROM offers_text WHERE offers_text MATCH ? AND rowid = o.rid)"
        rows += [(row, figure, group) for row in db.execute(
            f"""SELECT {SELECT_OFFER} FROM offers o {'INDEXED BY offers_created' if walk else ''}
                JOIN offer_documents d ON d.rid = o.rid WHERE {' AND '.join([*where, level])}
                ORDER BY o.created_at DESC, o.id LIMIT ? OFFSET ?""",
            [*params, *condition_params, need, start]).fetchall()]
        start = 0
    place = query.place
    hits = []
    for row, figure, group in rows:
        distance = (_distance(place.latitude, place.longitude, row["latitude"], row["longitude"])
                    if place is not None and place.kind == "commune" else None)
        hits.append(Hit(offer=_offer(row), score=float(figure), relevance=figure, group=group,
                        distance_km=None if distance is None else round(distance, 1)))
    facets = {}
    if query.facets:  # one grouped pass over every match (the API's filtresPossibles)
        if occupation:
            (match, match_params), _ = _occupation(query)
        elif phrases:
            match = "o.rid IN (SELECT rowid FROM offers_text WHERE offers_text MATCH ?)"
            match_params = [_at_least(phrases, len(phrases) if query.strict_keywords else 1)]
        else:
            match, match_params = "1", []
        columns = ", ".join(FACET_COLUMNS)
        grouped = ", ".join(str(n) for n in range(1, len(FACET_COLUMNS) + 1))
        facets = _facets(db.execute(f"""SELECT {columns}, count(*) AS n
                                        FROM offers o WHERE {' AND '.join([*facet_where, match])}
                                        GROUP BY {grouped}""", [*facet_params, *match_params]).fetchall())
    return SearchResult(hits, totals["exact"], totals["close"], facets)


def _phrases(query: SearchQuery) -> list[str]:
    """One FTS5 query per keyword that has words, on the words column only (not the tags)."""
    return [f"stems : ({p})" for p in (fts_phrase(k) for k in query.keywords[:5]) if p]


TAGS = {"c": "contract_type", "d": "departement", "r": "region"}  # tag kind -> offer field


def _tag(kind: str, value: str) -> str:
    """One FTS term (letters and digits only) for a field value: "xccdi", "xd2a", "xr75"."""
    return "x" + kind + re.sub(r"[^0-9a-z]", "", value.lower())


def _tagged(query: SearchQuery) -> tuple[str | None, SearchQuery]:
    """The filters an FTS tag can answer (contract types, département, région) as one FTS5
    query on the tags column, and the query without them (for the rest, in SQL)."""
    conditions, rest = [], query
    if query.contract_types:
        conditions.append(" OR ".join(f'"{_tag("c", c)}"' for c in query.contract_types))
        rest = dataclasses.replace(rest, contract_types=())
    place = query.place
    if place is not None and place.kind in ("departement", "region"):
        conditions.append(f'"{_tag(place.kind[0], place.code)}"')
        rest = dataclasses.replace(rest, place=None)
    if not conditions:
        return None, query
    return " AND ".join(f"tags : ({c})" for c in conditions), rest


def _word_levels(query: SearchQuery, phrases: list[str]) -> list[tuple[str | None, list, int, str]]:
    """(condition, parameters, relevance, group) of each level of a search by words, best first.
    A condition None means the level is the FTS match of the parameter alone."""
    k = len(phrases)
    if not k:
        return [("1", [], relevance(2, 0, 0, occupation=False), "exact")]
    levels: list[tuple[str | None, list, int, str]] = []
    for m in [k] if query.strict_keywords else range(k, 0, -1):
        match = _at_least(phrases, m) if m == k else f"({_at_least(phrases, m)}) NOT ({_at_least(phrases, m + 1)})"
        levels.append((None, [match], relevance(2, m, k, occupation=False), "exact"))
    return levels


def _occupation_levels(query: SearchQuery) -> list[tuple[str | None, list, int, str]]:
    """The levels of a search by occupation without words: the appellation, the exact codes,
    then the métiers proches by closeness (codes of equal relevance share a level)."""
    (any_sql, any_params), (exact_sql, exact_params) = _occupation(query)
    not_chosen, not_chosen_params = ("o.appellation_code IS NOT ?", [query.appellation]) if query.appellation \
        else ("1", [])
    levels: list[tuple[str | None, list, int, str]] = []
    if query.appellation:
        levels.append((f"o.appellation_code = ? AND {any_sql}", [query.appellation, *any_params],
                       relevance(3, 0, 0), "exact"))
    levels.append((f"{exact_sql} AND {not_chosen}", [*exact_params, *not_chosen_params], relevance(2, 0, 0), "exact"))
    by_figure: dict[int, list[str]] = {}
    n = len(query.close_rome_codes)
    for code, c in closeness(query).items():
        if code not in query.rome_codes:
            by_figure.setdefault(relevance(1, 0, 0, c, n), []).append(code)
    for figure, codes in sorted(by_figure.items(), reverse=True):
        levels.append((f"{_in('o.rome_code', codes)} AND NOT {exact_sql} AND {not_chosen}",
                       [*codes, *exact_params, *not_chosen_params], figure, "close"))
    return levels


def _count(db, where: list[str], params: list, words: str | None = None) -> int:
    """How many offers pass ``where`` (and match the FTS query ``words``); by FTS alone when
    there is no other condition."""
    if words is not None and not where:
        return db.execute("SELECT count(*) FROM offers_text WHERE offers_text MATCH ?", [words]).fetchone()[0]
    if words is not None:
        where = [*where, "o.rid IN (SELECT rowid FROM offers_text WHERE offers_text MATCH ?)"]
        params = [*params, words]
    return db.execute(f"SELECT count(*) FROM offers o WHERE {' AND '.join(where) or '1'}", params).fetchone()[0]


def _at_least(phrases: list[str], m: int) -> str:
    """An FTS5 query matching the offers that match at least ``m`` of ``phrases``."""
    return " OR ".join("(" + " AND ".join(f"({p})" for p in combo) + ")"
                       for combo in itertools.combinations(phrases, m))


def _in(column: str, values) -> str:
    """``column IN (?, ?, …)``, one placeholder per value."""
    return f"{column} IN ({', '.join('?' * len(values))})"


def _distance(lat1, lon1, lat2, lon2):
    if None in (lat1, lon1, lat2, lon2):
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


def _offer(row) -> Offer:
    values = {c: _from_column(c, row[c]) for c in COLUMNS + DOCUMENT_COLUMNS}
    raw = json.loads(row["raw"])
    return Offer(description=raw.get("description") or "", raw=raw, **values)


def _order_by(query: SearchQuery) -> str:
    direction = "DESC" if is_descending(query) else "ASC"
    if query.sort == "date":
        primary = f"m.created_at {direction}"
    elif query.sort == "distance":
        primary = f"m.distance IS NULL, m.distance {direction}"
    elif query.sort in SORT_COLUMNS:
        primary = f"m.{SORT_COLUMNS[query.sort]} {direction}"
    else:  # relevance: the exact group first in both directions
        primary = f"m.tier >= 2 DESC, m.relevance {direction}"
    return f"{primary}, m.created_at DESC, m.id"


def _any_code(column: str, codes) -> tuple[str, list]:
    """A "|A|B|" list column holds at least one of ``codes``."""
    return "(" + " OR ".join(f"instr(coalesce({column}, ''), ?) > 0" for _ in codes) + ")", [f"|{c}|" for c in codes]


def _flag(column: str, value: bool) -> str:
    return f"{column} = 1" if value else f"coalesce({column}, 0) = 0"


def _api_filters(query: SearchQuery) -> tuple[list[str], list]:
    """The conditions of the real v2 API's other filters (espace.offers.model, EXTRA_FILTERS)."""
    where: list[str] = []
    params: list = []
    for column, codes in (("departement", query.departements), ("sector", query.sectors),
                          ("naf_code", query.naf_codes)):
        if codes:
            where.append(_in(f"o.{column}", codes))
            params += list(codes)
    for column, value in (("origin", query.origin), ("country", query.country)):
        if value is not None:
            where.append(f"o.{column} = ?")
            params.append(value)
    if query.experience_levels:
        unspecified = " OR o.experience_level IS NULL" if "0" in query.experience_levels else ""
        where.append(f"({_in('o.experience_level', query.experience_levels)}{unspecified})")
        params += list(query.experience_levels)
    if query.natures:
        either = f" OR {_in('o.contract_type', query.or_contract_types)}" if query.or_contract_types else ""
        where.append(f"({_in('o.nature', query.natures)}{either})")
        params += [*query.natures, *query.or_contract_types]
    for codes, keep in ((query.partners, ""), (query.excluded_partners, "NOT ")):
        if codes:
            listed, listed_params = _any_code("o.partners", codes)
            where.append(f"(coalesce(o.origin, '') != '2' OR {keep}{listed})")
            params += listed_params
    for column, codes in (("o.education_levels", query.education_levels), ("o.licences", query.licences)):
        if codes:
            listed, listed_params = _any_code(column, codes)
            where.append(listed)
            params += listed_params
    for name in ("accessible_th", "adapted_company", "handi_engaged", "few_candidates"):
        if getattr(query, name) is not None:
            where.append(_flag(f"o.{name}", getattr(query, name)))
    if query.qualification == "X":
        where.append("o.executive IS NULL")
    if query.unspecified_working_time is not None:
        where.append(f"o.full_time IS {'' if query.unspecified_working_time else 'NOT '}NULL")
    for column, bound, operator in (("weekly_minutes", query.min_weekly_minutes, ">="),
                                    ("weekly_minutes", query.max_weekly_minutes, "<="),
                                    ("created_at", query.min_created_at, ">="),
                                    ("created_at", query.max_created_at, "<="),
                                    ("fee_min", query.min_fee, ">=")):
        if bound is not None:
            where.append(f"o.{column} {operator} ?")
            params.append(bound)
    if query.communes:
        around = [_commune_condition(place, query.distance_km) for place in query.communes]
        where.append("(" + " OR ".join(condition for condition, _ in around) + ")")
        params += [value for _, values in around for value in values]
    return where, params


def _commune_condition(place, distance_km: int) -> tuple[str, list]:
    """One commune of ``communes``: the commune rule of the contract, without the R*Tree (at most 5)."""
    if place.latitude is not None and place.longitude is not None and distance_km > 0:
        return ("(distance_km(?, ?, o.latitude, o.longitude) <= ? OR (o.latitude IS NULL AND o.departement = ?))",
                [place.latitude, place.longitude, distance_km, place.departement])
    return ("(o.commune = ? OR (o.commune IS NULL AND o.latitude IS NULL AND o.departement = ?))",
            [place.code, place.departement])


def _filters(query: SearchQuery, rtree: bool = True) -> tuple[list[str], list]:
    """The conditions on the offers table alone (all but occupation and words), and their
    parameters. ``rtree``: a distance narrows by the R*Tree (else by the row's own coordinates)."""
    where: list[str] = []
    params: list[object] = []  # SQLite parameters: str, int, float or None
    if query.contract_types:
        where.append(_in("o.contract_type", query.contract_types))
        params += list(query.contract_types)
    if query.full_time is not None:
        where.append("o.full_time = ?")
        params.append(int(query.full_time))
    if query.experience:
        where.append(_in("o.experience", query.experience))
        params += list(query.experience)
    if query.qualification in ("0", "9"):
        where.append("o.executive = ?")
        params.append(1 if query.qualification == "9" else 0)
    if query.published_since_days:
        where.append("o.created_at >= ?")
        params.append(query.now - query.published_since_days * 86400)
    if query.min_monthly_salary is not None:
        where.append("o.monthly_salary_min >= ?")
        params.append(query.min_monthly_salary)
    if query.min_duration_months is not None:
        where.append("o.duration_months >= ?")
        params.append(query.min_duration_months)
    if query.max_duration_months is not None:
        where.append("o.duration_months <= ?")
        params.append(query.max_duration_months)
    api_where, api_params = _api_filters(query)  # the real v2 API's other filters (EXTRA_FILTERS)
    where, params = where + api_where, params + api_params

    place = query.place
    if place is not None:
        if (place.kind == "commune" and place.latitude is not None and place.longitude is not None
                and query.distance_km > 0):
            # The R*Tree narrows to a bounding box (a little wide on purpose: 110 km per degree
            # is less than the real 111.2); the exact great-circle test follows.
            dlat = query.distance_km / 110.0
            dlon = query.distance_km / max(1e-6, 110.0 * math.cos(math.radians(place.latitude)))
            box = ("o.rid IN (SELECT rid FROM offers_geo WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? "
                   "AND max_lon <= ?)" if rtree else "o.latitude BETWEEN ? AND ? AND o.longitude BETWEEN ? AND ?")
            where.append(f"""({box} AND distance_km(?, ?, o.latitude, o.longitude) <= ?
                             OR (o.latitude IS NULL AND o.departement = ?))""")
            params += [place.latitude - dlat, place.latitude + dlat, place.longitude - dlon, place.longitude + dlon,
                       place.latitude, place.longitude, query.distance_km, place.departement]
        elif place.kind == "commune":
            where.append("(o.commune = ? OR (o.commune IS NULL AND o.latitude IS NULL AND o.departement = ?))")
            params += [place.code, place.departement]
        elif place.kind == "departement":
            where.append("o.departement = ?")
            params.append(place.code)
        elif place.kind == "region":
            where.append("o.region = ?")
            params.append(place.code)
    return where, params


def _matching_sql(query: SearchQuery) -> tuple[str, list]:
    """One SELECT of (rid, tier, relevance, distance, sort and facet columns) for every offer
    that matches ``query``."""
    where, params = _filters(query, rtree=not has_occupation(query))  # with a métier, its ROME index leads
    joins: list[str] = []
    distance, distance_params = "NULL", []
    place = query.place
    if place is not None and place.kind == "commune" and place.latitude is not None:
        distance = "distance_km(?, ?, o.latitude, o.longitude)"
        distance_params = [place.latitude, place.longitude]

    occupation = has_occupation(query)
    tier = "2"
    tier_params: list = []
    close, close_params = "0", []
    if occupation:
        (any_sql, any_params), (exact_sql, exact_params) = _occupation(query)
        where.append(any_sql)
        params += any_params
        tier_params += exact_params
        tier = f"CASE WHEN {exact_sql} THEN 2 ELSE 1 END"
        if query.appellation:
            tier = f"CASE WHEN o.appellation_code = ? THEN 3 ELSE {tier} END"
            tier_params = [query.appellation, *tier_params]
        if points := closeness(query):
            close = f"CASE o.rome_code {' '.join('WHEN ? THEN ?' for _ in points)} ELSE 0 END"
            close_params = [value for item in points.items() for value in item]

    phrases = _phrases(query)
    matched, match_params = "0", []
    if phrases:
        # How many keywords each offer matches, in one grouped pass over the FTS matches.
        union = " UNION ALL ".join("SELECT rowid FROM offers_text WHERE offers_text MATCH ?" for _ in phrases)
        required = query.strict_keywords or not occupation
        joins.append(f"{'' if required else 'LEFT '}JOIN (SELECT rowid AS rid, count(*) AS n FROM ({union}) "
                     "GROUP BY rowid) kw ON kw.rid = o.rid")
        match_params = list(phrases)
        matched = "coalesce(kw.n, 0)"
        if query.strict_keywords:
            where.append("kw.n = ?")
            params.append(len(phrases))

    # The columns that counting, facets and ordering read come along, so those steps never
    # go back to the offers table for thousands of rows.
    # Only the columns this search sorts or counts on: each one costs on every matching row.
    extra = ["id", "created_at"]
    if query.sort in ("title", "place", "contract"):
        extra.append(SORT_COLUMNS[query.sort])
    if query.facets:
        extra += [c for c in FACET_COLUMNS if c != "contract_type" or query.sort != "contract"]
    sql = f"""SELECT rid, tier, {_relevance_sql(query, len(phrases))} AS relevance, distance, {', '.join(extra)}
              FROM (SELECT o.rid AS rid, {tier} AS tier, {matched} AS matched, {close} AS close,
                           {distance} AS distance, {', '.join(f'o.{c} AS {c}' for c in extra)}
                    FROM offers o {' '.join(joins)}
                    WHERE {' AND '.join(where) or '1'})"""
    ordered = tier_params + close_params + distance_params + match_params + params
    return sql, ordered


def _occupation(query: SearchQuery) -> tuple[tuple[str, list], tuple[str, list]]:
    """(the occupation filter: any code or the domaine, its parameters), (tier >= 2 apart from the
    appellation: an exact code or the domaine, its parameters)."""
    exact_codes = list(query.rome_codes)
    codes = exact_codes + [c for c in query.close_rome_codes if c not in exact_codes]

    def either(codes: list[str]) -> tuple[str, list]:
        conditions, params = [], []
        if codes:
            conditions.append(_in("o.rome_code", codes))
            params += codes
        if query.domaine:
            conditions.append("o.rome_code LIKE ?")
            params.append(query.domaine + "%")
        return "(" + " OR ".join(conditions or ["0"]) + ")", params

    return either(codes), either(exact_codes)


def _relevance_sql(query: SearchQuery, keywords: int) -> str:
    """espace.offers.model.relevance in SQL (integer arithmetic: SQLite's ``/`` on integers
    truncates, as ``//`` does on these non-negative values), on the columns tier, matched, close."""
    def share(weight: int) -> str:
        return str(weight) if keywords == 0 else f"({weight} * matched / {keywords})"

    n = len(query.close_rome_codes)
    close = f"30 * close / {n}" if n else "0"
    exact = f"80 + {share(15)}" if has_occupation(query) else f"50 + {share(50)}"
    return f"CASE tier WHEN 3 THEN 90 + {share(10)} WHEN 2 THEN {exact} ELSE 30 + {close} + {share(10)} END"
