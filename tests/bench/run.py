"""`make bench`: prints the figures recorded in BENCHMARKS.md, with their targets."""

from __future__ import annotations

import platform
import os

from tests.bench import services, site_build


def main() -> None:
    print(f"# Benchmarks ({platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs)\n")
    site = site_build.run()
    ratio = site["cold"] / site["baseline"]
    rebuild = site["rebuild"] / site["cold"]
    weight = site["weight"]
    rows = [
        ("Cold build, this site", f"{site['cold']:.2f} s ({site['pages']} pages)", ""),
        ("Cold build, bare Pelican + simple theme", f"{site['baseline']:.2f} s ({site['baseline_pages']} pages)", ""),
        ("Ratio cold / baseline", f"{ratio:.2f}", "≤ 1.25 " + ("✔" if ratio <= 1.25 else "✘")),
        ("Rebuild after editing one page", f"{site['rebuild']:.2f} s = {rebuild:.0%} of cold", "≤ 25 % " + ("✔" if rebuild <= 0.25 else "✘")),
        ("CSS", f"{weight['css'] / 1000:.1f} KB", "≤ 20 KB " + ("✔" if weight["css"] <= 20_000 else "✘")),
        ("JavaScript (optional, not needed)", f"{weight['js'] / 1000:.1f} KB", "none needed ✔"),
        (f"Heaviest level-III page + CSS ({weight['heaviest']})", f"{weight['heaviest_total'] / 1000:.1f} KB",
         "≤ 60 KB " + ("✔" if weight["heaviest_total"] <= 60_000 else "✘")),
    ]
    cold = services.cold_start()
    for module, figures in cold["handlers"].items():
        rows.append((f"Cold start: import {module} / hello handler ({cold['baseline'] * 1000:.0f} ms)",
                     f"{figures['median'] * 1000:.0f} ms = {figures['ratio']:.2f}× (boto3 imported: "
                     f"{'yes' if figures['boto3'] else 'no'})", "≤ 2.0 " + ("✔" if figures["ratio"] <= 2.0 else "✘")))
    trip = services.sign_in_round_trip()
    rows.append((f"Sign-in round trip via the local gateway ({trip['requests']} requests; "
                 f"{services.argon2_parameters()})", f"median {trip['median'] * 1000:.0f} ms, "
                 f"p95 {trip['p95'] * 1000:.0f} ms", "reported"))
    print("| measure | value | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
