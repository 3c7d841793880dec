"""Lambda function "AlertsFunction": the daily alerts (EventBridge Scheduler) and the SES
bounces and complaints (SNS). No HTTP route: the unsubscribe pages live in the web functions."""

from __future__ import annotations

import logging
from typing import Any

from espace.alertes import bounces
from espace.alertes.jobs import run_alerts, today_in_paris
from espace.bootstrap import get_services

log = logging.getLogger(__name__)


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    services = get_services()
    records = event.get("Records") or []
    if records and all(r.get("EventSource") == "aws:sns" or "Sns" in r for r in records):
        return {"suppressed": bounces.handle_sns(services, event)}
    # EventBridge Scheduler sends the schedule's Input (here: {"job": "alerts"}); any other
    # invocation runs the job for today in Paris as well, so a manual "Test" in the console works.
    report = run_alerts(services, today_in_paris())
    for line in report.lines():
        log.info(line)
    return {"day": report.day.isoformat(), "digests_sent": report.digests_sent,
            "digests_already_sent": report.digests_already_sent, "reminders_sent": report.reminders_sent,
            "failures": len(report.failures)}
