"""The offer search port on SQLite: FTS5 for words, R*Tree for distance, SQL for the rest.

One file, no server: the embedded profile's search engine. Texts are indexed as
Snowball-French stems with accents folded (espace.search_text), the same
analysis the OpenSearch engine applies. Filtering, tiers, keyword counts and
ordering all run in SQL, so a page of results never loads the whole index.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from espace.offers.model import EXTRA_FILTERS, LIST_FIELDS, MAX_LIMIT, Hit, Offer, SearchQuery, SearchResult
from espace.places import haversine_km
from espace.search_text import fts_phrase, terms

SCHEMA_VERSION = 3
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
    adapted_company INTEGER, handi_engaged INTEGER, few_candidates INTEGER, fee_min REAL
);
CREATE TABLE IF NOT EXISTS offer_documents (
    rid INTEGER PRIMARY KEY, training TEXT, company TEXT, postal_code TEXT, raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS offers_rome ON offers (rome_code);
CREATE INDEX IF NOT EXISTS offers_created ON offers (created_at);
CREATE INDEX IF NOT EXISTS offers_departement ON offers (departement);
CREATE INDEX IF NOT EXISTS offers_region ON offers (region);
CREATE INDEX IF NOT EXISTS offers_commune ON offers (commune);
CREATE VIRTUAL TABLE IF NOT EXISTS offers_text USING fts5(stems, tokenize = "unicode61 remove_diacritics 2");
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
SELECT_OFFER = ", ".join([f"o.{c}" for c in COLUMNS] + [f"d.{c}" for c in DOCUMENT_COLUMNS] + ["d.raw"])
# Above this many matches, BM25 (the text score, which only breaks ties between offers of
# equal tier and keyword count) is skipped: computing it for tens of thousands of rows costs
# more than the whole rest of the search, and newest-first is a fair tie-break there.
BM25_LIMIT = 5000
FACET_COLUMNS = ("contract_type", "experience", "executive", "full_time", "nature", "experience_level")
SORT_COLUMNS = {"date": "created_at", "title": "title COLLATE NOCASE", "place": "place_label COLLATE NOCASE",
                "contract": "contract_type", "distance": "distance"}


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
                cursor = db.execute(
                    f"INSERT INTO offers ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", values)
                rid = cursor.lastrowid
                db.execute("INSERT INTO offer_documents VALUES (?, ?, ?, ?, ?)",
                           (rid, offer.training, offer.company, offer.postal_code,
                            json.dumps(offer.raw, ensure_ascii=False)))
                db.execute("INSERT INTO offers_text (rowid, stems) VALUES (?, ?)",
                           (rid, " ".join(terms(f"{offer.title}\n{offer.description}\n{offer.training}"))))
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

    def search(self, query: SearchQuery) -> SearchResult:
        db = self._db()
        fast = _keywords_only(db, query)
        if fast is not None:
            return fast
        # The matching offers are computed once into a temporary table, then counted and paged.
        # Temporary tables belong to the connection, and each thread has its own.
        db.execute("DROP TABLE IF EXISTS temp.m")
        sql, params = _matching_sql(query, with_bm25=False)
        db.execute(f"CREATE TEMP TABLE m AS {sql}", params)
        if query.keywords and db.execute("SELECT count(*) FROM temp.m").fetchone()[0] <= BM25_LIMIT:
            db.execute("DROP TABLE temp.m")
            sql, params = _matching_sql(query, with_bm25=True)
            db.execute(f"CREATE TEMP TABLE m AS {sql}", params)
        groups, facets, best = self._aggregate(db) if query.facets else self._count(db)
        order = _order_by(query)
        limit = max(0, min(query.limit, MAX_LIMIT))
        page = db.execute(f"SELECT rid, tier, score, distance FROM temp.m m ORDER BY {order} LIMIT ? OFFSET ?",
                          (limit, max(0, query.offset))).fetchall()
        db.execute("DROP TABLE temp.m")
        # Only the page's offers are read whole (documents included), then put back in order.
        found = {row["rid"]: row for row in db.execute(
            f"SELECT o.rid, {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid "
            f"WHERE {_in('o.rid', page)}", [row["rid"] for row in page])} if page else {}
        hits = [Hit(offer=_offer(found[row["rid"]]), score=row["score"], relevance=_relevance(row["score"], best),
                    group="exact" if row["tier"] >= 2 else "close",
                    distance_km=None if row["distance"] is None else round(row["distance"], 1)) for row in page]
        return SearchResult(hits, groups["exact"], groups["close"], facets)

    @staticmethod
    def _count(db):
        """Totals and best score only, in one pass (the pages show no facets)."""
        exact, close, best = db.execute("SELECT coalesce(sum(tier >= 2), 0), coalesce(sum(tier < 2), 0), "
                                        "coalesce(max(score), 0) FROM temp.m").fetchone()
        return {"exact": exact, "close": close}, {}, best

    @staticmethod
    def _aggregate(db):
        groups = {"exact": 0, "close": 0}
        facets: dict[str, dict[str, int]] = {name: {} for name in FACET_COLUMNS}
        best = 0.0
        grouped = ", ".join(str(n) for n in range(1, len(FACET_COLUMNS) + 2))
        for row in db.execute(f"""
                SELECT tier >= 2 AS exact, {', '.join(FACET_COLUMNS)}, count(*) AS n, max(score) AS best
                FROM temp.m GROUP BY {grouped}"""):
            groups["exact" if row["exact"] else "close"] += row["n"]
            best = max(best, row["best"] or 0)
            for name in facets:
                value = row[name]
                if value is None:
                    continue
                key = str(bool(value)).lower() if name in BOOL_COLUMNS else value
                facets[name][key] = facets[name].get(key, 0) + row["n"]
        return groups, facets, best


def _keywords_only(db, query: SearchQuery) -> SearchResult | None:
    """A fast path for the commonest broad search: words only, ranked by relevance, no facets.

    Above BM25_LIMIT matches every offer's score is 2000 + 100 x matched keywords, so the first
    pages are the offers that match every keyword, newest first: one FTS ``AND`` query sorted by
    date gives them, and FTS alone counts the rest. Any other case (or a page beyond the
    offers matching every keyword) takes the general path, which ranks every match.
    """
    filters = (query.rome_codes, query.close_rome_codes, query.appellation, query.domaine, query.place,
               query.contract_types, query.experience, query.qualification, query.published_since_days,
               query.min_monthly_salary, query.min_duration_months, query.max_duration_months)
    if any(value not in (None, (), "") for value in filters) or query.full_time is not None:
        return None
    if any(getattr(query, name) not in (None, ()) for name in EXTRA_FILTERS):
        return None
    if query.facets or query.sort != "relevance" or query.descending:
        return None
    phrases = [p for p in (fts_phrase(k) for k in query.keywords[:5]) if p]
    if not phrases:
        return None
    every = " AND ".join(f"({p})" for p in phrases)
    count = "SELECT count(*) FROM offers_text WHERE offers_text MATCH ?"
    total = db.execute(count, [every if query.strict_keywords else " OR ".join(f"({p})" for p in phrases)]
                       ).fetchone()[0]
    limit = max(0, min(query.limit, MAX_LIMIT))
    on_top = total if query.strict_keywords else db.execute(count, [every]).fetchone()[0]
    if total <= BM25_LIMIT or on_top < query.offset + limit:
        return None
    rows = db.execute(f"""SELECT {SELECT_OFFER} FROM offers o JOIN offer_documents d ON d.rid = o.rid
                          WHERE o.rid IN (SELECT rowid FROM offers_text WHERE offers_text MATCH ?)
                          ORDER BY o.created_at DESC, o.id LIMIT ? OFFSET ?""",
                      (every, limit, max(0, query.offset))).fetchall()
    score = 2000 + 100 * len(phrases)
    hits = [Hit(offer=_offer(row), score=score, relevance=100, group="exact", distance_km=None) for row in rows]
    return SearchResult(hits, total, 0, {})


def _in(column: str, values) -> str:
    """``column IN (?, ?, …)``, one placeholder per value."""
    return f"{column} IN ({', '.join('?' * len(values))})"


def _distance(lat1, lon1, lat2, lon2):
    if None in (lat1, lon1, lat2, lon2):
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


def _relevance(score: float, best: float) -> int:
    return max(1, min(100, round(100 * score / best))) if best > 0 else 100


def _offer(row) -> Offer:
    values = {c: _from_column(c, row[c]) for c in COLUMNS + DOCUMENT_COLUMNS}
    raw = json.loads(row["raw"])
    return Offer(description=raw.get("description") or "", raw=raw, **values)


def _order_by(query: SearchQuery) -> str:
    direction = "DESC" if query.descending else "ASC"
    if query.sort == "relevance" or query.sort not in SORT_COLUMNS:
        primary = f"m.tier >= 2 DESC, m.score {'ASC' if query.descending else 'DESC'}"
    elif query.sort == "date":
        primary = f"m.created_at {'ASC' if query.descending else 'DESC'}"  # newest first by default
    elif query.sort == "distance":
        primary = f"m.distance IS NULL, m.distance {direction}"
    else:
        primary = f"m.{SORT_COLUMNS[query.sort]} {direction}"
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


def _matching_sql(query: SearchQuery, with_bm25: bool = True) -> tuple[str, list]:
    """One SELECT of (rid, tier, score, distance, sort and facet columns) for every offer that
    matches ``query``."""
    where: list[str] = []
    params: list[object] = []  # SQLite parameters: str, int, float or None
    joins: list[str] = []
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

    distance, distance_params = "NULL", []
    place = query.place
    if place is not None:
        if (place.kind == "commune" and place.latitude is not None and place.longitude is not None
                and query.distance_km > 0):
            # The R*Tree narrows to a bounding box (a little wide on purpose: 110 km per degree
            # is less than the real 111.2); the exact great-circle test follows.
            dlat = query.distance_km / 110.0
            dlon = query.distance_km / max(1e-6, 110.0 * math.cos(math.radians(place.latitude)))
            where.append("""(o.rid IN (SELECT rid FROM offers_geo WHERE min_lat >= ? AND max_lat <= ?
                                       AND min_lon >= ? AND max_lon <= ?)
                             AND distance_km(?, ?, o.latitude, o.longitude) <= ?
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
        if place.kind == "commune" and place.latitude is not None:
            distance = "distance_km(?, ?, o.latitude, o.longitude)"
            distance_params = [place.latitude, place.longitude]

    occupation = bool(query.rome_codes or query.close_rome_codes or query.appellation or query.domaine)
    exact_codes = list(query.rome_codes)
    tier = "2"
    tier_params: list = []
    if occupation:
        conditions, occ_params = [], []
        codes = exact_codes + [c for c in query.close_rome_codes if c not in exact_codes]
        if codes:
            conditions.append(_in("o.rome_code", codes))
            occ_params += codes
        if query.domaine:
            conditions.append("o.rome_code LIKE ?")
            occ_params.append(query.domaine + "%")
        where.append("(" + " OR ".join(conditions or ["0"]) + ")")
        params += occ_params
        exact = []
        if exact_codes:
            exact.append(_in("o.rome_code", exact_codes))
            tier_params += exact_codes
        if query.domaine:
            exact.append("o.rome_code LIKE ?")
            tier_params.append(query.domaine + "%")
        tier = f"CASE WHEN {' OR '.join(exact or ['0'])} THEN 2 ELSE 1 END"
        if query.appellation:
            tier = f"CASE WHEN o.appellation_code = ? THEN 3 ELSE {tier} END"
            tier_params = [query.appellation, *tier_params]

    phrases = [p for p in (fts_phrase(k) for k in query.keywords[:5]) if p]
    matched, match_params = "0", []
    text_score, text_params = "0", []
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
    if phrases and with_bm25:
        # BM25 of all the words together, squashed into [0, 100): ranks within equal tiers.
        joins.append("LEFT JOIN (SELECT rowid AS rid, bm25(offers_text) AS bm FROM offers_text "
                     "WHERE offers_text MATCH ?) t ON t.rid = o.rid")
        text_params = [" OR ".join(f"({p})" for p in phrases)]
        text_score = "CASE WHEN t.bm IS NULL THEN 0 ELSE 100.0 * (-t.bm) / (1.0 - t.bm) END"

    # The columns that counting, facets and ordering read come along, so those steps never
    # go back to the offers table for thousands of rows.
    # Only the columns this search sorts or counts on: each one costs on every matching row.
    extra = ["o.id", "o.created_at"]
    if query.sort in ("title", "place", "contract"):
        extra.append(f"o.{SORT_COLUMNS[query.sort].split()[0]}")
    if query.facets:
        extra += [f"o.{c}" for c in FACET_COLUMNS if c != "contract_type" or query.sort != "contract"]
    sql = f"""SELECT o.rid AS rid, {tier} AS tier,
                     ({tier}) * 1000 + ({matched}) * 100 + {text_score} AS score,
                     {distance} AS distance, {', '.join(extra)}
              FROM offers o {' '.join(joins)}
              WHERE {' AND '.join(where) or '1'}"""
    ordered = tier_params + tier_params + distance_params + match_params + text_params + params
    return sql, ordered
