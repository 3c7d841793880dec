"""The CV bank's index on SQLite (embedded profile): FTS5 for the words, SQL for the rest.

- ``cvs``: one row per CV with what filters and hits read; several codes in one column are
  kept as ``|CDI|CDD|`` and matched with ``instr`` (a handful per CV, no join needed).
- ``cv_places``: one row per wanted place, with its département, région and coordinates, so
  the place criterion is one ``EXISTS`` on an index.
- ``cv_text``: FTS5 over Snowball-French stems with accents folded (espace.search_text), the
  very terms the OpenSearch engine indexes, so both find the same CVs; every stem is quoted
  (as ``espace.search_text.fts_phrase`` does) and user input is never read as FTS syntax.

Distances are the contract's haversine (espace.places.haversine_km), registered as an SQL
function: a bounding box on the coordinates' index narrows the candidates first.

The place rule is the port's (espace.cv.index): each wanted place's row carries its département
and région, so whether it covers the recruiter's place is one condition on that row.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from pathlib import Path
from typing import Any

from espace.cv.index import MAX_KEYWORD_WORDS, MAX_PER_PAGE, MAX_WINDOW, CvDocument, CvHit, CvQuery, CvResults
from espace.places import Place, haversine_km
from espace.search_text import terms

SCHEMA_VERSION = 1
SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS cvs (
    rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, mode TEXT NOT NULL,
    title TEXT NOT NULL, appellation_code TEXT NOT NULL, appellation_label TEXT NOT NULL,
    rome_code TEXT NOT NULL, contracts TEXT NOT NULL, languages TEXT NOT NULL, licences TEXT NOT NULL,
    experience_months INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    place_labels TEXT NOT NULL, contract_list TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cvs_user ON cvs (user_id);
CREATE INDEX IF NOT EXISTS cvs_rome ON cvs (rome_code, appellation_code);
CREATE INDEX IF NOT EXISTS cvs_updated ON cvs (updated_at);
CREATE TABLE IF NOT EXISTS cv_places (
    rid INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, departement TEXT, region TEXT,
    latitude REAL, longitude REAL
);
CREATE INDEX IF NOT EXISTS cv_places_rid ON cv_places (rid);
CREATE INDEX IF NOT EXISTS cv_places_code ON cv_places (kind, code);
CREATE INDEX IF NOT EXISTS cv_places_departement ON cv_places (departement);
CREATE INDEX IF NOT EXISTS cv_places_region ON cv_places (region);
CREATE INDEX IF NOT EXISTS cv_places_latitude ON cv_places (latitude, longitude);
CREATE VIRTUAL TABLE IF NOT EXISTS cv_text USING fts5(stems, tokenize = "unicode61 remove_diacritics 2");
"""
KM_PER_DEGREE = 111.2  # of latitude on the contract's sphere (2 pi 6371 / 360)


def _codes(values: tuple[str, ...] | list[str]) -> str:
    """``|A|B|``: a code is then found with instr(column, '|A|')."""
    return "|" + "|".join(values) + "|" if values else ""


def _haversine(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


def searched_text(document: CvDocument) -> str:
    """Every word a recruiter's keywords may meet: the title, the métier, the skills, the text."""
    return " ".join(terms("\n".join([document.title, document.appellation_label, *document.skills,
                                     document.text])))


class SqliteCvIndex:
    def __init__(self, path: str | Path):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        db = self._db()
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # Another layout: emptied; CvBook puts each CV again when it is next saved.
            db.executescript("DROP TABLE IF EXISTS cvs; DROP TABLE IF EXISTS cv_places; DROP TABLE IF EXISTS cv_text;")
            db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        else:
            db.executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:  # one connection per thread (the local gateway serves from several)
            db = sqlite3.connect(self.path, timeout=30)
            db.create_function("haversine", 4, _haversine, deterministic=True)
            self._local.db = db
        return db

    # --- writing ------------------------------------------------------------------------
    def put(self, document: CvDocument) -> None:
        self.put_many([document])

    def put_many(self, documents: list[CvDocument]) -> None:
        """Several CVs in one transaction (benchmarks, rebuilds)."""
        with self._write_lock, self._db() as db:
            for document in documents:
                self._delete(db, document.cv_id)
                self._insert(db, document)

    @staticmethod
    def _insert(db: sqlite3.Connection, document: CvDocument) -> None:
        row = (document.cv_id, document.user_id, document.mode, document.title,
               document.appellation_code, document.appellation_label, document.rome_code,
               _codes(document.contracts), _codes([code for code, _level in document.languages]),
               _codes(document.licences), document.experience_months, document.updated_at,
               json.dumps([p.label for p in document.places], ensure_ascii=False),
               json.dumps(list(document.contracts)))
        rid = db.execute(
            "INSERT INTO cvs (id, user_id, mode, title, appellation_code, appellation_label, rome_code,"
            " contracts, languages, licences, experience_months, updated_at, place_labels, contract_list)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid
        db.executemany(
            "INSERT INTO cv_places (rid, kind, code, departement, region, latitude, longitude)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rid, p.kind, p.code, p.code if p.kind == "departement" else p.departement,
              p.code if p.kind == "region" else p.region, p.latitude, p.longitude) for p in document.places])
        db.execute("INSERT INTO cv_text (rowid, stems) VALUES (?, ?)", (rid, searched_text(document)))

    @staticmethod
    def _delete(db: sqlite3.Connection, cv_id: str) -> bool:
        row = db.execute("SELECT rid FROM cvs WHERE id = ?", (cv_id,)).fetchone()
        if row is None:
            return False
        db.execute("DELETE FROM cv_places WHERE rid = ?", row)
        db.execute("DELETE FROM cv_text WHERE rowid = ?", row)
        db.execute("DELETE FROM cvs WHERE rid = ?", row)
        return True

    def remove(self, cv_id: str) -> None:
        with self._write_lock, self._db() as db:
            self._delete(db, cv_id)

    def remove_user(self, user_id: str) -> int:
        with self._write_lock, self._db() as db:
            ids = [cv_id for (cv_id,) in db.execute("SELECT id FROM cvs WHERE user_id = ?", (user_id,))]
            for cv_id in ids:
                self._delete(db, cv_id)
        return len(ids)

    def owner(self, cv_id: str) -> str | None:
        row = self._db().execute("SELECT user_id FROM cvs WHERE id = ?", (cv_id,)).fetchone()
        return str(row[0]) if row else None

    def count(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM cvs").fetchone()[0])

    def drop(self) -> None:
        with self._write_lock, self._db() as db:
            db.execute("DELETE FROM cv_places")
            db.execute("DELETE FROM cv_text")
            db.execute("DELETE FROM cvs")

    # --- searching ----------------------------------------------------------------------
    def search(self, query: CvQuery) -> CvResults:
        where, params = self._where(query)
        clause = " AND ".join(where) or "1"
        db = self._db()
        total = db.execute(f"SELECT count(*) FROM cvs c WHERE {clause}", params).fetchone()[0]
        per_page = max(1, min(query.per_page, MAX_PER_PAGE))
        offset = (max(1, query.page) - 1) * per_page
        if offset + per_page > MAX_WINDOW:  # as the OpenSearch engine: no page so deep
            return CvResults(total=total)
        origin = _origin(query.place)
        columns = ("c.id, c.user_id, c.mode, c.title, c.appellation_label, c.rome_code, c.place_labels,"
                   " c.contract_list, c.experience_months, c.updated_at")
        if origin is None:
            rows = db.execute(f"SELECT {columns}, NULL FROM cvs c WHERE {clause}"
                              " ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?", [*params, per_page, offset])
        else:
            # Nearest wanted commune first; CVs without one (matched by their département or
            # région) after them, most recent first.
            nearest = ("(SELECT min(haversine(?, ?, p.latitude, p.longitude)) FROM cv_places p"
                       " WHERE p.rid = c.rid AND p.kind = 'commune' AND p.latitude IS NOT NULL)")
            rows = db.execute(f"SELECT {columns}, {nearest} AS d FROM cvs c WHERE {clause}"
                              " ORDER BY d IS NULL, d, c.updated_at DESC, c.id LIMIT ? OFFSET ?",
                              [*origin, *params, per_page, offset])
        hits = [CvHit(cv_id=r[0], user_id=r[1], mode=r[2], title=r[3], appellation_label=r[4], rome_code=r[5],
                      places=tuple(json.loads(r[6])), contracts=tuple(json.loads(r[7])), experience_months=r[8],
                      updated_at=r[9], distance_km=None if r[10] is None else round(r[10], 1))
                for r in rows]
        return CvResults(total=total, hits=hits)

    @staticmethod
    def _where(query: CvQuery) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if query.rome_codes:
            where.append(f"c.rome_code IN ({', '.join('?' * len(query.rome_codes))})")
            params += query.rome_codes
        if query.appellation_code:
            where.append("c.appellation_code = ?")
            params.append(query.appellation_code)
        if query.contracts:
            where.append("(" + " OR ".join("instr(c.contracts, ?) > 0" for _ in query.contracts) + ")")
            params += [f"|{code}|" for code in query.contracts]
        if query.min_experience_months > 0:
            where.append("c.experience_months >= ?")
            params.append(query.min_experience_months)
        for column, codes in (("languages", query.languages), ("licences", query.licences)):
            for code in codes:
                where.append(f"instr(c.{column}, ?) > 0")
                params.append(f"|{code}|")
        stems = [t for t in terms(query.keywords) if t][:MAX_KEYWORD_WORDS]
        if stems:  # each stem quoted: what a recruiter types is never FTS syntax
            where.append("c.rid IN (SELECT rowid FROM cv_text WHERE cv_text MATCH ?)")
            params.append(" AND ".join('"' + stem.replace('"', '""') + '"' for stem in stems))
        if query.place is not None:
            covers, place_params = _covers(query.place, query.distance_km)
            where.append(f"EXISTS (SELECT 1 FROM cv_places p WHERE p.rid = c.rid AND ({covers}))")
            params += place_params
        return where, params


def _origin(place: Place | None) -> tuple[float, float] | None:
    if place is None or place.kind != "commune" or place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude


def _covers(place: Place, distance_km: int) -> tuple[str, list[Any]]:
    """The SQL condition on one wanted place ``p`` that covers the recruiter's place."""
    if place.kind == "region":
        return "p.region = ?", [place.code]
    if place.kind == "departement":
        either = ["p.departement = ?"]
        params: list[Any] = [place.code]
        if place.region:  # a candidate who wants the whole région wants this département
            either.append("(p.kind = 'region' AND p.code = ?)")
            params.append(place.region)
        return " OR ".join(either), params
    either = ["(p.kind = 'commune' AND p.code = ?)"]
    params = [place.code]
    origin = _origin(place)
    if origin is not None and distance_km > 0:
        lat, lon = origin
        # A box a little wider than the circle (the index narrows), then the exact haversine.
        dlat = distance_km / KM_PER_DEGREE + 0.01
        dlon = distance_km / (KM_PER_DEGREE * max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat))))) + 0.01
        either.append("(p.kind = 'commune' AND p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ?"
                      " AND haversine(?, ?, p.latitude, p.longitude) <= ?)")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lon, float(distance_km)]
    if place.departement:
        either.append("(p.kind = 'departement' AND p.code = ?)")
        params.append(place.departement)
    if place.region:
        either.append("(p.kind = 'region' AND p.code = ?)")
        params.append(place.region)
    return " OR ".join(either), params
