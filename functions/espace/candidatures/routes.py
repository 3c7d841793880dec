"""« Mes candidatures » (/mon-espace/candidatures): every application, its state history, withdrawal, the archive."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
