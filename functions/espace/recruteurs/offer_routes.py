"""Publishing offers (/recruteur/offres…): publish, edit, suspend, close as filled."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"recruteur"})
