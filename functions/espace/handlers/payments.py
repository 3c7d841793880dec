"""Lambda function "PaymentsFunction": the monthly payment job (EventBridge Scheduler,
PaymentsSchedule in infra/template.yaml). No HTTP route.

The schedule's payload is {"job": "payments"}: it pays the previous month (Europe/Paris). It runs
each morning from the 1st to the 16th, while that month's actualisation window is still open (it
closes on the 15th): each run pays the declarations sent since, and what was paid is not paid
again (espace.dossier.payment_job). {"month": "YYYY-MM"} in a manual invocation replays a month.
"""

from __future__ import annotations

import logging
from typing import Any

from espace import clock
from espace.bootstrap import get_services
from espace.dossier.payment_job import previous_month, run_payments, valid_month

log = logging.getLogger(__name__)


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    given = event.get("month") if isinstance(event, dict) else None
    month = valid_month(str(given)) if given else previous_month(clock.today())
    report = run_payments(get_services(), month)
    for line in report.lines():
        log.info(line)
    for failure in report.failures:
        log.error("payments failure: %s", failure)
    return {"month": report.month, "paid": report.paid, "already": report.already, "skipped": report.skipped,
            "regularised": report.regularised, "failures": len(report.failures)}
