"""Registration: the appointment: three slots, booking, confirmation, .ics (helper D)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
