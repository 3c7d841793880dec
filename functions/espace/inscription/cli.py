"""``python -m espace.inscription drafts [--day YYYY-MM-DD]``: the registration drafts' job.

Without --day: today (Europe/Paris), as the schedule runs it. With --day: replay that day (a missed
run); what a run of that day already did is not done again (espace.inscription.jobs).
"""

from __future__ import annotations

import argparse
import sys

from espace import clock
from espace.bootstrap import get_services
from espace.inscription.jobs import run_drafts, today


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.inscription", description=__doc__.splitlines()[0])
    jobs = parser.add_subparsers(dest="job", required=True)
    drafts = jobs.add_parser("drafts", help="remind after 23 days untouched, delete after 30")
    drafts.add_argument("--day", type=clock.day_argument, default=None,
                        help="the day to run (Europe/Paris), default today")
    args = parser.parse_args(argv)
    report = run_drafts(get_services(), args.day or today())
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"  échec / failed: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
