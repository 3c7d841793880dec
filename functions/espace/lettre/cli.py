"""``make newsletter`` (``python -m espace.lettre.cli [--month YYYY-MM]``): send the monthly letter.

Without ``--month``: the current month in Europe/Paris (the letter of December, sent early in
December, covers November's news). With it: replay a month; subscribers who already got it are
skipped, so a replay only completes a run that stopped.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from zoneinfo import ZoneInfo

from espace.bootstrap import get_services
from espace.lettre.jobs import check_month, run_newsletter

PARIS = ZoneInfo("Europe/Paris")


def current_month() -> str:
    return datetime.now(PARIS).strftime("%Y-%m")


def _month(value: str) -> str:
    try:
        return check_month(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a month like 2026-12") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make newsletter", description="Send « Mode d'emploi », the monthly letter.")
    parser.add_argument("--month", type=_month, default=None, help="the letter's month, YYYY-MM (default: this month)")
    args = parser.parse_args(argv)
    try:
        report = run_newsletter(get_services(), args.month or current_month())
    except FileNotFoundError as error:  # the articles come from the built site
        parser.exit(1, f"{error.filename} is missing: run 'make site' first\n")
    print(f"« Mode d'emploi » {report.month}: {report.articles} articles, {len(report.sent)} mails sent, "
          f"{report.already_sent} already sent, {report.suppressed} suppressed addresses skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
