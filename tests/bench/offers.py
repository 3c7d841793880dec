"""Offer search benchmark: 200,000 generated offers in both engines, side by side.

Import: the real importer CLI in its own process (throughput, peak RSS). Queries:
at least 200 searches mixing the modes (appellation, ROME + commune + distance,
keywords, département, offer number), each through the offers handler (event in,
HTML out), alternating engines so both see the same machine state.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
OFFERS = int(os.environ.get("BENCH_OFFERS", "200000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "240"))


def _env(**extra) -> dict:
    return {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'functions'}", "POWERTOOLS_LOG_LEVEL": "ERROR", **extra}


def generate_file(folder: Path) -> Path:
    path = folder / "offres.json"
    subprocess.run([sys.executable, "-m", "espace.offers.cli.generator", "--count", str(OFFERS), "--seed", "bench",
                    "--out", str(path)], check=True, env=_env(), cwd=ROOT)
    return path


def timed_import(source: Path, url: str) -> dict:
    code = ("import resource, sys, time; from espace.offers.cli.importer import main; t = time.perf_counter(); "
            f"rc = main([{str(source)!r}, '--index', {url!r}, '--no-progress']); "
            "print('BENCH', time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=ROOT)
    line = next((text for text in out.stdout.splitlines() if text.startswith("BENCH")), None)
    if line is None:
        raise RuntimeError(f"import into {url} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    seconds, rss_kb = float(line.split()[1]), int(line.split()[2])
    return {"seconds": seconds, "rate": OFFERS / seconds, "peak_mb": rss_kb / 1024}


def queries(rome, places, count: int, seed: int = 7) -> list[dict]:
    """A fixed mix of the search page's modes, with real appellations, codes and places."""
    rng = random.Random(seed)
    appellations = [a for a in rome.appellations.values() if not a.rarely_used]
    communes = [places.commune(code) for code in ("17300", "33063", "69123", "59350", "31555", "44109", "13055",
                                                   "67482", "35238", "34172", "76540", "21231")]
    departements = ["17", "33", "69", "75", "59", "13", "31", "44", "2A", "974"]
    words = ["cuisine", "permis", "nuit", "commercial", "soins", "maintenance", "anglais", "week-end", "chantier"]
    mix = []
    for number in range(count):
        kind = number % 5
        if kind == 0:
            mix.append({"mode": "simple", "appellation": rng.choice(appellations).code})
        elif kind == 1:
            commune = rng.choice(communes)
            mix.append({"mode": "metier", "codeROME": rng.choice(list(rome.fiches)),
                        "lieuCode": f"commune:{commune.code}", "lieu": commune.label, "tri": "distance"})
        elif kind == 2:
            mix.append({"mode": "avancee", "motsCles": ",".join(rng.sample(words, rng.randint(1, 3)))})
        elif kind == 3:
            mix.append({"mode": "simple", "lieuCode": f"departement:{rng.choice(departements)}", "tri": "date"})
        else:
            mix.append({"mode": "numero", "numero": "ID"})  # replaced by a real id below
    return mix


def run_queries(url: str, mix: list[dict], ids: list[str]) -> list[float]:
    """Time each query through the offers handler in this process, for the engine at ``url``."""
    os.environ["ESPACE_SEARCH_URL"] = url
    from tests.caches import clear_process_caches
    from tests.functional.client import Client

    clear_process_caches()
    from espace.handlers.offers import handler

    client = Client(handler)
    client.get("/offres/recherche?mode=simple&motsCles=&lieu=")  # warm: referentials, templates, connections
    timings = []
    for number, params in enumerate(mix):
        if params.get("numero") == "ID":
            params = {**params, "numero": ids[number % len(ids)]}
        started = time.perf_counter()
        response = client.get("/offres/recherche?" + urlencode(params))
        if response.status == 303:
            response = client.get(response.location)
        timings.append(time.perf_counter() - started)
        assert response.status == 200, (params, response.status)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def run(opensearch_url: str) -> dict:
    sys.path[:0] = [str(ROOT), str(ROOT / "functions")]
    work = Path(tempfile.mkdtemp(prefix="bench-offers-"))
    try:
        return _run(work, opensearch_url)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # ~1.7 GB of JSON and SQLite


def _run(work: Path, opensearch_url: str) -> dict:
    from espace.bootstrap import get_services, offers_from_url

    source = generate_file(work)
    host = opensearch_url.split("://", 1)[1].rstrip("/")
    engines = {"SQLite FTS5": f"sqlite:///{work}/offres.db", "OpenSearch": f"opensearch://{host}/bench-offres"}
    imports = {name: timed_import(source, url) for name, url in engines.items()}
    services = get_services()
    mix = queries(services.rome, services.places, QUERIES)
    ids = sorted(offers_from_url(engines["SQLite FTS5"]).ids())[:: max(1, OFFERS // 100)]
    timings = {name: [] for name in engines}
    for half in (mix[: len(mix) // 2], mix[len(mix) // 2:]):  # alternate engines, twice
        for name, url in engines.items():
            timings[name] += run_queries(url, half, ids)
    searches = {name: {"p50": statistics.median(t), "p95": percentile(t, 0.95), "count": len(t)}
                for name, t in timings.items()}
    offers_from_url(engines["OpenSearch"]).drop()
    return {"offers": OFFERS, "imports": imports, "searches": searches}
