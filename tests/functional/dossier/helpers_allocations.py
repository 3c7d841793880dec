"""Allowances in the functional tests: a validated candidate with the right computed as a
validation computes it, declarations written as the actualisation writes them (records.Declaration
and its DECLARED index entry, in one transaction), and the months after the right's start."""

from __future__ import annotations

import datetime as dt

from espace.bootstrap import get_services
from espace.dossier.payments import month_bounds
from espace.dossier.records import Declaration, Work, declared_index
from espace.dossier.rights import compute_right, right_of
from espace.ports import Put
from tests.functional.dossier.helpers import validated_candidate


def with_right(platform, email: str, *, ip: str = "198.51.100.8"):
    """(client, registration, dossier, right): the sample request (a CDD ended in August 2025)."""
    client, registration, dossier, _letter = validated_candidate(platform, email, ip=ip)
    right = compute_right(get_services(), registration, dossier)
    return client, registration, dossier, right


def month_after(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def day_after(month: str) -> dt.date:
    """The first day after ``month``: a day the job can pay it."""
    return month_bounds(month)[1] + dt.timedelta(days=1)


def declare(user_id: str, month: str, *, work: list[Work] | None = None, still_looking: bool = True,
            events=None) -> Declaration:
    declaration = Declaration(user_id=user_id, month=month, still_looking=still_looking, work=work or [],
                              events=events or [], submitted_at=1, first_submitted_at=1)
    pk, sk = declared_index(month, user_id)
    get_services().records.transact([Put(declaration.item(), if_absent=True), Put({"pk": pk, "sk": sk})])
    return declaration


def current_right(user_id: str):
    return right_of(get_services().records, user_id)
