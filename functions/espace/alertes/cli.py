"""``python -m espace.alertes.cli [--date YYYY-MM-DD]`` (``make alerts``): run the daily alerts.

Without --date: today in Paris (the offers created yesterday). With --date: replay that day;
a day already run sends nothing again (the digests are recorded, see espace.alertes.jobs).
"""

from __future__ import annotations

import argparse
import sys

from espace import clock
from espace.alertes.jobs import run_alerts, today_in_paris
from espace.bootstrap import get_services


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.alertes.cli", description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=clock.day_argument, default=None,
                        help="the day to run (Europe/Paris), default today")
    args = parser.parse_args(argv)
    report = run_alerts(get_services(), args.date or today_in_paris())
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"  échec / failed: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
