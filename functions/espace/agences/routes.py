"""« Je trouve mon agence »: the public agency finder, GET /agences and /agences/<agence> (helper D)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter()
