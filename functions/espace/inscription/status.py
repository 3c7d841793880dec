"""Registration: the request's page: GET /mon-espace/inscription (helper C)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
