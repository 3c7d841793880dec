"""Moving into another agency's territory: an address change moves the dossier with it.

The new commune's agency is the registration's rule (``Agencies.for_commune``). When it is not the
dossier's, the change of situation's transaction (``situation.record``) also carries ``writes``:

- the dossier ``USER#{uid}`` / ``DDE`` with the new ``agency_id`` (its other fields as read);
- the agency index of dossiers (``agency_index``): the old agency's entry forgotten, the new one's
  written, so each agency's counsellors search only the dossiers they follow;
- ``USER#{uid}`` / ``AGENCY-MOVE#{n:04d}`` {from, to, key, at}, written **only if absent**, ``n``
  the number of moves so far plus one: of two address changes racing from the same agency, one
  transaction succeeds and the other reads the moved dossier again (``situation.record``).

The change itself is written only if absent in the same transaction, so a retried request moves
nothing twice. ``REGISTERED#`` index entries carry no agency: nothing to move there.

Appointments already booked with the old agency are kept: the move may be dated after them, and
nothing a candidate arranged disappears unasked. The confirmation and the receipt say so and
point to « Mon agenda », where each can be cancelled or moved up to 24 hours before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.dossier import agency_index
from espace.dossier.model import Dossier
from espace.ports import Delete, Put, RecordStore

if TYPE_CHECKING:
    from espace.agences.model import Agency
    from espace.bootstrap import Services

PREFIX = "AGENCY-MOVE#"


def agency_for_commune(services: Services, commune: str) -> Agency | None:
    """The agency serving a commune (INSEE code), as at registration."""
    return services.agencies.for_commune(commune, services.places) if commune else None


def current(records: RecordStore, user_id: str) -> tuple[int, Dossier | None]:
    """(the number of moves so far, the dossier), read in that order: a move committed between the
    two reads leaves the count behind, so the marker ``count + 1`` exists and the transaction fails
    (and is retried) rather than moving from an agency the dossier already left."""
    count = len(records.query(f"USER#{user_id}", PREFIX))
    item = records.get(f"USER#{user_id}", "DDE")
    return count, Dossier.of(item) if item is not None else None


def writes(records: RecordStore, dossier: Dossier, count: int, to: str, *, key: str, at: int,
           name: str) -> list[Put | Delete]:
    """The writes that move ``dossier`` (read with ``count`` by ``current``) to agency ``to``, for
    the change ``key``'s transaction."""
    user_id = dossier.user_id
    item = records.get(f"USER#{user_id}", "DDE") or dossier.item()
    indexed = agency_index.get(records, dossier.agency_id, dossier.identifier) or {}
    return [Put({**item, "agency_id": to}),
            agency_index.forget(dossier.agency_id, dossier.identifier),
            agency_index.entry(to, dossier.identifier, user_id, str(indexed.get("name") or name)),
            Put({"pk": f"USER#{user_id}", "sk": f"{PREFIX}{count + 1:04d}", "from": dossier.agency_id, "to": to,
                 "key": key, "at": at}, if_absent=True)]
