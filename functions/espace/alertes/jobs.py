"""The daily alerts job: new offers -> one digest per (account, address, day), and the
reminders 7 days before the alerts expire.

Run for day D (Europe/Paris): the offers created in [D-1 00:00, D 00:00) go through the
matcher for the daily searches; on Mondays, the offers of [D-7, D) for the weekly ones.
The matcher answers subscription ids (``{uid}:{sid}``); each match is checked against the
records (search still there, alert on, account's alerts not expired, address not
suppressed) and the stale ones are removed from the matcher.

Exactly once, per ``USER#{uid}`` / ``DIGEST#{D}#{email}``:
1. a conditional put (status "pending") BEFORE sending: only one run creates it;
2. the mail goes out (through the Mailbox, so it is kept in « Mes messages »);
3. the record is marked "sent" with the message id.
A rerun skips the "sent" ones and sends the "pending" ones: those whose run stopped between
1 and 2 (never sent) — or, in the tiny window between 2 and 3 (the process killed right
after SES accepted the mail), one duplicate is possible; no store can close that window
without the mail provider's help, and a duplicate digest is better than a lost one.
Reminders follow the same pattern with ``REMINDER#{expires_on}``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from espace.alertes import links, mails
from espace.messages.service import Mailbox
from espace.offers.model import Offer
from espace.once import SENT, claim
from espace.ports import ConditionFailedError, RecordStore
from espace.web.signing import signing_key

PARIS = ZoneInfo("Europe/Paris")
DIGEST_KEEP_SECONDS = 90 * 86400
REMIND_DAYS_BEFORE = 7
MATCH_SLICE = 2000  # new offers per matcher call (memory: see AlertsRun.matches)
KIND = "alerte"
log = logging.getLogger(__name__)


@dataclass
class RunReport:
    day: dt.date
    weekly: bool = False
    offers: int = 0  # new offers of the daily window
    weekly_offers: int = 0
    matches: int = 0  # (search, offer) pairs the matcher found
    digests_sent: int = 0
    digests_already_sent: int = 0  # by an earlier run of the same day
    skipped_paused: int = 0
    skipped_expired: int = 0
    skipped_suppressed: int = 0
    stale_removed: int = 0  # subscription ids removed from the matcher
    reminders_sent: int = 0
    reminders_already_sent: int = 0
    failures: list[str] = field(default_factory=list)
    matching_seconds: float = 0.0  # reading the new offers and matching them (the rest is the digests)

    def lines(self) -> list[str]:
        return [f"Alertes du {self.day.isoformat()} / alerts for {self.day.isoformat()}",
                f"  nouvelles offres / new offers: {self.offers}"
                + (f" (semaine / week: {self.weekly_offers})" if self.weekly else ""),
                f"  correspondances / matches: {self.matches} ({self.matching_seconds:.1f} s)",
                f"  résumés envoyés / digests sent: {self.digests_sent}",
                f"  déjà envoyés / already sent: {self.digests_already_sent}",
                f"  ignorées / skipped: {self.skipped_paused} en pause / paused, {self.skipped_expired} expirées / "
                f"expired, {self.skipped_suppressed} adresses bloquées / suppressed",
                f"  retirées du moteur / removed from the matcher: {self.stale_removed}",
                f"  rappels envoyés / reminders sent: {self.reminders_sent} (déjà / already: "
                f"{self.reminders_already_sent})"]


def window(day: dt.date, days: int) -> tuple[int, int]:
    """[day - days 00:00, day 00:00) in Paris, as epoch seconds (DST-correct: a day may last 23 or 25 h)."""
    end = dt.datetime.combine(day, dt.time(), PARIS)
    start = dt.datetime.combine(day - dt.timedelta(days=days), dt.time(), PARIS)
    return int(start.timestamp()), int(end.timestamp())


def today_in_paris(now: float | None = None) -> dt.date:
    return dt.datetime.fromtimestamp(time.time() if now is None else now, PARIS).date()


def full_search_url(site_url: str, params: dict[str, Any], days: int) -> str:
    """The saved search's results page, restricted to the offers of the window."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if key == "publieeDepuis":
            continue
        pairs += [(key, str(v)) for v in value] if isinstance(value, list) else [(key, str(value))]
    pairs.append(("publieeDepuis", str(days)))
    return f"{site_url.rstrip('/')}/offres/recherche?{urlencode(pairs)}"


@dataclass
class _Match:
    item: dict[str, Any]  # the SEARCH# record
    offer_ids: list[str]
    days: int  # 1 (daily) or 7 (weekly)


class AlertsRun:
    def __init__(self, services: Any, day: dt.date, now: float | None = None):
        self.services, self.day = services, day
        self.now = int(time.time() if now is None else now)
        self.records: RecordStore = services.records
        self.settings = services.settings
        self.report = RunReport(day, weekly=day.weekday() == 0)
        self.mailbox = Mailbox(services.records, services.mailer, clock=lambda: self.now)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = signing_key(self.records, self.settings.secret_key)  # type: ignore[arg-type]  # by identity
        return self._key

    # --- matching --------------------------------------------------------------------------
    def matches(self) -> tuple[dict[str, list[tuple[str, list[str], int]]], dict[str, Offer]]:
        """By account: (sid, offer ids, window days) of every match, and the offers by id."""
        matcher = self.services.alert_matcher
        offers_by_id: dict[str, Offer] = {}
        by_user: dict[str, list[tuple[str, list[str], int]]] = defaultdict(list)
        runs = [("daily", 1)] + ([("weekly", 7)] if self.report.weekly else [])
        for frequency, days in runs:
            offers = list(self.services.offers.published_between(*window(self.day, days)))
            if frequency == "daily":
                self.report.offers = len(offers)
            else:
                self.report.weekly_offers = len(offers)
            if not offers:
                continue
            offers_by_id.update((offer.id, offer) for offer in offers)
            found: dict[str, list[str]] = defaultdict(list)
            # By slices of offers: the matcher's working set grows with offers × candidate searches
            # (a whole day at once took ~1 GB for 100,000 searches); slices in order keep each
            # search's offers in the day's order.
            for first in range(0, len(offers), MATCH_SLICE):
                for subscription_id, offer_ids in matcher.match(offers[first:first + MATCH_SLICE], frequency).items():
                    found[subscription_id] += offer_ids
            for subscription_id, offer_ids in found.items():
                if not offer_ids:
                    continue
                user_id, _, sid = subscription_id.rpartition(":")
                by_user[user_id].append((sid, offer_ids, days))
                self.report.matches += len(offer_ids)
        return by_user, offers_by_id

    def run(self) -> RunReport:
        began = time.perf_counter()
        by_user, offers = self.matches()
        self.report.matching_seconds = time.perf_counter() - began
        stale: list[str] = []
        for user_id, found in by_user.items():
            per_address = self._checked(user_id, found, stale)
            for email, searches in per_address.items():
                if self.records.get(f"SUPPRESSED#{email}", "MAIL") is not None:
                    self.report.skipped_suppressed += len(searches)
                    continue
                try:
                    self.send_digest(user_id, email, searches, offers)
                except Exception as error:  # one address failing must not stop the others
                    log.exception("alert digest to USER#%s failed", user_id)
                    self.report.failures.append(f"USER#{user_id}: {type(error).__name__}")
        if stale:
            self.services.alert_matcher.remove(stale)
            self.report.stale_removed = len(stale)
        self.send_reminders()
        return self.report

    def _checked(self, user_id: str, found: list[tuple[str, list[str], int]],
                 stale: list[str]) -> dict[str, list[_Match]]:
        """The matches still wanted, by alert address; the others go to ``stale``."""
        pk = f"USER#{user_id}"
        state = self.records.get(pk, "ALERTS")
        expires = state.get("expires_on") if state else None
        if not expires or expires < self.day.isoformat():
            self.report.skipped_expired += len(found)
            stale += [f"{user_id}:{sid}" for sid, _, _ in found]
            return {}
        searches = {item["sk"].removeprefix("SEARCH#"): item for item in self.records.query(pk, "SEARCH#")}
        per_address: dict[str, list[_Match]] = defaultdict(list)
        for sid, offer_ids, days in found:
            item = searches.get(sid)
            if item is None or item.get("alert", "on") != "on":
                if item is not None:
                    self.report.skipped_paused += 1
                stale.append(f"{user_id}:{sid}")
                continue
            per_address[item["email"]].append(_Match(item, offer_ids, days))
        return per_address

    # --- the digest, exactly once ------------------------------------------------------------
    def send_digest(self, user_id: str, email: str, found: list[_Match], offers: dict[str, Offer]) -> None:
        pk, sk = f"USER#{user_id}", f"DIGEST#{self.day.isoformat()}#{email}"
        record = {"pk": pk, "sk": sk,
                  "searches": {m.item["sk"].removeprefix("SEARCH#"): m.offer_ids for m in found},
                  "created_at": self.now, "expires_at": self.now + DIGEST_KEEP_SECONDS}
        if not claim(self.records, record):
            self.report.digests_already_sent += 1
            return
        message = self.digest_message(user_id, email, found, offers)
        message_id = self.mailbox.deliver(user_id, message, kind=KIND)
        # The crash window: the mail is out, the record still says "pending" until this put.
        self.records.put({**record, "status": SENT, "message_id": message_id, "sent_at": self.now})
        self.report.digests_sent += 1

    def digest_message(self, user_id: str, email: str, found: list[_Match], offers: dict[str, Offer]):
        site_url = self.settings.site_url
        news = []
        for match in sorted(found, key=lambda m: (m.item.get("name", "").casefold(), m.item["sk"])):
            sid = match.item["sk"].removeprefix("SEARCH#")
            shown = [offers[i] for i in match.offer_ids if i in offers]
            # Newest first: the candidate reads the freshest offers at the top.
            shown.sort(key=lambda o: (-o.created_at, o.id))
            news.append(mails.SearchNews(
                sid=sid, name=match.item.get("name") or "Ma recherche",
                offers=shown[:mails.MAX_OFFERS_PER_SEARCH], total=len(match.offer_ids),
                full_search_url=full_search_url(site_url, match.item.get("params") or {}, match.days),
                unsubscribe_url=links.unsubscribe_url(self.key, site_url, user_id, email, sid)))
        return mails.digest(
            to=email, day=self.day, weekly=all(m.days == 7 for m in found), searches=news, site_url=site_url,
            unsubscribe_all_url=links.unsubscribe_url(self.key, site_url, user_id, email),
            headers=links.list_unsubscribe_headers(self.key, site_url, user_id, email))

    # --- reminders 7 days before expiry --------------------------------------------------------
    def send_reminders(self) -> None:
        expires_on = (self.day + dt.timedelta(days=REMIND_DAYS_BEFORE)).isoformat()
        for entry in self.records.query(f"ALERT-EXPIRY#{expires_on}"):
            user_id = entry["sk"].removeprefix("USER#")
            try:
                self.send_reminder(user_id, expires_on)
            except Exception as error:
                log.exception("alert reminder to USER#%s failed", user_id)
                self.report.failures.append(f"USER#{user_id} reminder: {type(error).__name__}")

    def send_reminder(self, user_id: str, expires_on: str) -> None:
        pk = f"USER#{user_id}"
        state = self.records.get(pk, "ALERTS")
        if not state or state.get("expires_on") != expires_on:
            return  # renewed since the index entry was written (the move is transactional: rare)
        searches = [s for s in self.records.query(pk, "SEARCH#") if s.get("alert", "on") == "on"]
        profile = self.records.get(pk, "PROFILE")
        if not searches or not profile or not profile.get("email"):
            return  # nothing would stop: no reminder needed
        email = profile["email"]
        if self.records.get(f"SUPPRESSED#{email}", "MAIL") is not None:
            return
        sk = f"REMINDER#{expires_on}"
        record = {"pk": pk, "sk": sk, "email": email, "created_at": self.now,
                  "expires_at": self.now + DIGEST_KEEP_SECONDS}
        if not claim(self.records, record):
            self.report.reminders_already_sent += 1
            return
        site_url = self.settings.site_url
        message = mails.reminder(to=email, expires_on=dt.date.fromisoformat(expires_on),
                                 prolong_url=links.prolong_url(self.key, site_url, user_id), site_url=site_url)
        message_id = self.mailbox.deliver(user_id, message, kind=KIND)
        self.records.put({**record, "status": SENT, "message_id": message_id, "sent_at": self.now})
        with contextlib.suppress(ConditionFailedError):
            latest = self.records.get(pk, "ALERTS")
            if latest is not None:
                self.records.put({**latest, "reminded_for": expires_on})
        self.report.reminders_sent += 1


def run_alerts(services: Any, day: dt.date, *, now: float | None = None) -> RunReport:
    return AlertsRun(services, day, now).run()
