"""The applications inbox (/recruteur/offres/<offre>/candidatures…): read, download the CV, move through states."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"recruteur"})
