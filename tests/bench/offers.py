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
QUERIES = int(os.environ.get("BENCH_QUERIES", "270"))  # 30 of each kind


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


KINDS = ("appellation", "rome+commune+distance", "keywords", "departement", "offer number",
         "free text (simple mode)", "broad keywords+contract", "keywords+departement",
         "rome+commune+distance+contract")


def queries(rome, places, count: int, seed: int = 7) -> list[dict]:
    """A fixed mix of the search page's modes, with real appellations, codes and places; each
    query names its kind (KINDS) so the report can say where the time goes."""
    rng = random.Random(seed)
    appellations = [a for a in rome.appellations.values() if not a.rarely_used]
    communes = [places.commune(code) for code in ("17300", "33063", "69123", "59350", "31555", "44109", "13055",
                                                   "67482", "35238", "34172", "76540", "21231")]
    departements = ["17", "33", "69", "75", "59", "13", "31", "44", "2A", "974"]
    words = ["cuisine", "permis", "nuit", "commercial", "soins", "maintenance", "anglais", "week-end", "chantier"]
    # What people type in « Emploi recherché »: exact titles, several words, typos, nothing known.
    typed = ["maçon", "développeur python", "zzzqqq", "aide soignant", "cuisinier", "infirmier de nuit",
             "chauffeur", "vendeur", "plombier", "comptable", "agent d'entretien", "boulanger"]
    contracts = ["CDI", "CDD", "MIS", "SAI"]
    mix = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        commune = rng.choice(communes)
        near = {"lieuCode": f"commune:{commune.code}", "lieu": commune.label, "distance": rng.choice(("10", "30"))}
        if kind == "appellation":
            params = {"mode": "simple", "appellation": rng.choice(appellations).code}
        elif kind == "rome+commune+distance":
            params = {"mode": "metier", "codeROME": rng.choice(list(rome.fiches)), **near, "tri": "distance"}
        elif kind == "keywords":
            params = {"mode": "avancee", "motsCles": ",".join(rng.sample(words, rng.randint(1, 3)))}
        elif kind == "departement":
            params = {"mode": "simple", "lieuCode": f"departement:{rng.choice(departements)}", "tri": "date"}
        elif kind == "offer number":
            params = {"mode": "numero", "numero": "ID"}  # replaced by a real id when run
        elif kind == "free text (simple mode)":
            params = {"mode": "simple", "motsCles": rng.choice(typed)}
        elif kind == "broad keywords+contract":
            params = {"mode": "avancee", "motsCles": ",".join(rng.sample(words, rng.randint(1, 3))),
                      "typeContrat": rng.choice(contracts)}
        elif kind == "keywords+departement":
            params = {"mode": "avancee", "motsCles": ",".join(rng.sample(words, rng.randint(1, 2))),
                      "lieuCode": f"departement:{rng.choice(departements)}"}
        else:
            params = {"mode": "metier", "codeROME": rng.choice(list(rome.fiches)), **near,
                      "typeContrat": rng.choice(contracts)}
        if params.get("tri", "date") == "date":
            params["ordre"] = "desc"  # relevance and date: best / newest first, whatever the form's default
        mix.append({"kind": kind, "params": params})
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
    for number, query in enumerate(mix):
        params = query["params"]
        if params.get("numero") == "ID":
            params = {**params, "numero": ids[number % len(ids)]}
        started = time.perf_counter()
        response = client.get("/offres/recherche?" + urlencode(params))
        if response.status == 303:
            response = client.get(response.location)
        timings.append(time.perf_counter() - started)
        assert response.status == 200, (params, response.status)
    return timings


def gateway_load(url: str, mix: list[dict], site: Path, seconds: float = 10.0, connections: int = 16) -> dict:
    """Requests per second and latency through the local gateway (its own process, as served
    by `make run`) under ``connections`` concurrent clients: the HTML search (the mix) and the
    API (keywords, ROME codes, départements), each for ``seconds``."""
    import http.client
    import threading

    from tests.bench.services import wait_for_port

    port = _free_port()
    env = _env(ESPACE_SEARCH_URL=url, ESPACE_NAVIGATION_FILE=str(site / "navigation.json"))
    server = subprocess.Popen([sys.executable, "-m", "espace.gateway", "--port", str(port), "--site", str(site)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    html = ["/offres/recherche?" + urlencode(q["params"]) for q in mix if q["kind"] != "offer number"]
    api = ["/api/offresdemploi/v2/offres/search?" + urlencode(q) for q in (
        {"motsCles": "commercial"}, {"motsCles": "cuisine,nuit"}, {"codeROME": "F1703"}, {"departement": "33"},
        {"motsCles": "permis", "typeContrat": "CDD"}, {"codeROME": "J1501", "commune": "69123", "distance": "20"})]
    try:
        wait_for_port(port, seconds=60)
        figures = {}
        for name, paths in (("HTML search", html), ("API search", api)):
            latencies: list[float] = []
            failures = [0]
            stop = time.perf_counter() + seconds

            def client(offset: int, paths=paths, latencies=latencies, failures=failures, stop=stop) -> None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                number = offset
                while time.perf_counter() < stop:
                    started = time.perf_counter()
                    try:
                        connection.request("GET", paths[number % len(paths)])
                        response = connection.getresponse()
                        response.read()
                        ok = response.status in (200, 204, 206)  # 204: the API finds nothing
                    except OSError:
                        ok = False
                        connection.close()
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    latencies.append(time.perf_counter() - started)
                    failures[0] += not ok
                    number += connections
                connection.close()

            threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
            figures[name] = {"rate": len(latencies) / elapsed, "mean": statistics.mean(latencies),
                             "p95": percentile(latencies, 0.95), "failures": failures[0]}
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def summary(timings: list[float], mix: list[dict]) -> dict:
    """p50 / p95 over the whole mix, and each kind's p95 and worst (where the tail comes from)."""
    by_kind = {kind: [t for t, query in zip(timings, mix, strict=True) if query["kind"] == kind] for kind in KINDS}
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95), "count": len(timings),
            "by_kind": {kind: (percentile(t, 0.95), max(t)) for kind, t in by_kind.items() if t}}


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
    searches = {name: summary(t, mix) for name, t in timings.items()}
    site = Path(os.environ.get("BENCH_SITE", ROOT / "output"))
    load = {name: gateway_load(url, mix, site) for name, url in engines.items()}
    offers_from_url(engines["OpenSearch"]).drop()
    return {"offers": OFFERS, "imports": imports, "searches": searches, "load": load}
