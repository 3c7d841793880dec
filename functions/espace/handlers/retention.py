"""Lambda function "RetentionFunction": the applications' daily retention job (EventBridge Scheduler,
RetentionSchedule in infra/template.yaml). No HTTP route.

The schedule's payload is {"job": "retention"}; {"day": "YYYY-MM-DD"} in a manual invocation
replays a day (a rerun does nothing twice: espace.candidatures.jobs).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from espace.bootstrap import get_services
from espace.candidatures.jobs import run_retention, today

log = logging.getLogger(__name__)


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    given = event.get("day") if isinstance(event, dict) else None
    day = dt.date.fromisoformat(str(given)) if given else today()
    report = run_retention(get_services(), day)
    for line in report.lines():
        log.info(line)
    for failure in report.failures:
        log.error("retention failure: %s", failure)
    return {"day": report.day.isoformat(), "archived": report.archived, "deleted": report.deleted,
            "already_done": report.already_done, "stale": report.stale + report.gone,
            "failures": len(report.failures)}
