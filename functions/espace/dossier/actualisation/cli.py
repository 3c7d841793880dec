"""``python -m espace.dossier.actualisation run [--day YYYY-MM-DD]``: the actualisation's daily job
(reminders while a window is open, the missed windows after it closes; espace.dossier.actualisation.jobs).
Without --day: today (Europe/Paris). A rerun sends nothing twice and records no month twice."""

from __future__ import annotations

import argparse
import sys

from espace import clock
from espace.bootstrap import get_services
from espace.dossier.actualisation.jobs import run_actualisation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.dossier.actualisation", description=__doc__.splitlines()[0])
    jobs = parser.add_subparsers(dest="job", required=True)
    run = jobs.add_parser("run", help="reminders (28th, two days before the 15th), then the missed windows")
    run.add_argument("--day", type=clock.day_argument, default=None,
                     help="the day to run (Europe/Paris), default today")
    args = parser.parse_args(argv)
    report = run_actualisation(get_services(), args.day)
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"  échec / failed: {failure}", file=sys.stderr)
    return 1 if report.failures else 0
