"""The monthly digest: one mail per active subscriber and month, exactly once.

``run_newsletter(services, "2026-12")`` sends « Mode d'emploi » of December 2026, built from the
news articles published in November (output/newsletter-articles.json, written by the Pelican plugin
``newsletter_articles``). A month with fewer than MIN_ARTICLES articles is topped up with the
month before it, so a quiet month still gets a letter without repeating old news for ever; no
article in that window: no mail at all.

Exactly once per (subscriber, month): before sending, the run writes ``NEWSLETTER#{email}`` /
``SENT#{month}`` {status: "pending"} only if absent, and marks it "sent" after the mail left. A
second run finds "sent" and skips; a run killed in the middle left at most "pending" records,
whose mail did not leave (the send raised, or never started): the rerun sends those. The only
window for a double is a kill between the mailer's answer and the status write (one mail).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from espace.lettre import mails
from espace.lettre.mails import Article
from espace.lettre.service import SUBSCRIBERS, unsubscribe_url
from espace.once import SENT, claim
from espace.web.signing import signing_key

if TYPE_CHECKING:
    from espace.bootstrap import Services

log = logging.getLogger(__name__)
MAX_ARTICLES = 10
MIN_ARTICLES = 3
PAGE_SIZE = 100
SENT_TTL = 400 * 24 * 3600  # the record outlives any replay of the month


@dataclass
class RunReport:
    month: str
    articles: int = 0
    sent: list[str] = field(default_factory=list)
    already_sent: int = 0
    suppressed: int = 0


def articles_file(navigation_file: str) -> Path:
    """Next to navigation.json: output/ locally, the package root (/var/task) in AWS."""
    return Path(navigation_file).parent / "newsletter-articles.json"


def load_articles(path: Path, site_url: str) -> list[Article]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    base = site_url.rstrip("/")
    return [Article(title=e["title"], date=e["date"][:10], summary=e["summary"], url=f"{base}/{e['url'].lstrip('/')}")
            for e in entries]


def _previous(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def check_month(value: str) -> str:
    """"YYYY-MM" or ValueError."""
    parsed = date.fromisoformat(f"{value}-01")
    return f"{parsed.year:04d}-{parsed.month:02d}"


def select_articles(articles: Sequence[Article], month: str) -> list[Article]:
    """The articles of the month before ``month``, newest first (at most MAX_ARTICLES); fewer
    than MIN_ARTICLES: the month before that too."""
    covered = _previous(month)
    chosen = [a for a in articles if a.date[:7] == covered]
    if len(chosen) < MIN_ARTICLES:
        chosen += [a for a in articles if a.date[:7] == _previous(covered)][:MIN_ARTICLES - len(chosen)]
    return sorted(chosen, key=lambda a: a.date, reverse=True)[:MAX_ARTICLES]


def run_newsletter(services: Services, month: str, articles: Sequence[Article] | None = None,
                   now: int | None = None) -> RunReport:
    settings = services.settings
    month = check_month(month)
    if articles is None:
        articles = load_articles(articles_file(settings.navigation_file), settings.site_url)
    chosen = select_articles(articles, month)
    report = RunReport(month, len(chosen))
    if not chosen:
        log.info("newsletter %s: no article, no mail", month)
        return report
    records, mailer = services.records, services.mailer
    key = signing_key(records, settings.secret_key)  # type: ignore[arg-type]
    run = uuid.uuid4().hex
    stamp = int(time.time()) if now is None else now
    after: str | None = None
    while True:
        page = records.query_page(SUBSCRIBERS, limit=PAGE_SIZE, after=after)
        for entry in page.items:
            email = str(entry["email"])
            if records.get(f"SUPPRESSED#{email}", "MAIL") is not None:
                report.suppressed += 1
                continue
            pk, sk = f"NEWSLETTER#{email}", f"SENT#{month}"
            if not claim(records, {"pk": pk, "sk": sk, "run": run, "expires_at": stamp + SENT_TTL}):
                report.already_sent += 1
                continue
            message = mails.digest(email, month, chosen, settings.site_url, unsubscribe_url(settings.site_url, key,
                                                                                                email))
            message_id = mailer.send(message)
            records.put({"pk": pk, "sk": sk, "status": SENT, "run": run, "message_id": message_id,
                         "sent_at": stamp, "expires_at": stamp + SENT_TTL})
            report.sent.append(email)
        if page.next_key is None:
            break
        after = page.next_key
    log.info("newsletter %s: %d articles, %d sent, %d already sent, %d suppressed", month, report.articles,
             len(report.sent), report.already_sent, report.suppressed)
    return report
