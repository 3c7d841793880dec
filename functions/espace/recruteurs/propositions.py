"""Propositions (/recruteur/propositions…): propose an open offer to a CV's candidate, follow the answers."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"recruteur"})
