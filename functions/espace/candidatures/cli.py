"""``python -m espace.candidatures retention [--day YYYY-MM-DD]``: the applications' retention job.

Without --day: today (UTC), as the schedule runs it. With --day: replay that day (a missed run);
what a run of that day already did is not done again (espace.candidatures.jobs).
"""

from __future__ import annotations

import argparse
import sys

from espace import clock
from espace.bootstrap import get_services
from espace.candidatures.jobs import run_retention, today


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.candidatures", description=__doc__.splitlines()[0])
    jobs = parser.add_subparsers(dest="job", required=True)
    retention = jobs.add_parser("retention", help="archive after 6 months without activity, delete after 2 years")
    retention.add_argument("--day", type=clock.day_argument, default=None, help="the day to run (UTC), default today")
    args = parser.parse_args(argv)
    report = run_retention(get_services(), args.day or today())
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"  échec / failed: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
