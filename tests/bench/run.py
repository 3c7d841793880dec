"""`make bench`: prints the figures recorded in BENCHMARKS.md, with their targets."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from collections.abc import Iterator

from tests.bench import alerts, cv, cv_bank, cv_index, offers, payments, services, site_build

SECTIONS = ("site", "services", "offers", "alerts", "cv-index", "cv", "cv-bank", "payments")


def main() -> None:
    """`make bench` runs every section; `python -m tests.bench offers` only the ones named."""
    wanted = [name for name in sys.argv[1:] if name in SECTIONS] or list(SECTIONS)
    print(f"# Benchmarks ({platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs)\n")
    print("| measure | value | target |\n|---|---|---|", flush=True)
    for name in wanted:
        for row in {"site": site_rows, "services": service_rows, "offers": offer_rows, "alerts": alert_rows,
                     "cv-index": cv_index_rows, "cv": cv_rows, "cv-bank": cv_bank_rows,
                     "payments": payments_rows}[name]():
            print("| " + " | ".join(row) + " |", flush=True)


def site_rows() -> list[tuple[str, str, str]]:
    site = site_build.run()
    ratio = site["cold"] / site["baseline"]
    rebuild = site["rebuild"] / site["cold"]
    weight = site["weight"]
    return [
        ("Cold build, this site", f"{site['cold']:.2f} s ({site['pages']} pages)", ""),
        ("Cold build, bare Pelican + simple theme", f"{site['baseline']:.2f} s ({site['baseline_pages']} pages)", ""),
        ("Ratio cold / baseline", f"{ratio:.2f}", "≤ 1.25 " + ("✔" if ratio <= 1.25 else "✘")),
        ("Rebuild after editing one page", f"{site['rebuild']:.2f} s = {rebuild:.0%} of cold",
         "≤ 25 % " + ("✔" if rebuild <= 0.25 else "✘")),
        ("CSS", f"{weight['css'] / 1000:.1f} KB", "≤ 20 KB " + ("✔" if weight["css"] <= 20_000 else "✘")),
        ("JavaScript (optional, not needed)", f"{weight['js'] / 1000:.1f} KB", "none needed ✔"),
        (f"Heaviest level-III page + CSS ({weight['heaviest']})", f"{weight['heaviest_total'] / 1000:.1f} KB",
         "≤ 60 KB " + ("✔" if weight["heaviest_total"] <= 60_000 else "✘")),
    ]


def service_rows() -> list[tuple[str, str, str]]:
    rows = []
    cold = services.cold_start()
    for module, figures in cold["handlers"].items():
        rows.append((f"Cold start: import {module} / hello handler ({cold['baseline'] * 1000:.0f} ms)",
                     f"{figures['median'] * 1000:.0f} ms = {figures['ratio']:.2f}× (boto3 imported: "
                     f"{'yes' if figures['boto3'] else 'no'})", "≤ 2.0 " + ("✔" if figures["ratio"] <= 2.0 else "✘")))
    trip = services.sign_in_round_trip()
    rows.append((f"Sign-in round trip via the local gateway ({trip['requests']} requests; "
                 f"{services.argon2_parameters()})", f"median {trip['median'] * 1000:.0f} ms, "
                 f"p95 {trip['p95'] * 1000:.0f} ms", "reported"))
    return rows


def cv_rows() -> list[tuple[str, str, str]]:
    """Issue 10: a full CV (5 experiences, 3 trainings) rendered as tagged PDF/UA-1."""
    figures = cv.run()
    return [(f"CV PDF/UA-1 render, full CV, 3 layouts × 2 orders ({figures['renders']} renders, "
             f"{figures['size'] / 1000:.0f} KB each)", f"median {figures['median'] * 1000:.0f} ms, "
             f"p95 {figures['p95'] * 1000:.0f} ms (CPU time: median {figures['cpu_median'] * 1000:.0f} ms, "
             f"p95 {figures['cpu_p95'] * 1000:.0f} ms)", "p95 ≤ 300 ms " + ("✔" if figures["p95"] <= 0.3 else "✘")),
            ("CV PDF: first render in a fresh process (imports, templates, fonts)", f"{figures['cold'] * 1000:.0f} ms",
             "reported")]


@contextlib.contextmanager
def opensearch_node() -> Iterator[str]:
    """A real OpenSearch node on a free loopback port (tools/opensearch.py), stopped afterwards."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tools import opensearch

    port = opensearch.free_port()
    opensearch.start(port=port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        opensearch.stop(port=port)


def offer_rows() -> list[tuple[str, str, str]]:
    """Both search engines side by side; a real OpenSearch node on a free loopback port."""
    with opensearch_node() as url:
        figures = offers.run(url)
    rows = []
    for name, result in figures["imports"].items():
        rows.append((f"Import of {figures['offers']:,} generated offers, {name}",
                     f"{result['rate']:,.0f} offers/s, peak {result['peak_mb']:,.0f} MB",
                     "≤ 1 GB " + ("✔" if result["peak_mb"] <= 1024 else "✘")))
    sqlite, opensearch_ = figures["searches"]["SQLite FTS5"], figures["searches"]["OpenSearch"]
    for name, result in figures["searches"].items():
        rows.append((f"Search through the handler, {name} ({result['count']} mixed queries)",
                     f"p50 {result['p50'] * 1000:.0f} ms, p95 {result['p95'] * 1000:.0f} ms", ""))
    from tests.bench.offers import KINDS

    for kind in KINDS:
        rows.append((f"p95 / worst, {kind}", " vs ".join(
            f"{result['by_kind'][kind][0] * 1000:.0f} / {result['by_kind'][kind][1] * 1000:.0f} ms"
            for result in (sqlite, opensearch_)), "SQLite vs OpenSearch"))
    for name, load in figures["load"].items():
        for kind, result in load.items():
            rows.append((f"Through the gateway, 16 connections, {kind}, {name}",
                         f"{result['rate']:.0f} requests/s, mean {result['mean'] * 1000:.0f} ms, "
                         f"p95 {result['p95'] * 1000:.0f} ms, {result['failures']} failed", ""))
    ok = sqlite["p95"] <= 0.050 and sqlite["p95"] <= opensearch_["p95"]
    rows.append(("Embedded p95 ≤ 50 ms and ≤ OpenSearch p95", f"{sqlite['p95'] * 1000:.0f} ms vs "
                 f"{opensearch_['p95'] * 1000:.0f} ms", "✔" if ok else "✘"))
    return rows


def alert_rows() -> list[tuple[str, str, str]]:
    """The daily alerts run against one search per saved search, both engines side by side."""
    with opensearch_node() as url:
        figures = alerts.run(url)
    return alerts.rows(figures)


def cv_index_rows() -> list[tuple[str, str, str]]:
    """A recruiter's CV search over 50,000 CVs, both engines side by side."""
    with opensearch_node() as url:
        figures = cv_index.run(url)
    return cv_index.rows(figures)


def cv_bank_rows() -> list[tuple[str, str, str]]:
    """Issue 11: the recruiters' CV bank page through RecruitersFunction's handler, 100,000 CVs, both engines."""
    with opensearch_node() as url:
        figures = cv_bank.run(url)
    return cv_bank.rows(figures)


def payments_rows() -> list[tuple[str, str, str]]:
    """Issue 13: the monthly payment job on SQLite (PAYMENTS_DOSSIERS, 2,000 by default; 100,000 recorded)."""
    return payments.rows(payments.run())
