"""``python -m espace.dossier payments [--month YYYY-MM]``: the monthly payment job.

Without --month: the previous month (Europe/Paris), as the schedule runs it. A rerun of a month
pays nothing twice (espace.dossier.payment_job).

``python -m espace.dossier agency-index``: the agency index's backfill, once after deploying the
index (espace.dossier.index_backfill); a rerun writes nothing twice."""

from __future__ import annotations

import argparse
import sys

from espace import clock
from espace.bootstrap import get_services
from espace.dossier.index_backfill import Backfill, backfill
from espace.dossier.payment_job import Report, previous_month, run_payments, valid_month


def _month(text: str) -> str:
    try:
        return valid_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month YYYY-MM: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.dossier", description=(__doc__ or "").splitlines()[0])
    jobs = parser.add_subparsers(dest="job", required=True)
    payments = jobs.add_parser("payments", help="turn the month's declarations into payments, once")
    payments.add_argument("--month", type=_month, default=None, help="the month paid, default the previous one")
    jobs.add_parser("agency-index", help="write the agency index entries of the dossiers opened before it")
    args = parser.parse_args(argv)
    if args.job == "agency-index":
        return _report(backfill(get_services()))
    try:
        report = run_payments(get_services(), args.month or previous_month(clock.today()))
    except ValueError as error:
        print(f"erreur / error: {error}", file=sys.stderr)
        return 2
    return _report(report)


def _report(report: Report | Backfill) -> int:
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"  échec / failed: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
