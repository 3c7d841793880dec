"""Lambda function "ActualisationFunction": the actualisation's daily job (EventBridge Scheduler,
ActualisationSchedule in infra/template.yaml): the mails when a window opens and two days before it
closes, then the missed windows. No HTTP route.

The schedule's payload is {"job": "actualisation"}; {"day": "YYYY-MM-DD"} in a manual invocation
replays a day (a rerun does nothing twice: espace.dossier.actualisation.jobs).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from espace.bootstrap import get_services
from espace.dossier.actualisation.jobs import run_actualisation

log = logging.getLogger(__name__)


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    given = event.get("day") if isinstance(event, dict) else None
    report = run_actualisation(get_services(), dt.date.fromisoformat(str(given)) if given else None)
    for line in report.lines():
        log.info(line)
    for failure in report.failures:
        log.error("actualisation failure: %s", failure)
    return {"day": report.day.isoformat(), "mailed": report.mailed, "missed": report.missed,
            "already_done": report.already_done, "failures": len(report.failures)}
