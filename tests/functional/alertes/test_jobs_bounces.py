"""SES bounces and complaints through the alerts function (SNS event), and the scheduled run,
on both profiles: a permanent bounce or a complaint suppresses the address and pauses its
alerts; a transient bounce changes nothing; the schedule's event runs the job for today."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.functional.alertes.job_doubles import ListOffers, PredicateMatcher, install_links

install_links()


def sns(notification: dict) -> dict:
    return {"Records": [{"EventSource": "aws:sns", "Sns": {"Message": json.dumps(notification)}}]}


def bounce(address: str, kind: str = "Permanent") -> dict:
    return {"eventType": "Bounce", "bounce": {"bounceType": kind, "bouncedRecipients": [{"emailAddress": address}]}}


@pytest.fixture
def job(platform, monkeypatch):
    from espace.bootstrap import get_services
    from espace.handlers import alerts
    from espace.settings import get_settings

    base = get_services()
    matcher = PredicateMatcher()
    services = SimpleNamespace(settings=get_settings(), records=base.records, mailer=base.mailer,
                               offers=ListOffers([]), alert_matcher=matcher)
    monkeypatch.setattr(alerts, "get_services", lambda: services)
    records = base.records
    records.put({"pk": "EMAIL#anna@example.org", "sk": "ACCOUNT", "user_id": "anna"})
    for sid, email in (("s1", "anna@example.org"), ("s2", "anna@example.org"), ("s3", "autre@example.org")):
        records.put({"pk": "USER#anna", "sk": f"SEARCH#{sid}", "name": sid, "email": email, "alert": "on",
                     "frequency": "daily", "params": {}, "query": {}})
        matcher.add(f"anna:{sid}", "daily", lambda o: True)
    return alerts.handler, records, matcher


@pytest.mark.parametrize("notification", [
    bounce("Anna <ANNA@example.org>"),
    {"notificationType": "Complaint", "complaint": {"complainedRecipients": [{"emailAddress": "anna@example.org"}]}},
])
def test_a_permanent_bounce_or_a_complaint_suppresses_and_pauses(job, notification):
    handler, records, matcher = job
    assert handler(sns(notification)) == {"suppressed": 1}
    assert records.get("SUPPRESSED#anna@example.org", "MAIL")["reason"] in {"bounce", "complaint"}
    alerts = {item["sk"]: item["alert"] for item in records.query("USER#anna", "SEARCH#")}
    assert alerts == {"SEARCH#s1": "paused", "SEARCH#s2": "paused", "SEARCH#s3": "on"}
    assert sorted(matcher.removed) == ["anna:s1", "anna:s2"]


def test_a_transient_bounce_changes_nothing(job):
    handler, records, matcher = job
    assert handler(sns(bounce("anna@example.org", "Transient"))) == {"suppressed": 0}
    assert records.get("SUPPRESSED#anna@example.org", "MAIL") is None and not matcher.removed


def test_a_message_that_is_not_json_is_ignored(job):
    handler, _, _ = job
    assert handler({"Records": [{"EventSource": "aws:sns", "Sns": {"Message": "{oops"}}]}) == {"suppressed": 0}


def test_the_schedule_runs_the_job_for_today_in_paris(job):
    from espace.alertes.jobs import today_in_paris

    handler, _, _ = job
    answer = handler({"job": "alerts"})
    assert answer["day"] == today_in_paris().isoformat() and answer["failures"] == 0
