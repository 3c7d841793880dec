"""SES bounces and complaints (through the configuration set's SNS event destination): a
permanent bounce or a complaint puts the address on the suppression list and pauses every
alert sent to it; transient bounces (mailbox full, greylisting) change nothing.

    SUPPRESSED#{email} / MAIL {reason, at}
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

from espace.ports import RecordStore

log = logging.getLogger(__name__)


def suppressions(notification: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(address, reason) of one SES event (configuration-set "eventType" or identity "notificationType")."""
    kind = notification.get("eventType") or notification.get("notificationType")
    if kind == "Bounce":
        bounce = notification.get("bounce") or {}
        if bounce.get("bounceType") != "Permanent":
            return
        for recipient in bounce.get("bouncedRecipients") or []:
            if recipient.get("emailAddress"):
                yield recipient["emailAddress"], "bounce"
    elif kind == "Complaint":
        for recipient in (notification.get("complaint") or {}).get("complainedRecipients") or []:
            if recipient.get("emailAddress"):
                yield recipient["emailAddress"], "complaint"


def _address(value: str) -> str:
    """SES may give "Name <a@b>": the bare address, lower case (as the accounts keep it)."""
    from email.utils import parseaddr

    return parseaddr(value)[1].strip().lower()


def suppress(records: RecordStore, email: str, reason: str, now: float | None = None) -> None:
    records.put({"pk": f"SUPPRESSED#{email}", "sk": "MAIL", "reason": reason,
                 "at": int(time.time() if now is None else now)})


def pause_address(services: Any, email: str) -> int:
    """Pause the alerts to ``email`` of the account whose address it is (EMAIL# record), as
    « Mes critères » shows them (alert "paused"), and drop them from the matcher. A search of
    another account alerting this address cannot be found without a scan: the job skips
    suppressed addresses, so it gets no mail either."""
    account = services.records.get(f"EMAIL#{email}", "ACCOUNT")
    if not account or not account.get("user_id"):
        return 0
    user_id = account["user_id"]
    paused = []
    for item in services.records.query(f"USER#{user_id}", "SEARCH#"):
        if item.get("email") == email and item.get("alert", "on") == "on":
            services.records.put({**item, "alert": "paused"})
            paused.append(f"{user_id}:{item['sk'].removeprefix('SEARCH#')}")
    if paused:
        services.alert_matcher.remove(paused)
    return len(paused)


def handle_sns(services: Any, event: dict[str, Any]) -> int:
    """Every suppression of an SNS event; returns how many addresses were suppressed."""
    count = 0
    for record in event.get("Records") or []:
        try:
            notification = json.loads((record.get("Sns") or {}).get("Message") or "{}")
        except ValueError:
            log.warning("SNS message that is not JSON ignored")
            continue
        for raw, reason in suppressions(notification):
            email = _address(raw)
            if not email:
                continue
            suppress(services.records, email, reason)
            paused = pause_address(services, email)
            log.info("address suppressed (%s), %d alerts paused", reason, paused)
            count += 1
    return count
