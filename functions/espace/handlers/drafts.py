"""Lambda function "DraftsFunction": the registration drafts' daily job (EventBridge Scheduler,
DraftsSchedule in infra/template.yaml): a reminder after 23 days untouched, the deletion after 30.
No HTTP route.

The schedule's payload is {"job": "drafts"}; {"day": "YYYY-MM-DD"} in a manual invocation replays
a day (a rerun does nothing twice: espace.inscription.jobs).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from espace.bootstrap import get_services
from espace.inscription.jobs import run_drafts, today

log = logging.getLogger(__name__)


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    given = event.get("day") if isinstance(event, dict) else None
    day = dt.date.fromisoformat(str(given)) if given else today()
    report = run_drafts(get_services(), day)
    for line in report.lines():
        log.info(line)
    for failure in report.failures:
        log.error("drafts failure: %s", failure)
    return {"day": report.day.isoformat(), "reminded": report.reminded, "deleted": report.deleted,
            "already_done": report.already_done, "stale": report.stale, "failures": len(report.failures)}
