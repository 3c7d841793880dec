"""`python -m tests.bench cv-bank`: a recruiter's CV bank search through RecruitersFunction's handler,
at 100,000 published CVs, both engines side by side (issue 11).

100,000 generated CVs (tests/cv_generator.py) are put in bulk into the SQLite FTS5 CV index and
into an index on a real OpenSearch node. A signed-in recruiter then asks the handler for
``GET /recruteur/cvtheque?code_rome=…&lieu=…&distance=…&mots_cles=…`` (the results page of part E,
its GET form's fields: the form read, the search, the page rendered), the same seeded mix on each
engine, alternating:

- métier (ROME code) around a commune, 30 km; métier in a département; métier in a région;
- métier and a word of its skills; words alone (what finds express CVs).

Reported: p50 / p95 per engine and p95 per kind; target: embedded p95 ≤ 50 ms and ≤ OpenSearch's.
CV_BANK_COUNT and CV_BANK_QUERIES scale it down for a quick run.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

COUNT = int(os.environ.get("CV_BANK_COUNT", "100000"))
QUERIES = int(os.environ.get("CV_BANK_QUERIES", "300"))
KINDS = ("métier + commune 30 km", "métier + département", "métier + région", "métier + mot-clé", "mots-clés seuls")
TARGET_P95 = 0.050  # s, the embedded engine; and no slower than OpenSearch
ROOT = Path(__file__).resolve().parents[2]
RECRUITER = "bench-recruteur"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def queries(documents, count: int, seed: int = 11) -> list[tuple[str, dict[str, str]]]:
    """The page's query strings, drawn from the indexed CVs (métiers and places that exist)."""
    import random

    from tests.cv_generator import places

    rng = random.Random(seed)
    where = places()
    complete = [d for d in documents if d.mode == "complet" and d.places]
    mix = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        source = complete[int(rng.random() * len(complete))]
        wanted = source.places[0]
        commune = where.commune(wanted.code) if wanted.kind == "commune" else None
        departement = where.departement(wanted.departement or wanted.code)
        region = where.region(wanted.region or wanted.code)
        skill_word = source.skills[0].split()[-1] if source.skills else source.appellation_label.split()[0]
        if kind == "métier + commune 30 km" and commune is not None:
            params = {"code_rome": source.rome_code, "lieu": commune.label, "distance": "30"}
        elif kind in ("métier + commune 30 km", "métier + département") and departement is not None:
            params = {"code_rome": source.rome_code, "lieu": departement.label}
        elif kind == "métier + région" and region is not None:
            params = {"code_rome": source.rome_code, "lieu": region.label}
        elif kind == "mots-clés seuls":
            params = {"mots_cles": f"{source.appellation_label.split()[0]} {skill_word}"}
        else:
            params = {"code_rome": source.rome_code, "mots_cles": skill_word}
        mix.append((kind, params))
    return mix


def _recruiter_cookies() -> dict[str, str]:
    """A recruiter's account and a signed-in session in the embedded records (what sign-in writes)."""
    from espace.bootstrap import get_services
    from espace.web.sessions import SessionManager

    services = get_services()
    services.records.put({"pk": f"USER#{RECRUITER}", "sk": "PROFILE", "email": "rh@bench.example", "role": "recruteur",
                          "company": "Banc d'essai", "siret": "73282932000074", "auth_version": 0,
                          "created_at": int(time.time())})
    sessions = SessionManager(services.records, services.settings)
    session = sessions.new(RECRUITER, 0)
    sessions.save(session)
    return {sessions.cookie_name: session.id}


def run_queries(cv_index_url: str, mix, documents) -> list[float]:
    """Load the CVs into the engine at ``cv_index_url`` if empty, then time the mix through the handler."""
    os.environ["ESPACE_CV_INDEX_URL"] = cv_index_url
    from tests.caches import clear_process_caches
    from tests.functional.client import Client

    clear_process_caches()
    from espace.bootstrap import get_services
    from espace.handlers.recruiters import handler

    index = get_services().cv_index
    if index.count() == 0:
        for offset in range(0, len(documents), 5000):
            index.put_many(documents[offset:offset + 5000])
    assert index.count() == len(documents), index.count()
    client = Client(handler, cookies=_recruiter_cookies())
    first = client.get("/recruteur/cvtheque?" + urlencode(mix[0][1]))
    if first.status == 404:
        raise SystemExit("GET /recruteur/cvtheque answers 404: part E's CV bank route is not merged on this branch")
    for _kind, params in mix[:20]:  # warm: the engine's caches and connection, as a running function has them
        client.get("/recruteur/cvtheque?" + urlencode(params))
    timings = []
    for _kind, params in mix:
        started = time.perf_counter()
        response = client.get("/recruteur/cvtheque?" + urlencode(params))
        timings.append(time.perf_counter() - started)
        assert response.status == 200, (params, response.status)
    return timings


def summary(timings: list[float], mix) -> dict:
    by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for (kind, _params), seconds in zip(mix, timings, strict=True):
        by_kind[kind].append(seconds)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95), "count": len(timings),
            "by_kind": {kind: percentile(values, 0.95) for kind, values in by_kind.items() if values}}


def run(opensearch_url: str) -> dict:
    from tests.cv_generator import documents

    started = time.perf_counter()
    docs = documents(COUNT, seed="bank")
    generated = time.perf_counter() - started
    mix = queries(docs, QUERIES)
    node = opensearch_url.replace("http://", "opensearch://")
    with tempfile.TemporaryDirectory(prefix="cv-bank-bench-") as folder:
        os.environ.update({"ESPACE_PROFILE": "embedded", "ESPACE_RECORDS_URL": f"sqlite:///{folder}/app.db",
                           "ESPACE_FILES_URL": f"file://{folder}/files", "ESPACE_MAIL_URL": f"outbox://{folder}/outbox",
                           "ESPACE_SEARCH_URL": f"sqlite:///{folder}/offres.db", "POWERTOOLS_LOG_LEVEL": "ERROR",
                           "ESPACE_NAVIGATION_FILE": str(Path(os.environ.get("BENCH_SITE", ROOT / "output"))
                                                         / "navigation.json")})
        engines = {"SQLite FTS5": f"sqlite:///{folder}/cvs.db",
                   "OpenSearch": f"{node}/cvs-bank-{uuid.uuid4().hex[:8]}"}
        timings: dict[str, list[float]] = {name: [] for name in engines}
        halves = (mix[: len(mix) // 2], mix[len(mix) // 2:])
        for half in halves:  # alternate engines, twice: neither gets the warmer machine
            for name, url in engines.items():
                timings[name] += run_queries(url, half, docs)
        from espace.adapters.cv_opensearch import OpenSearchCvIndex

        base, _, name = engines["OpenSearch"].replace("opensearch://", "http://").rpartition("/")
        OpenSearchCvIndex(base, index_name=name).drop()
    ordered = [item for half in halves for item in half]
    return {"count": COUNT, "generated": generated,
            "engines": {name: summary(values, ordered) for name, values in timings.items()}}


def rows(figures: dict) -> list[tuple[str, str, str]]:
    engines = figures["engines"]
    out = [(f"Generating {figures['count']:,} CVs for the CV bank (tests/cv_generator.py)",
            f"{figures['generated']:.1f} s", "")]
    for name, result in engines.items():
        out.append((f"CV bank search through RecruitersFunction's handler, {name} ({result['count']} queries "
                    f"on GET /recruteur/cvtheque)",
                    f"p50 {result['p50'] * 1000:.1f} ms, p95 {result['p95'] * 1000:.1f} ms", ""))
    for kind in KINDS:
        out.append((f"CV bank page p95, {kind}", " vs ".join(f"{result['by_kind'][kind] * 1000:.1f} ms"
                                                           for result in engines.values()), " vs ".join(engines)))
    sqlite, opensearch_ = engines["SQLite FTS5"], engines["OpenSearch"]
    ok = sqlite["p95"] <= TARGET_P95 and sqlite["p95"] <= opensearch_["p95"]
    out.append(("CV bank: embedded p95 ≤ 50 ms and ≤ OpenSearch p95",
                f"{sqlite['p95'] * 1000:.1f} ms vs {opensearch_['p95'] * 1000:.1f} ms", "✔" if ok else "✘"))
    return out
