"""« Mes critères de recherche »: a candidate's saved searches, their alerts and their expiry.

Records (the shared data model of issue 9), all in the user's partition but the expiry index:

- ``USER#{uid}`` / ``SEARCH#{sid}``: name, params (the results page's criteria), query (the
  SearchQuery as a JSON string), email, frequency ("daily" | "weekly"), alert ("on" | "paused"),
  created_at, seen_at, slot.
- ``USER#{uid}`` / ``SEARCH-SLOT#{nn}``: one of the 20 places a search takes (``espace.slots``):
  20 is a hard limit even when forms are sent at the same instant.
- ``USER#{uid}`` / ``ALERTS``: expires_on (Europe/Paris date, inclusive: the alerts run while
  today <= expires_on), reminded_for (written by the daily job), matcher_cleared_for.
- ``ALERT-EXPIRY#{day}`` / ``USER#{uid}``: the index the daily job reads to find who expires
  (or needs a reminder) on a day without a scan; moved in the same transaction as expires_on.

The alert matcher (espace.alertes.matching) holds exactly the searches whose alert is on and
not expired: every change here goes through ``sync_matcher``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from espace.alertes.model import Subscription, query_from_json, query_to_json
from espace.offers import search_form, summary
from espace.ports import ConditionFailedError, Delete, Put
from espace.slots import Placed, put_in_a_free_slot
from espace.text import PARIS
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.offers.model import SearchQuery

MAX_SEARCHES = 20
VALIDITY_MONTHS = 3
INDEX_TTL_DAYS = 30  # the expiry index entry outlives its day long enough for a late or replayed run
FREQUENCIES = (("daily", "Chaque jour"), ("weekly", "Chaque semaine, le lundi"))
FREQUENCY_LABELS = dict(FREQUENCIES)
# What a saved search leaves out of the results page's criteria: paging, sort and format.
NOT_CRITERIA = summary.NOT_CRITERIA
SID = re.compile(r"^[0-9a-f]{8}[a-z2-7]{4}$")
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


def new_sid(now: float | None = None) -> str:
    """12 characters, sortable by creation time: 8 hex digits of the epoch, 4 random letters."""
    created = int(time.time() if now is None else now)
    return f"{created:010x}"[-8:] + "".join(secrets.choice(_BASE32) for _ in range(4))


def today_in_paris(now: float | None = None) -> dt.date:
    return dt.datetime.fromtimestamp(time.time() if now is None else now, PARIS).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the last day of that month (30 November + 3 = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def criteria_params(single: dict[str, str], multi: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The query string of a results page without its paging, sort and format keys."""
    return ({k: v for k, v in single.items() if k not in NOT_CRITERIA},
            {k: v for k, v in multi.items() if k not in NOT_CRITERIA})


def query_params(event_params: dict[str, str] | None) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(single, multi) as the search page reads them: API Gateway joins a repeated parameter
    with commas (typeContrat=CDI&typeContrat=CDD arrives as "CDI,CDD")."""
    single = dict(event_params or {})
    multi = {"typeContrat": [single["typeContrat"]]} if "typeContrat" in single else {}
    return single, multi


class Problem(Enum):
    NONE = ""
    NUMBER = ("Une recherche par numéro d'offre ne peut pas être enregistrée : elle mène à une seule offre. "
              "Lancez une recherche par métier, mots clés ou lieu.")
    EMPTY = ("Ces critères sont trop larges pour une alerte : précisez au moins un métier, des mots clés ou un "
             "lieu de travail, puis enregistrez la recherche.")
    ERRORS = "Ces critères contiennent des erreurs : corrigez-les sur la page de recherche avant de l'enregistrer."


@dataclass
class Checked:
    """Criteria read from a query string, ready to be saved (``problem`` is NONE) or not."""

    criteria: search_form.Criteria
    problem: Problem
    params: dict[str, Any]


def check_criteria(single: dict[str, str], multi: dict[str, list[str]], rome, places,
                   now: int | None = None) -> Checked:
    """The criteria as the results page would read them, and the exact params to save: the
    appellation and the place pinned by their codes, so that the saved search keeps meaning
    what it meant when it was saved (« Saint-Denis » chosen in the list stays that one)."""
    single, multi = criteria_params(single, multi)
    criteria = search_form.build(single, multi, rome, places, now)
    if criteria.mode == "numero":
        return Checked(criteria, Problem.NUMBER, {})
    if criteria.errors or (criteria.query is None and not criteria.form_only):
        return Checked(criteria, Problem.ERRORS, {})
    query = criteria.query
    if query is None or not summary.narrows(query):
        return Checked(criteria, Problem.EMPTY, {})
    params = {k: v for k, v in criteria.values.items() if k not in NOT_CRITERIA and k != "numero" and v}
    if criteria.place is not None:
        params["lieuCode"] = f"{criteria.place.kind}:{criteria.place.code}"
        params["lieu"] = criteria.place.label
    return Checked(criteria, Problem.NONE, params)


def params_query(params: dict[str, Any], rome, places) -> SearchQuery | None:
    """The SearchQuery of saved params, as the results page builds it today."""
    single = {k: v for k, v in params.items() if isinstance(v, str)}
    multi = {k: list(v) for k, v in params.items() if isinstance(v, list)}
    if multi.get("typeContrat"):
        single["typeContrat"] = ",".join(multi["typeContrat"])
    return search_form.build(single, multi, rome, places).query


def results_path(params: dict[str, Any]) -> str:
    """The results page of saved params (the search form reads them back as they were)."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return "/offres/recherche?" + urlencode(pairs)


@dataclass(frozen=True)
class SavedSearch:
    sid: str
    name: str
    params: dict[str, Any]
    query: dict[str, Any]
    email: str
    frequency: str
    alert: str
    created_at: int
    seen_at: int
    slot: int
    summary: list[tuple[str, str]]

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> SavedSearch:
        return cls(sid=item["sk"].removeprefix("SEARCH#"), name=item.get("name", ""), params=item.get("params", {}),
                   query=json.loads(item.get("query") or "{}"), email=item.get("email", ""),
                   frequency=item.get("frequency", "daily"), alert=item.get("alert", "on"),
                   created_at=int(item.get("created_at", 0)), seen_at=int(item.get("seen_at", 0)),
                   slot=int(item.get("slot", 0)), summary=[(str(a), str(b)) for a, b in item.get("summary", [])])

    @property
    def alert_on(self) -> bool:
        return self.alert == "on"

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency, self.frequency)

    @property
    def results_path(self) -> str:
        return results_path(self.params)


class Saved(Enum):
    SAVED = "saved"
    ALREADY = "already"  # the same form sent twice: saved once
    FULL = "full"


def _slot_key(number: int) -> str:
    return f"SEARCH-SLOT#{number:02d}"


class SavedSearches:
    """One account's saved searches and alert subscription."""

    def __init__(self, services: Services, user_id: str, now: float | None = None):
        self.services, self.user_id = services, user_id
        self.records = services.records
        self.pk = f"USER#{user_id}"
        self._now = now

    @property
    def now(self) -> int:
        return int(time.time() if self._now is None else self._now)

    @property
    def today(self) -> dt.date:
        return today_in_paris(self.now)

    # --- searches -----------------------------------------------------------------------
    def all(self) -> list[SavedSearch]:
        return [SavedSearch.from_item(item) for item in self.records.query(self.pk, "SEARCH#")]

    def get(self, sid: str) -> SavedSearch | None:
        if not SID.match(sid or ""):
            return None
        item = self.records.get(self.pk, f"SEARCH#{sid}")
        return SavedSearch.from_item(item) if item else None

    def count(self) -> int:
        return len(self.records.query(self.pk, "SEARCH-SLOT#"))

    def create(self, sid: str, *, name: str, params: dict[str, Any], query: SearchQuery, email: str,
               frequency: str, summary: list[tuple[str, str]]) -> Saved:
        """Save a search under ``sid`` (the form's nonce): the same form sent twice saves once."""
        item = {"pk": self.pk, "sk": f"SEARCH#{sid}", "name": name, "params": params,
                # A JSON string: the records port takes no floats (a place's coordinates), and the query is
                # only ever read whole.
                "query": json.dumps(query_to_json(dataclasses.replace(query, now=0)), separators=(",", ":")),
                "email": email, "frequency": frequency,
                "alert": "on", "created_at": self.now, "seen_at": self.now,
                "summary": [list(row) for row in summary]}
        placed = put_in_a_free_slot(self.records, item, numbers=range(MAX_SEARCHES), slot_prefix="SEARCH-SLOT#",
                                    slot_key=_slot_key, slot_fields={"sid": sid})
        if placed is not Placed.PLACED:
            return Saved.ALREADY if placed is Placed.ALREADY else Saved.FULL
        self.renew()
        saved = self.get(sid)
        if saved is not None and self.alerts_active():
            sync_matcher(self.services, put=[(self.user_id, saved)])
        return Saved.SAVED

    def update(self, sid: str, *, name: str, email: str, frequency: str) -> bool:
        item = self.records.get(self.pk, f"SEARCH#{sid}") if SID.match(sid or "") else None
        if item is None:
            return False
        self.records.put({**item, "name": name, "email": email, "frequency": frequency})
        saved = SavedSearch.from_item({**item, "frequency": frequency})
        if saved.alert_on and self.alerts_active():
            sync_matcher(self.services, put=[(self.user_id, saved)])  # the frequency may have changed
        return True

    def set_alert(self, sid: str, on: bool) -> bool:
        item = self.records.get(self.pk, f"SEARCH#{sid}") if SID.match(sid or "") else None
        if item is None:
            return False
        if (item.get("alert", "on") == "on") != on:
            self.records.put({**item, "alert": "on" if on else "paused"})
        if on and self.alerts_active():
            sync_matcher(self.services, put=[(self.user_id, SavedSearch.from_item({**item, "alert": "on"}))])
        elif not on:
            sync_matcher(self.services, remove=[self.subscription_id(sid)])
        return True

    def pause_address(self, email: str) -> list[SavedSearch]:
        """Stop every alert of this account sent to ``email`` (a one-click unsubscribe)."""
        paused = [s for s in self.all() if s.email == email and s.alert_on]
        for search in paused:
            self.set_alert(search.sid, False)
        return paused

    def delete(self, sid: str) -> bool:
        saved = self.get(sid)
        if saved is None:
            return False
        try:
            self.records.transact([Delete(self.pk, f"SEARCH#{sid}", if_present=True),
                                   Delete(self.pk, _slot_key(saved.slot))])
        except ConditionFailedError:
            return False  # deleted meanwhile (the same form sent twice)
        sync_matcher(self.services, remove=[self.subscription_id(sid)])
        return True

    def mark_seen(self, sid: str) -> SavedSearch | None:
        item = self.records.get(self.pk, f"SEARCH#{sid}") if SID.match(sid or "") else None
        if item is None:
            return None
        item["seen_at"] = self.now
        self.records.put(item)
        return SavedSearch.from_item(item)

    def subscription_id(self, sid: str) -> str:
        return f"{self.user_id}:{sid}"

    # --- the subscription's expiry --------------------------------------------------------
    def state(self) -> dict[str, Any] | None:
        return self.records.get(self.pk, "ALERTS")

    def expires_on(self) -> dt.date | None:
        state = self.state()
        return dt.date.fromisoformat(state["expires_on"]) if state and state.get("expires_on") else None

    def alerts_active(self) -> bool:
        expires = self.expires_on()
        return expires is not None and self.today <= expires

    def renew(self) -> dt.date:
        """Alerts active until today + 3 months (a visit to « Mon espace », « Prolonger », a new
        search). The expiry index entry moves in the same transaction; searches that had
        expired go back into the matcher."""
        state = self.state() or {"pk": self.pk, "sk": "ALERTS"}
        old = state.get("expires_on")
        new = add_months(self.today, VALIDITY_MONTHS)
        if old is not None and old >= new.isoformat():
            return dt.date.fromisoformat(old)
        was_expired = old is not None and old < self.today.isoformat()
        operations: list[Put | Delete] = [Put({**state, "expires_on": new.isoformat()})]
        if old is not None:
            operations.append(Delete(f"ALERT-EXPIRY#{old}", self.pk))
        expiry_end = dt.datetime.combine(new + dt.timedelta(days=INDEX_TTL_DAYS), dt.time(), PARIS)
        operations.append(Put({"pk": f"ALERT-EXPIRY#{new.isoformat()}", "sk": self.pk,
                               "expires_at": int(expiry_end.timestamp())}))
        self.records.transact(operations)
        if was_expired:
            sync_matcher(self.services, put=[(self.user_id, s) for s in self.all() if s.alert_on])
        return new

    def forget_expired(self) -> None:
        """Once expired, the matcher drops this account's searches (the daily job checks the
        date as well, so this only keeps the matcher small); done once per expiry date."""
        state = self.state()
        if not state or not state.get("expires_on") or self.alerts_active():
            return
        if state.get("matcher_cleared_for") == state["expires_on"]:
            return
        sync_matcher(self.services, remove=[self.subscription_id(s.sid) for s in self.all()])
        self.records.put({**state, "matcher_cleared_for": state["expires_on"]})

    def forget_everything_outside(self) -> None:
        """Account deletion: the expiry index entry and the matcher's copies (idempotent)."""
        expires = self.expires_on()
        if expires is not None:
            self.records.delete(f"ALERT-EXPIRY#{expires.isoformat()}", self.pk)
        sids = [s.sid for s in self.all()]
        if sids:
            sync_matcher(self.services, remove=[self.subscription_id(sid) for sid in sids])


@on_account_deleted
def forget_alerts(services: Services, user_id: str) -> None:
    SavedSearches(services, user_id).forget_everything_outside()
    services.alert_matcher.remove_user(user_id)  # also any entry whose SEARCH# record is already gone


# --- the alert matcher --------------------------------------------------------------------------
def sync_matcher(services: Services, *, put: Iterable[tuple[str, SavedSearch]] = (),
                  remove: Iterable[str] = ()) -> None:
    """The one place that tells the matcher: ``put`` (user id, search) whose alert is on and
    not expired, ``remove`` subscription ids (absent ones are fine)."""
    matcher = services.alert_matcher
    subscriptions = [Subscription(id=f"{user_id}:{search.sid}", user_id=user_id, frequency=search.frequency,
                                  query=query_from_json(search.query)) for user_id, search in put]
    if subscriptions:
        matcher.put(subscriptions)
    ids = list(remove)
    if ids:
        matcher.remove(ids)
