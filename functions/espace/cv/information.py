"""Étape 2 sur 4, « Les informations de mon CV » (the seed's étape 1): each rubric on its own page.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
