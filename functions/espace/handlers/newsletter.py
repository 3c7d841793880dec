"""Lambda function "NewsletterFunction": the « Mode d'emploi » newsletter.

Two kinds of events reach it: HTTP requests of the public newsletter pages (through API
Gateway), and the monthly EventBridge Scheduler event (infra/template.yaml, NewsletterSchedule),
which carries {"job": "newsletter"} and optionally {"month": "YYYY-MM"} to replay a month.
"""

from __future__ import annotations

from typing import Any

from espace.lettre import routes
from espace.web.app import create_app, make_handler

app = create_app([(routes.router, None)])
_http = make_handler(app)


def handler(event: dict[str, Any], context: Any) -> Any:
    if isinstance(event, dict) and event.get("job") == "newsletter":
        from espace.bootstrap import get_services
        from espace.lettre.cli import current_month
        from espace.lettre.jobs import run_newsletter

        report = run_newsletter(get_services(), str(event.get("month") or current_month()))
        return {"month": report.month, "articles": report.articles, "sent": len(report.sent),
                "already_sent": report.already_sent, "suppressed": report.suppressed}
    return _http(event, context)
