"""The counsellors' tests' own steps: a CSRF token of the counsellor's session, days to come, a
slot opened and booked for a sent request (as the candidate's appointment page books it)."""

from __future__ import annotations

import datetime as dt

from espace.text import PARIS


def token(client) -> str:
    """A CSRF token of the client's session (bound to the session, valid for every form)."""
    return client.csrf_token("/conseiller/mot-de-passe")


def next_monday() -> dt.date:
    today = dt.datetime.now(PARIS).date()
    return today + dt.timedelta(days=7 - today.weekday())


def at(day: dt.date, hour: int, minute: int = 0) -> int:
    return int(dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).timestamp())


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}-jour": str(day.day), f"{name}-mois": str(day.month), f"{name}-annee": str(day.year)}


def book(registration, start: int, length: int = 30):
    """Open the slot at ``start`` and book it for ``registration`` (state BOOKED), one transaction."""
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services
    from espace.inscription.model import BOOKED
    from espace.inscription.service import RegistrationDesk

    records = get_services().records
    agenda = AgencyAgenda(records, registration.agency_id)
    agenda.open([start], length, "test")
    registration.state = BOOKED
    registration.appointment = {"start": start, "length": length, "agency_id": registration.agency_id}
    agenda.book(start, registration.user_id, purpose="inscription", reference=registration.reference,
                name=registration.name, also=RegistrationDesk(records).changes(registration))
    return registration


def current(registration):
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    return RegistrationDesk(get_services().records).get(registration.user_id, registration.number)


def audit_of(user_id: str) -> list[dict]:
    from espace.bootstrap import get_services
    from espace.conseillers.audit import log_of

    return log_of(get_services().records, user_id)
