"""Counsellors: the agency's agenda: open slots in bulk, close one, the day's appointments (helper E)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"conseiller"})
