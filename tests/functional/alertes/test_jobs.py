"""The daily alerts job on both profiles (SQLite records + outbox; DynamoDB + SES under moto),
on the real offer index and alert matcher: one digest per account and address, exactly once
across reruns and a run killed midway, paused / expired / deleted searches and suppressed
addresses skipped, the reminder."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from espace.alertes.jobs import PARIS, run_alerts
from espace.alertes.model import Subscription, query_to_json
from espace.offers.model import Offer, SearchQuery
from tests.functional.alertes.matcher_view import MatcherView

DAY = dt.date(2026, 3, 10)  # a Tuesday
MONDAY = dt.date(2026, 3, 16)


def at(day: dt.date, hour: int) -> int:
    return int(dt.datetime.combine(day, dt.time(hour), PARIS).timestamp())


def offer(number: int, title: str, created_at: int, contract: str = "CDI") -> Offer:
    return Offer(id=f"OF{number:04d}", title=title, description="", training="", rome_code="F1703",
                 appellation_code=None, contract_type=contract, created_at=created_at, place_label="69 - LYON 03")


def save_search(records, matcher, uid: str, sid: str, *, name: str, email: str, alert: str = "on",
                frequency: str = "daily") -> None:
    """A saved search for the words ``name``, and its matcher entry (as the saved-search area
    leaves it: an entry for a search paused or expired is removed by the job)."""
    query = SearchQuery(keywords=(name,))
    records.put({"pk": f"USER#{uid}", "sk": f"SEARCH#{sid}", "name": name, "params": {"motsCles": name},
                 "query": json.dumps(query_to_json(query)), "email": email, "frequency": frequency,
                 "alert": alert, "created_at": 0, "seen_at": 0})
    matcher.put([Subscription(f"{uid}:{sid}", uid, frequency, query)])


def account(records, uid: str, email: str, expires_on: dt.date) -> None:
    records.put({"pk": f"USER#{uid}", "sk": "PROFILE", "email": email})
    records.put({"pk": f"USER#{uid}", "sk": "ALERTS", "expires_on": expires_on.isoformat()})
    records.put({"pk": f"ALERT-EXPIRY#{expires_on.isoformat()}", "sk": f"USER#{uid}"})


class Killed(BaseException):
    """The process dies: nothing in the job may catch it."""


class DyingMailer:
    def __init__(self, mailer, sends_before_death: int):
        self.mailer, self.left = mailer, sends_before_death

    def send(self, message):
        if self.left == 0:
            raise Killed()
        self.left -= 1
        return self.mailer.send(message)


@pytest.fixture(params=["sqlite", "opensearch"])
def engines(request, tmp_path):
    """The offer index and the alert matcher: SQLite, or both on the real OpenSearch node."""
    if request.param == "sqlite":
        from espace.adapters.offers_sqlite import SqliteOfferIndex
        from espace.bootstrap import get_services

        yield SqliteOfferIndex(tmp_path / "offres.db"), get_services().alert_matcher
        return
    import uuid

    from espace.adapters.alerts_opensearch import OpenSearchAlertMatcher
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    url, name = request.getfixturevalue("opensearch_url"), uuid.uuid4().hex[:8]
    index = OpenSearchOfferIndex(url, index_name=f"offres-jobs-{name}")
    matcher = OpenSearchAlertMatcher(url, index_name=f"alertes-jobs-{name}")
    yield index, matcher
    index.drop()
    matcher.drop()


@pytest.fixture
def world(platform, engines):
    from espace.bootstrap import Services, get_services
    from espace.settings import get_settings

    base = get_services()
    records = base.records
    index, matcher = engines
    offers = [offer(i, f"Maçon {i}", at(DAY - dt.timedelta(days=1), 8) + i) for i in range(12)]
    offers += [offer(100, "Boulanger", at(DAY - dt.timedelta(days=1), 9), "CDD"),
               offer(101, "Maçon d'avant-hier", at(DAY - dt.timedelta(days=2), 9)),
               offer(102, "Maçon de ce matin", at(DAY, 1))]
    index.upsert(offers)
    # Anna: two searches to her address (one digest), one to another address (a second digest).
    account(records, "anna", "anna@example.org", DAY + dt.timedelta(days=60))
    save_search(records, matcher, "anna", "s1", name="Maçon", email="anna@example.org")
    save_search(records, matcher, "anna", "s2", name="Boulanger", email="anna@example.org")
    save_search(records, matcher, "anna", "s3", name="Boulanger", email="maison@example.org")
    # An entry whose SEARCH# record was deleted (words every new offer has).
    matcher.put([Subscription("anna:gone", "anna", "daily", SearchQuery(keywords=("maçon",)))])
    # Bruno's alerts expired yesterday; Chloé paused hers; Denis's address bounced.
    account(records, "bruno", "bruno@example.org", DAY - dt.timedelta(days=1))
    save_search(records, matcher, "bruno", "s1", name="Maçon", email="bruno@example.org")
    account(records, "chloe", "chloe@example.org", DAY + dt.timedelta(days=60))
    save_search(records, matcher, "chloe", "s1", name="Maçon", email="chloe@example.org", alert="paused")
    account(records, "denis", "denis@example.org", DAY + dt.timedelta(days=60))
    save_search(records, matcher, "denis", "s1", name="Maçon", email="denis@example.org")
    records.put({"pk": "SUPPRESSED#denis@example.org", "sk": "MAIL", "reason": "bounce", "at": 0})
    # Emma expires in 7 days: a reminder; nothing new for her.
    account(records, "emma", "emma@example.org", DAY + dt.timedelta(days=7))
    save_search(records, matcher, "emma", "s1", name="Plombier", email="emma@example.org")

    def services(mailer=None):
        return Services(get_settings(), records=records, mailer=mailer or base.mailer, offers=index,
                        alert_matcher=matcher)

    return platform, services, MatcherView(matcher), records


def test_one_digest_per_account_and_address_with_what_is_new(world):
    platform, services, matcher, records = world
    report = run_alerts(services(), DAY)

    assert report.offers == 13  # yesterday's, in Paris time
    assert (report.digests_sent, report.reminders_sent) == (2, 1)
    assert report.skipped_expired == 1 and report.skipped_paused == 1 and report.skipped_suppressed == 1
    # Deleted, expired and paused searches left the matcher; the others stay.
    assert sorted(matcher.subscriptions) == ["anna:s1", "anna:s2", "anna:s3", "denis:s1", "emma:s1"]
    [digest] = platform.mails_to("anna@example.org")
    assert digest[1] == "13 nouvelles offres pour vos recherches (10 mars 2026)"
    text = digest[2].replace("\r\n", "\n")
    assert "Recherche « Boulanger » : 1 nouvelle offre" in text
    assert "Recherche « Maçon » : 12 nouvelles offres" in text
    assert text.index("Boulanger »") < text.index("Maçon »")
    assert "Maçon 11" in text and "Maçon 2\n" in text and "Maçon 1\n" not in text  # the newest 10
    assert "Et 2 autres : http://127.0.0.1:8000/offres/recherche?motsCles=Ma%C3%A7on&publieeDepuis=1" in text
    assert "avant-hier" not in text and "ce matin" not in text
    assert "69 - LYON 03 – CDI" in text and "http://127.0.0.1:8000/offres/OF0011" in text
    assert "/alertes/desabonnement?jeton=" in text
    [other] = platform.mails_to("maison@example.org")
    assert "Boulanger" in other[2] and "Maçon" not in other[2]
    assert not platform.mails_to("bruno@example.org") and not platform.mails_to("chloe@example.org")
    assert not platform.mails_to("denis@example.org")
    [reminder] = platform.mails_to("emma@example.org")
    assert "17 mars 2026" in reminder[1] and "/alertes/prolonger?jeton=" in reminder[2]
    assert records.get("USER#emma", "ALERTS")["reminded_for"] == "2026-03-17"
    digest_record = records.get("USER#anna", "DIGEST#2026-03-10#anna@example.org")
    assert digest_record["status"] == "sent" and digest_record["message_id"]
    assert sorted(digest_record["searches"]) == ["s1", "s2"]
    kept = records.query("USER#anna", "MSG#")
    assert [m["kind"] for m in kept] == ["alerte", "alerte"]  # in « Mes messages » too


def test_a_second_run_the_same_day_sends_nothing(world):
    platform, services, _, _ = world
    run_alerts(services(), DAY)
    count = len(platform.read_mails())
    again = run_alerts(services(), DAY)
    assert (again.digests_sent, again.digests_already_sent, again.reminders_sent) == (0, 2, 0)
    assert again.reminders_already_sent == 1
    assert len(platform.read_mails()) == count


def test_a_run_killed_midway_and_rerun_sends_each_digest_exactly_once(world):
    platform, services, _, records = world
    from espace.bootstrap import get_services

    with pytest.raises(Killed):
        run_alerts(services(DyingMailer(get_services().mailer, 1)), DAY)
    assert len(platform.read_mails()) == 1
    pending = [r for r in records.query("USER#anna", "DIGEST#") if r["status"] == "pending"]
    assert len(pending) == 1  # recorded before sending, never sent
    report = run_alerts(services(), DAY)
    assert (report.digests_sent, report.digests_already_sent) == (1, 1)
    mails = platform.read_mails()
    assert sorted(m[0] for m in mails) == ["anna@example.org", "emma@example.org", "maison@example.org"]


def test_weekly_searches_get_their_digest_on_mondays(world):
    platform, services, matcher, records = world
    save_search(records, matcher.matcher, "anna", "w1", name="Maçon", email="hebdo@example.org",
                frequency="weekly")
    run_alerts(services(), DAY)
    assert not platform.mails_to("hebdo@example.org")  # a Tuesday
    report = run_alerts(services(), MONDAY)
    assert report.weekly and report.weekly_offers == 14  # the 8th is out of [9th, 16th)
    [weekly] = platform.mails_to("hebdo@example.org")
    assert "publiées cette semaine" in weekly[2].replace("\r\n", " ") and "13 nouvelles offres" in weekly[1]
    assert "publieeDepuis=7" in weekly[2]


def test_the_digest_carries_one_click_unsubscribe_headers(world):
    platform, services, _, _ = world
    run_alerts(services(), DAY)
    if platform.profile == "embedded":
        from espace.adapters.outbox_mail import read_outbox
        from espace.settings import get_settings

        folder = get_settings().mail_url.removeprefix("outbox://")
        [mail] = [m for m in read_outbox(__import__("pathlib").Path(folder)) if m["To"] == "anna@example.org"]
    else:
        from email import policy
        from email.parser import BytesParser

        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.ses.models import ses_backends

        sent = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages
        parsed = [BytesParser(policy=policy.default).parsebytes(
            m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data) for m in sent]
        [mail] = [m for m in parsed if m["To"] == "anna@example.org"]
    assert mail["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/alertes/desabonnement?jeton=")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_body(("html",)) is not None


def test_the_cli_replays_a_day_and_prints_its_report(world, monkeypatch, capsys):
    _, services, _, _ = world
    from espace.alertes import cli

    monkeypatch.setattr(cli, "get_services", services)
    assert cli.main(["--date", "2026-03-10"]) == 0
    out = capsys.readouterr().out
    assert "Alertes du 2026-03-10" in out and "digests sent: 2" in out and "reminders sent: 1" in out
    assert cli.main(["--date", "2026-03-10"]) == 0
    assert "digests sent: 0" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--date", "10/03/2026"])
    assert exit_.value.code == 2


def test_matching_by_slices_of_offers_finds_the_same(world, monkeypatch):
    from espace.alertes import jobs

    _, services, _, records = world
    monkeypatch.setattr(jobs, "MATCH_SLICE", 5)  # 13 offers: three slices
    report = run_alerts(services(), DAY)
    assert (report.offers, report.digests_sent) == (13, 2)
    assert records.get("USER#anna", "DIGEST#2026-03-10#anna@example.org")["searches"]["s1"] == [
        f"OF{n:04d}" for n in range(12)]  # every offer of the search, in the day's order
