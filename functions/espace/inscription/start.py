"""Registration: the public page « M'inscrire / me réinscrire », GET /inscription (helper A)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter()
