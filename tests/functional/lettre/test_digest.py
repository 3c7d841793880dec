"""The monthly digest on both profiles: exactly once per (subscriber, month), rerun and
killed-and-rerun, suppression list, and one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import pytest

from espace.bootstrap import Services, get_services
from espace.lettre.jobs import run_newsletter
from espace.lettre.mails import Article
from espace.ports import Message
from tests.functional.lettre.helpers import newsletter_client, subscribe

ARTICLES = [Article("Nouveaux ateliers", "2026-11-20", "Des ateliers pour votre CV.", "http://127.0.0.1:8000/a.html"),
            Article("Calendrier de fin d'année", "2026-11-12", "Les dates à retenir.", "http://127.0.0.1:8000/b.html"),
            Article("Un site plus accessible", "2026-11-02", "Ce qui change.", "http://127.0.0.1:8000/c.html")]
READERS = ["a@example.fr", "b@example.fr", "c@example.fr"]


class Killed(Exception):
    pass


class DyingMailer:
    """Sends ``lives`` mails, then the process "dies" in the middle of the run."""

    def __init__(self, mailer, lives: int):
        self.mailer, self.lives = mailer, lives

    def send(self, message: Message) -> str:
        if self.lives == 0:
            raise Killed()
        self.lives -= 1
        return self.mailer.send(message)


def digests(platform, email: str) -> list[tuple[str, str, str]]:
    return [m for m in platform.mails_to(email) if "la lettre de" in m[1]]


@pytest.fixture
def readers(platform):
    for index, email in enumerate(READERS):
        subscribe(platform, email, ip=f"198.51.100.{20 + index}")
    return READERS


def test_each_subscriber_gets_the_month_once(platform, readers):
    report = run_newsletter(get_services(), "2026-12", ARTICLES)
    assert sorted(report.sent) == readers
    for email in readers:
        [(_to, subject, text)] = digests(platform, email)
        assert subject == "Mode d'emploi – la lettre de décembre 2026 – Espace candidat"
        assert "Nouveaux ateliers" in text and "http://127.0.0.1:8000/c.html" in text
        assert "/lettre/desabonnement?jeton=" in text
    again = run_newsletter(get_services(), "2026-12", ARTICLES)
    assert again.sent == [] and again.already_sent == 3
    assert all(len(digests(platform, email)) == 1 for email in readers)
    # Next month is another letter.
    january = [Article("En décembre", "2026-12-03", "…", "http://127.0.0.1:8000/d.html")]
    assert sorted(run_newsletter(get_services(), "2027-01", january).sent) == readers


def test_a_killed_run_rerun_sends_each_mail_exactly_once(platform, readers):
    services = get_services()
    dying = Services(services.settings, records=services.records, mailer=DyingMailer(services.mailer, lives=1))
    with pytest.raises(Killed):
        run_newsletter(dying, "2026-12", ARTICLES)
    assert sum(len(digests(platform, email)) for email in readers) == 1
    rerun = run_newsletter(get_services(), "2026-12", ARTICLES)
    assert len(rerun.sent) == 2 and rerun.already_sent == 1
    assert all(len(digests(platform, email)) == 1 for email in readers)
    assert run_newsletter(get_services(), "2026-12", ARTICLES).sent == []


def test_no_article_no_mail(platform, readers):
    old = [Article("Ancienne", "2026-08-01", "…", "http://127.0.0.1:8000/x.html")]
    report = run_newsletter(get_services(), "2026-12", old)
    assert report.articles == 0 and report.sent == []
    assert all(digests(platform, email) == [] for email in readers)


def test_suppressed_addresses_are_skipped(platform, readers):
    get_services().records.put({"pk": "SUPPRESSED#b@example.fr", "sk": "MAIL", "reason": "bounce", "at": 1})
    report = run_newsletter(get_services(), "2026-12", ARTICLES)
    assert sorted(report.sent) == ["a@example.fr", "c@example.fr"] and report.suppressed == 1
    assert digests(platform, "b@example.fr") == []


def test_the_site_articles_are_read_from_the_build(platform, readers, site):
    # The build's articles date from autumn 2026: the letter of December covers November.
    report = run_newsletter(get_services(), "2026-12")
    assert report.articles >= 1 and sorted(report.sent) == readers
    text = digests(platform, "a@example.fr")[0][2]
    assert "http://127.0.0.1:8000/actualites/" in text


def test_one_click_unsubscribe_without_signing_in(platform, readers):
    run_newsletter(get_services(), "2026-12", ARTICLES)
    text = digests(platform, "a@example.fr")[0][2]
    link = next(line for line in text.splitlines() if "/lettre/desabonnement?jeton=" in line)
    path = link.removeprefix("http://127.0.0.1:8000")
    anyone = newsletter_client(platform, ip="192.0.2.1")
    # GET (a scanner, or the visitor) only shows the button.
    page = anyone.get(path)
    assert page.status == 200 and "Me désabonner" in page.text() and "a@example.fr" in page.text()
    # The mail client's RFC 8058 POST: the URL of List-Unsubscribe, no cookie, no CSRF token.
    done = anyone.request("POST", path, body="List-Unsubscribe=One-Click",
                          content_type="application/x-www-form-urlencoded")
    assert done.status == 200 and "ne recevra plus" in done.text()
    assert newsletter_client(platform).request("POST", path, body="List-Unsubscribe=One-Click",
                                               content_type="application/x-www-form-urlencoded").status == 200
    report = run_newsletter(get_services(), "2027-01", [Article("Déc.", "2026-12-03", "…", "http://x/d")])
    assert sorted(report.sent) == ["b@example.fr", "c@example.fr"]


def test_the_unsubscribe_page_button(platform, readers):
    run_newsletter(get_services(), "2026-12", ARTICLES)
    text = digests(platform, "c@example.fr")[0][2]
    path = next(line for line in text.splitlines() if "jeton=" in line).removeprefix("http://127.0.0.1:8000")
    client = newsletter_client(platform)
    token = path.split("jeton=")[1]
    done = client.post("/lettre/desabonnement", {"jeton": token}, csrf=client.csrf_token(path))
    assert done.status == 200 and "c@example.fr" in done.text()
    assert run_newsletter(get_services(), "2027-01", [Article("Déc.", "2026-12-03", "…", "http://x/d")]
                          ).sent == ["a@example.fr", "b@example.fr"]


@pytest.mark.parametrize("token", ["", "abc", "W10.AAAA", "eyJ4Ijo.forged", "x" * 2000])
def test_a_forged_token_reveals_nothing_and_changes_nothing(platform, readers, token):
    client = newsletter_client(platform)
    before = platform.dump_records()
    for response in (client.get(f"/lettre/desabonnement?jeton={token}"),
                     client.request("POST", f"/lettre/desabonnement?jeton={token}", body="List-Unsubscribe=One-Click",
                                    content_type="application/x-www-form-urlencoded")):
        assert response.status == 400
        assert "@" not in response.html.xpath("string(//main)")
    assert platform.dump_records() == before


def test_the_scheduled_event_runs_the_job(platform, readers):
    from espace.handlers.newsletter import handler

    # The schedule's payload (infra/template.yaml), with a month to replay: the build's November news.
    result = handler({"job": "newsletter", "month": "2026-12"}, None)
    assert result["month"] == "2026-12" and result["sent"] == 3 and result["articles"] >= 1
    assert handler({"job": "newsletter", "month": "2026-12"}, None)["already_sent"] == 3
